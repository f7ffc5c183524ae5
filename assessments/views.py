from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import member_required
from config.http import HtmxHttpRequest, id_in_range, see_other, wants_fragment
from guides.models import Guide

from . import scoring, services
from .charts import diverging_chart, score_scale
from .forms import AnswerForm, FitForm
from .models import Assessment

STEP_TEMPLATE = "assessments/assessment_step.html"


def _own_assessment(request, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.for_member(request.user).with_guide(), pk=pk
    )


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, slug: str) -> HttpResponse:
    """Intro page; POST starts a new assessment or resumes the open one."""
    guide = get_object_or_404(Guide.objects.published().with_roles(), slug=slug)
    questions = guide.questions.count()
    if not questions:
        raise Http404("This guide has no assessment.")
    if request.method == "POST":
        assessment, _ = services.start_or_resume(member=request.user, guide=guide)
        return see_other(assessment)
    unfinished = (
        Assessment.objects.for_member(request.user).unfinished().filter(guide=guide)
    ).first()
    context = {"guide": guide, "question_count": questions, "unfinished": unfinished}
    return render(request, "assessments/assessment_start.html", context)


class Steps:
    """The questions of an unfinished assessment and where the member is."""

    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.questions = list(assessment.guide.questions.prefetch_related("options"))
        self.answers = {a.question_id: a for a in assessment.answers.all()}
        self.total = len(self.questions)
        # The fit statements are one more step after the questions.
        self.fit_step = self.total + 1
        self.first_open = next(
            (i + 1 for i, q in enumerate(self.questions) if q.pk not in self.answers),
            self.fit_step,
        )

    def clamp(self, raw: str | None) -> int:
        """The requested step, never beyond the first unanswered question."""
        try:
            step = int(raw) if raw else self.first_open
        except ValueError:
            step = self.first_open
        return max(1, min(step, self.first_open))

    def question(self, step: int):
        return self.questions[step - 1]

    def url(self, step: int) -> str:
        return f"{self.assessment.get_absolute_url()}?step={step}"


def _step_context(steps: Steps, step: int, form=None) -> dict:
    context = {"assessment": steps.assessment, "steps": steps, "step": step}
    if step <= steps.total:
        question = steps.question(step)
        answer = steps.answers.get(question.pk)
        suggested = steps.assessment.suggested_option
        suggests = suggested is not None and suggested.question_id == question.pk
        if form is None:
            initial = {"option": answer.option_id} if answer else {}
            if suggests:
                initial = {"option": suggested.pk}
            form = AnswerForm(question=question, initial=initial)
        note = steps.assessment.suggestion_note if suggests else ""
        context.update(question=question, form=form, suggestion_note=note)
    else:
        statements = list(steps.assessment.guide.fit_statements.select_related("role"))
        guide = steps.assessment.guide
        chosen = set(form.data.getlist("statements")) if form is not None else set()
        context.update(
            fit_form=form,
            chosen={int(c) for c in chosen if c.isdigit()},
            fit_groups=[
                (
                    f"{guide.role_a} suits you if you enjoy…",
                    _pick(statements, "likes", guide.role_a_id),
                ),
                (
                    f"{guide.role_b} suits you if you enjoy…",
                    _pick(statements, "likes", guide.role_b_id),
                ),
                ("Things you dislike", [s for s in statements if s.kind == "dislikes"]),
            ],
        )
    return context


def _pick(statements: list, kind: str, role_id: int) -> list:
    return [s for s in statements if s.kind == kind and s.role_id == role_id]


def _render_step(
    request: HtmxHttpRequest, steps: Steps, step: int, form=None, status: int = 200
):
    template = STEP_TEMPLATE + ("#step" if wants_fragment(request) else "")
    return render(request, template, _step_context(steps, step, form), status=status)


@member_required
@require_safe
@vary_on_headers("HX-Request")
def detail(request, pk: int) -> HttpResponse:
    """The next (or requested) step of an assessment, or its frozen result."""
    assessment = _own_assessment(request, pk)
    if assessment.is_complete:
        return render(request, RESULT, _result_context(assessment))
    steps = Steps(assessment)
    return _render_step(request, steps, steps.clamp(request.GET.get("step")))


