from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect


def member_required(view):
    """Like ``login_required``, and when a session expires in the middle of a
    form, signing in again leads back to the page that form was on."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        next_url = request.get_full_path()
        if request.method not in {"GET", "HEAD"}:
            referer = request.headers.get("Referer", "")
            if url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()},
                require_https=request.is_secure(),
            ):  # fmt: skip
                parts = urlsplit(referer)
                next_url = parts.path + (f"?{parts.query}" if parts.query else "")
            messages.info(
                request,
                "Your session had ended, so that change was not saved. Sign in "
                "and you will be back where you were.",
            )
        response = redirect_to_login(next_url)
        if request.htmx:
            # A fragment swap can't show the sign-in page: move the whole tab.
            return HttpResponseClientRedirect(response["Location"])
        return response

    return wrapper
