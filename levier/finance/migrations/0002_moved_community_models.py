"""The models these foreign keys point at moved from the community app to events,
clubs and programmes (ADR 39), keeping their tables: only Django's state
changes, the database's constraints already point at the right tables."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0001_initial'),
        ('finance', '0001_initial'),
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='meetingsession',
                    name='event',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meeting_session', to='events.event', verbose_name='event in the agenda'),
                ),
                migrations.AlterField(
                    model_name='project',
                    name='programme',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='projects', to='programmes.programme', verbose_name='collective project of the cohort'),
                ),
            ],
            # The database's foreign keys already point at these tables.
            database_operations=[],
        ),
    ]
