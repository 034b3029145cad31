from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    name = "levier.mailing"
    verbose_name = _("Emails")

    def ready(self):
        from levier.mailing import personal_data  # noqa: F401  (registers a section)
