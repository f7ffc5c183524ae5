"""A member's data revision: one number that changes whenever anything shown
on the member's own pages changes.

The dashboard, a plan and an assessment result are built only from the
member's own data, and are cached under this number (see
``config.fragments.member_page``). Checking that a cached copy is current
then costs nothing: every signed-in request loads the user row anyway.

So every write to that data bumps it, after the write: saves and deletes of
the models below through signals, and queryset ``update()`` /
``bulk_update()`` calls (which send no signals) by calling ``bump`` or
``bump_for_plan`` themselves. A request that reads the new number therefore
reads the new data; one that raced ahead caches newer data under an old
number, which is never looked up again.
"""

from django.db.models import F, Q, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import User


def bump(*member_ids: int | None) -> None:
    ids = {pk for pk in member_ids if pk}
    if ids:
        User.objects.filter(pk__in=ids).update(data_revision=F("data_revision") + 1)


def _bump_owner(model, pk: int) -> None:
    owner = model.objects.filter(pk=pk).values("member_id")[:1]
    User.objects.filter(pk=Subquery(owner)).update(data_revision=F("data_revision") + 1)


def bump_for_plan(plan_id: int) -> None:
    from plans.models import Plan  # imported late: plans depends on accounts

    _bump_owner(Plan, plan_id)


def bump_for_assessment(assessment_id: int) -> None:
    from assessments.models import Assessment

    _bump_owner(Assessment, assessment_id)


def _member_changed(sender, instance, **kwargs) -> None:
    bump(instance.member_id)


def _plan_part_changed(sender, instance, **kwargs) -> None:
    bump_for_plan(instance.plan_id)


def _answer_changed(sender, instance, **kwargs) -> None:
    bump_for_assessment(instance.assessment_id)


def _fit_statements_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        bump(instance.member_id)


def _user_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    # Their profile shows on their pages; a coach's name on their clients'.
    User.objects.filter(Q(pk=instance.pk) | Q(coach_id=instance.pk)).update(
        data_revision=F("data_revision") + 1
    )


def connect() -> None:
    from assessments.models import Answer, Assessment
    from coaching.models import CoachFeedback
    from plans.models import Milestone, Plan, ReviewDecision

    for signal in (post_save, post_delete):
        for model in (Plan, Assessment):
            signal.connect(_member_changed, sender=model, dispatch_uid=f"rev-{model}")
        for model in (Milestone, ReviewDecision, CoachFeedback):
            signal.connect(
                _plan_part_changed, sender=model, dispatch_uid=f"rev-{model}"
            )
        signal.connect(_answer_changed, sender=Answer, dispatch_uid="rev-answer")
    post_save.connect(_user_changed, sender=User, dispatch_uid="rev-user")
    m2m_changed.connect(
        _fit_statements_changed,
        sender=Assessment.fit_statements.through,
        dispatch_uid="rev-fit",
    )
