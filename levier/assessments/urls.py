from django.urls import path

from levier.assessments import answering, result_views, views

A = "o/<org:org_slug>/assessments/"
ONE = A + "<assessment:pk>/"

urlpatterns = [
    path(A, views.assessment_list, name="assessment_list"),
    path(A + "new/", views.assessment_start, name="assessment_start"),
    path(ONE, views.assessment_detail, name="assessment_detail"),
    path(ONE + "assign/", views.assessment_assign, name="assessment_assign"),
    path(ONE + "submit/", views.assessment_submit, name="assessment_submit"),
    path(ONE + "reopen/", views.assessment_reopen, name="assessment_reopen"),
    path(ONE + "themes/<theme:theme_code>/", answering.theme_page, name="assessment_theme"),
    path(ONE + "answers/<question:code>/", answering.answer, name="assessment_answer"),
    path(
        ONE + "answers/<question:code>/evidence/",
        answering.evidence_upload,
        name="assessment_evidence_upload",
    ),
    path(
        ONE + "evidence/<evidence:evidence_id>/",
        answering.evidence_download,
        name="assessment_evidence",
    ),
    path(
        ONE + "evidence/<evidence:evidence_id>/delete/",
        answering.evidence_delete,
        name="assessment_evidence_delete",
    ),
    path(ONE + "results/", result_views.results_page, name="assessment_results"),
    path(ONE + "results.pdf", result_views.results_pdf, name="assessment_results_pdf"),
    path(ONE + "results.xlsx", result_views.results_xlsx, name="assessment_results_xlsx"),
]
