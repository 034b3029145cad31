"""The models these foreign keys point at moved from the community app to events,
clubs and programmes (ADR 39), keeping their tables: only Django's state
changes, the database's constraints already point at the right tables."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clubs', '0001_initial'),
        ('events', '0001_initial'),
        ('messaging', '0001_initial'),
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='campaign',
                    name='club',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='clubs.club', verbose_name='club'),
                ),
                migrations.AlterField(
                    model_name='campaign',
                    name='event',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='events.event', verbose_name='event'),
                ),
                migrations.AlterField(
                    model_name='campaign',
                    name='programme',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='programmes.programme', verbose_name='programme'),
                ),
            ],
            # The database's foreign keys already point at these tables.
            database_operations=[],
        ),
    ]
