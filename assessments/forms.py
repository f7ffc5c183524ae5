from django import forms

from .models import DecisionQuestion, FitStatement


class AnswerForm(forms.Form):
    """One question: its options as radio buttons."""

    question = forms.IntegerField(widget=forms.HiddenInput)
    option = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose one answer to continue.",
            "invalid_choice": "That answer is not one of this question's options.",
        },
    )

    def __init__(self, *args, question: DecisionQuestion, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["question"].initial = question.pk
        self.fields["option"].label = question.prompt
        self.fields["option"].help_text = question.help_text
        self.fields["option"].choices = [
            (o.pk, o.label) for o in question.options.all()
        ]

    def clean_question(self) -> int:
        if self.cleaned_data["question"] != self.question.pk:
            raise forms.ValidationError(
                "That answer was for a different question. Please answer this one."
            )
        return self.cleaned_data["question"]

    def selected_option(self):
        chosen = self.cleaned_data["option"]
        return next(o for o in self.question.options.all() if o.pk == chosen)


class FitForm(forms.Form):
    statements = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "One of those statements is not part of "
                        "this guide."},
    )  # fmt: skip

    def __init__(self, *args, statements: list[FitStatement], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statements"].choices = [(s.pk, s.text) for s in statements]
