"""Correcting the target groups by typing replaces them (review11: after ✏️ on groups read
wrongly from a first message, "refugees under 25" was merged with the wrong reading, "School
pupils, Refugees", because the reading stood ticked); ticks the sponsor taps still join."""

from __future__ import annotations

from bot.dialogs.engine import DialogEngine
from tests.dialogs.conftest import DialogDriver, walk_to


def _ids(driver: DialogDriver) -> list[str]:
    value = driver.value("target_group")
    assert isinstance(value, dict)
    return list(value["ids"])


def test_a_typed_correction_replaces_the_groups_read(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "title", {"target_group": "Frauen und Studierende"})
    assert set(_ids(driver)) == {"frauen", "studierende"}
    driver.press("fix:target_group", "title")
    assert driver.step == "target_group" and set(driver.state.ticked) == {"frauen", "studierende"}
    driver.text("Geflüchtete")
    assert _ids(driver) == ["gefluechtete"]


def test_a_tick_tapped_before_typing_still_joins(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "title", {"target_group": "Frauen"})
    driver.press("fix:target_group", "title")
    driver.press_label("Studierende")
    driver.text("Geflüchtete")
    assert set(_ids(driver)) == {"frauen", "studierende", "gefluechtete"}
