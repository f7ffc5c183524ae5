from django.contrib import messages
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import member_required
from config.http import HtmxHttpRequest, posted, see_other

from .. import services
from ..forms import ReviewForm
from .page import own_plan, plan_editor


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def review_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The review form: opened on demand in the reviews section, or on its own
    page; it posts normally either way."""
    plan = own_plan(request, pk)
    template = "plans/review_add.html"
    form = ReviewForm(posted(request), auto_id="review-%s")
    if request.method != "POST":
        return plan_editor(request, template, plan, form=form)
    if not form.is_valid():
        return plan_editor(request, template, plan, status=400, form=form)
    review = services.record_review(plan=plan, **form.cleaned_data)
    messages.success(request, f"Review recorded: {review.get_decision_display()}.")
    return see_other(f"{plan.get_absolute_url()}#reviews")
