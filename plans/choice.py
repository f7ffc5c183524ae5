"""Which plan template a finished assessment leads to, or why the member
chooses one themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from assessments.models import Assessment
from guides.models import Role

from .models import PlanTemplate


class Reason(StrEnum):
    """Why no single template was picked (shown on the choice page)."""

    HYBRID = "hybrid"  # the result leans neither way
    NO_ROLE = "no-role"  # no current role to start from
    NO_START = "no-start"  # no template starts at the member's role
    NONE_TOWARDS = "none-towards"  # no template leads to the leaning role


@dataclass(frozen=True)
class Choice:
    template: PlanTemplate | None
    reason: Reason | None = None
    current_role: Role | None = None
    towards: Role | None = None
    templates: list[PlanTemplate] = field(default_factory=list)

    @property
    def deepen(self) -> bool:
        t = self.template
        return t is not None and t.from_role_id == t.to_role_id


def choose(
    assessment: Assessment, *, member_role: Role | None, towards_id: int | None = None
) -> Choice:
    """The guide's template from the member's role to the role they lean to.

    The role recorded with the assessment counts first, then the member's
    role now. ``towards_id`` (one of the guide's two roles) stands in for the
    leaning when the result is hybrid and the member picked a direction.
    """
    guide = assessment.guide
    roles = {guide.role_a_id: guide.role_a, guide.role_b_id: guide.role_b}
    leaning = assessment.result.get("leaning_role")
    towards = roles.get(towards_id) or (roles.get(leaning["id"]) if leaning else None)
    current = assessment.current_role or member_role
    templates = list(
        PlanTemplate.objects.with_roles()
        .filter(guide_id=guide.pk)
        .order_by("to_role__name", "from_role__name")
    )
    if towards is None:
        return Choice(None, Reason.HYBRID, current, None, templates)
    leading = [t for t in templates if t.to_role_id == towards.pk]
    if not leading:
        return Choice(None, Reason.NONE_TOWARDS, current, towards, templates)
    if current is None:
        return Choice(None, Reason.NO_ROLE, None, towards, leading)
    exact = next((t for t in leading if t.from_role_id == current.pk), None)
    if exact is None:
        return Choice(None, Reason.NO_START, current, towards, leading)
    return Choice(exact, None, current, towards, leading)
