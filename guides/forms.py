from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.text import capfirst

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


class LabelledInlineMixin:
    """Tabular inlines show field names only as column headings; give each
    widget its own accessible name too."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            widget = getattr(field.widget, "widget", field.widget)  # related wrapper
            widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field
