import datetime as dt

from django import forms
from django.utils import timezone

from config.validators import single_line

from .models import (
    Milestone,
    MilestoneKind,
    Plan,
    PlanTemplate,
    ReviewDecision,
    evidence_url_validator,
)

MAX_PAST_START_DAYS = 31
MAX_FUTURE_START_DAYS = 366
MAX_PLAN_YEARS = 5


def evidence_field(**kwargs) -> forms.URLField:
    """An optional link that must be http(s): no javascript:, data: or ftp:."""
    field = forms.URLField(
        label="Evidence link",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": evidence_url_validator.message},
        **kwargs,
    )
    # Swap the default URL validator, which also accepts ftp://, for ours;
    # keep the rest (the length limit, the NUL check) that the column needs.
    field.validators = [
        v
        for v in field.validators
        if not any(v is default for default in forms.URLField.default_validators)
    ] + [evidence_url_validator]
    return field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _check_target(start: dt.date, target: dt.date | None) -> None:
    if target is None:
        return
    if target <= start:
        raise forms.ValidationError(
            {"target_date": "The target date must be after the start date."}
        )
    if target > start + dt.timedelta(days=365 * MAX_PLAN_YEARS):
        raise forms.ValidationError(
            {"target_date": f"Choose a target within {MAX_PLAN_YEARS} years."}
        )


class PlanCreateForm(forms.Form):
    title = forms.CharField(max_length=200, validators=[single_line])
    start_date = forms.DateField(widget=DateInput())
    weekly_hours = forms.IntegerField(
        min_value=1,
        max_value=60,
        help_text="Hours you can honestly give each week, between 1 and 60.",
    )
    target_date = forms.DateField(
        required=False,
        widget=DateInput(),
        help_text="Leave empty and we propose the earliest date your hours allow.",
    )
    review_interval_weeks = forms.IntegerField(
        label="Review every (weeks)", min_value=1, max_value=12, initial=4
    )

    def __init__(self, *args, template: PlanTemplate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.steps = list(template.milestones.all())
        for step in self.steps:
            self.fields[f"done_{step.pk}"] = forms.BooleanField(
                required=False, label="I can already show evidence for this"
            )
            self.fields[f"evidence_{step.pk}"] = evidence_field(
                help_text="Optional: a link to a repository, write-up or certificate."
            )

    def step_fields(self):
        """(milestone template, done field, evidence field) for the template."""
        return [
            (step, self[f"done_{step.pk}"], self[f"evidence_{step.pk}"])
            for step in self.steps
        ]

    def clean_start_date(self) -> dt.date:
        start = self.cleaned_data["start_date"]
        today = timezone.localdate()
        if start < today - dt.timedelta(days=MAX_PAST_START_DAYS):
            raise forms.ValidationError("The start date can be at most a month ago.")
        if start > today + dt.timedelta(days=MAX_FUTURE_START_DAYS):
            raise forms.ValidationError("Start within the next year.")
        return start

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("start_date"):
            _check_target(cleaned["start_date"], cleaned.get("target_date"))
        return cleaned

    def already_done(self) -> dict[int, str]:
        return {
            step.pk: self.cleaned_data.get(f"evidence_{step.pk}") or ""
            for step in self.steps
            if self.cleaned_data.get(f"done_{step.pk}")
        }


class PlanSettingsForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "target_date", "weekly_hours", "review_interval_weeks"]
        widgets = {"target_date": DateInput()}
        labels = {"review_interval_weeks": "Review every (weeks)"}

    def clean(self) -> dict:
        cleaned = super().clean()
        target = cleaned.get("target_date")
        if target is not None:
            _check_target(self.instance.start_date, target)
            if target <= timezone.localdate():
                self.add_error("target_date", "The target date must be in the future.")
        return cleaned


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MilestoneStatusForm(VersionedForm):
    status = forms.ChoiceField(choices=Milestone.Status.choices)


class MilestoneDetailsForm(VersionedForm):
    notes = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_url = evidence_field()


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "kind", "effort_hours", "due_date"]
        widgets = {
            "due_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "due_date": "Optional: leave empty to schedule it after the last open "
            "milestone (the target date moves later if it must).",
            "effort_hours": "Your estimate, in hours (1–500).",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = MilestoneKind.SKILL


class MilestoneEditForm(MilestoneForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "due_date"
        ].help_text = "Optional: leave empty to use the plan's target date."


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ReviewDecision
        fields = ["decision", "note"]
        widgets = {
            "decision": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"note": "Note (what you learned, what changes)"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = ReviewDecision.Decision.choices


def focus_first_error(form: forms.BaseForm) -> None:
    """Shown again with errors, the form puts the cursor in its first invalid
    field: the browser honours ``autofocus`` on a page load, htmx after a
    swap, so the member lands on what needs correcting."""
    for name, field in form.fields.items():
        if name in form.errors and not field.widget.is_hidden:
            field.widget.attrs["autofocus"] = True
            return
