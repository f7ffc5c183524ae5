from django.contrib import admin

from guides.admin import GuideAdmin
from guides.forms import GuideRoleFormSet, LabelledInlineMixin
from guides.models import Guide

from .models import DecisionQuestion, FitStatement, HybridRole, Option


class OptionInline(LabelledInlineMixin, admin.TabularInline):
    model = Option
    extra = 0
    min_num = 2
    fields = ["order", "label", "position", "hybrid"]


@admin.register(DecisionQuestion)
class DecisionQuestionAdmin(admin.ModelAdmin):
    list_display = ["prompt", "guide", "order", "weight"]
    list_filter = ["guide"]
    list_select_related = ["guide"]
    search_fields = ["prompt"]
    autocomplete_fields = ["guide"]
    inlines = [OptionInline]
    fields = ["guide", "order", "prompt", "short_name", "help_text", "weight",
              "section_anchor", "market_evidence"]  # fmt: skip


class DecisionQuestionInline(LabelledInlineMixin, admin.TabularInline):
    """Questions in order on the guide's own page; options one click away."""

    model = DecisionQuestion
    extra = 0
    fields = ["order", "short_name", "prompt", "weight", "section_anchor"]
    show_change_link = True


class HybridRoleInline(LabelledInlineMixin, admin.TabularInline):
    model = HybridRole
    extra = 0
    fields = ["order", "name", "description", "section_anchor"]


class FitStatementInline(LabelledInlineMixin, admin.TabularInline):
    model = FitStatement
    formset = GuideRoleFormSet
    extra = 0
    fields = ["order", "role", "kind", "text"]


# A guide's page also edits its decision questions and fit statements. They
# belong to this app, which sits above guides, so the guide admin is extended
# here rather than importing upwards.
admin.site.unregister(Guide)


@admin.register(Guide)
class GuideWithAssessmentAdmin(GuideAdmin):
    inlines = [*GuideAdmin.inlines, DecisionQuestionInline, FitStatementInline,
               HybridRoleInline]  # fmt: skip
