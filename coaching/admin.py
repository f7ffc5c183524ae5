"""The coach's side of the admin: their clients, and those clients' plans and
assessments, read-only and scoped to the coach; the access log for superusers."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from accounts.models import Client, User
from assessments.models import Assessment
from config.http import site_url
from config.vocabulary import Level
from guides.forms import LabelledInlineMixin
from plans.checkins import plan_forecast
from plans.models import CheckIn, Milestone, Plan, ReviewDecision

from . import client_list, services
from .mixins import CoachScopedAdminMixin
from .models import AccessLog, CoachFeedback, CoachNote, Message

#: The client list's query parameters. Any other is refused (400), as the
#: admin refuses a lookup that none of the list's own filters makes: a typed
#: ``?password__startswith=`` must not turn the row count into an oracle.
CLIENT_LIST_PARAMS = frozenset({"q", "o", "p", "overdue", "level__exact"})
#: (name, heading) of the list's columns; the first seven sort by their
#: position, as ``client_list.SORTS`` numbers them.
CLIENT_COLUMNS = [
    ("client_name", "Client"),
    ("plan_progress", "Active plan"),
    ("overdue", "Overdue"),
    ("forecast_late", "Forecast late"),
    ("unread_messages", "Unread messages"),
    ("last_activity", "Last activity"),
    ("latest_leaning", "Latest leaning"),
    ("client_links", "Open"),
]
OVERDUE_CHOICES = [("yes", "Has overdue"), ("no", "Nothing overdue")]


@admin.register(Client)
class ClientAdmin(CoachScopedAdminMixin, admin.ModelAdmin):
    """A coach's clients: progress, what is overdue, last activity, leaning.

    The list is its own lean page (``changelist_view``): one query for the
    figures of the page shown, rows written by ``client_row``; the admin's
    change list would build every figure of every client through the ORM.
    """

    member_path = "pk"
    audit_label = "profile"
    # The columns, filters and search of the list are those of
    # ``changelist_view``; these keep the admin's own pages consistent.
    list_filter = ["level"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "current_role", "level", "target_market", "coach",
              "last_login", "date_joined"]  # fmt: skip
    list_per_page = client_list.PER_PAGE
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
        queryset = Client.objects.select_related("current_role")
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

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        query = request.GET
        unknown = set(query) - CLIENT_LIST_PARAMS
        if unknown:
            raise DisallowedModelAdminLookup(f"Filtering by {min(unknown)} not allowed")
        search = query.get("q", "").strip()
        overdue = query.get("overdue", "")
        overdue = overdue if overdue in dict(OVERDUE_CHOICES) else ""
        level = query.get("level__exact", "")
        level = level if level in Level.values else ""
        order, descending = _sort_of(query.get("o", ""))
        try:
            number = int(query.get("p", "1"))
        except ValueError:
            number = 1
        # Past a million pages there is no page, and no offset the database
        # could take.
        if not 1 <= number <= 10**6:
            raise Http404("No such page of clients.")
        page = client_list.client_page(
            user=request.user, search=search, level=level, overdue=overdue,
            order=order, descending=descending, page=number,
        )  # fmt: skip
        if not page.rows and number > 1:
            raise Http404("No such page of clients.")
        request.current_app = self.admin_site.name
        sort = f"{'-' if descending else ''}{order}" if query.get("o") else ""
        kept = {"q": search, "overdue": overdue, "level__exact": level, "o": sort}
        kept = {k: v for k, v in kept.items() if v}
        links = {
            "client": reverse("admin:accounts_client_changelist"),
            "plans": reverse("admin:plans_plan_changelist"),
            "assessments": reverse("admin:assessments_assessment_changelist"),
        }
        site = self.admin_site
        tz = timezone.get_current_timezone()
        script_name = request.META["SCRIPT_NAME"]
        pages = -(-page.count // client_list.PER_PAGE)
        context = {
            "site_title": site.site_title,
            "site_header": site.site_header,
            "site_url": (
                script_name if site.site_url == "/" and script_name else site.site_url
            ),
            "has_permission": True,  # admin_view let the request through
            "is_popup": False,
            "is_nav_sidebar_enabled": False,
            "available_apps": [],
            "opts": self.model._meta,
            "title": "Select client to "
            + ("change" if self.has_change_permission(request) else "view"),
            "search": search,
            "hidden": [(k, v) for k, v in kept.items() if k != "q"],
            # Safe: every text in these is fixed, or escaped where written.
            "filters": mark_safe(  # noqa: S308
                _filter_html("overdue milestones", kept, "overdue", OVERDUE_CHOICES)
                + _filter_html("level", kept, "level__exact", Level.choices)
            ),
            "headers": mark_safe(_headers_html(kept, order, descending)),  # noqa: S308
            # Safe: client_row escapes every text that comes from people.
            "rows": mark_safe(  # noqa: S308
                "\n".join(client_row(row, links, tz) for row in page.rows)
            ),
            "count": page.count,
            "pages": mark_safe(_pages_html(kept, number, pages)),  # noqa: S308
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/accounts/client/client_list.html", context
        )


def _sort_of(value: str) -> tuple[int, bool]:
    """The column and direction of an admin-style ``o=`` (``-4`` is the fourth
    column, descending; of ``4.-2`` the first counts); by email otherwise."""
    first = value.split(".")[0]
    try:
        column = int(first)
    except ValueError:
        return 1, False
    if abs(column) not in client_list.SORTS:
        return 1, False
    return abs(column), first.startswith("-")


def _query(kept: dict, **changes) -> str:
    merged = {**kept, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v})


# The list's filters, headings and page links are written here, like its rows:
# as template loops they cost more than the query. Their words are fixed; the
# links are url-encoded and then escaped.


def _filter_html(title: str, kept: dict, name: str, choices) -> str:
    """A filter's "All" and its choices; choosing one starts from page 1."""
    current = kept.get(name, "")
    items = []
    for value, label in [("", "All"), *choices]:
        link = escape(_query(kept, **{name: value}))
        if value == current:
            items.append(
                f'<li class="selected"><a href="{link}" aria-current="true">'
                f"{label}</a></li>"
            )
        else:
            items.append(f'<li><a href="{link}">{label}</a></li>')
    return (
        f"<details open><summary>By {title}</summary>"
        f"<ul>{''.join(items)}</ul></details>"
    )


