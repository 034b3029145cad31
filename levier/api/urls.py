from django.urls import path

from levier.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
