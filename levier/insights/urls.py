from django.urls import path

from levier.insights import views

N = "n/<slug:network_slug>/insights/"

urlpatterns = [
    path(N, views.dashboard, name="network_dashboard"),
    path(N + "improvement/", views.improvement_report, name="improvement_report"),
    path(N + "export.<str:extension>", views.export, name="insights_export"),
    path(N + "members/<slug:member>/results/", views.shared_results, name="shared_results"),
    path("o/<slug:org_slug>/sharing/", views.sharing, name="results_sharing"),
    path("o/<slug:org_slug>/sharing/change/", views.sharing_toggle, name="results_sharing_toggle"),
]
