from django.urls import path

from targets import api

urlpatterns = [
    path("target-rounds/", api.round_list, name="target-round-list"),
    path("target-rounds/<int:pk>/", api.round_detail, name="target-round-detail"),
]
