from django.urls import path

from places.api import IndicatorFigures, ProvinceList

urlpatterns = [
    path("provinces/", ProvinceList.as_view(), name="api_provinces"),
    path("indicators/<str:code>/figures/", IndicatorFigures.as_view(), name="api_indicator_figures"),
]
