"""Validators shared by every app's models and forms."""

import unicodedata

from django.core.exceptions import ValidationError

#: Control characters (C0, DEL, C1) and Unicode's line and paragraph separators.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(char) in _LINE_BREAKING for char in value)


def single_line(value: str) -> None:
    """Reject control characters (line breaks, tabs, escape, NUL…) in a
    single-line text: a title or a name is shown in headings, mail subjects and
    calendar files, where they break the format or hide what follows."""
    if has_control_characters(value):
        raise ValidationError(
            "Use plain text on one line: no line breaks, tabs or control characters.",
            code="control_characters",
        )


def strip_control_characters(value: str, *, keep_newlines: bool = False) -> str:
    """The text with control characters replaced by spaces (newlines kept when
    asked, with CR LF and lone CR made LF), for formats that must never break
    on whatever was stored."""
    if keep_newlines:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        char
        if (keep_newlines and char == "\n")
        or unicodedata.category(char) not in _LINE_BREAKING
        else " "
        for char in value
    )