RESULT = "assessments/assessment_result.html"


def _refuse_finished(request, assessment: Assessment) -> HttpResponse:
    messages.error(request, "This assessment is finished; its answers can't change. "
                   "Start a new one from the guide to answer again.")  # fmt: skip
    response = render(request, "assessments/assessment_result.html",
                      _result_context(assessment), status=409)  # fmt: skip
    return response


@member_required
@require_POST
def answer(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assessment = _own_assessment(request, pk)
    if assessment.is_complete:
        return _refuse_finished(request, assessment)
    steps = Steps(assessment)
    step = steps.clamp(request.POST.get("step"))
    if step > steps.total:
        step = steps.total
    form = AnswerForm(request.POST, question=steps.question(step))
    if not form.is_valid():
        return _render_step(request, steps, step, form, status=400)
    try:
        services.record_answer(
            assessment=assessment, question=form.question, option=form.selected_option()
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render_step(request, steps, step, form, status=400)
    steps = Steps(assessment)
    next_step = (
        min(step + 1, steps.first_open) if step < steps.total else steps.first_open
    )
    if wants_fragment(request):
        response = _render_step(request, steps, next_step)
        response["HX-Push-Url"] = steps.url(next_step)
        return response
    return see_other(steps.url(next_step))


@member_required
@require_POST
def finish(request, pk: int) -> HttpResponse:
    assessment = _own_assessment(request, pk)
    if assessment.is_complete:
        return _refuse_finished(request, assessment)
    steps = Steps(assessment)
    statements = list(assessment.guide.fit_statements.all())
    form = FitForm(request.POST, statements=statements)
    if not form.is_valid():
        return _render_step(request, steps, steps.fit_step, form, status=400)
    try:
        services.complete_assessment(
            assessment=assessment,
            fit_statement_ids=form.cleaned_data["statements"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_step(request, steps, steps.first_open, status=400)
    return see_other(assessment)


def _result_context(assessment: Assessment) -> dict:
    result = assessment.result
    rows = answer_rows(assessment)
    pulls = [(f"{r['number']}. {r['short']}", r["value"]) for r in rows]
    roles = {"role_a": result["role_a"]["name"], "role_b": result["role_b"]["name"]}
    return {
        "assessment": assessment,
        "result": result,
        "rows": rows,
        "earlier_scoring": is_earlier_scoring(result),
        "explanation": explanation(result),
        "outcome": outcome(result),
        "guide_url": assessment.guide.get_absolute_url(),
        # Wide and narrow layouts; the stylesheet shows the one that fits.
        "charts": [
            {
                "layout": layout,
                "scale": score_scale(result["score"], **roles, narrow=narrow),
                "why": diverging_chart(pulls, **roles, narrow=narrow),
            }
            for layout, narrow in (("wide", False), ("narrow", True))
        ],
        "next_step": _next_step(result),
    }


def is_earlier_scoring(result: dict) -> bool:
    """Frozen before agreement and hybrid answers counted: shown as it was."""
    return result.get("scoring_version", 1) < scoring.VERSION


def answer_rows(assessment: Assessment) -> list[dict]:
    """The frozen contributions in the order the questions were asked, each
    with its number and short name.

    Results frozen before numbers and short names were stored take them from
    the guide's questions as they are now (the figures stay the frozen ones).
    """
    contributions = assessment.result["contributions"]
    if all("number" in c for c in contributions):
        return sorted(contributions, key=lambda c: c["number"])
    questions = list(
        assessment.guide.questions.values_list("pk", "short_name").order_by(
            "order", "id"
        )
    )
    order = {pk: index for index, (pk, _) in enumerate(questions)}
    shorts = dict(questions)
    ordered = sorted(
        contributions,
        key=lambda c: (
            c["question_id"] is None,
            order.get(c["question_id"], len(order)),
            c["question_id"] or 0,
        ),
    )
    return [
        {
            **c,
            "number": number,
            "short": shorts.get(c["question_id"])
            or (c["question"] if c["question_id"] is None else f"Question {number}"),
        }
        for number, c in enumerate(ordered, start=1)
    ]


HYBRID_NOTES = {scoring.Note.HYBRID_ANSWER, scoring.Note.BOTH_SIDES}


def outcome(result: dict) -> str:
    """lean, hybrid (evidence for work spanning both) or boundary (no pull)."""
    if result["leaning"] != scoring.Leaning.HYBRID:
        return "lean"
    if HYBRID_NOTES & set(result.get("notes", [])):
        return "hybrid"
    return "boundary"


def explanation(result: dict) -> dict:
    """What the template needs to say how far the answers agree."""
    agreement = result.get("agreement")
    if agreement is None:
        return {}
    side = result.get("score_side")
    other = None
    if side is not None:
        other = (
            result["role_b"]
            if side["id"] == result["role_a"]["id"]
            else (result["role_a"])
        )
    dislikes = [c for c in result["contributions"] if c.get("kind") == "dislike"]
    return {
        "agreement": agreement,
        "side": side,
        "other": other,
        "notes": set(result.get("notes", [])),
        "dislikes": dislikes,
        "hybrid_answers": [c for c in result["contributions"] if c.get("hybrid")],
    }


def _next_step(result: dict) -> str:
    """switch, deepen or boundary: what the result suggests doing next."""
    leaning_role = result["leaning_role"]
    if leaning_role is None:
        return "boundary"
    if result["current_role_id"] == leaning_role["id"]:
        return "deepen"
    return "switch"


@member_required
@require_safe
def assessment_list(request) -> HttpResponse:
    assessments = list(Assessment.objects.for_member(request.user).with_guide())
    completed = [a for a in assessments if a.is_complete]
    return render(
        request,
        "assessments/assessment_list.html",
        {"assessments": assessments, "completed": completed},
    )


@member_required
@require_safe
def compare(request) -> HttpResponse:
    """Which answers changed between two of my finished assessments."""
    ids = []
    for key in ("a", "b"):
        try:
            ids.append(int(request.GET.get(key, "")))
        except ValueError:
            messages.error(request, "Choose two finished assessments to compare.")
            return see_other("assessments:list")
    if not all(id_in_range(pk) for pk in ids):
        raise Http404("No such pair of assessments.")
    pair = list(
        Assessment.objects.for_member(request.user)
        .completed()
        .with_guide()
        .filter(pk__in=ids)
        .order_by("completed_at")
    )
    if len(pair) != 2:
        if ids[0] == ids[1]:
            messages.error(request, "Choose two different assessments to compare.")
            return see_other("assessments:list")
        raise Http404("No such pair of assessments.")
    earlier, later = pair
    return render(
        request,
        "assessments/assessment_compare.html",
        {"earlier": earlier, "later": later, "rows": compare_rows(earlier, later),
         "moved": later.result["score"] - earlier.result["score"],
         "earlier_scoring": _earlier_scoring(earlier, later)},
    )  # fmt: skip


def _earlier_scoring(earlier: Assessment, later: Assessment) -> str:
    old = [is_earlier_scoring(a.result) for a in (earlier, later)]
    return "both" if all(old) else "earlier" if old[0] else ""


def compare_rows(earlier: Assessment, later: Assessment) -> list[dict]:
    """Both results' answers side by side, in the order they were asked, with
    each answer's pull as its own result page shows it (whole points)."""

    def by_question(assessment: Assessment) -> dict:
        return {r["question_id"] or r["key"]: r for r in answer_rows(assessment)}

    before, after = by_question(earlier), by_question(later)
    rows = []
    for key in dict.fromkeys([*after, *before]):
        old, new = before.get(key), after.get(key)
        pull_before = round(old["value"]) if old else None
        pull_after = round(new["value"]) if new else None
        rows.append(
            {
                "number": (new or old)["number"],
                "short": (new or old)["short"],
                "question": (new or old)["question"],
                "before": old["answer"] if old else "—",
                "after": new["answer"] if new else "—",
                "pull_before": pull_before,
                "pull_after": pull_after,
                "changed": (old or {}).get("answer") != (new or {}).get("answer"),
                "moved": (pull_after or 0) - (pull_before or 0),
            }
        )
    return rows
