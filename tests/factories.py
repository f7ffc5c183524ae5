import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from guides.models import ComparisonRow, Guide, InterviewTopic, Role, SalaryBand, Tag

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


class StaffFactory(UserFactory):
    is_staff = True

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
