from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "levier.accounts"
    verbose_name = _("Networks, organisations and people")
