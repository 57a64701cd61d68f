"""Answers that cannot be used: asked again with a reason, and nothing the sponsor gave is lost."""

from __future__ import annotations

import pytest

from bot.core.state import DialogState
from bot.dialogs.sponsor import MAX_ANSWER
from bot.texts.catalog import Msg
from tests.dialogs.conftest import DialogDriver, complete, key_text, walk_to

LONG = ("Wir wollen sehr viel erreichen. " * 320)[:10_000]
assert len(LONG) == 10_000

INVALID = [
    ("region", "Xyzdorf", "understanding.place.unknown"),
    ("region", "", "understanding.place.empty"),
    ("region", "   ", "understanding.place.empty"),
    ("region", LONG, "sponsor.region.none_in_message"),  # no place in a sentence: not quoted
    ("organisation", LONG, "sponsor.error.too_long"),
    ("organisation", "", "sponsor.error.empty"),
    ("organisation", "  \n ", "sponsor.error.empty"),
    ("target_group", "", "sponsor.target_group.empty"),
    ("target_group", LONG, "sponsor.error.too_long"),
    ("idea", "", "sponsor.idea.empty"),
    ("idea", LONG, "sponsor.error.too_long"),
    ("title", "", "sponsor.error.empty"),
    ("title", LONG, "sponsor.error.too_long"),
    ("costs", "viel Geld", "understanding.money.missing"),
    ("costs", "0 €", "understanding.money.zero"),
    ("costs", "-5000", "understanding.money.negative"),
    ("costs", "", "understanding.money.missing"),
    ("costs", LONG, "understanding.money.missing"),
    ("justification", "weil", "sponsor.justification.thin"),
    ("justification", "", "sponsor.error.empty"),
    ("justification", LONG, "sponsor.error.too_long"),
    ("start", "irgendwann", "understanding.start.missing"),
    ("start", "", "understanding.start.missing"),
    ("start", LONG, "understanding.start.missing"),
    ("duration", "ewig", "understanding.duration.missing"),
    ("duration", "100 Jahre", "understanding.duration.too_long"),
    ("duration", "", "understanding.duration.missing"),
    ("duration", LONG, "understanding.duration.missing"),
    ("cofinancing", "", "sponsor.error.empty"),
    ("cofinancing", LONG, "sponsor.error.too_long"),
]


def case_id(case: tuple[str, str, str]) -> str:
    step, text, _ = case
    shown = "long" if len(text) > 40 else repr(text)
    return f"{step}-{shown}"


def keys_of(driver: DialogDriver) -> list[str]:
    """The keys of the reply's parts, also of parts combined into one ("sponsor.notes": a
    reason with the help after it)."""

    def keys(part: Msg) -> list[str]:
        inner = [k for value in part.params.values() if isinstance(value, Msg) for k in keys(value)]
        return [part.key, *inner]

    return [key for part in driver.reply.parts for key in keys(part)]


def check_refused(driver: DialogDriver, before: DialogState, step: str, reason: str) -> None:
    assert driver.step == step, driver.plain
    assert reason in keys_of(driver), (keys_of(driver), driver.plain)
    assert driver.reply.step == step, "the re-ask belongs to the same question"
    assert driver.state.answers == before.answers
    assert driver.state.history == before.history
    expected = before.model_copy(update={"offered": driver.state.offered})
    if driver.state.offered != before.offered:  # a re-ask with new buttons: older ones are stale
        expected = expected.model_copy(update={"revision": before.revision + 1})
    assert driver.state == expected


@pytest.mark.parametrize("case", INVALID, ids=[case_id(c) for c in INVALID])
def test_invalid_answer_is_asked_again_with_a_reason(
    driver: DialogDriver, case: tuple[str, str, str]
) -> None:
    step, text, reason = case
    walk_to(driver, step)
    before = driver.state
    driver.text(text)
    check_refused(driver, before, step, reason)


