"""The coach's side of the admin: their clients, and those clients' plans and
assessments, read-only and scoped to the coach; the access log for superusers."""

import datetime as dt
from functools import cache

from django import forms
from django.contrib import admin
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.models import Client, User
from assessments.models import Answer, Assessment
from config.http import site_url
from guides.forms import LabelledInlineMixin
from plans.models import Milestone, Plan

from . import services
from .mixins import CoachScopedAdminMixin
from .models import AccessLog, CoachFeedback


class HasOverdueFilter(admin.SimpleListFilter):
    title = "overdue milestones"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Has overdue"), ("no", "Nothing overdue")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(overdue_count__gt=0)
        if self.value() == "no":
            return queryset.filter(Q(overdue_count=0) | Q(overdue_count__isnull=True))
        return queryset


@admin.register(Client)
class ClientAdmin(CoachScopedAdminMixin, admin.ModelAdmin):
    """A coach's clients: progress, what is overdue, last activity, leaning."""

    member_path = "pk"
    audit_label = "profile"
    list_display = ["client_name", "plan_progress", "overdue", "last_activity",
                    "latest_leaning", "client_links"]  # fmt: skip
    list_filter = [HasOverdueFilter, "level"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "current_role", "level", "target_market", "coach",
              "last_login", "date_joined"]  # fmt: skip
    list_select_related = ["current_role"]
    # A coach with many clients pages through them; with twenty, one page.
    list_per_page = 25
    show_full_result_count = False
    # Read-only, without bulk actions (members are deleted from the user
    # admin): none of the admin's form scripts are needed, which takes the
    # page from about 100 KB to under 30 KB on a first visit.
    actions = None

    @property
    def media(self):
        return forms.Media(js=["admin/js/core.js"])

    def get_queryset(self, request):
        queryset = annotate_clients(Client.objects.select_related("current_role"))
        if request.user.is_superuser:
            return queryset.filter(coach__isnull=False)
        return queryset.filter(coach=request.user)

    def member_of(self, obj) -> User:
        return obj

    def _owns(self, request, obj) -> bool:
        return (
            obj is None or request.user.is_superuser or obj.coach_id == request.user.pk
        )

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    @admin.display(description="client", ordering="email")
    def client_name(self, client) -> str:
        return f"{client.name} <{client.email}>" if client.name else client.email

    @admin.display(description="active plan", ordering="progress_pct")
    def plan_progress(self, client) -> str:
        if client.effort_total is None:
            return "No active plan"
        return f"{client.progress_pct or 0}% of {client.effort_total} h"

    @admin.display(description="overdue", ordering="overdue_count")
    def overdue(self, client) -> int:
        return client.overdue_count or 0

    @admin.display(description="last activity", ordering="last_activity_at")
    def last_activity(self, client):
        return client.last_activity_at if client.last_activity_at.year > 1970 else None

    @admin.display(description="latest leaning", ordering="latest_leaning")
    def latest_leaning(self, client) -> str:
        if client.latest_leaning is None:
            return "No result yet"
        if client.latest_leaning == "hybrid":
            return "On the boundary"
        return f"Leans {client.latest_leaning_role}"

    @admin.display(description="open")
    def client_links(self, client) -> str:
        plans, assessments = _client_list_urls()
        return format_html(
            '<a href="{}?member__id__exact={}">Plans</a> · '
            '<a href="{}?member__id__exact={}">Assessments</a>',
            plans, client.pk, assessments, client.pk,
        )  # fmt: skip


@cache
def _client_list_urls() -> tuple[str, str]:
    return (
        reverse("admin:plans_plan_changelist"),
        reverse("admin:assessments_assessment_changelist"),
    )


