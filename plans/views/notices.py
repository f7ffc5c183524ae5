"""A member's answers to a guide change notice: add the new milestones, or
dismiss it. Plain forms that redirect, so they work without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import guide_changes
from ..models import Plan


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return HttpResponseRedirect(target, status=303)


@login_required
@require_POST
def add_new_milestones(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.for_member(request.user), pk=pk)
    made = guide_changes.add_new_milestones(member=request.user, plan=plan)
    if made:
        count = len(made)
        messages.success(
            request,
            f"Added {count} new milestone{'s' if count != 1 else ''} after your "
            "open ones; your own milestones are unchanged.",
        )
    else:
        messages.info(request, "There are no new milestones to add to this plan.")
    return _back(request, plan.get_absolute_url())


@login_required
@require_POST
def dismiss_guide_change(request: HttpRequest, guide_pk: int) -> HttpResponse:
    if not guide_changes.dismiss(member=request.user, guide_id=guide_pk):
        raise Http404
    messages.success(
        request, "Notice dismissed. You will hear again only of a later change."
    )
    return _back(request, "/")
