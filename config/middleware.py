"""Middleware for every request: body size and private caching."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class RequestBodyLimitMiddleware:
    """Refuse any request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``, whatever
    its content type, before anything reads it.

    Django's own limit leaves out the file parts of a multipart body, which
    are streamed to disk instead; nothing here takes files, so a body that big
    is refused outright (our 400 page, as for an oversized form).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            raise RequestDataTooBig(
                "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
            )
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Whatever is answered within a session (a member's pages, the calendar,
    the data export, the admin) is kept by no cache: not a shared proxy's, and
    not the browser's disk either once they sign out.

    Decided by the session cookie, sent or set, rather than by loading the
    user: that needs the database, which a health check must not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cookie = settings.SESSION_COOKIE_NAME
        if cookie in request.COOKIES or cookie in response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response
