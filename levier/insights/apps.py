from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "levier.insights"
    verbose_name = _("Benchmarks and dashboards")

    def ready(self):
        from levier.insights import signals  # noqa: F401 (connects the receivers)
