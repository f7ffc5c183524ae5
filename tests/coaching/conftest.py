from html.parser import HTMLParser

import pytest

from tests.factories import coached_client, guide_with_assessment


class FormReader(HTMLParser):
    """Collects the fields of one form as a browser would submit them."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self._textarea = self._select = None
        self._multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input" and attrs.get("type") not in {"submit", "checkbox", "file"}:
            self.data[attrs["name"]] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.data[attrs["name"]] = attrs.get("value", "on")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self._multiple = "multiple" in attrs
            if not self._multiple:
                self.data.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            value = attrs.get("value", "")
            if self._multiple:
                self.data.setdefault(self._select, []).append(value)
            else:
                self.data[self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def read_form(html: str, form_id: str) -> dict:
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.data


@pytest.fixture
def coaching(db):
    """Two coaches, each with one client who has a plan and a result."""
    guide = guide_with_assessment()
    return {name: vars(coached_client(name, guide)) for name in ("a", "b")}
