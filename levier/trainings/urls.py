from django.urls import path

from levier.trainings import views

EVENT = "n/<network:network_slug>/events/<event:pk>/training/"
SESSION = EVENT + "sessions/<training_session:session_pk>/"

urlpatterns = [
    # Animators.
    path(EVENT, views.training_board, name="training_board"),
    path(EVENT + "sessions/new/", views.session_new, name="session_new"),
    path(SESSION, views.session_edit, name="session_edit"),
    path(SESSION + "delete/", views.session_delete, name="session_delete"),
    path(SESSION + "attendance/", views.session_attendance, name="session_attendance"),
    path(SESSION + "sign-in-sheet.pdf", views.session_sheet, name="session_sheet"),
    path(EVENT + "certificates.pdf", views.certificates, name="training_certificates"),
    path(
        EVENT + "certificates/<registration:registration_pk>.pdf",
        views.certificate,
        name="training_certificate",
    ),
    # Participants.
    path("events/<event:pk>/certificate.pdf", views.my_certificate, name="my_certificate"),
    path("training-survey/<training_survey_token:token>/", views.survey, name="training_survey"),
]
