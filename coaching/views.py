"""Member-facing coaching pages."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import member_required
from config.http import see_other

from . import services
from .models import CoachFeedback


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_detail(request, pk: int, feedback_pk: int) -> HttpResponse:
    """One piece of coach feedback; the member marks it read with a POST."""
    feedback = get_object_or_404(
        CoachFeedback.objects.for_member(request.user).select_related(
            "plan", "milestone", "coach"
        ),
        pk=feedback_pk,
        plan_id=pk,
    )
    if request.method == "POST":
        services.mark_feedback_read(feedback=feedback)
        messages.success(request, "Feedback marked as read.")
        return see_other(f"{feedback.plan.get_absolute_url()}#feedback")
    return render(request, "coaching/feedback_detail.html", {"feedback": feedback})
