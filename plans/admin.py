from django.contrib import admin

from accounts.coaching import CoachScopedAdminMixin
from config.http import site_url
from guides.forms import LabelledInlineMixin

from .models import CoachFeedback, Milestone, MilestoneTemplate, Plan, PlanTemplate
from .notifications import notify_feedback


class MilestoneTemplateInline(admin.StackedInline):
    model = MilestoneTemplate
    extra = 0
    fields = [("order", "kind", "effort_hours"), "title", "description",
              "suggested_evidence"]  # fmt: skip


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "guide", "from_role", "to_role"]
    list_filter = ["guide"]
    list_select_related = ["guide", "from_role", "to_role"]
    search_fields = ["title"]
    autocomplete_fields = ["guide", "from_role", "to_role"]
    inlines = [MilestoneTemplateInline]


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
        return request.user.has_perm("plans.add_coachfeedback")

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
                super().save_formset(request, form, formset, change)
            else:
                # Read-only for coaches: whatever a crafted POST carries is
                # dropped unsaved (the admin's change log still needs the lists).
                formset.save(commit=False)
                formset.new_objects = formset.changed_objects = []
                formset.deleted_objects = []
            return
        created = []
        for feedback in formset.save(commit=False):
            if feedback.pk is None:
                feedback.coach = request.user
                feedback.plan = form.instance
                feedback.save()
                created.append(feedback)
        for feedback in created:
            notify_feedback(feedback, site_url=site_url(request))
