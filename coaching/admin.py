"""The coach's side of the admin: their clients, and those clients' plans and
assessments, read-only and scoped to the coach; the access log for superusers."""

import datetime as dt
from functools import cache

from django import forms
from django.contrib import admin
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from accounts.models import Client, User
from assessments.models import Assessment
from config.http import site_url
from guides.forms import LabelledInlineMixin
from plans.checkins import plan_forecast
from plans.forecast import Forecast
from plans.models import CheckIn, Milestone, Plan, ReviewDecision

from . import services
from .mixins import CoachScopedAdminMixin
from .models import AccessLog, CoachFeedback, CoachNote, Message


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
    list_display = ["client_name", "plan_progress", "overdue", "forecast_late",
                    "unread_messages", "last_activity", "latest_leaning",
                    "client_links"]  # fmt: skip
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

    def render_change_form(self, request, context, *args, **kwargs):
        # The change form's own scripts (prepopulate_init.js among them) need
        # the admin's jQuery: without it the page raised "$ is not a function".
        context["media"] = admin.ModelAdmin.media.fget(self) + context["media"]
        return super().render_change_form(request, context, *args, **kwargs)

    def get_queryset(self, request):
        queryset = annotate_clients(Client.objects.select_related("current_role"))
        if request.user.is_superuser:
            queryset = queryset.filter(coach__isnull=False)
        else:
            queryset = queryset.filter(coach=request.user)
        return annotate_forecast_late(queryset)

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

    @admin.display(description="forecast late", ordering="forecast_late_days")
    def forecast_late(self, client) -> str:
        days = client.forecast_late_days
        if days is None:
            return "No forecast"
        return f"{days} days late" if days > 0 else "On track"

    @admin.display(description="unread messages", ordering="unread_count")
    def unread_messages(self, client) -> int:
        return client.unread_count or 0

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


def active_plan_forecasts(clients) -> dict[int, Forecast]:
    """Each client's active plan's forecast, by client id, in two queries.

    The pure forecast decides, so the list sorts by the same figure the plan
    page shows.
    """
    today = timezone.localdate()
    plans = {
        plan.member_id: plan
        for plan in Plan.objects.active()
        .filter(member__in=clients)
        .with_progress()
        .order_by("member_id", "created_at")
    }
    hours: dict[int, list] = {}
    for plan_id, week, spent in CheckIn.objects.filter(
        plan__in=[p.pk for p in plans.values()]
    ).values_list("plan_id", "week", "hours"):
        hours.setdefault(plan_id, []).append((week, spent))
    return {
        member_id: plan_forecast(
            plan, plan.effort_total - plan.effort_done, hours.get(plan.pk, []), today
        )
        for member_id, plan in plans.items()
    }


