"""Sign-up that says plainly when an email is taken and answers 400 on errors.

allauth normally hides a taken address (it emails the owner instead); people
signing up here are told straight away, which the sign-up rate limit keeps
from being used to probe addresses in bulk.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.manage_email import email_already_exists
from allauth.account.views import SignupView as AllauthSignupView
from django.http import HttpResponse


class SignupForm(AllauthSignupForm):
    def validate_unique_email(self, value: str) -> str:
        email, _ = email_already_exists(value, always_raise=True)
        return email


class SignupView(AllauthSignupView):
    def form_invalid(self, form) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


signup = SignupView.as_view()
