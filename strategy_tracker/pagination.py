"""The API's lists, a page at a time."""

from rest_framework.pagination import PageNumberPagination


class PageOf50(PageNumberPagination):
    """A page of 50 items unless `page_size` asks for another size (up to 200), as the lists on the pages show them:
    `{"count", "next", "previous", "results"}`; a page past the last answers 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