def annotate_forecast_late(queryset):
    """``forecast_late_days`` (None without a forecast) and ``unread_count``
    for sorting the client list; the forecast itself is computed in Python
    over the coach's clients, whose number is small."""
    forecasts = active_plan_forecasts(queryset.values("pk"))
    late = [
        When(pk=member_id, then=Value((f.finish - f.target).days))
        for member_id, f in forecasts.items()
        if f.finish is not None
    ]
    unread = Message.objects.filter(
        plan__member=OuterRef("pk"), from_coach=False, read_at__isnull=True
    )
    return queryset.annotate(
        forecast_late_days=Case(*late, default=None, output_field=IntegerField())
        if late
        else Value(None, output_field=IntegerField()),
        unread_count=Subquery(
            unread.order_by().values("plan__member").annotate(n=Count("pk")).values("n")
        ),
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


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReviewDecisionInline(ReadOnlyInline):
    model = ReviewDecision
    fields = ["date", "decision", "note"]
    verbose_name_plural = "the member's review decisions"


class CheckInInline(ReadOnlyInline):
    model = CheckIn
    fields = ["week", "hours", "confidence", "blocker"]
    verbose_name_plural = "weekly check-ins"


class MessageInline(admin.StackedInline):
    """The plan's conversation: what was said stays as it was said; the coach
    adds a reply, sent through the service (which emails the member)."""

    model = Message
    extra = 1
    fields = ["milestone", "body", "sender", "created_at", "read_at"]
    readonly_fields = ["sender", "created_at", "read_at"]
    verbose_name = "message"
    verbose_name_plural = "conversation with the member"

    @admin.display(description="from")
    def sender(self, message) -> str:
        if not message.pk:
            return "You"
        if not message.from_coach:
            return "The member"
        return message.author.display_name if message.author else "A coach"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "milestone")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("milestone")
        if field is not None:
            field.queryset = obj.milestones.all() if obj else Milestone.objects.none()
            field.required = False
        return formset

    def has_add_permission(self, request, obj=None) -> bool:
        # Only the member's coach now (or a superuser) writes in the thread.
        return request.user.has_perm("coaching.add_message") and (
            obj is None or services.coaches_plan(request.user, obj)
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(CoachScopedAdminMixin, admin.ModelAdmin):
    audit_label = "plan"
    list_display = ["title", "member", "status", "target_date", "progress",
                    "unread_messages"]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["title", "member__email", "member__name"]
    list_select_related = ["member"]
    inlines = [MilestoneInline, CheckInInline, ReviewDecisionInline, MessageInline,
               CoachFeedbackInline]  # fmt: skip
    fields = ["member", "title", "status", "from_role_name", "to_role_name",
              "start_date", "target_date", "forecast", "weekly_hours",
              "review_interval_weeks", "source_assessment", "template"]  # fmt: skip
    readonly_fields = ["forecast"]
    raw_id_fields = ["member", "source_assessment", "template"]

    def get_queryset(self, request):
        unread = Message.objects.filter(
            plan=OuterRef("pk"), from_coach=False, read_at__isnull=True
        )
        return (
            super()
            .get_queryset(request)
            .with_progress()
            .annotate(
                unread_count=Subquery(
                    unread.order_by().values("plan").annotate(n=Count("pk"))
                    .values("n")
                )
            )
        )  # fmt: skip

    @admin.display(description="unread messages", ordering="unread_count")
    def unread_messages(self, plan) -> int:
        return plan.unread_count or 0

    @admin.display(description="forecast finish")
    def forecast(self, plan) -> str:
        hours = list(plan.checkins.values_list("week", "hours"))
        result = plan_forecast(
            plan, plan.effort_total - plan.effort_done, hours, timezone.localdate()
        )
        if result.finish is None:
            return result.reason
        summary = (
            f"{result.finish:%-d %b %Y} at {result.pace:.1f} h a week "
            f"(last {result.weeks_used} check-ins)"
        )
        if result.is_late:
            return f"{summary}: {result.days_late} days after the target date"
        return f"{summary}: on track"

    @admin.display(description="progress", ordering="effort_done")
    def progress(self, plan) -> str:
        if not plan.effort_total:
            return "—"
        return f"{round(100 * plan.effort_done / plan.effort_total)}%"

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Message:
            # Replies only, through the service: it records the sender, marks
            # the member's messages read and emails the member.
            formset.new_objects = [
                services.send_message(
                    author=request.user,
                    plan=form.instance,
                    milestone=draft.milestone,
                    body=draft.body,
                )
                for draft in formset.save(commit=False)
                if draft.pk is None
            ]
            formset.changed_objects = formset.deleted_objects = []
            return
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


@admin.register(Assessment)
class AssessmentAdmin(CoachScopedAdminMixin, admin.ModelAdmin):
    audit_label = "assessment"
    list_display = ["guide", "member", "started_at", "completed_at", "leaning"]
    list_filter = [("completed_at", admin.EmptyFieldListFilter)]
    search_fields = ["member__email", "member__name"]
    list_select_related = ["guide", "member"]
    fields = ["member", "guide", "level", "current_role", "started_at",
              "completed_at", "result_summary", "answers_table",
              "fit_statements_ticked"]  # fmt: skip
    readonly_fields = ["result_summary", "answers_table", "fit_statements_ticked"]

    def get_fields(self, request, obj=None):
        return self.fields

    @admin.display(description="answers")
    def answers_table(self, assessment) -> str:
        """Each question once: the member's answer and its pull on the result
        (from the result frozen at completion; an unfinished one has none)."""
        result = assessment.result
        role_a = assessment.guide.role_a.name
        role_b = assessment.guide.role_b.name
        if result:
            rows = [
                (c["question"], c["answer"], _pull(c["value"], role_a, role_b))
                for c in result["contributions"]
            ]
        else:
            rows = [
                (a.question_prompt, a.option_label, "Not scored yet")
                for a in assessment.answers.all()
            ]
        if not rows:
            return "No answers yet"
        return format_html(
            "<table><thead><tr><th scope='col'>Question</th><th scope='col'>"
            "Answer</th><th scope='col'>Pull</th></tr></thead><tbody>{}</tbody>"
            "</table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description="fit statements ticked")
    def fit_statements_ticked(self, assessment) -> str:
        ticked = sorted(
            assessment.fit_statements.select_related("role"),
            key=lambda s: (s.role.name, s.kind, s.text),
        )
        if not ticked:
            return "None ticked"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li>{} — {}: {}</li>",
                ((s.role.name, s.get_kind_display(), s.text) for s in ticked),
            ),
        )  # fmt: skip

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


def _pull(value: float, role_a: str, role_b: str) -> str:
    if not value:
        return "Neither way"
    return f"{abs(value):.0f} towards {role_a if value < 0 else role_b}"


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


@admin.register(CoachNote)
class CoachNoteAdmin(admin.ModelAdmin):
    """A coach's private notes about their clients: only the coach who wrote
    one (while still coaching that client) and superusers read it."""

    list_display = ["client", "short_body", "coach", "updated_at"]
    list_select_related = ["client", "coach"]
    search_fields = ["body"]
    fields = ["client", "body", "coach", "created_at", "updated_at"]
    readonly_fields = ["coach", "created_at", "updated_at"]
    show_full_result_count = False

    def get_queryset(self, request):
        return CoachNote.objects.visible_to(request.user).select_related(
            "client", "coach"
        )

    def get_readonly_fields(self, request, obj=None):
        # The client of a written note stays; a new note chooses one.
        return self.readonly_fields + (["client"] if obj else [])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "client":
            clients = User.objects.filter(coach__isnull=False)
            if not request.user.is_superuser:
                clients = clients.filter(coach=request.user)
            kwargs["queryset"] = clients.order_by("email")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        return False  # no typed filters: the note text is all there is

    @admin.display(description="note")
    def short_body(self, note) -> str:
        return note.body[:80]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            services.update_note(note=obj, body=obj.body)
        else:
            note = services.add_note(coach=request.user, client=obj.client,
                                     body=obj.body)  # fmt: skip
            obj.pk, obj.coach = note.pk, note.coach
