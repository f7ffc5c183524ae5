import datetime as dt
from functools import cache

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .coaching import CoachScopedAdminMixin
from .models import AccessLog, Client, User


class CrossroadsUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class CrossroadsUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = CrossroadsUserChangeForm
    add_form = CrossroadsUserCreationForm
    ordering = ["email"]
    list_display = ["email", "name", "level", "coach", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "level"]
    search_fields = ["email", "name"]
    list_select_related = ["current_role", "coach"]
    autocomplete_fields = ["coach"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Profile",
            {
                "fields": (
                    "name",
                    "current_role",
                    "level",
                    "target_market",
                    "email_reminders",
                )
            },
        ),
        ("Coaching", {"fields": ("coach",)}),
        (
            "Permissions",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )


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
    from assessments.models import Assessment
    from plans.models import Milestone

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
