import re
from html.parser import HTMLParser

import pytest

from guides.markdown import render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#09;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    "<iframe src=javascript:alert(1)></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{background:url('javascript:alert(1)')}</style>",
    '<body onload="alert(1)">',
    '<input autofocus onfocus="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<details open ontoggle=alert(1)>",
    '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<base href=//evil.example/>",
    "`<script>alert(1)</script>`",
    '<a href="#" onclick="alert(1)">x</a>',
]

SAFE_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong",
    "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr",
    "th", "td", "del", "s",
}  # fmt: skip


class ExecutableFinder(HTMLParser):
    """Parses the output as a browser would and lists anything that could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS:
            self.found.append(f"tag <{tag}>")
        for name, value in attrs:
            value = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or name in {"style", "src", "srcdoc", "action"}:
                self.found.append(f"attribute {name}")
            if name == "href" and re.match(r"^(javascript|vbscript|data|file):", value):
                self.found.append(f"href {value}")

    handle_startendtag = handle_starttag


def executable_parts(html: str) -> list[str]:
    finder = ExecutableFinder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives_as_executable_html(payload):
    html = render_markdown(f"Intro\n\n{payload}\n\n## Heading\n\n{payload}").html
    assert executable_parts(html) == [], html


def test_corpus_is_large_enough():
    assert len(XSS_PAYLOADS) >= 20


def test_the_checker_itself_catches_executable_html():
    assert executable_parts('<a href="javascript:x">a</a><p onclick="x">b</p>') == [
        "href javascript:x",
        "attribute onclick",
    ]


def test_headings_get_unique_anchors_and_feed_the_toc():
    rendered = render_markdown("## Pay\n\ntext\n\n### Detail\n\n## Pay\n\n#### Deep")
    assert '<h2 id="pay">Pay</h2>' in rendered.html
    assert '<h2 id="pay-2">Pay</h2>' in rendered.html
    assert [(h.level, h.anchor) for h in rendered.headings] == [
        (2, "pay"),
        (3, "detail"),
        (2, "pay-2"),
    ]


def test_reserved_anchors_are_not_reused():
    rendered = render_markdown("## At a glance", reserved_anchors={"at-a-glance"})
    assert 'id="at-a-glance-2"' in rendered.html


def test_h1_in_body_becomes_h2():
    assert "<h1" not in render_markdown("# Title").html


def test_external_links_get_noopener_and_relative_links_stay():
    html = render_markdown(
        "[out](https://example.com) [in](/guides/) [mail](mailto:a@b.example)"
    ).html
    assert '<a href="https://example.com" rel="noopener">out</a>' in html
    assert '<a href="/guides/">in</a>' in html
    assert '<a href="mailto:a@b.example">mail</a>' in html


def test_tables_and_emphasis_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | **2** |").html
    assert '<th scope="col">a</th>' in html
    assert "<strong>2</strong>" in html
