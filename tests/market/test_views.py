"""The market check pages: verdicts, bad input, saving, privacy, carrying."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from assessments.models import Assessment
from market import services
from market.models import MarketCheck, MarketSignal, Posting
from tests.factories import UserFactory, guide_with_assessment

pytestmark = pytest.mark.django_db

SIGNALS = Path(__file__).resolve().parents[2] / "content/signals/ds-vs-mle.toml"
MLE_POSTING = (
    "Data Scientist, Recommendations\nYou will own model serving, cut inference "
    "latency, maintain the training pipeline and join the on-call rotation."
)
DS_POSTING = (
    "Analyst\nDesign A/B tests, pick product metrics, and present insights to "
    "stakeholders with careful statistics."
)
HYBRID_POSTING = "Applied AI\nBuild LLM features: RAG, prompt work and eval sets."
CHECK = reverse("market:check")


@pytest.fixture
def guide():
    guide = guide_with_assessment()
    question = guide.questions.order_by("order").last()
    question.section_anchor = "a-decision-framework"
    question.save()
    services.load_signals(path=SIGNALS, guide=guide)
    return guide


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def paste(*postings: str) -> str:
    return "\n---\n".join(postings)


def test_loader_is_idempotent_and_keeps_edits(guide):
    signal = MarketSignal.objects.get(guide=guide, phrase="latency")
    signal.weight = 5
    signal.save()
    again = services.load_signals(path=SIGNALS, guide=guide)
    assert again["market signals"] == 0
    assert MarketSignal.objects.get(pk=signal.pk).weight == 5
    assert guide.questions.filter(market_evidence=True).count() == 1


def test_check_shows_verdicts_phrases_and_mismatch(client, guide, member):
    text = paste(MLE_POSTING, DS_POSTING, HYBRID_POSTING)
    response = client.post(CHECK, {"postings": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert [v for v in ("mle", "ds", "hybrid") if f'data-verdict="{v}"' in body] == [
        "mle", "ds", "hybrid"
    ]  # fmt: skip
    assert "Titled Data Scientist; the work described is ML engineering." in body
    assert '<mark class="hl hl--mle">latency</mark>' in body
    assert '<mark class="hl hl--ds">A/B tests</mark>' in body
    assert "Of your 3 postings," in body
    question = guide.questions.get(market_evidence=True)
    assert f"“{question.options.get(position=0).label}”" in body
    assert not MarketCheck.objects.exists()  # nothing kept until saved


def test_check_as_htmx_fragment(client, guide, member):
    response = client.post(CHECK, {"postings": MLE_POSTING}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'data-verdict="mle"' in body


def test_pasted_html_is_shown_as_text(client, guide, member):
    text = "Role\n<script>alert(1)</script> <b>latency</b> on-call"
    body = client.post(CHECK, {"postings": text}).content.decode()
    assert "<script>alert(1)" not in body and "<b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Paste at least one job posting to check."),
        ("\n---\n  \n---\n", "Paste at least one job posting to check."),
        ("Role\nlatency\x00 on-call", "control characters"),
        (paste(*["Role\nlatency"] * 21), "You pasted 21 postings"),
        ("Role\n" + "latency " * 2600, "Posting 1 is longer than 20,000"),
    ],
)
def test_bad_input_is_refused_with_the_text_kept(client, guide, member, text, message):
    response = client.post(CHECK, {"postings": text})
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    if text.strip() and "\x00" not in text:
        assert text[:200].split("\n")[1][:50] in body  # still in the form


def test_other_language_is_unclear(client, guide, member):
    text = "Científico de datos\nBuscamos una persona curiosa. Horario flexible."
    body = client.post(CHECK, {"postings": text}).content.decode()
    assert 'data-verdict="unclear"' in body


def test_save_list_detail_and_delete(
    client, guide, member, django_assert_max_num_queries
):
    response = client.post(
        reverse("market:save"),
        {"postings": paste(MLE_POSTING, MLE_POSTING, DS_POSTING)},
    )
    check = MarketCheck.objects.get(member=member)
    assert (
        response.status_code == 303 and response["Location"] == check.get_absolute_url()
    )
    assert check.posting_count == 3 and check.position == 1
    assert list(check.postings.values_list("verdict", flat=True)) == [
        "mle",
        "mle",
        "ds",
    ]
    for _ in range(5):
        services.save_check(member=member, guide=guide, postings=[DS_POSTING] * 4)
    with django_assert_max_num_queries(12):
        listing = client.get(CHECK).content.decode()
    assert listing.count("postings, ") >= 6
    with django_assert_max_num_queries(12):
        detail = client.get(check.get_absolute_url()).content.decode()
    assert '<mark class="hl hl--mle">on-call</mark>' in detail
    response = client.post(reverse("market:delete", args=[check.pk]))
    assert response.status_code == 303
    assert not MarketCheck.objects.filter(pk=check.pk).exists()
    assert not Posting.objects.filter(market_check_id=check.pk).exists()


def test_other_members_get_404(client, guide, member):
    other = UserFactory()
    theirs = services.save_check(member=other, guide=guide, postings=[MLE_POSTING])
    for method, name in [("get", "detail"), ("post", "carry"), ("post", "delete")]:
        response = getattr(client, method)(reverse(f"market:{name}", args=[theirs.pk]))
        assert response.status_code == 404, name
    assert MarketCheck.objects.filter(pk=theirs.pk).exists()
    assert theirs.posting_count == 1
    assert f"/market/{theirs.pk}/" not in client.get(CHECK).content.decode()


def test_carry_preselects_question_and_result_records_origin(client, guide, member):
    check = services.save_check(member=member, guide=guide, postings=[MLE_POSTING] * 4)
    response = client.post(reverse("market:carry", args=[check.pk]))
    assessment = Assessment.objects.get(member=member)
    assert response.status_code == 303
    question = guide.questions.get(market_evidence=True)
    suggested = question.options.get(position=2)
    assert assessment.suggested_option == suggested
    # Answer the other questions, then reach the market question.
    from assessments import services as a_services

    others = guide.questions.exclude(pk=question.pk)
    for q in others:
        a_services.record_answer(assessment=assessment, question=q,
                                 option=q.options.get(position=-1))  # fmt: skip
    step = list(guide.questions.values_list("pk", flat=True)).index(question.pk) + 1
    page = client.get(f"{assessment.get_absolute_url()}?step={step}").content.decode()
    note = services.check_note(check)
    assert f"Pre-selected from your {note}" in page
    assert f'value="{suggested.pk}" id="id_option_4" checked' in page or (
        f'value="{suggested.pk}"' in page and "checked" in page
    )
    client.post(reverse("assessments:answer", args=[assessment.pk]),
                {"step": step, "question": question.pk, "option": suggested.pk})  # fmt: skip
    client.post(reverse("assessments:finish", args=[assessment.pk]), {})
    assessment.refresh_from_db()
    origins = {
        c["question_id"]: c.get("origin") for c in assessment.result["contributions"]
    }
    assert origins[question.pk] == note
    assert not any(origins[q.pk] for q in others)


def test_choosing_another_answer_drops_the_suggestion(client, guide, member):
    check = services.save_check(member=member, guide=guide, postings=[MLE_POSTING])
    assessment = services.carry_into_assessment(member=member, check=check)
    question = guide.questions.get(market_evidence=True)
    from assessments import services as a_services

    answer = a_services.record_answer(assessment=assessment, question=question,
                                      option=question.options.get(position=-2))  # fmt: skip
    assessment.refresh_from_db()
    assert answer.origin == "" and assessment.suggested_option is None


def test_export_and_deletion_include_checks(client, guide, member):
    services.save_check(member=member, guide=guide, postings=[MLE_POSTING, DS_POSTING])
    data = json.loads(client.get(reverse("accounts:data")).content)["data"]
    assert len(data["market.marketcheck"]) == 1
    assert {p["verdict"] for p in data["market.posting"]} == {"mle", "ds"}
    from accounts.data import delete_member

    delete_member(user=member)
    assert not MarketCheck.objects.exists() and not Posting.objects.exists()


def test_a_hybrid_market_selects_the_hybrid_answer_not_the_unsure_one(guide, member):
    question = guide.questions.get(market_evidence=True)
    middle = question.options.get(position=0)
    # "Not sure" comes first in order; a hybrid check must still pick hybrid.
    middle.label, middle.order = "I'm not sure yet", 0
    middle.save()
    hybrid = question.options.create(
        label="Mostly hybrid applied-AI roles", position=0, order=9, hybrid=True
    )
    assert services.option_for(question, 0) == hybrid
    assert services.option_for(question, 2) == question.options.get(position=2)
    check = services.save_check(member=member, guide=guide,
                                postings=[HYBRID_POSTING] * 3)  # fmt: skip
    assert check.position == 0
    assessment = services.carry_into_assessment(member=member, check=check)
    assert assessment.suggested_option == hybrid
