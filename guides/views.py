from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from config import fragments
from config.http import HtmxHttpRequest, wants_fragment

from . import services
from .forms import GuideSearchForm
from .models import Guide, Tag, can_edit_guides

LIST = "guides/guide_list.html"
LIST_DESCRIPTION = (
    "Guides that compare neighbouring roles: the work, interviews, pay by level "
    "and how to switch."
)
DETAIL = "guides/guide_detail.html"


@require_safe
@vary_on_headers("HX-Request")
def guide_list(request: HtmxHttpRequest) -> HttpResponse:
    form = GuideSearchForm.from_query(request.GET)
    query, tag = "", ""
    if form.is_valid():
        query, tag = form.cleaned_data["q"], form.cleaned_data["tag"]
    fragment = wants_fragment(request)

    def context() -> dict:
        published = Guide.objects.published()
        listed = published.with_roles().prefetch_related("tags").tagged(tag)
        # A search ranks by relevance; the plain list puts featured guides first.
        guides = list(listed.search(query) if query else listed.featured_first())
        suggestions = []
        if not guides:
            suggestions = list(published.with_roles().featured_first()[:3])
        return {
            "form": form,
            "query": query,
            "active_tag": tag,
            "guides": guides,
            "suggestions": suggestions,
            "tags": Tag.objects.filter(guides__in=published).distinct(),
            "description": LIST_DESCRIPTION,
        }

    if query or form.errors:
        # Searches are rendered each time: their variety would only fill the cache.
        return render(request, LIST + ("#results" if fragment else ""), context())

    def build() -> dict[str, str]:
        html = render_to_string(
            f"{LIST}#{'results' if fragment else 'body'}", context(), request
        )
        return {"title": "Guides", "description": LIST_DESCRIPTION, "body": html}

    stamp = services.catalogue_stamp()
    page = fragments.cached_page(LIST, tag, fragment, stamp, build=build)
    if fragment:
        return HttpResponse(page["body"])
    return fragments.render_page(request, page)


def _detail_context(guide: Guide, member_level: str) -> dict:
    return {
        "guide": guide,
        "page": services.GuidePage(guide, member_level=member_level),
        "member_level": member_level,
        "preview": not guide.is_live,
    }


@require_safe
def guide_preview(request, slug: str) -> HttpResponse:
    """The draft of a live guide, with the real guide page: editors only.

    Anyone else gets the same 404 as for a guide that does not exist.
    """
    if not can_edit_guides(request.user):
        raise Http404
    live = get_object_or_404(Guide.objects.originals(), slug=slug)
    draft = get_object_or_404(Guide.objects.with_roles(), draft_of=live)
    context = {**_detail_context(draft, request.user.level), "draft_of": live}
    return render(request, DETAIL, context)


@require_safe
def guide_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    member_level = user.level if user.is_authenticated else ""
    if can_edit_guides(user):
        # Editors see drafts and scheduled guides, and always the latest.
        guides = Guide.objects.visible_to(user).with_roles()
        guide = get_object_or_404(guides, slug=slug)
        return render(request, DETAIL, _detail_context(guide, member_level))

    def build() -> dict[str, str]:
        guide = get_object_or_404(Guide.objects.published().with_roles(), slug=slug)
        context = _detail_context(guide, member_level)
        return {
            "title": guide.title,
            "description": Truncator(guide.meta_description or guide.summary).chars(
                160
            ),
            "body": render_to_string(f"{DETAIL}#body", context, request),
        }

    # Cached until any guide changes (see services.catalogue_stamp): the page
    # differs only by the reader's level and whether they are signed in.
    stamp = services.catalogue_stamp()
    page = fragments.cached_page(
        DETAIL, slug, stamp, member_level, user.is_authenticated, build=build
    )
    return fragments.render_page(request, page)
