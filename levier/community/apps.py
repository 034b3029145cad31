from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "levier.community"
    verbose_name = _("Network animation")

    def ready(self):
        from levier.community import personal_data  # noqa: F401  (registers a section)
