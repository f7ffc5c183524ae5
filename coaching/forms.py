from django import forms

from plans.models import Plan


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a message before sending."},
    )
    milestone = forms.ModelChoiceField(
        label="About a milestone (optional)",
        queryset=None,
        required=False,
        empty_label="The plan as a whole",
        error_messages={"invalid_choice": "Choose one of this plan's milestones."},
    )

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        kwargs.setdefault("auto_id", "message-%s")
        super().__init__(*args, **kwargs)
        # Only this plan's milestones: another plan's id is an invalid choice.
        self.fields["milestone"].queryset = plan.milestones.only("pk", "title")
