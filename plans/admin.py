from django.contrib import admin

from .models import MilestoneTemplate, PlanTemplate


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
