from django.urls import path

from levier.insights import views

N = "n/<network:network_slug>/insights/"

urlpatterns = [
    path(N, views.dashboard, name="network_dashboard"),
    path(N + "improvement/", views.improvement_report, name="improvement_report"),
    path(N + "export.<ext:extension>", views.export, name="insights_export"),
    path(N + "members/<org:member>/results/", views.shared_results, name="shared_results"),
    path("o/<org:org_slug>/sharing/", views.sharing, name="results_sharing"),
    path("o/<org:org_slug>/sharing/change/", views.sharing_toggle, name="results_sharing_toggle"),
]
