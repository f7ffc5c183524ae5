"""Member-facing coaching pages: feedback, and the conversation on a plan."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import member_required
from config.http import posted, see_other, wants_fragment
from plans.models import Plan

from . import services
from .forms import MessageForm
from .models import CoachFeedback

THREAD = "coaching/thread.html"


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


def thread_context(plan: Plan, form: MessageForm | None = None) -> dict:
    """The thread, newest last, and the form to write in it (two queries)."""
    thread = list(plan.messages.select_related("author", "milestone"))
    return {
        "plan": plan,
        "thread": thread,
        "unread": sum(1 for m in thread if m.from_coach and m.read_at is None),
        "message_form": form or MessageForm(plan=plan),
        "coach": plan.member.coach_id,
    }


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def thread(request, pk: int) -> HttpResponse:
    """The whole conversation with the coach on one plan; the member writes
    here or from the plan page. Reading it changes nothing: marking read is a
    POST (or a reply)."""
    plan = get_object_or_404(
        Plan.objects.for_member(request.user).select_related("member__coach"), pk=pk
    )
    form = MessageForm(posted(request), plan=plan)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, THREAD, thread_context(plan, form), status=400)
        services.send_message(author=request.user, plan=plan, **form.cleaned_data)
        messages.success(request, "Message sent to your coach.")
        if request.POST.get("next") == "plan":
            return see_other(f"{plan.get_absolute_url()}#conversation")
        return see_other(f"{request.path}#conversation")
    if wants_fragment(request):
        # The form alone, opened on demand in the plan page's conversation.
        context = {"plan": plan, "message_form": form, "next": "plan"}
        return render(request, f"{THREAD}#message-form", context)
    return render(request, THREAD, thread_context(plan))


@member_required
@require_POST
def thread_read(request, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.for_member(request.user), pk=pk)
    services.mark_thread_read(plan=plan, reader=request.user)
    messages.success(request, "Your coach's messages are marked as read.")
    return see_other(f"{plan.get_absolute_url()}#conversation")
