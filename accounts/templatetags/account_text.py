"""Filters for allauth's pages, so they read like the rest of the site."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# allauth's words where ours differ.
WORDING = {"Signup": "Sign up"}


@register.filter(is_safe=True)
def sentence_case(value: str) -> SafeString:
    """'Sign Up' → 'Sign up': allauth's title-case labels in our sentence case.

    Only plain text changes; a label holding markup is left as it is.
    """
    text = str(value).strip()
    if "<" in text or "&" in text:
        return mark_safe(text)  # noqa: S308 - already rendered by the template
    text = text[:1].upper() + text[1:].lower()
    text = WORDING.get(text, text)
    return mark_safe(conditional_escape(text))  # noqa: S308 - escaped just above
