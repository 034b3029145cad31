"""The models these foreign keys point at moved from the community app to events,
clubs and programmes (ADR 39), keeping their tables: only Django's state
changes, the database's constraints already point at the right tables."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0001_initial'),
        ('trainings', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='attendance',
                    name='registration',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_attendances', to='events.registration'),
                ),
                migrations.AlterField(
                    model_name='surveyanswer',
                    name='event',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_survey_answers', to='events.event'),
                ),
                migrations.AlterField(
                    model_name='surveyinvitation',
                    name='registration',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='training_survey', to='events.registration'),
                ),
                migrations.AlterField(
                    model_name='trainingsession',
                    name='event',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_sessions', to='events.event'),
                ),
            ],
            # The database's foreign keys already point at these tables.
            database_operations=[],
        ),
    ]
