from django.http import HttpRequest

_NAV_BY_NAMESPACE = {
    "guides": "guides",
    "assessments": "assessments",
    "plans": "plans",
    "accounts": "account",
}


def navigation(request: HttpRequest) -> dict[str, str]:
    """Which main navigation entry is current, from the URL namespace."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    if (
        not namespace
        and match
        and match.url_name
        and match.url_name.startswith("account_")
    ):
        return {"nav": "account"}
    return {"nav": _NAV_BY_NAMESPACE.get(namespace, "")}
