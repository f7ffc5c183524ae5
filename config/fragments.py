"""HTML fragments and member pages cached across requests.

Two layers, both keyed so that a stale copy is never looked up again (it
simply expires):

- ``render_many``: one fragment per object (a plan's milestone rows), keyed by
  what the fragment shows (the milestone's version, the day).
- ``member_page``: the body of a page built only from the signed-in member's
  own data (dashboard, plan, result), keyed by the member's data revision,
  which every write to that data bumps (``accounts.revisions``).

Fragments hold forms, and a cached form must not carry the CSRF token of the
response it was first rendered for. They are rendered with a placeholder
instead, which ``FillCsrfPlaceholder`` replaces with the current response's
token. The placeholder is derived from SECRET_KEY: the same in every process
sharing the cache, and nothing a person could type into their own content to
have it replaced.
"""

from collections.abc import Callable, Hashable, Iterable
from functools import cache as memoize
from hashlib import blake2b
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

FRAGMENT_TIMEOUT = 60 * 60 * 24
# Member pages also show a little shared content (guide titles, a coach's
# name), which may lag this long.
PAGE_TIMEOUT = 60 * 10
PAGE_TEMPLATE = "components/cached_page.html"


@memoize
def csrf_placeholder() -> SafeString:
    digest = salted_hmac("config.fragments", "csrf", algorithm="sha256").hexdigest()
    return mark_safe("csrf" + digest)  # noqa: S308 - letters and digits only


def templates_version() -> str:
    """A digest of every template's source, so a deploy that changes any of
    them never serves fragments rendered by the old ones (in debug it is
    read afresh, so an edited template shows at once)."""
    if settings.DEBUG:
        return _templates_digest()
    return _memoized_templates_digest()


def _templates_digest() -> str:
    digest = blake2b(digest_size=8)
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


_memoized_templates_digest = memoize(_templates_digest)


def _prefix(kind: str, template_name: str) -> str:
    return f"{kind}:{templates_version()}:{template_name}"


def _key(prefix: str, parts: Iterable[Hashable]) -> str:
    return ":".join([prefix, *map(str, parts)])


def render_many[T](
    items: Iterable[T],
    *,
    template_name: str,
    key: Callable[[T], Iterable[Hashable]],
    render: Callable[[T, SafeString], SafeString],
) -> list[SafeString]:
    """Each item's fragment, from the cache where it can be.

    ``key(item)`` lists what the fragment depends on; ``render(item,
    csrf_token)`` renders it, passing ``csrf_token`` to the template.
    """
    items = list(items)
    prefix = _prefix("fragment", template_name)
    keys = [_key(prefix, key(item)) for item in items]
    found = cache.get_many(keys)
    fresh = {
        k: render(item, csrf_placeholder())
        for item, k in zip(items, keys, strict=True)
        if k not in found
    }
    if fresh:
        cache.set_many(fresh, FRAGMENT_TIMEOUT)
    return [found[k] if k in found else fresh[k] for k in keys]


def cached_page(
    template_name: str,
    *parts: Hashable,
    build: Callable[[SafeString], dict[str, str] | None],
    timeout: int = PAGE_TIMEOUT,
) -> dict[str, str] | None:
    """A page's ``title``, ``body`` (and optional ``description``), from the
    cache while none of ``parts`` nor the day has changed.

    ``build(csrf_token)`` checks access (raising Http404 caches nothing; so
    does returning None, for a page that is not to be cached) and renders the
    parts: rendered templates stay safe strings through the cache, plain
    strings (a title) are escaped where they are shown.
    """
    key = _key(_prefix("page", template_name), [timezone.localdate(), *parts])
    page = cache.get(key)
    if page is None:
        page = build(csrf_placeholder())
        if page is not None:
            cache.set(key, page, timeout)
    return page


def member_page(request, template_name: str, *parts: Hashable, build):
    """``cached_page`` for a page built only from the signed-in member's own
    data: keyed by their id, so one member's copy is never another's, and by
    their data revision, which every change to that data bumps."""
    user = request.user
    return cached_page(template_name, user.pk, user.data_revision, *parts, build=build)


def render_page(request, page: dict[str, str], status: int = 200) -> HttpResponse:
    return render(request, PAGE_TEMPLATE, {"cached": page}, status=status)


class FillCsrfPlaceholder:
    """Put this response's CSRF token where cached fragments left a placeholder."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            return response
        placeholder = csrf_placeholder().encode()
        if placeholder in response.content:
            token = get_token(request).encode()
            response.content = response.content.replace(placeholder, token)
        return response
