"""Small HTTP helpers shared by every app."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed django-htmx's middleware (type hints only)."""

    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """Whether to answer with the part of the page htmx swaps in: a boosted
    link or form navigates, so it gets the whole page."""
    return bool(request.htmx) and not request.htmx.boosted


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def see_other(to: str, *args, **kwargs) -> HttpResponseSeeOther:
    """Redirect after a successful POST, so reloading never re-submits."""
    return HttpResponseSeeOther(resolve_url(to, *args, **kwargs))


def posted(request: HttpRequest) -> QueryDict | None:
    """Form data for a POST — even an empty one, which must still be validated
    (``request.POST or None`` would treat it as no submission at all)."""
    return request.POST if request.method == "POST" else None


#: The largest id a bigint primary key can hold.
MAX_ID = 2**63 - 1


def id_in_range(value: int) -> bool:
    """Whether ``value`` can be an id at all: larger numbers overflow SQLite's
    integers (a 500) instead of matching nothing, so callers answer 404."""
    return 1 <= value <= MAX_ID


def site_url(request: HttpRequest | None = None) -> str:
    """The address links in emails start with: DJANGO_SITE_URL when it is set,
    else the address the request came to (the running development server)."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://127.0.0.1:8000"
