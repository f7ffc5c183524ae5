from django import forms
from django.http import QueryDict

from .models import MAX_QUERY_LENGTH


class GuideSearchForm(forms.Form):
    q = forms.CharField(
        label="Search guides",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    tag = forms.SlugField(required=False)

    @classmethod
    def from_query(cls, params: QueryDict) -> "GuideSearchForm":
        # Over-long queries and NUL bytes are trimmed rather than refused: a
        # search box should always answer.
        data = params.copy()
        data["q"] = params.get("q", "").replace("\x00", "")[:MAX_QUERY_LENGTH]
        return cls(data)
