from django.urls import path

from places.api import ProvinceList

urlpatterns = [path("provinces/", ProvinceList.as_view(), name="api_provinces")]
