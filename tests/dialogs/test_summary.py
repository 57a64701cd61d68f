"""What the summary says, read on a phone: the place as understood, the pre-check status with
its disclaimer, short reasons why, a configured meeting, and for a place outside the region
only what applies there."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import SteeringGroupMeeting
from tests.dialogs.conftest import DialogDriver, complete, help_text, key_text

JUSTIFICATION = "Das Projekt läuft in allen Städten der Region und braucht vier Coaches."


def section(summary: str, heading: str) -> str:
    for paragraph in summary.split("\n\n"):
        if paragraph.startswith(heading):
            return paragraph
    raise AssertionError(f"no section {heading!r} in:\n{summary}")


def test_the_place_is_shown_once_with_where_it_belongs(driver: DialogDriver) -> None:
    complete(driver, {"region": "Garbsen"})
    answers = section(driver.plain, "Ihre Angaben")
    assert "• Ort: Garbsen (Region Hannover)" in answers
    assert "→" not in answers


def test_the_status_is_not_said_twice_and_the_disclaimer_stands_beside_it(
    driver: DialogDriver,
) -> None:
    complete(driver, {"costs": "300.000 €"})
    pre_check = section(driver.plain, "Vorprüfung")
    assert pre_check.startswith("Vorprüfung: ✅ bestanden\n")
    assert pre_check.count("Vorprüfung") == 2, "heading and disclaimer, not the status again"
    assert key_text("advice.hint.pre_check_only") in pre_check
    assert key_text("advice.hint.pre_check_only") not in section(driver.plain, "Hinweise")


def test_a_given_justification_is_not_asked_for_again(driver: DialogDriver) -> None:
    complete(driver, {"costs": "1,2 Mio", "justification": JUSTIFICATION})
    pre_check = section(driver.plain, "Vorprüfung")
    assert pre_check.startswith("Vorprüfung: ⚠️ Begründung liegt vor")
    assert "Ihre Begründung liegt vor" in pre_check
    assert "ist eine gesonderte Begründung nötig" not in pre_check


def test_reasons_why_a_field_fits_are_short_and_say_no_keyword_twice(
    driver: DialogDriver,
) -> None:
    complete(
        driver,
        {
            "target_group": "Geflüchtete",
            "idea": (
                "Wir bieten geflüchteten Menschen ein bezahltes Praktikum in Pflegeheimen mit "
                "begleitendem Deutschkurs an, zusammen mit dem Jobcenter und Pflegeschulen."
            ),
        },
    )
    fields = section(driver.plain, "Passende Handlungsschwerpunkte")
    whys = [line for line in fields.splitlines() if line.strip().startswith("Warum:")]
    assert whys, fields
    for why in whys:
        assert "ähnliche Projekte" not in why, "the similar projects have their own list"
        words = (
            why.split("Stichworte: ")[1].split(";")[0].split(", ") if "Stichworte" in why else []
        )
        assert len(words) <= 4, why
        assert "geflüchtete" not in words or "Zielgruppe: Geflüchtete" not in why, why


def test_a_configured_meeting_shows_its_note(kb: KnowledgeBase, clock: FixedClock) -> None:
    meeting = SteeringGroupMeeting(
        date=date(2027, 2, 3), note="Einreichung bis 06.01.2027", source="test"
    )
    rules = kb.rules.model_copy(update={"steering_group_meetings": [meeting]})
    engine = DialogEngine(SPONSOR_DIALOG, Advisor(replace(kb, rules=rules)), clock)
    driver = DialogDriver.started(engine)
    complete(driver)
    dates = section(driver.plain, "Wichtige Termine")
    assert "03.02.2027 (Einreichung bis 06.01.2027)" in dates


def test_outside_the_region_no_leine_weser_procedure_and_no_handoff(
    driver: DialogDriver, kb: KnowledgeBase
) -> None:
    complete(driver, {"region": "Celle"})
    summary = driver.plain
    assert key_text("summary.next_steps", items="").strip() not in summary
    assert not any(f"{n}. {step.title}" in summary for n, step in enumerate(kb.rules.procedure, 1))
    assert "summary:handoff" not in driver.actions
    assert "summary:ask" not in driver.actions
    assert "session:export" in driver.actions, "the sketch is theirs anyway"
    contact = section(summary, "Ihr Ansprechpartner")
    nordost = kb.regional_alliance("nordost-niedersachsen")
    assert nordost.name in contact
    assert nordost.districts[0] in contact, "where it is responsible, not only its name"


def test_inside_the_region_the_procedure_and_handoff_are_offered(driver: DialogDriver) -> None:
    complete(driver)
    assert "So geht es weiter" in driver.plain
    assert "1. Stellen Sie die Idee der lokalen Fachkräfteallianz vor" in driver.plain
    assert {"summary:handoff", "summary:ask"} <= set(driver.actions)


def test_help_names_the_summary_command(driver: DialogDriver) -> None:
    for language in ("de", "en"):
        assert ("/zusammenfassung" if language == "de" else "/summary") in help_text(language)
