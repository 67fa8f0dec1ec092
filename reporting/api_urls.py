from django.urls import path

from reporting import api, api_import

urlpatterns = [
    path("observations/", api.observation_write, name="api_observation_write"),
    path(
        "submissions/<slug:unit_slug>/<str:period_code>/import/",
        api_import.submission_import,
        name="api_submission_import",
    ),
    path("submissions/<slug:unit_slug>/<str:period_code>/", api.submission_draft, name="api_submission_draft"),
    path("submissions/", api.submission_list, name="api_submission_list"),
]
