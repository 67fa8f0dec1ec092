from django.urls import path

from reporting import api

urlpatterns = [
    path("observations/", api.observation_write, name="api_observation_write"),
    path("submissions/", api.submission_list, name="api_submission_list"),
]