def _headers_html(kept: dict, order: int, descending: bool) -> str:
    """The column headings; each sortable one links to its sort, the other
    way round when the list is sorted by it already."""
    cells = []
    for number, (name, text) in enumerate(CLIENT_COLUMNS, start=1):
        if number not in client_list.SORTS:
            cells.append(
                f'<th scope="col" class="column-{name}">'
                f'<div class="text"><span>{text}</span></div></th>'
            )
            continue
        flip = number == order and not descending
        link = escape(_query(kept, o=f"-{number}" if flip else str(number)))
        label = f"{text}: sort {'descending' if flip else 'ascending'}"
        classes, state = f"column-{name} sortable", ""
        if number == order:
            state = "descending" if descending else "ascending"
            classes += f" sorted {state}"
            state = f' aria-sort="{state}"'
        cells.append(
            f'<th scope="col" class="{classes}"{state}>'
            f'<div class="text"><a href="{link}" aria-label="{label}">{text}</a>'
            "</div></th>"
        )
    return "".join(cells)


def _pages_html(kept: dict, number: int, pages: int) -> str:
    """Links around the current page, with both ends; "…" marks a gap."""
    if pages < 2:
        return ""
    near = {1, 2, pages - 1, pages, *range(number - 2, number + 3)}
    items, last = [], 0
    for n in sorted(n for n in near if 1 <= n <= pages):
        if n > last + 1:
            items.append("<li><span>…</span></li>")
        if n == number:
            items.append(
                f'<li><span class="this-page" aria-current="page">{n}</span></li>'
            )
        else:
            link = escape(_query(kept, p=str(n)))
            items.append(f'<li><a href="{link}" aria-label="Page {n}">{n}</a></li>')
        last = n
    return f"<ul>{''.join(items)}</ul>"


def client_row(row: client_list.ClientRow, links: dict[str, str], tz) -> str:
    """One client's row of the list. Written with ``escape`` rather than a
    template or ``format_html``: at 25 rows a page those cost more than all
    the figures' query. Only the name, email and role name are text from
    people; the rest are numbers and fixed words."""
    pk = row.pk
    who = escape(f"{row.name} <{row.email}>" if row.name else row.email)
    if row.effort_total is None:
        progress = "No active plan"
    else:
        progress = f"{row.progress_pct or 0}% of {row.effort_total} h"
    if row.late_days is None:
        late = "No forecast"
    else:
        late = f"{row.late_days} days late" if row.late_days > 0 else "On track"
    if row.last_activity_at is None:
        activity = "-"
    else:
        local = row.last_activity_at.astimezone(tz)
        activity = (
            f'<time datetime="{local.isoformat(timespec="seconds")}">'
            f"{local:%-d %b %Y, %H:%M}</time>"
        )
    if row.leaning is None:
        leaning = "No result yet"
    elif row.leaning == "hybrid":
        leaning = "On the boundary"
    else:
        leaning = f"Leans {escape(row.leaning_role)}"
    return (
        f'<tr><th scope="row" class="field-client_name">'
        f'<a href="{links["client"]}{pk}/change/">{who}</a></th>'
        f'<td class="field-plan_progress">{progress}</td>'
        f'<td class="field-overdue">{row.overdue_count}</td>'
        f'<td class="field-forecast_late">{late}</td>'
        f'<td class="field-unread_messages">{row.unread_count}</td>'
        f'<td class="field-last_activity">{activity}</td>'
        f'<td class="field-latest_leaning">{leaning}</td>'
        f'<td class="field-client_links">'
        f'<a href="{links["plans"]}?member__id__exact={pk}">Plans</a> · '
        f'<a href="{links["assessments"]}?member__id__exact={pk}">Assessments</a>'
        "</td></tr>"
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
