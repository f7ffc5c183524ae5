"""Small HTTP helpers shared by every app."""

from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def see_other(to: str, *args, **kwargs) -> HttpResponseSeeOther:
    """Redirect after a successful POST, so reloading never re-submits."""
    return HttpResponseSeeOther(resolve_url(to, *args, **kwargs))


def posted(request: HttpRequest) -> QueryDict | None:
    """Form data for a POST — even an empty one, which must still be validated
    (``request.POST or None`` would treat it as no submission at all)."""
    return request.POST if request.method == "POST" else None
