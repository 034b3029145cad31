from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "levier.assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from levier.assessments import personal_data  # noqa: F401  (registers a section)
