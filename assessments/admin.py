from django.contrib import admin

from guides.forms import GuideRoleFormSet

from .models import DecisionQuestion, FitStatement, Option


class OptionInline(admin.TabularInline):
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
    fields = ["guide", "order", "prompt", "help_text", "weight", "section_anchor"]


class DecisionQuestionInline(admin.TabularInline):
    """Questions in order on the guide's own page; options one click away."""

    model = DecisionQuestion
    extra = 0
    fields = ["order", "prompt", "weight", "section_anchor"]
    show_change_link = True


class FitStatementInline(admin.TabularInline):
    model = FitStatement
    formset = GuideRoleFormSet
    extra = 0
    fields = ["order", "role", "kind", "text"]
