from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from . import services
from .forms import GuideSearchForm
from .models import Guide, Tag


def _wants_fragment(request) -> bool:
    htmx: HtmxDetails = request.htmx
    return bool(htmx) and not htmx.boosted


@require_safe
@vary_on_headers("HX-Request")
def guide_list(request) -> HttpResponse:
    form = GuideSearchForm.from_query(request.GET)
    query, tag = "", ""
    if form.is_valid():
        query, tag = form.cleaned_data["q"], form.cleaned_data["tag"]
    published = Guide.objects.published()
    guides = list(
        published.with_roles().prefetch_related("tags").tagged(tag).search(query)
    )
    suggestions = []
    if not guides:
        suggestions = list(published.with_roles().order_by("-reviewed_on", "title")[:3])
    context = {
        "form": form,
        "query": query,
        "active_tag": tag,
        "guides": guides,
        "suggestions": suggestions,
        "tags": Tag.objects.filter(guides__in=published).distinct(),
    }
    template = "guides/guide_list.html"
    if _wants_fragment(request):
        template += "#results"
    return render(request, template, context)


@require_safe
def guide_detail(request, slug: str) -> HttpResponse:
    guide = get_object_or_404(
        Guide.objects.visible_to(request.user).with_roles(), slug=slug
    )
    member_level = request.user.level if request.user.is_authenticated else ""
    bands = list(guide.bands.all())
    topics_a, topics_b = services.topics_by_side(guide, list(guide.topics.all()))
    context = {
        "guide": guide,
        "body": services.rendered_body(guide),
        "rows": list(guide.rows.all()),
        "pay": services.pay_by_level(guide, bands, member_level=member_level),
        "topics_a": topics_a,
        "topics_b": topics_b,
        "related": list(guide.related.published().with_roles()),
        "member_level": member_level,
        "preview": not guide.is_live,
        "assessment_url": (
            reverse("assessments:start", args=[guide.slug])
            if guide.is_live and guide.questions.exists()
            else ""
        ),
    }
    return render(request, "guides/guide_detail.html", context)
