"""The target-group question, wave 7 of #12 (understand12f): what an answer says about other
people than its first sentence names (trainers, funders, staff, customers) is no target group,
in German and English."""

from __future__ import annotations

from tests.dialogs.conftest import DialogDriver, walk_to


def test_trainers_named_after_the_apprentices_are_no_target_group(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    reply = driver.text(
        "unsere Azubis in Küche und Service. Die Ausbilder machen natürlich mit, aber um die"
        " geht's nicht."
    )
    assert driver.step == "idea"
    value = driver.value("target_group")
    assert isinstance(value, dict)
    assert value["ids"] == ["auszubildende"]
    assert "Auszubildende" in reply and "Beschäftigte" not in reply


def test_funders_and_staff_named_after_the_group_are_none_in_english(
    driver: DialogDriver,
) -> None:
    walk_to(driver, "target_group")
    driver.text(
        "school leavers who haven't found an apprenticeship. Our funders are a bank foundation"
        " and the district; our staff are two social workers."
    )
    assert driver.step == "idea"
    value = driver.value("target_group")
    assert isinstance(value, dict)
    assert value["ids"] == ["schueler"]
