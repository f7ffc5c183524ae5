from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import member_required
from config.http import HtmxHttpRequest, posted, see_other, wants_fragment
from guides.models import Guide

from . import classifier, services
from .forms import CheckForm
from .models import MarketCheck, MarketSignal

TEMPLATE = "market/market_check.html"
DETAIL = "market/marketcheck_detail.html"


@dataclass
class Row:
    """One posting as the page shows it."""

    number: int
    verdict: str
    score: int
    title: str
    title_role: str
    segments: list[tuple[str, str]]
    phrases: dict[str, list[str]]

    @property
    def mismatch(self) -> bool:
        return {self.title_role, self.verdict} == {classifier.DS, classifier.MLE}


def _row(number: int, text: str, verdict: str, score: int, title_role: str,
         matches: list[classifier.Match]) -> Row:  # fmt: skip
    title, _ = classifier.split_title(text)
    phrases: dict[str, list[str]] = {side: [] for side in classifier.SIDES}
    for match in matches:
        found = text[match.start : match.end]
        if found.lower() not in (p.lower() for p in phrases[match.side]):
            phrases[match.side].append(found)
    return Row(number, verdict, score, title, title_role,
               classifier.segments(text, matches), phrases)  # fmt: skip


def _summary_context(guide: Guide, rows: list[Row], position: int | None) -> dict:
    question = services.market_question(guide)
    option = None
    if question is not None and position is not None:
        option = services.option_for(question, position)
    summary = classifier.summarise(r.verdict for r in rows)
    return {"rows": rows, "summary": summary, "question": question, "option": option}


def _guide() -> Guide | None:
    """The guide whose signals a check uses: the first published one with any."""
    return (
        Guide.objects.published()
        .with_roles()
        .filter(market_signals__isnull=False)
        .distinct()
        .order_by("title")
        .first()
    )


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def check(request: HtmxHttpRequest) -> HttpResponse:
    """Paste postings and see the verdicts; nothing is kept until saved."""
    guide = _guide()
    form = CheckForm(posted(request))
    context = {"form": form, "guide": guide}
    status = 200
    if request.method == "POST" and guide is None:
        status = 400  # there is nothing to check postings against
    elif request.method == "POST":
        if form.is_valid():
            signals = MarketSignal.objects.for_guide(guide).as_signals()
            rows = []
            for n, text in enumerate(form.cleaned_data["postings"], start=1):
                v = classifier.classify(text, signals)
                rows.append(_row(n, text, v.verdict, v.score, v.title_role,
                                 list(v.matches)))  # fmt: skip
            summary = classifier.summarise(r.verdict for r in rows)
            context |= _summary_context(guide, rows, summary.position)
            context["posted_text"] = request.POST["postings"]
        else:
            status = 400
    if wants_fragment(request):
        return render(request, f"{TEMPLATE}#work", context, status=status)
    context["saved"] = list(MarketCheck.objects.for_member(request.user))
    return render(request, TEMPLATE, context, status=status)


@member_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    guide = _guide()
    form = CheckForm(request.POST)
    if guide is None or not form.is_valid():
        saved_checks = list(MarketCheck.objects.for_member(request.user))
        context = {"form": form, "guide": guide, "saved": saved_checks}
        return render(request, TEMPLATE, context, status=400)
    saved = services.save_check(
        member=request.user, guide=guide, postings=form.cleaned_data["postings"]
    )
    messages.success(request, "Market check saved. Only you can see it.")
    return see_other(saved)


def _own_check(request, pk: int) -> MarketCheck:
    return get_object_or_404(
        MarketCheck.objects.for_member(request.user).select_related(
            "guide", "guide__role_a", "guide__role_b"
        ),
        pk=pk,
    )


@member_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _own_check(request, pk)
    rows = []
    for p in saved.postings.all():
        matches = [classifier.Match(*m) for m in p.matches]
        rows.append(_row(p.order, p.text, p.verdict, p.score, p.title_role, matches))
    context = {
        "check": saved,
        "guide": saved.guide,
        "note": services.check_note(saved),
        **_summary_context(saved.guide, rows, saved.position),
    }
    return render(request, DETAIL, context)


@member_required
@require_POST
def carry(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _own_check(request, pk)
    try:
        assessment = services.carry_into_assessment(member=request.user, check=saved)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return see_other(saved)
    question = assessment.suggested_option.question
    step = list(assessment.guide.questions.values_list("pk", flat=True)).index(
        question.pk
    )
    messages.success(
        request,
        f"Question {step + 1} of your assessment is pre-selected from this "
        "check. You can still change it.",
    )
    return see_other(assessment)


@member_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.delete_check(check=_own_check(request, pk))
    messages.success(request, "Market check deleted.")
    return see_other("market:check")
