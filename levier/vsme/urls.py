"""VSME report pages (views) and the network's readiness (network_views)."""

from django.urls import path

from levier.vsme import assessment_views, network_views, views

V = "o/<org:org_slug>/vsme/"
R = V + "<vsme_report:pk>/"

urlpatterns = [
    path(V, views.report_list, name="vsme_reports"),
    path(V + "new/", views.report_new, name="vsme_report_new"),
    path(R, views.report_detail, name="vsme_report"),
    path(R + "d/<disclosure:code>/", views.disclosure_page, name="vsme_disclosure"),
    path(R + "d/<disclosure:code>/confirm/", views.confirm_all, name="vsme_confirm_all"),
    path(R + "confirm/", views.datapoint_confirm, name="vsme_datapoint_confirm"),
    path(R + "refresh/", views.report_refresh, name="vsme_report_refresh"),
    path(R + "omitted/", views.report_omitted, name="vsme_report_omitted"),
    path(R + "identification/", views.report_identification, name="vsme_report_identification"),
    path(R + "complete/", views.report_complete, name="vsme_report_complete"),
    path(R + "read/", views.report_read, name="vsme_report_read"),
    path(R + "history/", views.report_history, name="vsme_report_history"),
    path(R + "vsme-template.xlsx", views.report_template, name="vsme_report_template"),
    path(R + "report.pdf", views.report_pdf, name="vsme_report_pdf"),
    path(
        V + "assessment/<assessment:pk>/<question:code>/use/",
        assessment_views.use_suggestion,
        name="vsme_use_suggestion",
    ),
    path("n/<network:network_slug>/vsme/", network_views.readiness, name="vsme_network_readiness"),
]
