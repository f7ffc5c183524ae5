import datetime as dt
import time
from dataclasses import dataclass

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from assessments.models import Assessment, DecisionQuestion, FitStatement, Option
from guides.models import ComparisonRow, Guide, InterviewTopic, Role, SalaryBand, Tag
from plans.models import MilestoneTemplate, Plan, PlanTemplate

PASSWORD = "correct-horse-battery-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=obj, email=obj.email, verified=True, primary=True
            )
        obj.save()


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOTP_PERIOD = 30
#: A code is handed out only with this many seconds of its window left.
TOTP_MARGIN = 5.0


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The authenticator app's current code for ``secret``.

    Near the end of a 30-second window the code would expire between being
    computed and being checked, so this waits for the next window instead.
    """
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < TOTP_MARGIN:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


class StaffFactory(UserFactory):
    """Staff with an authenticator app set up (pass totp=False for none)."""

    is_staff = True

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(obj, TOTP_SECRET)

    @factory.post_generation
    def group(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(Group.objects.get(name=extracted))


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Role {n}")
    slug = factory.Sequence(lambda n: f"role-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    title = factory.Sequence(lambda n: f"Guide number {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "Two neighbouring roles, side by side."
    body = "## First section\n\nSome words.\n\n## Second section\n\nMore words."
    role_a = factory.SubFactory(RoleFactory)
    role_b = factory.SubFactory(RoleFactory)
    status = Guide.Status.PUBLISHED
    reviewed_on = factory.LazyFunction(lambda: timezone.localdate())


class ComparisonRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparisonRow

    guide = factory.SubFactory(GuideFactory)
    dimension = factory.Sequence(lambda n: f"Dimension {n}")
    text_a = "What A does"
    text_b = "What B does"
    order = factory.Sequence(int)


class SalaryBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalaryBand

    guide = factory.SubFactory(GuideFactory)
    role = factory.LazyAttribute(lambda o: o.guide.role_a)
    level = "mid"
    low = 100_000
    high = 150_000


class InterviewTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewTopic

    guide = factory.SubFactory(GuideFactory)
    role = factory.LazyAttribute(lambda o: o.guide.role_a)
    topic = factory.Sequence(lambda n: f"Topic {n}")
    detail = "What they ask."


class DecisionQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionQuestion
        skip_postgeneration_save = True

    guide = factory.SubFactory(GuideFactory)
    order = factory.Sequence(int)
    prompt = factory.Sequence(lambda n: f"Question {n}?")
    weight = 1
    section_anchor = "first-section"

    @factory.post_generation
    def options(obj, create, extracted, **kwargs):
        if create:
            for index, position in enumerate(extracted or [-2, -1, 0, 1, 2]):
                Option.objects.create(
                    question=obj, label=f"Option {position:+d}", position=position,
                    order=index,
                )  # fmt: skip


class FitStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FitStatement

    guide = factory.SubFactory(GuideFactory)
    role = factory.LazyAttribute(lambda o: o.guide.role_a)
    kind = FitStatement.Kind.LIKES
    text = factory.Sequence(lambda n: f"Statement {n}")


def guide_with_assessment(questions: int = 5, **guide_kwargs) -> Guide:
    """A published guide with questions, options and fit statements."""
    guide = GuideFactory(**guide_kwargs)
    for order in range(questions):
        DecisionQuestionFactory(guide=guide, order=order, weight=1 + order % 2)
    for role in (guide.role_a, guide.role_b):
        for _ in range(3):
            FitStatementFactory(guide=guide, role=role)
    FitStatementFactory(guide=guide, role=guide.role_a, kind="dislikes")
    return guide


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    member = factory.SubFactory(UserFactory)
    guide = factory.SubFactory(GuideFactory)


def completed_assessment(member, guide, position: int = 2) -> Assessment:
    """An assessment of ``guide`` answered at ``position`` everywhere, finished."""
    from assessments import services

    assessment, _ = services.start_or_resume(member=member, guide=guide)
    for question in guide.questions.all():
        option = question.options.get(position=position)
        services.record_answer(assessment=assessment, question=question, option=option)
    return services.complete_assessment(assessment=assessment, fit_statement_ids=[])


def plan_template(guide: Guide | None = None, efforts=(10, 20, 30)) -> PlanTemplate:
    """A switching path from the guide's role A to role B with milestones."""
    guide = guide or GuideFactory()
    template = PlanTemplate.objects.create(
        guide=guide, from_role=guide.role_a, to_role=guide.role_b,
        title=f"From {guide.role_a} to {guide.role_b}", summary="A path.",
    )  # fmt: skip
    for order, effort in enumerate(efforts, start=1):
        MilestoneTemplate.objects.create(
            template=template, order=order, title=f"Step {order}", kind="skill",
            effort_hours=effort, suggested_evidence="A link",
        )  # fmt: skip
    return template


def make_plan(member, template: PlanTemplate | None = None, **kwargs) -> Plan:
    from plans import services

    template = template or plan_template()
    options = {
        "title": "My plan",
        "start_date": timezone.localdate(),
        "target_date": timezone.localdate() + dt.timedelta(days=365),
        "weekly_hours": 10,
        **kwargs,
    }
    return services.create_plan(member=member, template=template, **options)


@dataclass
class CoachedClient:
    coach: User
    client: User
    guide: Guide
    plan: Plan
    assessment: Assessment


def coached_client(name: str = "a", guide: Guide | None = None) -> CoachedClient:
    """A coach and their client, who has a completed assessment and a plan."""
    guide = guide or guide_with_assessment()
    template = PlanTemplate.objects.filter(guide=guide).first() or plan_template(guide)
    coach = StaffFactory(group="Coaches", email=f"coach-{name}@example.com")
    client = UserFactory(coach=coach, email=f"client-{name}@example.com",
                         current_role=guide.role_a)  # fmt: skip
    return CoachedClient(
        coach=coach,
        client=client,
        guide=guide,
        plan=make_plan(client, template, title=f"Plan of {name}"),
        assessment=completed_assessment(client, guide, position=2),
    )
