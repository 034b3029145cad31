from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "levier.events"
    verbose_name = _("Events")

    def ready(self):
        from levier.events import personal_data  # noqa: F401  (registers a section)
