from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "levier.audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from levier.audit import personal_data, signals  # noqa: F401  (connects, registers)
