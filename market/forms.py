import re

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from . import classifier

# Tabs, line breaks and ordinary text are fine; NUL and other control
# characters are not something a pasted posting contains.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Room for the largest allowed check plus its separators.
MAX_TEXT = classifier.MAX_POSTINGS * (classifier.MAX_POSTING_CHARS + 8)


class CheckForm(forms.Form):
    """Pasted postings, separated by a line holding only ``---``."""

    postings = forms.CharField(
        label="Job postings",
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        strip=False,
        max_length=MAX_TEXT,
        help_text=(
            f"Paste up to {classifier.MAX_POSTINGS} postings of up to "
            f"{classifier.MAX_POSTING_CHARS:,} characters each. Put a line holding "
            "only --- between two postings. Start each posting with its title."
        ),
        error_messages={
            "required": "Paste at least one job posting to check.",
            "max_length": "That is more text than 20 postings of 20,000 characters "
            "each. Check fewer postings at a time.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # NUL gets the same message as other control characters, below.
        field = self.fields["postings"]
        field.validators = [
            v for v in field.validators
            if not isinstance(v, ProhibitNullCharactersValidator)
        ]  # fmt: skip

    def clean_postings(self) -> list[str]:
        text = self.cleaned_data["postings"]
        if _CONTROL.search(text):
            raise forms.ValidationError(
                "The text holds control characters (such as NUL) that a job "
                "posting never contains. Copy the postings again as plain text."
            )
        postings = classifier.split_postings(text)
        if not postings:
            raise forms.ValidationError("Paste at least one job posting to check.")
        if len(postings) > classifier.MAX_POSTINGS:
            raise forms.ValidationError(
                f"You pasted {len(postings)} postings; a check takes at most "
                f"{classifier.MAX_POSTINGS}. Remove some and check the rest later."
            )
        too_long = [
            str(n)
            for n, p in enumerate(postings, start=1)
            if len(p) > classifier.MAX_POSTING_CHARS
        ]
        if too_long:
            raise forms.ValidationError(
                f"Posting {', '.join(too_long)} is longer than "
                f"{classifier.MAX_POSTING_CHARS:,} characters. Shorten it to the "
                "description of the work."
            )
        return postings
