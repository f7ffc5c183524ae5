"""Small HTTP helpers shared by every app."""

from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def see_other(to: str, *args, **kwargs) -> HttpResponseSeeOther:
    """Redirect after a successful POST, so reloading never re-submits."""
    return HttpResponseSeeOther(resolve_url(to, *args, **kwargs))
