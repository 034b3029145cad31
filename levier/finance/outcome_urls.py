"""Outcomes of impact finance (anonymous figures) and mentoring pairs, for
the network's staff."""

from django.urls import path

from levier.finance import mentoring_views, outcome_views

N = "n/<network:network_slug>/finance/"
M = N + "mentoring/<mentoring_pair:pk>/"

urlpatterns = [
    path(N + "outcomes/", outcome_views.outcomes, name="finance_outcomes"),
    path(N + "outcomes/export.csv", outcome_views.outcomes_csv, name="finance_outcomes_csv"),
    path(N + "outcomes/export.xlsx", outcome_views.outcomes_xlsx, name="finance_outcomes_xlsx"),
    path(N + "mentoring/", mentoring_views.pair_list, name="mentoring_list"),
    path(N + "mentoring/new/", mentoring_views.pair_create, name="mentoring_create"),
    path(M, mentoring_views.pair_detail, name="mentoring_detail"),
    path(M + "edit/", mentoring_views.pair_edit, name="mentoring_edit"),
    path(M + "end/", mentoring_views.pair_end, name="mentoring_end"),
    path(
        M + "notes/<mentoring_note:note_pk>/delete/",
        mentoring_views.note_delete,
        name="mentoring_note_delete",
    ),
]
