"""The API's one body parser: JSON, refusing what the standard parser lets through as a server error."""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class TrackerJSONParser(JSONParser):
    """DRF's JSON parser, answering 400 instead of 500 to a body nested deeper than Python's decoder goes
    (`[[[[…` raises RecursionError). Any other content type is refused 415 by DRF, since this is the only parser
    (settings.REST_FRAMEWORK)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON nested too deeply", code="too_deep") from exc
