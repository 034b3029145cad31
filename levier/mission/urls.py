"""Société à mission pages: the mission and its objectives (views), the
committee and its reports (committee_views), the verifier's calendar and
file (verification_views), and the network's companies with a mission
(network_views)."""

from django.urls import path

from levier.mission import committee_views, network_views, verification_views, views

M = "o/<org:org_slug>/mission/"
SO = M + "objectives/<statutory_objective:pk>/"
OO = M + "operational/<operational_objective:pk>/"
IN = M + "indicators/<indicator:pk>/"
C = M + "committee/"
V = M + "verification/"

urlpatterns = [
    path(M, views.overview, name="mission"),
    path(M + "edit/", views.mission_edit, name="mission_edit"),
    path(M + "objectives/new/", views.objective_new, name="mission_objective_new"),
    path(SO + "edit/", views.objective_edit, name="mission_objective_edit"),
    path(SO + "delete/", views.objective_delete, name="mission_objective_delete"),
    path(SO + "operational/new/", views.operational_new, name="mission_operational_new"),
    path(OO, views.operational_detail, name="mission_operational"),
    path(OO + "edit/", views.operational_edit, name="mission_operational_edit"),
    path(OO + "delete/", views.operational_delete, name="mission_operational_delete"),
    path(OO + "links/", views.operational_links, name="mission_operational_links"),
    path(OO + "indicators/new/", views.indicator_new, name="mission_indicator_new"),
    path(IN, views.indicator_detail, name="mission_indicator"),
    path(IN + "edit/", views.indicator_edit, name="mission_indicator_edit"),
    path(IN + "delete/", views.indicator_delete, name="mission_indicator_delete"),
    path(
        M + "measurements/<indicator_measurement:pk>/delete/",
        views.measurement_delete,
        name="mission_measurement_delete",
    ),
    path(
        M + "evidence/<measurement_evidence:pk>/",
        views.evidence_download,
        name="mission_evidence_download",
    ),
    path(C, committee_views.committee, name="mission_committee"),
    path(C + "members/new/", committee_views.member_new, name="mission_member_new"),
    path(
        C + "members/<committee_member:pk>/edit/",
        committee_views.member_edit,
        name="mission_member_edit",
    ),
    path(
        C + "members/<committee_member:pk>/delete/",
        committee_views.member_delete,
        name="mission_member_delete",
    ),
    path(C + "meetings/new/", committee_views.meeting_new, name="mission_meeting_new"),
    path(
        C + "meetings/<committee_meeting:pk>/",
        committee_views.meeting_detail,
        name="mission_meeting",
    ),
    path(
        C + "meetings/<committee_meeting:pk>/delete/",
        committee_views.meeting_delete,
        name="mission_meeting_delete",
    ),
    path(C + "reports/new/", committee_views.report_new, name="mission_report_new"),
    path(
        C + "reports/<committee_report:pk>/",
        committee_views.report_edit,
        name="mission_report",
    ),
    path(
        C + "reports/<committee_report:pk>/report.pdf",
        committee_views.report_pdf,
        name="mission_report_pdf",
    ),
    path(V, verification_views.verification, name="mission_verification"),
    path(V + "new/", verification_views.verification_new, name="mission_verification_new"),
    path(
        V + "<verification:pk>/edit/",
        verification_views.verification_edit,
        name="mission_verification_edit",
    ),
    path(
        V + "<verification:pk>/delete/",
        verification_views.verification_delete,
        name="mission_verification_delete",
    ),
    path(
        V + "documents/<verification_document:pk>/",
        verification_views.document_download,
        name="mission_verification_document",
    ),
    path(
        V + "verification-file.zip",
        verification_views.verification_file,
        name="mission_verification_file",
    ),
    path("n/<network:network_slug>/mission/", network_views.missions, name="mission_network"),
]
