"""The shared guide pages, cached across requests.

Only pages that are the same for every reader (up to their level and whether
they are signed in) and hold no form are cached here: the guide list and the
guide pages. Their key carries the guide catalogue's stamp, which any change
to guide content drops after commit (``guides.services.catalogue_stamp``), so
a stale copy is never looked up again; it simply expires.

A member's own pages are never cached: they are rendered fresh on each
request, and kept fast by rendering little.
"""

from collections.abc import Callable, Hashable, Iterable
from functools import cache as memoize
from hashlib import blake2b
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

PAGE_TIMEOUT = 60 * 10
PAGE_TEMPLATE = "components/cached_page.html"


def templates_version() -> str:
    """A digest of every template's source, so a deploy that changes any of
    them never serves pages rendered by the old ones (in debug it is read
    afresh, so an edited template shows at once)."""
    if settings.DEBUG:
        return _templates_digest()
    return _memoized_templates_digest()


def _templates_digest() -> str:
    digest = blake2b(digest_size=8)
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


_memoized_templates_digest = memoize(_templates_digest)


def _key(prefix: str, parts: Iterable[Hashable]) -> str:
    return ":".join([prefix, *map(str, parts)])


def cached_page(
    template_name: str,
    *parts: Hashable,
    build: Callable[[], dict[str, str]],
    timeout: int = PAGE_TIMEOUT,
) -> dict[str, str]:
    """A shared page's ``title``, ``body`` (and optional ``description``),
    from the cache while none of ``parts`` nor the day has changed.

    ``build()`` checks access (raising Http404 caches nothing) and renders the
    parts: rendered templates stay safe strings through the cache, plain
    strings (a title) are escaped where they are shown. What it renders must
    hold no form and nothing of one reader's own.
    """
    prefix = f"page:{templates_version()}:{template_name}"
    key = _key(prefix, [timezone.localdate(), *parts])
    page = cache.get(key)
    if page is None:
        page = build()
        cache.set(key, page, timeout)
    return page


def render_page(request, page: dict[str, str], status: int = 200) -> HttpResponse:
    return render(request, PAGE_TEMPLATE, {"cached": page}, status=status)
