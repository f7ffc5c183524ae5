from django.contrib import admin

from accounts.coaching import CoachScopedAdminMixin
from guides.forms import GuideRoleFormSet, LabelledInlineMixin

from .models import Answer, Assessment, DecisionQuestion, FitStatement, Option


class OptionInline(LabelledInlineMixin, admin.TabularInline):
    model = Option
    extra = 0
    min_num = 2
    fields = ["order", "label", "position"]


@admin.register(DecisionQuestion)
class DecisionQuestionAdmin(admin.ModelAdmin):
    list_display = ["prompt", "guide", "order", "weight"]
    list_filter = ["guide"]
    list_select_related = ["guide"]
    search_fields = ["prompt"]
    autocomplete_fields = ["guide"]
    inlines = [OptionInline]
    fields = ["guide", "order", "prompt", "help_text", "weight", "section_anchor",
              "market_evidence"]  # fmt: skip


class DecisionQuestionInline(LabelledInlineMixin, admin.TabularInline):
    """Questions in order on the guide's own page; options one click away."""

    model = DecisionQuestion
    extra = 0
    fields = ["order", "prompt", "weight", "section_anchor"]
    show_change_link = True


class FitStatementInline(LabelledInlineMixin, admin.TabularInline):
    model = FitStatement
    formset = GuideRoleFormSet
    extra = 0
    fields = ["order", "role", "kind", "text"]


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
