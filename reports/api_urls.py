from django.urls import path

from reports import api

urlpatterns = [
    path("reports/<str:period_code>/", api.report_detail, name="api_report_detail"),
]