@pytest.mark.parametrize("case", INVALID, ids=[case_id(c) for c in INVALID])
def test_invalid_answer_while_editing_keeps_the_previous_answer(
    driver: DialogDriver, case: tuple[str, str, str]
) -> None:
    step, text, reason = case
    complete(driver)
    driver.press("summary:edit")
    driver.press(f"edit:{step}")
    before = driver.state
    assert before.editing and step in before.answers
    driver.text(text)
    check_refused(driver, before, step, reason)
    assert "Bisherige Antwort" in driver.plain or driver.state.offered


def test_a_too_long_answer_names_its_length_and_the_limit(driver: DialogDriver) -> None:
    walk_to(driver, "title")
    reply = driver.text(LONG)
    assert "10000" in reply
    assert str(MAX_ANSWER) in reply


# --- places -----------------------------------------------------------------------------------


def test_unknown_place_offers_close_names_as_choices(driver: DialogDriver) -> None:
    before = driver.state
    reply = driver.text("Hamelm")
    assert "„Hamelm“" in reply
    assert driver.step == "region"
    assert driver.state.answers == before.answers
    assert "Hameln (Landkreis Hameln-Pyrmont)" in driver.button_labels
    assert all(b.action.startswith("pick:") for b in driver.buttons)

    driver.press_label("Hameln (Landkreis Hameln-Pyrmont)")
    assert driver.acknowledged == ["Hameln (Landkreis Hameln-Pyrmont)"]
    assert driver.step == "organisation"
    region = driver.value("region")
    assert isinstance(region, dict)
    assert (region["subregion"], region["district"], region["name"]) == (
        "weserbergland",
        "hameln-pyrmont",
        "Hameln",
    )


def test_a_place_too_broad_offers_the_sub_regions(driver: DialogDriver, kb) -> None:  # type: ignore[no-untyped-def]
    driver.text("Niedersachsen")
    assert driver.step == "region"
    assert driver.button_labels == [s.name for s in kb.regions.subregions]
    driver.press_label("REK Weserbergland+")
    assert driver.step == "organisation"
    region = driver.value("region")
    assert isinstance(region, dict) and region["subregion"] == "weserbergland"


def test_gronau_is_asked_back_and_each_choice_resolves(engine) -> None:  # type: ignore[no-untyped-def]
    asking = DialogDriver.started(engine)
    reply = asking.text("Gronau")
    assert asking.step == "region"
    assert "region" not in asking.state.answers
    assert "„Gronau“ gibt es mehrfach" in reply
    labels = asking.button_labels[:2]
    assert all(label.startswith("Gronau (") for label in labels)
    assert [a for a in asking.actions if a.startswith("pick:")] == ["pick:0", "pick:1"]
    inside = next(label for label in labels if "Landkreis Hildesheim" in label)
    outside = next(label for label in labels if label != inside)

    for label in (inside, outside):
        driver = DialogDriver(engine, asking.state, list(asking.outputs))
        driver.press_label(label)
        assert driver.step == "organisation"
        assert driver.acknowledged == [label]
        region = driver.value("region")
        assert isinstance(region, dict)
        if label == inside:
            assert (region["kind"], region["district"], region["name"]) == (
                "in_region",
                "hildesheim",
                "Gronau (Leine)",
            )
        else:
            assert (region["kind"], region["name"], region["state"]) == (
                "elsewhere",
                "Gronau (Westf.)",
                "Nordrhein-Westfalen",
            )


def test_gronau_typed_with_its_river_is_understood(driver: DialogDriver) -> None:
    driver.text("Gronau")
    driver.text("Gronau (Leine)")
    assert driver.step == "organisation"
    region = driver.value("region")
    assert isinstance(region, dict) and region["district"] == "hildesheim"


