from django.contrib.admin.apps import AdminConfig


class LevierAdminConfig(AdminConfig):
    """Django's admin, served by the site of ``levier.tenancy.admin``."""

    default_site = "levier.tenancy.admin.LevierAdminSite"
