from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import member_required
from config.http import posted, see_other

from .data import delete_member, export_member_data
from .forms import DeleteAccountForm, ProfileForm


@member_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(posted(request), instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile is saved.")
            return see_other("accounts:profile")
        messages.error(request, "Please correct the errors below.")
        return render(request, "accounts/profile.html", {"form": form}, status=400)
    return render(request, "accounts/profile.html", {"form": form})


@member_required
@require_safe
def data_export(request: HttpRequest) -> HttpResponse:
    """Download every row of mine as JSON."""
    payload = export_member_data(request.user)
    response = JsonResponse(payload, json_dumps_params={"indent": 2})
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="crossroads-data-{stamp}.json"'
    )
    return response


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete my account and everything of mine, after my password."""
    if request.user.is_staff:
        if request.method != "POST":
            # Said on the page, not as a message: a message would be a write.
            return render(request, "accounts/account_delete.html", {"staff": True})
        messages.error(request, "Staff accounts are closed by a superuser.")
        return see_other("accounts:profile")
    form = DeleteAccountForm(posted(request), user=request.user)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/account_delete.html", {"form": form},
                          status=400)  # fmt: skip
        user = request.user
        logout(request)
        delete_member(user=user)
        messages.success(request, "Your account and all your data are deleted.")
        return see_other("home")
    return render(request, "accounts/account_delete.html", {"form": form})
