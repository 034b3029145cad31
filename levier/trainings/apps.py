from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "levier.trainings"
    verbose_name = _("Trainings")

    def ready(self):
        from levier.trainings import personal_data  # noqa: F401  (registers a section)
