"""The evaluation set validates and the harness measures what it claims, on a few cases."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.kb.shipped import shipped_knowledge_dir
from bot.texts.catalog import Msg
from bot.texts.catalog import render as render_msg
from tests.eval.understanding.cases import FAQ_TOPICS, NO_ENTRY, EvalSet, load
from tests.eval.understanding.drive import Chat, converse, running_bot, set_today
from tests.eval.understanding.readings import SLOTS, judge, renderings, stored
from tests.eval.understanding.report import render, run
from tests.eval.understanding.scoring import NO_ANSWER, Faq, allowed_questions


@pytest.fixture(scope="module")
def evalset() -> EvalSet:
    return load()


def test_the_set_has_the_size_the_issues_ask_for(evalset: EvalSet) -> None:
    cases, places = evalset.of("heldout")
    assert len(evalset.cases) >= 120
    assert len(cases) >= 40
    assert len(evalset.places) >= 60
    assert 3 * len(places) >= len(evalset.places)


def test_labels_name_known_ids(evalset: EvalSet, kb: KnowledgeBase) -> None:
    districts = {d.id for d in kb.regions.districts}
    alliances = {a.id for a in kb.alliances.regional_alliances}
    groups = {g.id for g in kb.target_groups}
    places = [p for c in evalset.cases for p in c.expect.place]
    places += [p for i in evalset.places for p in i.expect]
    for place in places:
        assert {place.district, *place.districts} - {None} <= districts, place
        assert place.referral is None or place.referral in alliances, place
    for case in evalset.cases:
        expect = case.expect
        assert set(expect.target_groups) | set(expect.target_groups_ok) <= groups, case.id


async def test_a_plain_conversation_is_followed_to_the_summary_and_read_back(
    evalset: EvalSet, kb: KnowledgeBase
) -> None:
    case = next(c for c in evalset.cases if c.id == "t-plain-form-answers")
    async with running_bot() as (runtime, clock):
        set_today(clock, case.today)
        transcript = await converse(Chat(runtime, 1), case)
    assert transcript.ended == "summary"
    for slot in ("place", "costs", "start", "duration", "title"):
        assert judge(slot, stored(transcript.answers, slot), case.expect) == "correct", slot
    # Nothing said up front: each of the nine questions (no justification) is asked once.
    assert 9 <= transcript.questions <= allowed_questions(case, kb) == 10


async def test_the_report_covers_every_slot_and_both_goals(
    evalset: EvalSet, kb: KnowledgeBase
) -> None:
    text = render(await run(evalset, kb, limit=2), evalset)
    assert "### Goals (held-out part)" in text
    for slot in SLOTS:
        assert f"| #12 | {slot}: precision ≥ 95 % |" in text
    assert "| #13 | place: alliance precision 100 % |" in text
    assert "Set: tuning: 2 conversations, 2 place inputs; heldout: 2 conversations" in text


def test_an_organisation_kind_counts_as_shown_by_its_label_in_either_language(
    kb: KnowledgeBase,
) -> None:
    # German replies name the kind "Sonstige", English ones "Other": both show the value "other"
    shown = renderings("organisation", "other", kb)
    assert "Sonstige" in shown and "other" in shown
    assert "Sonstige" not in renderings("organisation", "education", kb)


def test_a_question_without_faq_entry_counts_as_answered_only_by_saying_so() -> None:
    # topic "none": the reply says there is no reliable answer (sponsor.reply.unanswered), in
    # either language; an FAQ answer given instead does not count
    faq = Faq.load(shipped_knowledge_dir())
    for language in ("de", "en"):
        said = render_msg(Msg(NO_ANSWER, {"question": "…"}), language)
        assert faq.answers(NO_ENTRY, said)
        assert not faq.answers("own_share", said)
    assert not faq.answers(NO_ENTRY, faq.topics["own_share"][0])


def test_every_labelled_topic_but_none_is_an_faq_entry(kb: KnowledgeBase) -> None:
    assert FAQ_TOPICS - {NO_ENTRY} <= {entry.id for entry in kb.faq}
