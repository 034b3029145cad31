from django.urls import path

from levier.audit import views

urlpatterns = [
    path("o/<org:org_slug>/audit/", views.organisation_trail, name="organisation_audit"),
    path("n/<network:network_slug>/audit/", views.network_trail, name="network_audit"),
    path("me/activity/", views.my_activity, name="my_activity"),
]
