"""Issue 15 points 1 and 5-8 on the real engine and the real YAML: sources rendered from the
knowledge base, the knowledge base's stand, facts from outside the strategy, lead time, the cost
cap's question, the summary out of region, next steps with their sources. In process; the Bot
API journeys with the cap question are in tests/telegram/test_sponsor_chat.py."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.advice.advise import Advisor
from bot.advice.eligibility import check
from bot.advice.facts import ProjectFacts
from bot.base.yearmonth import YearMonth
from bot.clock import FixedClock
from bot.core.answers import facts_from_answers
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.export.markdown import render_markdown
from bot.export.sketch import build_sketch
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_directory
from bot.kb.models import SteeringGroupMeeting
from bot.kb.shipped import shipped_knowledge_dir
from bot.texts.catalog import Language
from bot.texts.formats import Month
from bot.texts.markup import to_plain
from bot.understanding.places import InRegion
from tests.dialogs.conftest import TODAY, DialogDriver, walk_to

IDEA = (
    "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu einen "
    "berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter."
)
ANSWERS = {
    "region": "Sarstedt",
    "target_group": "Geflüchtete Frauen",
    "idea": IDEA,
    "costs": "380.000 €",
    "start": "01/2027",
    "duration": "2 Jahre",
    "cofinancing": "30 % Eigenmittel",
}
CHECK_NBANK = "nicht in der Strategie – bitte bei der NBank prüfen"


def knowledge(tmp_path: Path, file: str = "rules.yaml", old: str = "", new: str = "") -> Path:
    """A copy of the shipped knowledge directory with `old` replaced by `new` in `file`."""
    target = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), target)
    if old:
        path = target / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
    return target


_ADVISORS: dict[int, tuple[KnowledgeBase, Advisor]] = {}
"""One Advisor per knowledge base, as a running bot keeps one per version: building its
indexes takes most of a summary's time, and the tests walk to a summary several times on the
same knowledge base. Keyed by identity (the knowledge base is kept alive beside it)."""


def advisor_of(kb: KnowledgeBase) -> Advisor:
    kept = _ADVISORS.get(id(kb))
    if kept is None or kept[0] is not kb:
        kept = _ADVISORS[id(kb)] = (kb, Advisor(kb))
    return kept[1]


def engine_on(kb: KnowledgeBase, now: datetime = TODAY) -> DialogEngine:
    return DialogEngine(SPONSOR_DIALOG, advisor_of(kb), FixedClock(now))


def summary(
    kb: KnowledgeBase,
    language: Language = "de",
    now: datetime = TODAY,
    **answers: str,
) -> DialogDriver:
    driver = DialogDriver.started(engine_on(kb, now), language)
    walk_to(driver, "summary", ANSWERS | answers)
    return driver


def sketch_text(driver: DialogDriver, kb: KnowledgeBase, language: Language = "de") -> str:
    advisor = driver.engine.advisor
    advice = advisor.advise(facts_from_answers(driver.state.answers), TODAY.date())
    sketch = build_sketch(driver.state, advice, kb, language, created=TODAY.date())
    return render_markdown(sketch)


def section(text: str, heading: str) -> str:
    """The paragraph of the summary that starts with `heading`."""
    (found,) = [p for p in text.split("\n\n") if p.startswith(heading)]
    return found


# --- 1. sources from the knowledge base -------------------------------------------------------


def test_a_source_changed_in_the_knowledge_changes_the_text_shown(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    shipped = summary(kb).plain
    assert "Quelle: Strategie Kap. 4, Handlungsschwerpunkt III, Unterziel III.6" in shipped
    changed_dir = knowledge(
        tmp_path,
        "action_fields.yaml",
        "source: Strategie Kap. 4, Handlungsschwerpunkt III\n",
        "source: Strategie Kap. 9, Testabschnitt III\n",
    )
    changed = load_directory(changed_dir)
    driver = summary(changed)
    assert "Quelle: Strategie Kap. 9, Testabschnitt III, Unterziel III.6" in driver.plain
    assert "Handlungsschwerpunkt III, Unterziel" not in driver.plain
    # the Projektskizze renders the same entry's source
    sketch = sketch_text(driver, changed)
    assert "Strategie Kap. 9, Testabschnitt III" in sketch
    assert "Kap. 9, Testabschnitt III" not in sketch_text(summary(kb), kb)


def test_the_spatial_effect_focus_themes_and_field_notes_render_their_entries_sources(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    """No chapter is typed into these texts: each comes from the entry it rests on — the
    criterion "spatial effect", the focus themes, the action fields (for the sketch's notes)."""
    two_places = InRegion(
        "hildesheim",
        "hildesheim",
        "Sarstedt",
        also=(InRegion("weserbergland", "hameln-pyrmont", "Hameln"),),
    )
    facts = ProjectFacts(place=two_places, description=IDEA, start=YearMonth(2027, 6))

    def hints(on: KnowledgeBase) -> dict[str, str]:
        result = check(facts, on, TODAY.date())
        return {h.key: to_plain(h, "de") for h in result.hints}

    shipped = hints(kb)
    assert shipped["advice.hint.spatial_effect"].endswith("(Quelle: Strategie Kap. 5)")
    themes = shipped["advice.hint.focus_themes"]
    assert "„Digitalisierung“ und „Grüne Wirtschaft“" in themes
    assert themes.endswith("(Quelle: Strategie Kap. 5)")
    note = "den Zielen der Handlungsschwerpunkte erläutern. (Quelle: Strategie Kap. 4)"
    assert note in sketch_text(summary(kb), kb)

    changed_dir = knowledge(
        tmp_path,
        "rules.yaml",
        "source: Strategie Kap. 5 (Aspekt 1)\n",
        "source: Strategie Kap. 7 (Aspekt 1)\n",
    )
    rules = changed_dir / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(
        text.replace("Kap. 5 (inhaltliche Schwerpunkte)", "Kap. 8 (Schwerpunkte)"),
        encoding="utf-8",
    )
    fields = changed_dir / "action_fields.yaml"
    text = fields.read_text(encoding="utf-8")
    fields.write_text(
        text.replace(
            "source: Strategie Kap. 4, Handlungsschwerpunkt", "source: Strategie Kap. 9, HS"
        ),
        encoding="utf-8",
    )
    changed = load_directory(changed_dir)
    moved = hints(changed)
    assert moved["advice.hint.spatial_effect"].endswith("(Quelle: Strategie Kap. 7)")
    assert moved["advice.hint.focus_themes"].endswith("(Quelle: Strategie Kap. 8)")
    sketch = sketch_text(summary(changed), changed)
    assert "den Zielen der Handlungsschwerpunkte erläutern. (Quelle: Strategie Kap. 9)" in sketch
    assert "Kap. 4" not in sketch


def test_the_summary_and_the_sketch_name_the_knowledge_base_stand(kb: KnowledgeBase) -> None:
    applied = dataclasses.replace(kb, version="v3", version_day=date(2026, 12, 5))
    driver = summary(applied)
    assert driver.plain.rstrip().endswith("Stand der Wissensbasis: v3 vom 05.12.2026")
    assert "Stand der Wissensbasis" in sketch_text(driver, applied)
    assert "v3 vom 05.12.2026" in sketch_text(driver, applied)
    english = summary(applied, "en")
    assert "Knowledge base as of: v3 of" in english.plain
    assert "v3 of" in sketch_text(english, applied, "en")
    # the shipped files: the day rules.yaml names as their stand (`as_of`), never invented
    assert kb.rules.as_of is not None
    shipped = summary(kb).plain
    day = kb.rules.as_of.strftime("%d.%m.%Y")
    assert f"Stand der Wissensbasis: shipped vom {day} (mit dem Bot ausgeliefert)" in shipped
    undated = dataclasses.replace(kb, rules=kb.rules.model_copy(update={"as_of": None}))
    assert "Stand der Wissensbasis: shipped (mit dem Bot ausgeliefert)" in summary(undated).plain


def test_facts_from_outside_the_strategy_carry_their_public_source_and_the_check_note(
    kb: KnowledgeBase,
) -> None:
    facts = ProjectFacts(start=YearMonth(2027, 1), duration_months=12, costs_eur=100_000)
    hints = check(facts, kb, TODAY.date(), further_training_like=True).hints
    (further,) = [h for h in hints if h.key == "advice.hint.further_training"]
    text = to_plain(further, "de")
    assert "Förderdatenbank des Bundes, NBank" in text and CHECK_NBANK in text
    assert "please check with NBank" in to_plain(further, "en")
    # the funding rates (40/60/70 %) in the Projektskizze: labelled the same way
    driver = summary(kb)
    sketch = sketch_text(driver, kb)
    rates = next(line for line in sketch.splitlines() if "70 %" in line)
    assert "Förderdatenbank des Bundes" in rates and CHECK_NBANK in rates
    # "der Antrag muss vor Projektbeginn bei der NBank eingehen": the NBank step says so too
    steps = section(driver.plain, "So geht es weiter")
    assert f"Strategie Kap. 5; Förderdatenbank des Bundes, NBank ({CHECK_NBANK})" in steps


# --- 5. next steps, each with its source ----------------------------------------------------


def step_sources(text: str) -> dict[str, str]:
    """Each next step (by its number) with the source it is given: the one below it, or for the
    steps without one, the source the other steps share, said once at the end."""
    lines = section(text, "So geht es weiter").splitlines()[1:]
    rest = lines[-1].strip()
    assert rest.startswith("Quelle: ") and rest.endswith(" (übrige Schritte)"), lines
    own = {
        line[:2]: below.strip()
        for line, below in pairwise(lines)
        if line[0].isdigit() and below.strip().startswith("Quelle: ")
    }
    shared = rest.removesuffix(" (übrige Schritte)")
    return {line[:2]: own.get(line[:2], shared) for line in lines if line[0].isdigit()}


def test_next_steps_say_what_to_do_each_with_its_source(tmp_path: Path, kb: KnowledgeBase) -> None:
    text = summary(kb).plain
    lines = section(text, "So geht es weiter").splitlines()[1:]
    steps = [line for line in lines if line[0].isdigit()]
    assert [s[:2] for s in steps] == ["1.", "2.", "3.", "4.", "5."]
    sources = list(step_sources(text).values())
    assert all(s.startswith("Quelle: Strategie Kap. 5") for s in sources), sources
    # each source said once: the one all others share stands once, at the end
    assert sum(line.strip() == "Quelle: Strategie Kap. 5" for line in lines) == 0
    assert lines.count("  Quelle: Strategie Kap. 5 (übrige Schritte)") == 1
    said = "\n".join(steps)
    for what in (
        "Fachkräfte für die Region Hildesheim",  # present the idea to the local alliance
        "Kosten- und Finanzierungsplan",
        "Votum",
        "mindestens 2-mal im Jahr",
        "Förderantrag mit dem Votum bei der NBank",
        "Kopie der Förderentscheidung",
        "1 Monat nach Projektende",
    ):
        assert what in said, what
    assert "Kap. 6" in sources[2]  # the meetings' rhythm
    # the first step's source changed in the knowledge base: its line changes
    changed_dir = knowledge(
        tmp_path,
        old="    source: Strategie Kap. 5\n\n  - id: documents",
        new="    source: Strategie Kap. 8\n\n  - id: documents",
    )
    changed = summary(load_directory(changed_dir)).plain
    first = section(changed, "So geht es weiter")
    assert first.splitlines()[2].strip() == "Quelle: Strategie Kap. 8"
    assert step_sources(changed)["2."] == "Quelle: Strategie Kap. 5"


# --- 6. lead time ---------------------------------------------------------------------------

MEETINGS = """steering_group_meetings:
  - date: 2026-10-01
    source: "Koordinierungsstelle, Stand 09/2026"
  - date: 2027-03-10
    note: "Unterlagen bis 10.02.2027"
    source: "Koordinierungsstelle, Stand 11/2026"
"""


@pytest.fixture(scope="module")
def with_meetings(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """Read-only (a frozen knowledge base), so loaded once for the module's tests."""
    directory = knowledge(
        tmp_path_factory.mktemp("meetings"), old="steering_group_meetings: []\n", new=MEETINGS
    )
    return load_directory(directory)


@pytest.mark.parametrize("start", ["01/2027", "03/2027"])
def test_a_start_before_the_next_meeting_is_warned_with_that_meeting(
    with_meetings: KnowledgeBase, start: str
) -> None:
    text = summary(with_meetings, start=start).plain
    hints = section(text, "Hinweise")
    assert f"Ihr Projektbeginn ({start}) liegt vor der nächsten Sitzung" in hints
    assert "am 10.03.2027" in hints  # the next one, not the past one
    assert "Quelle: Koordinierungsstelle, Stand 11/2026" in hints
    english = summary(with_meetings, "en", start=start).plain
    assert "is before the steering group's next meeting on" in english


def test_a_start_after_the_next_meeting_gets_no_warning(with_meetings: KnowledgeBase) -> None:
    text = summary(with_meetings, start="04/2027").plain
    assert "⏰" not in text
    assert "10.03.2027" in section(text, "Wichtige Termine")


def test_without_dates_the_bot_says_the_coordination_office_has_them(kb: KnowledgeBase) -> None:
    soon = summary(kb, start="12/2026").plain
    hints = section(soon, "Hinweise")
    assert "⏰ Vor Ihrem Projektbeginn (12/2026)" in hints
    assert "klären Sie mit der Koordinierungsstelle" in hints
    assert "(Quelle: Strategie Kap. 5; Kap. 6)" in hints
    # the office's full name stands once, with the contacts; the meetings' rhythm in the steps
    contact = section(soon, "Ihr erster Ansprechpartner")
    assert "Koordinierungsstelle des Fachkräftebündnisses Leine-Weser" in contact
    assert soon.count("Koordinierungsstelle des Fachkräftebündnisses Leine-Weser") == 1
    assert soon.count("mindestens 2-mal im Jahr") == 1
    assert "mindestens 2-mal im Jahr" in section(soon, "So geht es weiter")
    english = summary(kb, "en", start="12/2026").plain
    assert "ask the coordination office whether your start" in english
    # a start more than one meeting interval (chapter 6: twice a year) away: no warning
    later = summary(kb, start="09/2027").plain
    assert "⏰" not in later
    assert "Termine bei der Koordinierungsstelle" in section(later, "Wichtige Termine")


def suggested_starts(facts: ProjectFacts, kb: KnowledgeBase, today: date) -> list[YearMonth]:
    found = []
    for reason in check(facts, kb, today).reasons:
        latest = reason.params.get("latest_start")
        if isinstance(latest, Month):
            found.append(latest.month)
    return found


@given(
    today=st.dates(date(2026, 1, 1), date(2028, 12, 31)),
    start=st.integers(0, 40),
    months=st.integers(1, 36),
    meeting_in=st.one_of(st.none(), st.integers(0, 400)),
)
def test_the_pre_check_never_suggests_a_start_in_the_past_or_before_the_next_meeting(
    kb: KnowledgeBase, today: date, start: int, months: int, meeting_in: int | None
) -> None:
    meetings = []
    if meeting_in is not None:
        day = date.fromordinal(today.toordinal() + meeting_in)
        meetings = [SteeringGroupMeeting(date=day, source="Koordinierungsstelle")]
    rules = kb.rules.model_copy(update={"steering_group_meetings": meetings})
    dated = dataclasses.replace(kb, rules=rules)
    facts = ProjectFacts(start=YearMonth.of(today).plus_months(start), duration_months=months)
    for suggested in suggested_starts(facts, dated, today):
        assert suggested >= YearMonth.of(today)
        if meetings:
            assert suggested > YearMonth.of(meetings[0].date)


def test_a_late_start_suggests_no_start_before_the_next_meeting_on_the_injected_clock(
    tmp_path: Path,
) -> None:
    meeting = "steering_group_meetings:\n  - date: 2028-03-15\n    source: Koordinierungsstelle\n"
    kb = load_directory(knowledge(tmp_path, old="steering_group_meetings: []\n", new=meeting))
    now = datetime(2027, 12, 1, 9, 0)
    # 12 months from 01/2028 end after 31.12.2028; the latest start (01/2028) would lie before
    # the meeting of March 2028, so no start is suggested, only a shorter duration.
    text = summary(kb, now=now, start="03/2028", duration="12 Monate").plain
    assert "spätestens 01/2028" not in text
    assert "höchstens 10 Monate" in text


# --- 7. the cost cap as chapter 5 says -----------------------------------------------------

CAP = {
    "de": ("1,2 Mio", "Ja", "Nein", "Weiß nicht"),
    "en": ("1.2 million", "Yes", "No", "Don't know"),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_above_the_cap_the_bot_asks_whether_the_excess_raises_the_grant(
    kb: KnowledgeBase, language: Language
) -> None:
    costs, yes, no, unknown = CAP[language]
    driver = DialogDriver.started(engine_on(kb), language)
    walk_to(driver, "costs", ANSWERS)
    asked = driver.text(costs)
    assert driver.step == "cap_raises_grant"
    assert driver.button_labels[:3] == [yes, no, unknown]
    exception = {"de": "ist eine Ausnahme", "en": "is an exception"}[language]
    weighs = {"de": "räumliche Wirkung, Verstetigung, Modellcharakter", "en": "model character"}
    assert exception in asked and weighs[language] in asked
    assert ("Quelle: Strategie Kap. 5" if language == "de" else "Source: Strategie Kap. 5") in asked

    # yes: the separate justification is asked for
    state = driver.state
    driver.text(yes)
    assert driver.step == "justification"

    # no: noted that none is needed, and the next question follows
    driver.state = state
    said = driver.text(no)
    assert driver.step == "start"
    needed = {"de": "keine gesonderte Begründung nötig", "en": "no separate justification"}
    assert needed[language] in said
    walk_to(driver, "summary", ANSWERS)
    assert needed[language] in driver.plain
    assert "justification" not in driver.state.answers

    # don't know: the difference explained, and the local alliance suggested
    driver.state = state
    said = driver.text(unknown)
    assert driver.step == "start"
    ask = {"de": "mit Ihrer lokalen Fachkräfteallianz", "en": "with your local skilled-labour"}
    assert ask[language] in said
    higher = {"de": "zu einer höheren Fördersumme führt", "en": "leads to a higher grant"}
    assert higher[language] in said


@pytest.mark.parametrize("costs", ["500.000 €", "380.000 €"])
def test_nothing_is_asked_at_or_below_the_cap(kb: KnowledgeBase, costs: str) -> None:
    driver = DialogDriver.started(engine_on(kb))
    walk_to(driver, "costs", ANSWERS)
    said = driver.text(costs)
    assert driver.step == "start"
    assert "Ausnahme" not in said and "Fördersumme" not in said


def test_reasons_typed_at_the_cap_question_are_the_justification_shown_for_correction(
    kb: KnowledgeBase,
) -> None:
    driver = DialogDriver.started(engine_on(kb))
    walk_to(driver, "costs", ANSWERS)
    driver.text("800.000 €")
    state = driver.state
    why = (
        "Weil wir vier Landkreise mit je einem Standort abdecken und dafür mehr Personal brauchen."
    )
    said = driver.text(why)
    # taken as the justification (so the excess raises the grant), said, and correctable
    assert driver.state.answers["justification"].text == why
    assert driver.state.answers["cap_raises_grant"].value == "yes"
    assert "als gesonderte Begründung übernommen" in said
    fixes = [label for label in driver.button_labels if label.startswith("✏️")]
    assert sorted(fixes) == [
        "✏️ Begründung für höhere Kosten",
        "✏️ Überschreitung erhöht die Förderung",
    ]
    assert driver.step == "start"  # the justification is not asked again

    # "Ja, weil …": the reasons after the yes
    driver.state = state
    driver.text("Ja, weil die Mehrkosten vollständig gefördert werden sollen.")
    assert driver.state.answers["justification"].text.startswith("weil die Mehrkosten")

    # "Nein, …" with its reason: a no, no justification
    driver.state = state
    said = driver.text("Nein, die Mehrkosten tragen wir selbst aus Eigenmitteln.")
    assert driver.state.answers["cap_raises_grant"].value == "no"
    assert "justification" not in driver.state.answers
    assert "keine gesonderte Begründung nötig" in said

    # a few words that are none of the answers are asked back, not taken
    driver.state = state
    driver.text("hmm mal sehen")
    assert driver.step == "cap_raises_grant"
    assert "cap_raises_grant" not in driver.state.answers


# --- 8. out of region -----------------------------------------------------------------------

HEADINGS = (
    "Hinweise",
    "Notes",
    "Wichtige Termine",
    "Key dates",
    "Passende Handlungsschwerpunkte",
    "Ähnliche Projekte aus der Strategie",
    "So geht es weiter",
    "Next steps",
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_out_of_region_the_summary_carries_only_the_referral(
    kb: KnowledgeBase, language: Language
) -> None:
    text = summary(kb, language, region="Braunschweig").plain
    pre_check = section(text, "Pre-check" if language == "en" else "Vorprüfung")
    assert "Fachkräftebündnis SüdOstNiedersachsen" in pre_check
    assert "31.12.2028" not in text and "31/12/2028" not in text
    assert "Leine-Weser" in text  # only to say the place is outside it
    for heading in ("Wichtige Termine", "Key dates", "So geht es weiter", "Next steps"):
        assert heading not in text
    assert "Handlungsschwerpunkt" not in text and "Ähnliche Projekte" not in text
    assert "Lenkungsgruppe: tagt" not in text and "⏰" not in text
    paragraphs = [p.strip() for p in text.split("\n\n")]
    assert not [p for p in paragraphs if p in HEADINGS], "a heading without content"


def test_the_sketch_asks_no_justification_where_the_excess_raises_no_grant(
    kb: KnowledgeBase,
) -> None:
    no = summary(kb, costs="1,2 Mio", cap_raises_grant="Nein")
    line = next(s for s in sketch_text(no, kb).splitlines() if "Begründung für Gesamtkosten" in s)
    assert "nicht nötig: Die Überschreitung erhöht die Fördersumme nicht" in line
    assert "Quelle: Strategie Kap. 5" in line
    why = "Das Projekt läuft in allen vier Landkreisen und braucht dafür vier Coaches."
    yes = summary(kb, costs="1,2 Mio", cap_raises_grant="Ja", justification=why)
    assert "nicht nötig" not in sketch_text(yes, kb)
    assert why in sketch_text(yes, kb)
