from django import template

from plans import guide_changes

register = template.Library()


@register.simple_tag
def guide_changes_for(user, plan=None) -> list:
    """The guide change notices for ``user`` (only ``plan``'s when given)."""
    return guide_changes.changes_for(user, plan=plan or None)
