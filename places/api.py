from rest_framework import generics

from places.selectors import provinces_in_force
from places.serializers import ProvinceSerializer


class ProvinceList(generics.ListAPIView):
    """The provinces in force (the 34 since 1 July 2025) with their official codes, names and types, and the former
    provinces that became part of each. One page: the list is short."""

    serializer_class = ProvinceSerializer
    pagination_class = None

    def get_queryset(self):
        return provinces_in_force()
