from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from levier.tenancy import converters  # noqa: F401  (registers the typed URL parameters)
from levier.tenancy.views import ACCOUNT, ADMIN, API, PUBLIC, declared

admin.site.site_header = _("Levier back office")
admin.site.site_title = _("Levier back office")
admin.site.index_title = _("Network administration")

urlpatterns = [
    path("", include("levier.core.urls")),
    path("", include("levier.accounts.urls")),
    path("", include("levier.assessments.urls")),
    path("", include("levier.practices.urls")),
    path("", include("levier.plans.urls")),
    path("", include("levier.events.urls")),
    path("", include("levier.clubs.urls")),
    path("", include("levier.programmes.urls")),
    path("", include("levier.insights.urls")),
    path("", include("levier.audit.urls")),
    path("", include("levier.carbon.urls")),
    path("", include("levier.vsme.urls")),
    path("", include("levier.mission.urls")),
    path("", include("levier.membership.urls")),
    path("", include("levier.messaging.urls")),
    path("", include("levier.finance.urls")),
    path("", include("levier.trainings.urls")),
    path("", include("levier.api.page_urls")),
    # Sign-in, password reset, email addresses: allauth's own views, which
    # read only the person's own account.
    declared(path("accounts/", include("allauth.urls")), ACCOUNT),
    declared(path("i18n/", include("django.conf.urls.i18n")), PUBLIC),
    # The API: every operation runs in its token's scope (levier.api).
    declared(path("", include("levier.api.urls")), API),
    # The back office: every page goes through levier.tenancy.admin.
    declared(path("admin/", admin.site.urls), ADMIN),
]
