from django.contrib import admin

from guides.forms import LabelledInlineMixin

from .models import LearningResource, MilestoneTemplate, PlanTemplate


class MilestoneTemplateInline(admin.StackedInline):
    model = MilestoneTemplate
    extra = 0
    fields = [("order", "kind", "effort_hours"), "title", "description",
              "suggested_evidence"]  # fmt: skip
    # Learning resources are edited on the milestone template's own page.
    show_change_link = True


class LearningResourceInline(LabelledInlineMixin, admin.TabularInline):
    model = LearningResource
    extra = 1
    fields = ["order", "title", "url", "kind"]


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "template", "order", "kind", "effort_hours"]
    list_filter = ["template"]
    list_select_related = ["template"]
    search_fields = ["title"]
    fields = ["template", ("order", "kind", "effort_hours"), "title", "description",
              "suggested_evidence"]  # fmt: skip
    raw_id_fields = ["template"]
    inlines = [LearningResourceInline]


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "guide", "from_role", "to_role"]
    list_filter = ["guide"]
    list_select_related = ["guide", "from_role", "to_role"]
    search_fields = ["title"]
    autocomplete_fields = ["guide", "from_role", "to_role"]
    inlines = [MilestoneTemplateInline]
