"""Moving around the dialog: back, skip, cancel and resume, help, editing from the summary, and
buttons pressed on an earlier prompt."""

from __future__ import annotations

import pytest

from bot.core.events import Press
from bot.dialogs.sponsor import SPONSOR_DIALOG
from tests.dialogs.conftest import DialogDriver, complete, help_text, key_text, walk_to

REQUIRED = [s.id for s in SPONSOR_DIALOG.steps if not s.optional]
OPTIONAL = [s.id for s in SPONSOR_DIALOG.steps if s.optional]

# --- back -------------------------------------------------------------------------------------


def test_back_on_the_first_question_says_so_and_changes_nothing(driver: DialogDriver) -> None:
    before = driver.state
    reply = driver.command("back")
    assert driver.state == before
    assert key_text("sponsor.error.first_step") in reply
    assert driver.reply.step == "region"


def test_back_returns_to_the_previous_question_with_the_answer_kept(driver: DialogDriver) -> None:
    walk_to(driver, "idea")
    answers = dict(driver.state.answers)
    reply = driver.command("back")
    assert driver.step == "target_group"
    assert driver.state.answers == answers, "going back loses nothing"
    assert key_text("sponsor.target_group.prompt") in reply
    assert "Bisherige Antwort: Langzeitarbeitslose" in reply

    driver.press("back")
    assert driver.step == "organisation"
    driver.press("back")
    assert driver.step == "region"
    assert "Bisherige Antwort: Garbsen" in driver.plain
    assert driver.state.answers == answers

    # Answering again moves forward from there, the other answers still in place.
    driver.text("Sarstedt")
    assert driver.step == "organisation"
    assert driver.state.answers["target_group"] == answers["target_group"]
    region = driver.value("region")
    assert isinstance(region, dict) and region["subregion"] == "hildesheim"


def test_back_also_returns_to_a_skipped_question(driver: DialogDriver) -> None:
    walk_to(driver, "title")
    driver.command("skip")
    assert driver.step == "costs"
    driver.command("back")
    assert driver.step == "title"


def test_back_from_the_summary_goes_to_the_last_question(driver: DialogDriver) -> None:
    complete(driver)
    answers = dict(driver.state.answers)
    driver.command("back")
    assert driver.step == "cofinancing"
    assert driver.state.answers == answers


# --- skip -------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", REQUIRED)
def test_a_required_question_cannot_be_skipped(driver: DialogDriver, step: str) -> None:
    walk_to(driver, step)
    before = driver.state
    reply = driver.command("skip")
    assert driver.state == before
    assert key_text("sponsor.error.not_optional") in reply
    assert driver.reply.step == step
    # The button is not offered either, and a pressed one is refused the same way.
    assert "skip" not in driver.actions
    driver.press("skip")
    assert driver.state == before
    assert key_text("sponsor.error.not_optional") in driver.plain


@pytest.mark.parametrize("step", OPTIONAL)
def test_an_optional_question_is_skipped_without_an_answer(driver: DialogDriver, step: str) -> None:
    walk_to(driver, step)
    assert "skip" in driver.actions
    answers = dict(driver.state.answers)
    driver.press("skip")
    assert driver.step != step
    assert step not in driver.state.answers
    assert driver.state.answers == answers
    assert driver.state.history[-1] == step


def test_skip_on_the_summary_has_nothing_to_skip(driver: DialogDriver) -> None:
    complete(driver)
    before = driver.state
    reply = driver.command("skip")
    assert driver.state == before
    assert key_text("sponsor.error.nothing_to_skip") in reply


# --- cancel and resume ------------------------------------------------------------------------


def test_cancel_pauses_and_resume_continues_at_the_same_question(driver: DialogDriver) -> None:
    walk_to(driver, "costs")
    answers = dict(driver.state.answers)
    reply = driver.command("cancel")
    assert driver.state.paused
    assert key_text("sponsor.cancelled") in reply
    assert "resume" in driver.actions
    assert driver.state.answers == answers

    # While paused, answers are not taken as answers to the question.
    paused = driver.state
    reply = driver.text("300.000 €")
    assert driver.state == paused
    assert key_text("sponsor.paused") in reply
    driver.command("skip")
    assert driver.state == paused
    driver.press("pick:0", "costs")
    assert driver.state == paused

    reply = driver.press("resume", "paused")
    assert not driver.state.paused
    assert driver.step == "costs"
    assert driver.state.answers == answers
    assert key_text("sponsor.resumed") in reply
    assert key_text("sponsor.costs.prompt") in reply

    driver.text("300.000 €")
    assert driver.step == "start"


