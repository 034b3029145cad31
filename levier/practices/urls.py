from django.urls import path

from levier.practices import views

urlpatterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/propose/", views.practice_propose, name="practice_propose"),
    path("practices/gains/", views.practice_gains_method, name="practice_gains_method"),
    path("practices/<practice:pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<practice:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<practice:pk>/submit/", views.practice_submit, name="practice_submit"),
    path("practices/<practice:pk>/adopt/", views.practice_adopt, name="practice_adopt"),
    path("practices/<practice:pk>/plan/", views.practice_add_to_plan, name="practice_add_to_plan"),
    path("n/<network:network_slug>/practices/", views.network_practices, name="network_practices"),
    path(
        "n/<network:network_slug>/practices/<practice:pk>/review/",
        views.practice_review,
        name="practice_review",
    ),
    path(
        "n/<network:network_slug>/practices/import/",
        views.practice_import,
        name="practice_import",
    ),
    path(
        "n/<network:network_slug>/practices/export.<ext:extension>",
        views.practice_export,
        name="practice_export",
    ),
]
