from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsmeConfig(AppConfig):
    name = "levier.vsme"
    verbose_name = _("VSME report")
