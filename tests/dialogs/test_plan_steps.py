"""The cost and financing plan and the work steps as guided, optional questions of the sketch
(issue 16, point 3): read with the plan parser, checked, shown back, and in the Projektskizze
before any handoff."""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.core.answers import plan_of
from bot.core.plan import CostCategory, SourceKind
from bot.dialogs.engine import DialogEngine
from bot.export.markdown import render_markdown
from bot.export.sketch import build_sketch
from tests.dialogs.conftest import DialogDriver, complete, key_text
from tests.export.conftest import TODAY, advice_for

# walk_to's answers: total costs 1,2 Mio, duration 18 months.
COSTS = "Personal 900.000\nSachkosten 200.000\nHonorare 100.000 Coaching"
FINANCING = "Zuwendung 800.000\nEigenmittel 300.000\nDrittmittel 100.000 Landkreis"
STEPS = "Monat 1–3 Aufbau\nMonat 4–18 Coaching und Praktika"


def to_plan_costs(driver: DialogDriver) -> None:
    complete(driver)
    driver.press("summary:complete")
    for _ in range(7):  # need … transferability
        driver.command("skip")
    assert driver.step == "plan_costs", driver.plain
    assert key_text("sponsor.plan_costs.prompt") in driver.plain


def markdown(advisor: Advisor, driver: DialogDriver) -> str:
    state = driver.state
    advice = advice_for(advisor, state)
    return render_markdown(build_sketch(state, advice, advisor.kb, state.language, created=TODAY))


def test_guided_plan_is_shown_back_and_reaches_the_projektskizze(
    driver: DialogDriver, advisor: Advisor
) -> None:
    before = markdown(advisor, (complete(driver), driver)[1])
    to_plan_costs(driver)
    reply = driver.text(COSTS)
    assert driver.step == "plan_financing"
    assert "• Personal: 900.000 €" in reply
    assert "• Honorare und Fremdleistungen: 100.000 € (Coaching)" in reply
    assert "Zusammen 1.200.000 €." in reply
    reply = driver.text(FINANCING)
    assert driver.step == "plan_work_steps"
    assert "Drittmittel: 100.000 € (Landkreis)" in reply
    reply = driver.text(STEPS)
    assert "Monat 4–18: Coaching und Praktika" in reply
    assert driver.step == "summary"

    plan = plan_of(driver.state.answers)
    assert plan is not None
    assert plan.by_category()[CostCategory.PERSONNEL] == 900_000
    assert plan.by_source()[SourceKind.GRANT] == 800_000
    assert [s.title for s in plan.work_steps] == ["Aufbau", "Coaching und Praktika"]

    sketch = markdown(advisor, driver)
    assert "Personal: 900.000 €" in sketch and "Personal: 900.000 €" not in before
    assert "Eigenmittel: 300.000 €" in sketch
    assert "Aufbau" in sketch and "Aufbau" not in before
    assert "noch keine Kostenposition" not in sketch


def test_cost_items_not_matching_the_total_are_said_and_not_stored(driver: DialogDriver) -> None:
    to_plan_costs(driver)
    reply = driver.text("Personal 900.000\nSachkosten 200.000")
    assert driver.step == "plan_costs"
    assert "plan_costs" not in driver.state.answers
    assert "1.100.000 €" in reply and "1.200.000 €" in reply and "100.000 €" in reply
    assert "Schicken Sie die fehlenden Posten dazu" in reply

    driver.text(COSTS)
    reply = driver.text("Zuwendung 800.000\nEigenmittel 300.000")
    assert driver.step == "plan_financing", "financing short of the total is asked again"
    assert "plan_financing" not in driver.state.answers
    assert "genau deckt" in reply


def test_a_line_not_understood_is_named(driver: DialogDriver) -> None:
    to_plan_costs(driver)
    reply = driver.text("Personal 900.000\nirgendwas")
    assert driver.step == "plan_costs"
    assert "„irgendwas“" in reply


def test_work_steps_beyond_the_duration_are_refused(driver: DialogDriver) -> None:
    to_plan_costs(driver)
    driver.command("skip")
    driver.command("skip")
    assert driver.step == "plan_work_steps"
    driver.text("Monat 1–24 Alles")
    assert driver.step == "plan_work_steps"
    assert "plan_work_steps" not in driver.state.answers


def test_the_plan_questions_can_be_skipped(driver: DialogDriver, advisor: Advisor) -> None:
    to_plan_costs(driver)
    for _ in range(3):
        driver.command("skip")
    assert driver.step == "summary"
    assert plan_of(driver.state.answers) is None
    sketch = markdown(advisor, driver)
    assert "**Kosten- und Finanzierungsplan (Anlage):** *— offen" in sketch
    assert "**Arbeitsschritte und Meilensteine:** *— offen" in sketch


def test_in_english(engine: DialogEngine, advisor: Advisor) -> None:
    driver = DialogDriver.started(engine, "en")
    complete(driver)
    driver.press("summary:complete")
    for _ in range(7):
        driver.command("skip")
    assert key_text("sponsor.plan_costs.prompt", "en") in driver.plain
    reply = driver.text("Personnel 1,000,000")
    assert "EUR 200,000" in reply, "the difference to the total of EUR 1,200,000"
    assert "Send the missing items – or all items again." in reply
    reply = driver.text("Personnel 1,000,000\nMaterial 200,000")
    assert "Understood, the cost items:\n• Staff: EUR 1,000,000\n" in reply
    assert "Together EUR 1,200,000." in reply
    reply = driver.text("Grant 900,000\nOwn 300,000")
    assert "• own funds: EUR 300,000" in reply
    # above the programme's highest rate: said as a note, the rate labelled with its source
    assert "The grant requested is 75% of the total costs" in reply and "(Source: " in reply
    assert "(not in the strategy – please check with NBank)" in reply
    assert "DOMAIN-NOTES" not in reply and "vor Zitat" not in reply
    assert driver.step == "plan_work_steps"
    driver.text("Months 1–18 courses")
    assert driver.step == "summary"
    sketch = markdown(advisor, driver)
    assert "courses" in sketch and "Staff: EUR 1,000,000" in sketch


def test_cost_items_sent_one_a_message_are_added_up(engine: DialogEngine) -> None:
    """review11: "Personal 60.000", then "Sachkosten 30.000" (one a message, as on a phone)
    was answered "30.000 € fehlen … schicken Sie die Posten noch einmal" twice, the first item
    dropped; now the items so far are kept and the next ones join them."""
    driver = DialogDriver.started(engine, "de")
    to_plan_costs(driver)
    reply = driver.text("Personal 900.000")
    assert "Es fehlen 300.000 €" in reply and driver.step == "plan_costs"
    driver.text("Sachkosten 300.000")
    assert driver.step == "plan_financing"
    assert driver.value("plan_costs") == {
        "costs": [
            {"category": "personnel", "amount_eur": 900_000, "description": ""},
            {"category": "material", "amount_eur": 300_000, "description": ""},
        ]
    }


def test_all_cost_items_sent_again_replace_those_kept(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    to_plan_costs(driver)
    driver.text("Personal 900.000")
    driver.text("Personal 1.000.000; Sachkosten 200.000")
    assert driver.step == "plan_financing"
    value = driver.value("plan_costs")
    assert isinstance(value, dict)
    assert [c["amount_eur"] for c in value["costs"]] == [1_000_000, 200_000]
