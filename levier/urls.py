from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Levier back office")
admin.site.site_title = _("Levier back office")
admin.site.index_title = _("Network administration")

urlpatterns = [
    path("", include("levier.core.urls")),
    path("", include("levier.accounts.urls")),
    path("", include("levier.assessments.urls")),
    path("", include("levier.practices.urls")),
    path("", include("levier.plans.urls")),
    path("", include("levier.community.urls")),
    path("", include("levier.insights.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
