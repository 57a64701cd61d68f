"""A place that two regional alliances list (sources differ on the Landkreis Wittmund: Ems-Achse
or JadeBay) is referred to both: no question which one, both named at the place question, in the
pre-check and under "Ihr Ansprechpartner"; advise keeps one `referral` object (the alliance
listed first) and names the other in the reason."""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor, advice_json
from bot.export.documents import sketch_documents
from bot.kb.knowledge import KnowledgeBase
from bot.understanding.places import Elsewhere
from bot.understanding.result import Understood
from tests.dialogs.conftest import TODAY, DialogDriver, complete, key_text

EMS_ACHSE = "Fachkräftebündnis Ems-Achse"
JADEBAY = "Fachkräftebündnis JadeBay"


@pytest.mark.parametrize("typed", ["Wittmund", "Landkreis Wittmund", "LK Wittmund", "Esens"])
def test_a_place_of_two_alliances_is_understood_without_asking_back(
    advisor: Advisor, typed: str
) -> None:
    resolved = advisor.places.resolve(typed)
    assert isinstance(resolved, Understood), resolved
    assert isinstance(resolved.value, Elsewhere)
    advice = advisor.advise(advisor.facts_from_text({"region": typed}, TODAY), TODAY)
    assert advice.referral is not None and advice.referral.name == EMS_ACHSE
    assert [a.name for a in advice.also_referred] == [JADEBAY]


def test_advise_keeps_one_referral_object_and_names_the_other_in_the_reason(
    advisor: Advisor, kb: KnowledgeBase
) -> None:
    facts = advisor.facts_from_text({"region": "Wittmund"}, TODAY)
    out = advice_json(advisor.advise(facts, TODAY), kb)
    assert out["referral"] == {"id": "ems-achse", "name": EMS_ACHSE}
    (reason,) = [r for r in out["eligibility"]["reasons"] if "Leine-Weser" in r]
    assert EMS_ACHSE in reason and JADEBAY in reason and "an beide Bündnisse" in reason
    english = advice_json(advisor.advise(facts, TODAY), kb, "en")
    assert "or the Fachkräftebündnis JadeBay" in english["eligibility"]["reasons"][0]


def test_a_place_of_one_alliance_names_that_one_only(advisor: Advisor) -> None:
    advice = advisor.advise(advisor.facts_from_text({"region": "Jever"}, TODAY), TODAY)
    assert advice.referral is not None and advice.referral.name == JADEBAY
    assert advice.also_referred == ()
    assert EMS_ACHSE not in key_text("advice.reason.other_alliance", place="x", alliance="y")


def test_the_sponsor_from_wittmund_is_referred_to_both(
    driver: DialogDriver, advisor: Advisor
) -> None:
    reply = driver.text("Wittmund")
    assert driver.step == "organisation", "no question which alliance is meant"
    assert EMS_ACHSE in reply and JADEBAY in reply
    complete(driver)
    contact = next(p for p in driver.plain.split("\n\n") if p.startswith("Ihr Ansprechpartner"))
    assert f"zuständig ist das {EMS_ACHSE}" in contact
    assert f"auch zum {JADEBAY}" in contact and "bei beiden" in contact
    # the Projektskizze names both as well
    (markdown,) = [
        d
        for d in sketch_documents(driver.state, advisor, "de", TODAY)
        if d.filename.endswith(".md")
    ]
    assert f"{EMS_ACHSE} / {JADEBAY}" in markdown.content.decode()
