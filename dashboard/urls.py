from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.overview, name="overview"),
    path("dashboard/briefing/", views.briefing, name="briefing"),
]
