from django.urls import path

from levier.practices import views

urlpatterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/propose/", views.practice_propose, name="practice_propose"),
    path("practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/submit/", views.practice_submit, name="practice_submit"),
    path("practices/<int:pk>/adopt/", views.practice_adopt, name="practice_adopt"),
    path("n/<slug:network_slug>/practices/", views.network_practices, name="network_practices"),
    path(
        "n/<slug:network_slug>/practices/<int:pk>/review/",
        views.practice_review,
        name="practice_review",
    ),
    path(
        "n/<slug:network_slug>/practices/import/",
        views.practice_import,
        name="practice_import",
    ),
    path(
        "n/<slug:network_slug>/practices/export.<str:extension>",
        views.practice_export,
        name="practice_export",
    ),
]