def annotate_clients(queryset):
    """Per-client figures for the coach's list, in one query."""
    today = timezone.localdate()
    active = Milestone.objects.filter(
        plan__member=OuterRef("pk"), plan__status="active"
    )

    def total(milestones, aggregate):
        return Subquery(
            milestones.order_by()
            .values("plan__member")
            .annotate(v=aggregate)
            .values("v")
        )

    completed = Assessment.objects.filter(
        member=OuterRef("pk"), completed_at__isnull=False
    ).order_by("-completed_at")
    epoch = Value(dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    latest = {
        model: Subquery(
            model.objects.filter(**{path: OuterRef("pk")})
            .order_by("-updated_at").values("updated_at")[:1]
        )
        for model, path in ((Milestone, "plan__member"), (Assessment, "member"))
    }  # fmt: skip
    return queryset.annotate(
        effort_total=total(active.exclude(status="skipped"), Sum("effort_hours")),
        effort_done=total(active.filter(status="done"), Sum("effort_hours")),
        overdue_count=total(active.overdue(today), Count("pk")),
        latest_leaning=Subquery(completed.values("result__leaning")[:1]),
        latest_leaning_role=Subquery(
            completed.values("result__leaning_role__name")[:1]
        ),
        last_activity_at=Greatest(
            Coalesce("last_login", epoch),
            Coalesce(latest[Milestone], epoch),
            Coalesce(latest[Assessment], epoch),
        ),
    ).annotate(
        progress_pct=Coalesce(F("effort_done"), 0) * 100 / NullIf(F("effort_total"), 0)
    )


class MilestoneInline(LabelledInlineMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["order", "title", "kind", "effort_hours", "status", "due_date",
              "completed_at", "evidence_url", "notes"]  # fmt: skip
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class CoachFeedbackInline(admin.StackedInline):
    """Coaches add feedback; what was sent stays as it was sent."""

    model = CoachFeedback
    extra = 1
    fields = ["milestone", "body", "coach", "created_at", "read_at"]
    readonly_fields = ["coach", "created_at", "read_at"]
    verbose_name = "feedback to the member"
    verbose_name_plural = "feedback to the member"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("milestone")
        if field is not None:
            # Only this plan's milestones: a crafted id from any other plan is
            # an invalid choice.
            field.queryset = obj.milestones.all() if obj else Milestone.objects.none()
        return formset

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("coaching.add_coachfeedback")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Plan)
class PlanAdmin(CoachScopedAdminMixin, admin.ModelAdmin):
    audit_label = "plan"
    list_display = ["title", "member", "status", "target_date", "progress"]
    list_filter = ["status"]
    search_fields = ["title", "member__email", "member__name"]
    list_select_related = ["member"]
    inlines = [MilestoneInline, CoachFeedbackInline]
    fields = ["member", "title", "status", "from_role_name", "to_role_name",
              "start_date", "target_date", "weekly_hours", "review_interval_weeks",
              "source_assessment", "template"]  # fmt: skip
    raw_id_fields = ["member", "source_assessment", "template"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    @admin.display(description="progress", ordering="effort_done")
    def progress(self, plan) -> str:
        if not plan.effort_total:
            return "—"
        return f"{round(100 * plan.effort_done / plan.effort_total)}%"

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not CoachFeedback:
            if request.user.is_superuser:
                for inline in formset.forms:
                    edited = inline.instance
                    if (
                        isinstance(edited, Milestone)
                        and edited.pk
                        and inline.has_changed()
                    ):
                        # A member's page opened before this edit then gets a
                        # conflict instead of silently overwriting it.
                        edited.version += 1
                super().save_formset(request, form, formset, change)
            else:
                # Read-only for coaches: whatever a crafted POST carries is
                # dropped unsaved (the admin's change log still needs the lists).
                formset.save(commit=False)
                formset.new_objects = formset.changed_objects = []
                formset.deleted_objects = []
            return
        # Feedback is only ever added here (never changed): through the service,
        # which records the coach and emails the member.
        formset.new_objects = [
            services.give_feedback(
                coach=request.user,
                plan=form.instance,
                milestone=draft.milestone,
                body=draft.body,
                site_url=site_url(request),
            )
            for draft in formset.save(commit=False)
            if draft.pk is None
        ]
        formset.changed_objects = formset.deleted_objects = []


class AnswerInline(LabelledInlineMixin, admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question_prompt", "option_label", "position", "weight", "answered_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(CoachScopedAdminMixin, admin.ModelAdmin):
    audit_label = "assessment"
    list_display = ["guide", "member", "started_at", "completed_at", "leaning"]
    list_filter = [("completed_at", admin.EmptyFieldListFilter)]
    search_fields = ["member__email", "member__name"]
    list_select_related = ["guide", "member"]
    inlines = [AnswerInline]
    fields = ["member", "guide", "level", "current_role", "started_at",
              "completed_at", "result_summary"]  # fmt: skip
    readonly_fields = ["result_summary"]

    @admin.display(description="leaning")
    def leaning(self, assessment) -> str:
        result = assessment.result
        if not result:
            return "Unfinished"
        if result["leaning_role"] is None:
            return f"On the boundary ({result['score']:+d})"
        return f"{result['leaning_role']['name']} ({result['score']:+d})"

    @admin.display(description="result")
    def result_summary(self, assessment) -> str:
        return self.leaning(assessment)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Superusers read who opened which client's data, and when."""

    list_display = ["at", "coach", "client", "what", "object_repr"]
    list_filter = ["what"]
    search_fields = ["coach__email", "client__email"]
    list_select_related = ["coach", "client"]
    date_hierarchy = "at"

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
