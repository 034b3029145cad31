from django.urls import path

from levier.plans import views, where_to_start

P = "o/<org:org_slug>/plan/"
W = "o/<org:org_slug>/assessments/<assessment:pk>/where-to-start/"

urlpatterns = [
    path(W, where_to_start.where_to_start, name="where_to_start"),
    path(W + "add/", where_to_start.add_suggestion, name="where_to_start_add"),
    path(P, views.plan_list, name="plan_list"),
    path(P + "board/", views.plan_board, name="plan_board"),
    path(P + "timeline/", views.plan_timeline, name="plan_timeline"),
    path(P + "new/", views.action_new, name="action_new"),
    path(P + "export.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path(P + "export.pdf", views.plan_pdf, name="plan_pdf"),
    path(P + "<action:pk>/", views.action_detail, name="action_detail"),
    path(P + "<action:pk>/status/", views.action_status, name="action_status"),
    path(P + "<action:pk>/comment/", views.action_comment, name="action_comment"),
    path(P + "<action:pk>/measure/", views.action_measure, name="action_measure"),
    path(P + "<action:pk>/evidence/", views.action_evidence_upload, name="action_evidence_upload"),
    path(
        P + "<action:pk>/evidence/<action_evidence:evidence_id>/",
        views.action_evidence,
        name="action_evidence",
    ),
]
