from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "levier.plans"
    verbose_name = _("Action plans")

    def ready(self):
        from levier.plans import (
            personal_data,  # noqa: F401  (registers a section)
            suggesting,  # noqa: F401  (connects its signals)
        )
