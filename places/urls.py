from django.urls import path

from places import views

app_name = "places"
urlpatterns = [
    path("provinces/", views.provinces, name="provinces"),
    path("indicators/<code:code>/communes/", views.indicator_communes, name="indicator_communes"),
]
