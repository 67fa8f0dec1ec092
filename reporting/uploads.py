"""An upload handler that stops reading a request's file past a size limit: the rest of the body is drained and
dropped (nothing is kept in memory or on disk), and the view answers 413. Installed by the view before anything
reads the body (Django's pattern for changing upload handlers: the view is csrf_exempt outside, csrf_protect
inside)."""

from __future__ import annotations

from functools import wraps
from typing import Any, Protocol

from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class UploadSizeLimit(FileUploadHandler):
    def __init__(self, request=None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data  # the next handler keeps it

    def file_complete(self, file_size: int) -> None:
        return None


class LimitedRequest(Protocol):
    """A request seen through `limit_upload`: its size-limit handler is an attribute."""

    upload_limit: UploadSizeLimit


def limit_upload(limit: int):
    """Decorate a view so that `request.upload_limit.exceeded` tells whether a file went past `limit` bytes."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            handler = UploadSizeLimit(request, limit=limit)
            request.upload_handlers.insert(0, handler)
            request.upload_limit = handler
            return view(request, *args, **kwargs)

        view_function: Any = wrapped  # functools' wrapper type declares no attribute of Django's
        view_function.csrf_exempt = True  # the view inside checks CSRF, after the handler is in place
        return wrapped

    return decorator