def test_burgdorf_is_taken_with_a_note_and_corrected_with_back(driver: DialogDriver) -> None:
    reply = driver.text("Burgdorf")
    assert driver.step == "organisation"
    assert "„Burgdorf“ verstehe ich als Burgdorf (Region Hannover)" in reply
    assert "Burgdorf (Landkreis Wolfenbüttel)" in reply and "/zurueck" in reply
    region = driver.value("region")
    assert isinstance(region, dict) and region["district"] == "region-hannover"
    driver.command("back")
    assert driver.step == "region"
    driver.text("Burgdorf (Landkreis Wolfenbüttel)")
    region = driver.value("region")
    assert isinstance(region, dict) and region["alliance"] == "suedostniedersachsen"


# --- suggestions of the other parsers ---------------------------------------------------------


def test_a_tiny_amount_offers_the_likely_one(driver: DialogDriver) -> None:
    walk_to(driver, "costs")
    driver.text("50")
    assert driver.step == "costs"
    assert "50.000 €" in driver.button_labels
    driver.press_label("50.000 €")
    assert driver.value("costs") == 50_000
    assert driver.step == "start"


def test_a_start_year_without_month_offers_its_months(driver: DialogDriver) -> None:
    walk_to(driver, "start")
    driver.text("2028")  # a year after the realistic start: its months from January on
    assert driver.step == "start"
    assert driver.button_labels[:4] == ["01/2028", "04/2028", "07/2028", "10/2028"]
    driver.press_label("01/2028")
    assert driver.value("start") == "2028-01"
    assert driver.step == "duration"


@pytest.mark.parametrize("action", ["pick:8", "pick:99", "pick:-1", "pick:x", "pick:", "pick:²"])
def test_a_press_outside_the_offered_choices_is_refused(driver: DialogDriver, action: str) -> None:
    walk_to(driver, "organisation")
    before = driver.state
    driver.press(action)
    assert driver.state == before
    assert key_text("sponsor.error.stale") in driver.plain
    assert driver.reply.step == "organisation"


# --- the thin idea ----------------------------------------------------------------------------


def test_a_thin_idea_is_kept_and_the_next_answer_appended(driver: DialogDriver) -> None:
    walk_to(driver, "idea")
    reply = driver.text("Coaching")
    assert driver.step == "idea"
    assert driver.state.partial == "Coaching"
    assert "idea" not in driver.state.answers
    assert key_text("sponsor.idea.thin") in reply
    assert key_text("sponsor.partial_kept") in reply

    reply = driver.text("mit viel Herz")
    assert driver.step == "title"
    assert driver.value("idea") == "Coaching\nmit viel Herz"
    assert driver.state.partial == ""
    assert key_text("sponsor.idea.taken_anyway") in reply


def test_a_thin_idea_completed_well_is_accepted_without_remark(driver: DialogDriver) -> None:
    walk_to(driver, "idea")
    driver.text("Wir wollen ein Coaching")
    reply = driver.text(
        "für Langzeitarbeitslose mit Praktikum in Pflegeheimen und Sprachkurs, "
        "zusammen mit dem Jobcenter"
    )
    assert driver.step == "title"
    idea = driver.value("idea")
    assert isinstance(idea, str)
    assert idea.startswith("Wir wollen ein Coaching\nfür Langzeitarbeitslose")
    assert key_text("sponsor.idea.taken_anyway") not in reply


def test_a_too_long_second_attempt_keeps_the_first(driver: DialogDriver) -> None:
    walk_to(driver, "idea")
    driver.text("Ein Projekt für Frauen")
    before = driver.state
    driver.text(LONG)
    assert driver.step == "idea"
    assert "sponsor.error.too_long" in keys_of(driver)
    assert driver.state.partial == "Ein Projekt für Frauen", "the first attempt must not be lost"
    assert driver.state == before


def test_going_back_from_a_thin_idea_drops_the_kept_text(driver: DialogDriver) -> None:
    walk_to(driver, "idea")
    driver.text("Ein Projekt für Frauen")
    driver.command("back")
    assert driver.state.partial == ""
    assert driver.step == "target_group"
