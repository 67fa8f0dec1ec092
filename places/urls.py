from django.urls import path

from places import views

app_name = "places"
urlpatterns = [
    path("provinces/", views.provinces, name="provinces"),
    path("provinces/heatmap/", views.provinces_heatmap, name="provinces_heatmap"),
    path("indicators/<code:code>/communes/", views.indicator_communes, name="indicator_communes"),
]
