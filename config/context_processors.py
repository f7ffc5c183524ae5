from functools import cache

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_NAV_BY_NAMESPACE = {
    "guides": "guides",
    "assessments": "assessments",
    "plans": "plans",
    "accounts": "account",
}


#: The site-wide links every page's header and footer show.
_LINKS = {
    "home": "home", "guides": "guides:list", "assessments": "assessments:list",
    "plans": "plans:list", "profile": "accounts:profile",
    "logout": "account_logout", "login": "account_login",
    "signup": "account_signup", "healthz": "healthz",
}  # fmt: skip


@cache
def _links(prefix: str, urlconf: str | None) -> dict[str, str]:
    """Reversed once per process (and script prefix): every page shows them,
    and reversing nine routes was a tenth of a cached guide page's work."""
    links = {}
    for name, route in _LINKS.items():
        try:
            links[name] = reverse(route)
        except NoReverseMatch:  # a URLconf without that part of the site
            links[name] = ""
    return links


def navigation(request: HttpRequest) -> dict:
    """Which main navigation entry is current, from the URL namespace, and the
    site-wide links."""
    links = _links(get_script_prefix(), get_urlconf())
    return {"nav": _current(request), "links": links}


def _current(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    if (
        not namespace
        and match
        and match.url_name
        and match.url_name.startswith("account_")
    ):
        return "account"
    return _NAV_BY_NAMESPACE.get(namespace, "")
