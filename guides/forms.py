from django import forms
from django.core.exceptions import ValidationError
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


class GuideRoleFormSet(forms.BaseInlineFormSet):
    """Salary bands and interview topics belong to one of the guide's roles."""

    def clean(self) -> None:
        super().clean()
        allowed = {self.instance.role_a_id, self.instance.role_b_id}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            role = form.cleaned_data.get("role")
            if role is not None and role.pk not in allowed:
                form.add_error("role", "Choose one of the guide's two roles.")
        if any(form.errors for form in self.forms):
            raise ValidationError("Please correct the errors below.")
