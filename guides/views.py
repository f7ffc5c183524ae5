from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
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
    context = {
        "guide": guide,
        "page": services.GuidePage(guide, member_level=member_level),
        "member_level": member_level,
        "preview": not guide.is_live,
        # The page's sections are cached until the guide changes (rendering
        # them is most of the cost); related guides can lag by minutes.
        "cache_stamp": guide.updated_at.timestamp() if guide.updated_at else 0,
        "cache_seconds": 300,
    }
    return render(request, "guides/guide_detail.html", context)
