"""Markdown for content managers: markdown-it-py with raw HTML off, then nh3.

Headings get stable anchors and feed a table of contents; external links get
``rel="noopener"``; only http(s), mailto and relative links survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong",
    "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr",
    "th", "td", "del", "s",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
TOC_LEVELS = {"h2", "h3"}


@dataclass
class Heading:
    level: int
    text: str
    anchor: str


@dataclass
class RenderedMarkdown:
    html: SafeString
    headings: list[Heading] = field(default_factory=list)


def _parser() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": True}
    )
    md.enable(["table", "strikethrough"])
    md.validateLink = _is_safe_link
    return md


def _is_safe_link(url: str) -> bool:
    scheme, sep, _ = url.partition(":")
    if not sep or "/" in scheme or "?" in scheme or "#" in scheme:
        return True  # relative
    return scheme.strip().lower() in URL_SCHEMES


_MD = _parser()


def _unique_anchor(text: str, taken: set[str]) -> str:
    base = slugify(text) or "section"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def _annotate(tokens: list[Token], reserved: set[str]) -> list[Heading]:
    headings: list[Heading] = []
    taken = set(reserved)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            # An h1 inside the body would compete with the page title.
            if token.tag == "h1":
                token.tag = "h2"
                tokens[i + 2].tag = "h2"
            text = tokens[i + 1].content.strip()
            anchor = _unique_anchor(text, taken)
            token.attrSet("id", anchor)
            if token.tag in TOC_LEVELS:
                headings.append(
                    Heading(level=int(token.tag[1]), text=text, anchor=anchor)
                )
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    if href.lower().startswith(("http://", "https://")):
                        child.attrSet("rel", "noopener")
        elif token.type == "th_open":
            token.attrSet("scope", "col")
    return headings


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={"a": {"rel": {"noopener"}}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(
    text: str, *, reserved_anchors: set[str] = frozenset()
) -> RenderedMarkdown:
    """Render untrusted Markdown to safe HTML and collect h2/h3 headings."""
    tokens = _MD.parse(text or "")
    headings = _annotate(tokens, reserved_anchors)
    html = _MD.renderer.render(tokens, _MD.options, {})
    # Safe: raw HTML is off in the parser and nh3 cleans what it produced.
    safe = mark_safe(sanitize(html))  # noqa: S308
    return RenderedMarkdown(html=safe, headings=headings)
