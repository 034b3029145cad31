from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "levier.messaging"
    verbose_name = _("Messages to members")

    def ready(self):
        from levier.messaging import personal_data  # noqa: F401  (registers a section)
