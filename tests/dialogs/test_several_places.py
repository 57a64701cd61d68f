"""A project in several districts or sub-regions through the dialog engine: every alliance is
named (the first one to approach first), the answer survives the stored state, and the summary
reads in both languages."""

from __future__ import annotations

from bot.core.answers import place_of
from bot.core.state import DialogState
from bot.understanding.places import InRegion
from tests.dialogs.conftest import DialogDriver

HANNOVER = "Fachkräfteallianz Region Hannover"
HILDESHEIM = "Fachkräfte für die Region Hildesheim"
WESERBERGLAND = "Fachkräfte-Initiative Weserbergland+"


def test_the_region_question_names_every_alliance_the_first_first(driver: DialogDriver) -> None:
    reply = driver.text("Hildesheim, Hameln und Garbsen")
    assert driver.step == "organisation"
    assert "Das Projekt findet an mehreren Orten statt" in reply
    assert f"zuerst {HILDESHEIM} (für den zuerst genannten Ort)" in reply
    assert f"außerdem {WESERBERGLAND}, {HANNOVER}" in reply
    place = place_of(driver.state.answers)
    assert isinstance(place, InRegion)
    assert [p.district_id for p in place.places] == [
        "hildesheim",
        "hameln-pyrmont",
        "region-hannover",
    ]


def test_several_places_survive_the_stored_state(driver: DialogDriver) -> None:
    driver.text("Hannover und Hildesheim")
    restored = DialogState.model_validate_json(driver.state.model_dump_json())
    assert place_of(restored.answers) == place_of(driver.state.answers)
    place = place_of(restored.answers)
    assert isinstance(place, InRegion) and len(place.places) == 2


def test_two_districts_of_one_subregion_have_one_alliance(driver: DialogDriver) -> None:
    reply = driver.text("Hameln und Holzminden")
    assert f"Ihre lokale Fachkräfteallianz: {WESERBERGLAND}." in reply


def test_the_summary_in_english(engine) -> None:  # type: ignore[no-untyped-def]
    driver = DialogDriver.started(engine, "en")
    reply = driver.text("Hanover and Hildesheim district")
    assert "The project takes place in several places" in reply
    assert f"first {HANNOVER} (for the place named first), and also {HILDESHEIM}" in reply
    driver.command("skip")
    driver.answer(
        "Refugee women",
        "Refugee women do a paid internship in care homes and get a job-related German course, "
        "together with the job centre.",
    )
    driver.command("skip")
    driver.answer("380,000 EUR", "01/2027", "2 years")
    driver.command("skip")
    summary = driver.plain
    assert "Your first contacts" in summary
    contact = next(p for p in summary.split("\n\n") if p.startswith("Your first contacts"))
    assert f"first {HANNOVER} (for the place named first), and also {HILDESHEIM}" in contact
    assert "Spatial effect of the project" in summary
