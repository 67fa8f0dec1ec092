"""The API's lists, a page at a time."""

from rest_framework.pagination import PageNumberPagination

from strategy_tracker import query


class PageOf50(PageNumberPagination):
    """A page of 50 items unless `page_size` asks for another size (up to 200), as the lists on the pages show them:
    `{"count", "next", "previous", "results"}`; a page past the last answers 404. A `page` or `page_size` that is
    not a whole number in range (or given twice) answers 400, as the schema says (DRF's own would ignore a bad
    size and read `page=last`)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    def get_page_size(self, request):
        size = query.whole_number(request, self.page_size_query_param, minimum=1, maximum=self.max_page_size)
        return self.page_size if size is None else size

    def get_page_number(self, request, paginator):
        number = query.whole_number(request, self.page_query_param, minimum=1)
        return 1 if number is None else number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
