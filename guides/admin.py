from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import services
from .forms import GuideRoleFormSet, LabelledInlineMixin
from .markdown import render_markdown
from .models import ComparisonRow, Guide, InterviewTopic, Role, SalaryBand, Tag


class MarkdownEditor(forms.Textarea):
    """A textarea with a live, sanitised preview beside it (htmx)."""

    template_name = "guides/widgets/markdown_editor.html"

    def __init__(self, *args, preview_url: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.preview_url = preview_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["preview_url"] = self.preview_url
        context["preview"] = render_markdown(value or "").html
        return context


class GuideAdminForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = [
            "title", "slug", "summary", "role_a", "role_b", "status", "publish_at",
            "featured", "reviewed_on", "body", "pay_source", "pay_as_of",
            "pay_imported_on", "pay_caveat", "tags", "related", "meta_description",
        ]  # fmt: skip
        widgets = {
            "body": MarkdownEditor(
                attrs={"rows": 30}, preview_url=reverse_lazy("admin:guides_preview")
            ),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "pay_caveat": forms.Textarea(attrs={"rows": 3}),
        }


class ComparisonRowInline(LabelledInlineMixin, admin.TabularInline):
    model = ComparisonRow
    extra = 0
    fields = ["order", "dimension", "text_a", "text_b"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
    }


class SalaryBandInline(LabelledInlineMixin, admin.TabularInline):
    model = SalaryBand
    formset = GuideRoleFormSet
    extra = 0
    fields = ["role", "level", "low", "high", "open_ended", "currency", "scope_note"]


class InterviewTopicInline(LabelledInlineMixin, admin.TabularInline):
    model = InterviewTopic
    formset = GuideRoleFormSet
    extra = 0
    fields = ["order", "role", "topic", "detail"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
    }


class GuideHistoryHelper(HistoricalRecordContextHelper):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["max_displayed_delta_change_chars"] = 400
        super().__init__(*args, **kwargs)


@admin.register(Guide)
class GuideAdmin(SimpleHistoryAdmin):
    form = GuideAdminForm
    inlines = [
        ComparisonRowInline,
        SalaryBandInline,
        InterviewTopicInline,
        # assessments.admin adds the decision questions and fit statements.
    ]
    list_display = [
        "title",
        "status",
        "publish_at",
        "is_live",
        "reviewed_on",
        "updated_at",
    ]
    list_filter = ["status", "tags", "role_a", "role_b"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["tags", "related"]
    autocomplete_fields = ["role_a", "role_b"]
    list_select_related = ["role_a", "role_b"]
    date_hierarchy = "updated_at"
    actions = ["publish_now", "unpublish"]
    history_list_display = ["status"]
    object_history_form_template = "admin/guides/guide/object_history_form.html"
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "role_a", "role_b"]}),
        ("Publishing", {"fields": ["status", "publish_at", "featured", "reviewed_on"]}),
        ("Body", {"fields": ["body"]}),
        (
            "Pay by level",
            {"fields": ["pay_source", "pay_as_of", "pay_imported_on", "pay_caveat"]},
        ),
        ("Discovery", {"fields": ["tags", "related", "meta_description"]}),
    ]

    def get_historical_record_context_helper(self, request, historical_record):
        return GuideHistoryHelper(self.model, historical_record)

    @admin.display(boolean=True, description="visible now")
    def is_live(self, guide: Guide) -> bool:
        return guide.is_live

    @admin.action(description="Publish the selected guides now", permissions=["change"])
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        count = services.publish_now(guides=queryset)
        self.message_user(
            request, f"Published {count} guide(s); readers can see them now.",
            messages.SUCCESS,
        )  # fmt: skip

    @admin.action(description="Unpublish the selected guides", permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        count = services.unpublish(guides=queryset)
        self.message_user(
            request, f"Returned {count} guide(s) to draft; readers no longer see them.",
            messages.SUCCESS,
        )  # fmt: skip

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [path("preview/", preview, name="guides_preview"), *super().get_urls()]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """Render posted Markdown exactly as the guide page will show it."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        body = request.POST.get("body", "")[:200_000]
        return HttpResponse(render_markdown(body).html)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
