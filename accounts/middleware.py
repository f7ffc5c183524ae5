from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class StaffTwoFactorMiddleware:
    """Staff reach the admin only once they have an authenticator app set up.

    Signing in then asks for its code (allauth's MFA stage), and the admin's
    own login goes through allauth too, so its rate limits apply.

    Whether a request is for the admin is decided by the view it resolved to,
    or by its path within the site (``path_info``), never by ``request.path``:
    that carries ``SCRIPT_NAME``, which a
    deployment under a prefix (or a client, through some servers) can set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Reversed before any request, so without a script prefix.
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func, view_args, view_kwargs
    ) -> HttpResponse | None:
        match = request.resolver_match
        in_admin = (match is not None and "admin" in match.namespaces) or (
            request.path_info.startswith(self.admin_prefix)
        )
        if not in_admin:
            return None
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request,
                "Staff accounts need two-factor authentication. Set up an "
                "authenticator app to continue to the admin.",
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return None