def test_start_command_resumes_a_paused_draft(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    driver.command("cancel")
    driver.command("start")
    assert not driver.state.paused
    assert driver.step == "target_group"
    assert key_text("sponsor.target_group.prompt") in driver.plain


def test_resume_offers_the_choices_again(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    driver.command("cancel")
    reply = driver.press("resume", "paused")
    assert driver.step == "target_group"
    assert any(a.startswith("pick:") for a in driver.actions)
    assert "done" in driver.actions
    assert key_text("sponsor.resumed") in reply


# --- help -------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", [s.id for s in SPONSOR_DIALOG.steps])
def test_help_explains_the_question_and_changes_nothing(driver: DialogDriver, step: str) -> None:
    walk_to(driver, step)
    before = driver.state
    reply = driver.command("help")
    assert driver.state == before
    assert key_text(f"sponsor.{step}.help") in reply
    assert help_text() in reply
    driver.press("help")
    assert driver.state == before
    assert key_text(f"sponsor.{step}.help") in driver.plain


def test_help_on_the_summary_changes_nothing(driver: DialogDriver) -> None:
    complete(driver)
    before = driver.state
    reply = driver.command("help")
    assert driver.state == before
    assert help_text() in reply


# --- editing from the summary -----------------------------------------------------------------


def test_raising_the_costs_above_the_cap_asks_for_the_justification_then_summary(
    driver: DialogDriver,
) -> None:
    complete(driver, {"costs": "300.000 €"})
    assert "justification" not in driver.state.answers
    answers = dict(driver.state.answers)

    driver.press("summary:edit")
    assert driver.step == "edit"
    assert "edit:costs" in driver.actions
    reply = driver.press("edit:costs")
    assert driver.step == "costs"
    assert driver.state.editing
    assert "Bisherige Antwort: 300.000 €" in reply

    reply = driver.text("1,2 Mio")
    assert driver.step == "cap_raises_grant", "whether the excess raises the grant"
    assert "500.000 €" in reply
    driver.text("Ja")
    assert driver.step == "justification", "the justification is now necessary"

    reply = driver.text("Das Projekt wirkt in der ganzen Region und braucht vier Coaches.")
    assert driver.step == "summary", "straight back to the summary"
    assert not driver.state.editing
    assert key_text("summary.title") in reply
    assert driver.value("costs") == 1_200_000
    assert "justification" in driver.state.answers
    for step in ("region", "target_group", "idea", "start", "duration", "cofinancing"):
        assert driver.state.answers[step] == answers[step]
    # Exactly three questions were asked between the summary and the new summary.
    asked = [s.step for s in driver.states[-4:]]
    assert asked == ["costs", "cap_raises_grant", "justification", "summary"]


def test_changing_the_place_returns_to_the_summary_and_asks_nothing_else(
    driver: DialogDriver, kb
) -> None:  # type: ignore[no-untyped-def]
    complete(driver)
    answers = dict(driver.state.answers)
    driver.press("summary:edit")
    driver.press("edit:region")
    assert driver.step == "region"
    reply = driver.text("Sarstedt")
    assert driver.step == "summary"
    region = driver.value("region")
    assert isinstance(region, dict) and region["subregion"] == "hildesheim"
    assert kb.alliance_for_subregion("hildesheim").name in reply
    assert kb.alliance_for_subregion("hannover").name not in reply
    assert {k: v for k, v in driver.state.answers.items() if k != "region"} == {
        k: v for k, v in answers.items() if k != "region"
    }


def test_editing_the_target_groups_starts_with_the_current_ticks(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    driver.press_label("Frauen")
    driver.press_label("Geflüchtete")
    driver.press("done")
    complete(driver)
    driver.press("summary:edit")
    driver.press("edit:target_group")
    assert driver.state.ticked == ["frauen", "gefluechtete"]
    assert "✓ Frauen" in driver.button_labels
    driver.press_label("✓ Frauen")
    driver.press("done")
    assert driver.step == "summary"
    assert driver.value("target_group") == {"ids": ["gefluechtete"], "text": ""}


def test_back_while_editing_returns_to_the_summary_unchanged(driver: DialogDriver) -> None:
    complete(driver)
    answers = dict(driver.state.answers)
    driver.press("summary:edit")
    driver.press("edit:duration")
    driver.command("back")
    assert driver.step == "summary"
    assert not driver.state.editing
    assert driver.state.answers == answers


def test_back_to_summary_from_the_edit_menu(driver: DialogDriver) -> None:
    complete(driver)
    answers = dict(driver.state.answers)
    driver.press("summary:edit")
    reply = driver.press("summary:show")
    assert driver.step == "summary"
    assert key_text("summary.title") in reply
    assert driver.state.answers == answers


def test_text_on_the_summary_points_to_the_buttons(driver: DialogDriver) -> None:
    complete(driver)
    before = driver.state
    reply = driver.text("Kann ich noch etwas ändern?")
    assert driver.state == before
    assert key_text("sponsor.summary.use_buttons") in reply


def test_completing_the_sketch_asks_the_optional_questions_then_summary(
    driver: DialogDriver,
) -> None:
    complete(driver)
    reply = driver.press("summary:complete")
    assert driver.step == "need"
    assert key_text("sponsor.sketch.intro") in reply
    driver.text("In Garbsen fehlen 200 Pflegekräfte.")
    assert driver.step == "goals"
    driver.command("skip")
    assert driver.step == "participants"
    driver.text("40-60 Teilnehmende")
    assert driver.value("participants") == 60
    driver.answer("Jobcenter und Pflegeheime", "ganze Region Hannover")
    driver.command("skip")
    assert driver.step == "transferability"
    driver.text("Übertragbar auf andere Landkreise.")
    assert driver.step == "plan_costs", "then the cost and financing plan and the work steps"
    for _ in range(3):
        driver.command("skip")
    assert driver.step == "summary"
    summary = driver.plain
    assert "In Garbsen fehlen 200 Pflegekräfte." in summary
    assert "Jobcenter und Pflegeheime" in summary
    assert "goals" not in driver.state.answers


def test_summary_command_before_the_end_asks_what_is_missing(driver: DialogDriver) -> None:
    walk_to(driver, "costs")
    driver.command("summary")
    assert driver.step == "costs", "half a draft gets no summary: the open question comes first"
    assert key_text("sponsor.costs.prompt") in driver.plain


# --- stale buttons ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "press"),
    [
        ("organisation", Press("region", "pick:0")),
        ("target_group", Press("organisation", "pick:3")),
        ("idea", Press("target_group", "done")),
        ("costs", Press("title", "skip")),
        ("start", Press("costs", "back")),
        ("summary", Press("cofinancing", "skip")),
        ("summary", Press("edit", "edit:costs")),
    ],
)
def test_a_stale_button_shows_the_current_question_again(
    driver: DialogDriver, step: str, press: Press
) -> None:
    walk_to(driver, step)
    before = driver.state
    driver.send(press)
    reply = driver.plain
    assert driver.state == before
    assert key_text("sponsor.error.stale") in reply
    assert driver.reply.step == step


def test_a_stale_button_keeps_the_ticks(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    driver.press_label("Frauen")
    before = driver.state
    driver.send(Press("organisation", "pick:1"))
    assert driver.state == before
    assert "✓ Frauen" in driver.button_labels


def test_a_stale_button_keeps_the_place_suggestions(driver: DialogDriver) -> None:
    """Asked back which Gronau, the sponsor taps an old button: the choices must stay."""
    driver.text("Gronau")
    before = driver.state
    assert len(before.offered) == 2
    driver.send(Press("organisation", "pick:0"))
    assert driver.state == before
    assert [a for a in driver.actions if a.startswith("pick:")] == ["pick:0", "pick:1"]
