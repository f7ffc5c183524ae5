"""The guide admin as a content manager's CMS: whole-guide revisions with
history, compare and revert; drafts of live guides with preview, publish
(with a change note for members) and scheduling; what depends on each guide.

The guide admin is extended here, at the top of the layers, because a
revision covers parts from every app below (questions, plan templates).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments.admin import GuideWithAssessmentAdmin
from assessments.models import Assessment
from guides.diff import compare
from guides.models import Guide, GuideRevision, Role
from plans.models import Plan

from . import revisions
from .importer import export_guide, record_revision


class PublishForm(forms.Form):
    change_note = forms.CharField(
        label="Change note for members",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="One or two sentences: what changed and why it matters to "
        "someone following this guide.",
    )
    publish_at = forms.SplitDateTimeField(
        label="Publish at",
        required=False,
        widget=admin.widgets.AdminSplitDateTime,
        help_text="Leave empty to publish now; a later time schedules it.",
    )

    def clean_change_note(self) -> str:
        note = " ".join(self.cleaned_data["change_note"].split())
        sentences = [s for s in note.replace("!", ".").replace("?", ".").split(".")]
        if len([s for s in sentences if s.strip()]) > 2:
            raise forms.ValidationError("Keep the note to one or two sentences.")
        if len(note) < 10:
            raise forms.ValidationError("Say in a sentence what changed.")
        return note

    def clean_publish_at(self):
        when = self.cleaned_data["publish_at"]
        if when is not None and when <= timezone.now():
            raise forms.ValidationError(
                "Choose a time still to come, or leave it empty to publish now."
            )
        return when


def _dependents(guide_ref) -> dict:
    plans = (
        Plan.objects.filter(template__guide=guide_ref, status=Plan.Status.ACTIVE)
        .order_by()
        .values("template__guide")
        .annotate(n=Count("pk"))
        .values("n")
    )
    results = (
        Assessment.objects.filter(guide=guide_ref, completed_at__isnull=False)
        .order_by()
        .values("guide")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {
        "active_plans": Coalesce(Subquery(plans), 0),
        "results": Coalesce(Subquery(results), 0),
    }


admin.site.unregister(Guide)


@admin.register(Guide)
class GuideCmsAdmin(GuideWithAssessmentAdmin):
    change_form_template = "admin/guides/guide/cms_change_form.html"
    list_display = [*GuideWithAssessmentAdmin.list_display, "depends_on_it"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(**_dependents(OuterRef("pk")))

    def get_search_results(self, request, queryset, search_term):
        # Lists and autocompletes show guides, never their working copies.
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        return queryset.filter(draft_of__isnull=True), distinct

    @admin.display(description="depends on it")
    def depends_on_it(self, guide: Guide) -> str:
        return f"{guide.active_plans} active plans, {guide.results} results"

    def has_change_permission(self, request, obj=None) -> bool:
        # A live guide changes only through a draft: its own form is read-only.
        if obj is not None and obj.draft_of_id is None and obj.is_live:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.draft_of_id is None and obj.is_live:
            return False
        return super().has_delete_permission(request, obj)

    def can_manage(self, request) -> bool:
        return super().has_change_permission(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.draft_of_id:
            fields += ["slug", "status", "publish_at"]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.draft_of_id:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id is not None:
            guide = self.get_object(request, object_id)
            if guide is not None:
                if request.method == "POST" and guide.draft_of_id is None:
                    revisions.ensure_baseline(guide=guide)
                extra_context["cms"] = {
                    "guide": guide,
                    "live": guide.draft_of_id is None and guide.is_live,
                    "draft": Guide.objects.filter(draft_of=guide).first()
                    if guide.draft_of_id is None
                    else None,
                    "can_manage": self.can_manage(request),
                }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        guide = form.instance
        if guide.draft_of_id:
            revisions.record_draft_save(draft=guide, author=request.user)
        else:
            record_revision(
                guide=guide, kind=GuideRevision.Kind.SAVED, author=request.user
            )

    def response_change(self, request, obj):
        if obj.draft_of_id and "_continue" not in request.POST:
            self.message_user(
                request,
                "Draft saved. Readers still see the live guide until you publish.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:guides_guide_change", args=[obj.pk])
            )
        return super().response_change(request, obj)

    # Pages of our own, beside the change form.

    def get_urls(self):
        def view(func, *methods):
            wrapped = require_http_methods(list(methods))(func)
            return self.admin_site.admin_view(wrapped)

        return [
            path("<int:pk>/revisions/", view(self.revisions_view, "GET", "HEAD"),
                 name="guides_guide_revisions"),
            path("<int:pk>/revisions/compare/",
                 view(self.compare_view, "GET", "HEAD"), name="guides_guide_compare"),
            path("<int:pk>/revisions/<int:number>/revert/",
                 view(self.revert_view, "GET", "HEAD", "POST"),
                 name="guides_guide_revert"),
            path("<int:pk>/draft/", view(require_POST(self.draft_view), "POST"),
                 name="guides_guide_draft"),
            path("<int:pk>/publish/", view(self.publish_view, "GET", "HEAD", "POST"),
                 name="guides_guide_publish"),
            path("<int:pk>/discard/", view(self.discard_view, "POST"),
                 name="guides_guide_discard"),
            *super().get_urls(),
        ]  # fmt: skip

    def _guide(self, request, pk: int) -> Guide:
        if not self.can_manage(request):
            raise PermissionDenied
        return get_object_or_404(Guide.objects.originals(), pk=pk)

    def _context(self, request, guide: Guide, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": guide,
            "title": title,
            "subtitle": str(guide),
            **extra,
        }

    def revisions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        guide = self._guide(request, pk)
        entries = list(guide.revisions.select_related("author").defer("snapshot"))
        # By default, compare the live version with the one it replaced.
        live = [r.number for r in entries if r.kind in GuideRevision.LIVE_KINDS]
        return TemplateResponse(
            request,
            "admin/guides/guide/revisions.html",
            self._context(
                request, guide, f"Revisions of “{guide}”", revisions=entries,
                draft=Guide.objects.filter(draft_of=guide).first(),
                compare_b=live[0] if live else None,
                compare_a=live[1] if len(live) > 1 else None,
            ),
        )  # fmt: skip

    def compare_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        guide = self._guide(request, pk)
        try:
            a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
        except ValueError:
            return self._bad_compare(request, guide)
        found = {r.number: r for r in guide.revisions.filter(number__in=[a, b])}
        if a not in found or b not in found:
            return self._bad_compare(request, guide)
        roles = dict(Role.objects.values_list("slug", "name"))
        diff = compare(found[a].snapshot, found[b].snapshot, roles=roles)
        return TemplateResponse(
            request,
            "admin/guides/guide/revision_compare.html",
            self._context(
                request, guide, f"Revision {a} → revision {b}", diff=diff,
                old=found[a], new=found[b],
            ),
        )  # fmt: skip

    def _bad_compare(self, request, guide) -> HttpResponse:
        response = TemplateResponse(
            request,
            "admin/guides/guide/revision_compare.html",
            self._context(
                request, guide, "Compare revisions",
                error="Choose two revisions of this guide to compare.",
            ),
            status=400,
        )  # fmt: skip
        return response

    def revert_view(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        guide = self._guide(request, pk)
        revision = get_object_or_404(guide.revisions.live(), number=number)
        if request.method == "POST":
            new = revisions.revert(guide=guide, revision=revision, author=request.user)
            self.message_user(
                request,
                f"Reverted to revision {number}; saved as revision {new.number}.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:guides_guide_revisions", args=[guide.pk]), status=303
            )
        latest = guide.revisions.live().order_by("-number").first()
        roles = dict(Role.objects.values_list("slug", "name"))
        diff = compare(latest.snapshot, revision.snapshot, roles=roles)
        return TemplateResponse(
            request,
            "admin/guides/guide/revision_revert.html",
            self._context(
                request, guide, f"Revert to revision {number}?", revision=revision,
                diff=diff,
            ),
        )  # fmt: skip

    def draft_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        guide = self._guide(request, pk)
        draft = revisions.start_draft(guide=guide, author=request.user)
        return HttpResponseRedirect(
            reverse("admin:guides_guide_change", args=[draft.pk]), status=303
        )

    def discard_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        guide = self._guide(request, pk)
        if revisions.discard_draft(guide=guide):
            self.message_user(request, "Draft discarded.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:guides_guide_change", args=[guide.pk]), status=303
        )

    def publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        guide = self._guide(request, pk)
        draft = Guide.objects.filter(draft_of=guide).first()
        if draft is None:
            raise Http404("This guide has no draft to publish.")
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            when = form.cleaned_data["publish_at"]
            revision = revisions.publish_draft(
                guide=guide, author=request.user,
                note=form.cleaned_data["change_note"], at=when,
            )  # fmt: skip
            if revision is None:
                local = timezone.localtime(when)
                text = f"Draft scheduled to publish at {local:%Y-%m-%d %H:%M}."
            else:
                text = f"Published as revision {revision.number}; readers see it now."
            self.message_user(request, text, messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:guides_guide_revisions", args=[guide.pk]), status=303
            )
        roles = dict(Role.objects.values_list("slug", "name"))
        latest = guide.revisions.live().order_by("-number").first()
        diff = compare(
            latest.snapshot if latest else export_guide(guide),
            export_guide(draft),
            roles=roles,
        )
        return TemplateResponse(
            request,
            "admin/guides/guide/publish.html",
            self._context(
                request, guide, f"Publish the draft of “{guide}”", form=form,
                draft=draft, diff=diff, media=self.media + form.media,
            ),
            status=400 if request.method == "POST" else 200,
        )  # fmt: skip
