"""The community app's models moved to the events, clubs and programmes apps
(ADR 39), which took them over in their state with their ``community_*``
tables. This takes them out of community's state, and nothing out of the
database. It runs last, once every foreign key elsewhere points at the new
apps' models.

The content types follow the models, so that the admin's history, the
permissions given on them and anything else keyed by content type still find
them: each ``community.<model>`` row becomes ``<new app>.<model>``."""

from django.db import migrations

MOVED = {
    "events": ["event", "registration", "calendarfeed"],
    "clubs": ["club", "clubmember"],
    "programmes": [
        "programme",
        "application",
        "appointment",
        "programmecoach",
        "programmeprospect",
    ],
}


def _relabel(ContentType, moves):
    for source, target, model in moves:
        # On a database whose content types were never created (a fresh one,
        # migrated in one go), there is nothing to rename: post_migrate will
        # create the new labels. A target that exists already is left alone.
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    _relabel(
        ContentType,
        [("community", app, model) for app, models in MOVED.items() for model in models],
    )


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    _relabel(
        ContentType,
        [(app, "community", model) for app, models in MOVED.items() for model in models],
    )


class Migration(migrations.Migration):

    dependencies = [
        ("community", "0008_programme_prospects"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0001_initial"),
        ("clubs", "0001_initial"),
        ("programmes", "0001_initial"),
        # Every foreign key to the moved models points at the new apps first.
        ("trainings", "0002_moved_community_models"),
        ("finance", "0002_moved_community_models"),
        ("messaging", "0002_moved_community_models"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Models that others point at go after those pointing at them.
            state_operations=[
                migrations.DeleteModel(name="Registration"),
                migrations.DeleteModel(name="CalendarFeed"),
                migrations.DeleteModel(name="Event"),
                migrations.DeleteModel(name="ClubMember"),
                migrations.DeleteModel(name="Club"),
                migrations.DeleteModel(name="ProgrammeProspect"),
                migrations.DeleteModel(name="ProgrammeCoach"),
                migrations.DeleteModel(name="Appointment"),
                migrations.DeleteModel(name="Application"),
                migrations.DeleteModel(name="Programme"),
            ],
            # The tables stay: they are the new apps' tables now.
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
