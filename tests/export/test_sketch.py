"""The content of the Projektskizze: every section, the sponsor's answers, open fields as open."""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.advice.eligibility import Status
from bot.core.state import Answer, DialogState
from bot.dialogs.engine import DialogEngine
from bot.export.sketch import (
    SECTIONS,
    SLUG_MAX,
    Bullets,
    Item,
    Paragraph,
    Section,
    Sketch,
    Sponsor,
    clean,
    slug,
)
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Msg
from bot.texts.markup import to_plain
from tests.export.conftest import (
    EXTRA_ANSWERS,
    MAIN_ANSWERS,
    advice_for,
    run_dialog,
    sketch_of,
)

OPEN_DE = "— offen: bitte ergänzen —"
OPEN_EN = "— open: please complete —"


def items(section: Section) -> dict[str, Item]:
    return {block.label: block for block in section.blocks if isinstance(block, Item)}


def value(sketch: Sketch, section: str, label: str) -> str:
    item = items(sketch.section(section))[label]
    return sketch.open_marker if item.open else item.value


def texts(section: Section) -> list[str]:
    found: list[str] = []
    for block in section.blocks:
        if isinstance(block, Item):
            found += [block.label, block.value]
        elif isinstance(block, Paragraph):
            found.append(block.text)
        else:
            found += [b.text for b in block.items] + [d for b in block.items for d in b.details]
    return found


def test_sections_follow_the_usual_contents_in_order(sketch_de: Sketch) -> None:
    assert tuple(s.id for s in sketch_de.sections) == SECTIONS
    headings = [s.heading for s in sketch_de.sections]
    assert headings[:3] == ["1. Projektträger", "2. Region und Teilraum", "3. Projektidee"]
    assert headings[8] == "9. Kosten und Finanzierung"
    assert headings[10] == "11. Übertragbarkeit und Modellcharakter"
    assert sketch_de.title == "Pflege-Brücke Weserbergland"
    assert sketch_de.title_given
    assert any("nicht enthalten" in note for note in sketch_de.notes)
    assert any("kein Votum der Lenkungsgruppe" in note for note in sketch_de.notes)


def test_the_sponsors_answers_are_all_in_the_sketch(sketch_de: Sketch, kb: KnowledgeBase) -> None:
    assert value(sketch_de, "sponsor", "Organisation") == "Bildungswerk Weserbergland e. V."
    assert value(sketch_de, "sponsor", "Art der Organisation") == "Bildungsträger"
    assert value(sketch_de, "sponsor", "Telefon oder E-Mail") == "pflege@bildungswerk.example"
    assert value(sketch_de, "region", "Projektort") == "Hameln"
    assert value(sketch_de, "region", "Landkreis") == "Landkreis Hameln-Pyrmont"
    alliance = kb.alliance_for_subregion("weserbergland").name
    assert value(sketch_de, "region", "Lokale Fachkräfteallianz") == alliance
    assert value(sketch_de, "target_group", "Zielgruppe") == MAIN_ANSWERS[2]
    assert "Geflüchtete" in value(sketch_de, "target_group", "Zugeordnete Zielgruppen")
    assert value(sketch_de, "target_group", "Geplante Teilnehmende") == "60"
    assert value(sketch_de, "timeline", "Projektbeginn") == "01/2027"
    assert value(sketch_de, "timeline", "Laufzeit") == "24 Monate"
    assert value(sketch_de, "timeline", "Projektende") == "12/2028"
    assert value(sketch_de, "timeline", "Spätestes Projektende").startswith("31.12.2028")
    assert value(sketch_de, "timeline", "Kurzbericht an das Fachkräftebündnis").startswith(
        "spätestens 01/2029"
    )
    assert value(sketch_de, "costs", "Gesamtkosten") == "1.200.000 €"
    assert (
        value(sketch_de, "costs", "Begründung für Gesamtkosten über 500.000 €") == (MAIN_ANSWERS[7])
    )
    assert value(sketch_de, "costs", "Kofinanzierung (Eigenanteil)") == MAIN_ANSWERS[10]
    for section, answer in [
        ("idea", MAIN_ANSWERS[3]),
        ("need", EXTRA_ANSWERS[0]),
        ("goals", EXTRA_ANSWERS[1]),
        ("partners", EXTRA_ANSWERS[3]),
        ("spatial_effect", EXTRA_ANSWERS[4]),
        ("continuation", EXTRA_ANSWERS[5]),
        ("transferability", EXTRA_ANSWERS[6]),
    ]:
        assert answer in texts(sketch_de.section(section)), section


def test_open_fields_are_marked_open(sketch_de: Sketch, advisor: Advisor) -> None:
    assert sketch_de.open_marker == OPEN_DE
    assert items(sketch_de.section("sponsor"))["Ansprechperson"].open
    assert items(sketch_de.section("timeline"))["Arbeitsschritte und Meilensteine"].open
    assert items(sketch_de.section("costs"))["Kosten- und Finanzierungsplan (Anlage)"].open

    bare = sketch_of(advisor, DialogState(step="region"))
    assert bare.title == "Projektskizze (Arbeitstitel offen)"
    assert not bare.title_given
    for label in ("Organisation", "Art der Organisation", "Ansprechperson"):
        assert items(bare.section("sponsor"))[label].open, label
    assert items(bare.section("region"))["Projektort"].open
    assert items(bare.section("costs"))["Gesamtkosten"].open
    for label in (
        "Projektbeginn",
        "Laufzeit",
        "Projektende",
        "Kurzbericht an das Fachkräftebündnis",
    ):
        assert items(bare.section("timeline"))[label].open, label
    for section in ("idea", "need", "goals", "continuation", "transferability", "partners"):
        first = bare.section(section).blocks[0]
        assert first == Paragraph(OPEN_DE, "open"), section


def test_skipped_sketch_questions_are_open(advisor: Advisor, main_state: DialogState) -> None:
    sketch = sketch_of(advisor, main_state)
    assert items(sketch.section("target_group"))["Geplante Teilnehmende"].open
    for section in ("need", "goals", "partners", "spatial_effect", "continuation"):
        assert sketch.section(section).blocks[0] == Paragraph(OPEN_DE, "open"), section
    assert items(sketch.section("sponsor"))["Organisation"].open
    assert not items(sketch.section("sponsor"))["Art der Organisation"].open


def test_costs_state_the_funding_note_but_never_a_grant_amount(
    sketch_de: Sketch, kb: KnowledgeBase
) -> None:
    costs = texts(sketch_de.section("costs"))
    (funding,) = [text for text in costs if text.startswith(kb.rules.funding.note)]
    # The rates are not the strategy's (#15): their public source and "please check" follow.
    assert "Förderdatenbank des Bundes, NBank" in funding
    assert "bitte bei der NBank prüfen" in funding
    assert any("Anteil der förderfähigen Kosten" in text for text in costs)
    everything = " ".join(text for section in sketch_de.sections for text in texts(section))
    for grant in ("840.000", "720.000", "480.000"):  # 70, 60 and 40 % of 1.2 million
        assert grant not in everything


def test_justification_only_above_the_cap_and_open_when_missing(
    advisor: Advisor, complete_state: DialogState
) -> None:
    small = complete_state.model_copy(
        update={"answers": {**complete_state.answers, "costs": Answer(text="400k", value=400000)}}
    )
    labels = items(sketch_of(advisor, small).section("costs"))
    assert not any(label.startswith("Begründung") for label in labels)

    answers = dict(complete_state.answers)
    del answers["justification"]
    unjustified = sketch_of(advisor, complete_state.model_copy(update={"answers": answers}))
    assert items(unjustified.section("costs"))["Begründung für Gesamtkosten über 500.000 €"].open


def test_action_fields_with_sub_goals_from_the_knowledge_base(
    sketch_de: Sketch, advisor: Advisor, complete_state: DialogState, kb: KnowledgeBase
) -> None:
    advice = advice_for(advisor, complete_state)
    top = advice.matches.action_fields[0]
    bullets = sketch_de.section("fields").blocks[0]
    assert isinstance(bullets, Bullets)
    first = bullets.items[0]
    assert first.text == f"{top.id} – {kb.action_field(top.id).title}"
    goal = top.sub_goals[0]
    assert f"Unterziel {goal}: {kb.sub_goal(goal).title}" in first.details


def test_pre_check_and_similar_projects(
    sketch_de: Sketch, advisor: Advisor, complete_state: DialogState, kb: KnowledgeBase
) -> None:
    advice = advice_for(advisor, complete_state)
    assert advice.eligibility.status is Status.NEEDS_JUSTIFICATION
    pre_check = sketch_de.section("pre_check")
    assert value(sketch_de, "pre_check", "Ergebnis") == "Begründung nötig"
    assert any("1.200.000 €" in text for text in texts(pre_check))
    assert to_plain(Msg("advice.hint.pre_check_only"), "de") in texts(pre_check)

    projects = sketch_de.section("projects")
    bullets = projects.blocks[0]
    assert isinstance(bullets, Bullets)
    shown = advice.matches.projects[:3]
    assert [b.text.split(" (")[0] for b in bullets.items] == [kb.project(m.id).title for m in shown]
    # Only real look-alikes are shown, and each is one to set the idea apart from.
    differences = [label for label in items(projects) if label.startswith("Abgrenzung zu")]
    assert differences == [f"Abgrenzung zu „{kb.project(m.id).title}“" for m in shown]


def test_a_project_in_the_same_district_asks_for_the_difference(
    engine: DialogEngine, advisor: Advisor
) -> None:
    main = (
        "Hildesheim",
        "Bildungsträger",
        "Geflüchtete",
        "Geflüchtete bereiten wir mit einem Praktikum im Krankenhaus und berufsbezogenem "
        "Deutschunterricht auf eine Ausbildung in der Pflege vor.",
        "Pflegebrücke",
        "450.000 €",
        "01/2027",
        "18 Monate",
        "30 % Eigenmittel",
    )
    state = run_dialog(engine, main)
    sketch = sketch_of(advisor, state)
    same = [m for m in advice_for(advisor, state).matches.projects[:3] if m.possible_duplicate]
    assert [m.id for m in same] == ["care"], "the scenario needs CARE (Hildesheim, running)"
    projects = sketch.section("projects")
    for match in same:
        title = advisor.kb.project(match.id).title
        assert items(projects)[f"Abgrenzung zu „{title}“"].open
    assert any("Doppelstrukturen" in text for text in texts(projects))


def test_outside_the_region_names_the_responsible_alliance(
    engine: DialogEngine, advisor: Advisor, kb: KnowledgeBase
) -> None:
    state = run_dialog(engine, ("Osnabrück", *MAIN_ANSWERS[1:]))
    sketch = sketch_of(advisor, state)
    region = items(sketch.section("region"))
    assert region["Projektort"].value == "Osnabrück"
    assert region["Zuständiges Fachkräftebündnis"].value == kb.regional_alliance("nordwest").name
    assert "Lokale Fachkräfteallianz" not in region
    assert value(sketch, "pre_check", "Ergebnis") == to_plain(
        Msg("advice.status.out_of_region"), "de"
    )


def test_a_project_in_several_places_names_every_district_and_alliance(
    engine: DialogEngine, advisor: Advisor, kb: KnowledgeBase
) -> None:
    state = run_dialog(engine, ("Sarstedt und Rinteln", *MAIN_ANSWERS[1:]))
    region = items(sketch_of(advisor, state).section("region"))
    assert region["Projektort"].value == "Sarstedt und Rinteln (Sarstedt, Rinteln)"
    assert region["Landkreis"].value == "Landkreis Hildesheim, Landkreis Schaumburg"
    assert region["Lokale Fachkräfteallianz"].value == (
        "Fachkräfte für die Region Hildesheim, Fachkräfte-Initiative Weserbergland+"
    )


def test_english_sketch(sketch_en: Sketch) -> None:
    assert sketch_en.open_marker == OPEN_EN
    assert [s.heading for s in sketch_en.sections][:2] == ["1. Sponsor", "2. Region and sub-region"]
    assert value(sketch_en, "costs", "Total costs") == "EUR 1,200,000"
    assert value(sketch_en, "sponsor", "Kind of organisation") == "Education provider"
    assert value(sketch_en, "timeline", "Duration") == "24 months"
    assert items(sketch_en.section("sponsor"))["Contact person"].open
    assert sketch_en.page_number == "Page {page} of {pages}"
    assert "draft of 2026-11-25" in sketch_en.page_footer


def test_organisation_in_own_words_and_unknown_sponsor(
    advisor: Advisor, complete_state: DialogState
) -> None:
    answers = {
        **complete_state.answers,
        "organisation": Answer(text="Genossenschaft der Pflegeheime", value="other"),
    }
    sketch = sketch_of(advisor, complete_state.model_copy(update={"answers": answers}), "en")
    assert value(sketch, "sponsor", "Kind of organisation") == "Genossenschaft der Pflegeheime"
    blank = Sponsor(organisation="  ", contact_name="Erika Muster", contact=None)
    sketch = sketch_of(advisor, complete_state, "de", blank)
    assert items(sketch.section("sponsor"))["Organisation"].open
    assert value(sketch, "sponsor", "Ansprechperson") == "Erika Muster"
    assert items(sketch.section("sponsor"))["Telefon oder E-Mail"].open


def test_file_names(sketch_de: Sketch, sketch_en: Sketch, advisor: Advisor) -> None:
    assert sketch_de.file_name("pdf") == "projektskizze_pflege-bruecke-weserbergland_2026-11-25.pdf"
    assert sketch_en.file_name("md") == "projektskizze_pflege-bruecke-weserbergland_2026-11-25.md"
    untitled = sketch_of(advisor, DialogState(step="region"))
    assert untitled.file_name("pdf") == "projektskizze_entwurf_2026-11-25.pdf"
    assert sketch_of(advisor, DialogState(step="region"), "en").slug == "draft"


def test_slugs_are_short_ascii() -> None:
    assert slug("Übergänge gestalten: Straße & Schule") == "uebergaenge-gestalten-strasse-schule"
    assert slug("Café Zukunft – MINT für Mädchen") == "cafe-zukunft-mint-fuer-maedchen"
    assert slug("🚀🚀") == ""
    long = slug("Fachkräftesicherung " * 20)
    assert 0 < len(long) <= SLUG_MAX
    assert long.isascii() and not long.endswith("-")
    assert len(slug("x" * 4000)) == SLUG_MAX


def test_clean_removes_control_characters_and_keeps_lines() -> None:
    assert clean("a\x00b\x07c\u202ed\r\ne\tf") == "abcd\ne f"
    assert clean("  eins  \n\n\n\nzwei ") == "eins\n\nzwei"
    assert clean("a\u0308") == "ä"
    assert clean("\ud800x") == "x"
    assert clean("👍🏽 ok") == "👍🏽 ok"


def test_a_kind_typed_in_own_words_reads_as_in_the_summary(
    advisor: Advisor, complete_state: DialogState
) -> None:
    """review11: the summary said "Art der Organisation: Pflegedienst", the sketch only "Pflege-
    oder Sozialdienst"; now both name what was typed, the sketch with the kind it was read as."""
    answers = {**complete_state.answers, "organisation": Answer(text="Pflegedienst", value="care")}
    state = complete_state.model_copy(update={"answers": answers})
    sketch = sketch_of(advisor, state, "de")
    assert value(sketch, "sponsor", "Art der Organisation") == (
        "Pflegedienst (Pflege- oder Sozialdienst)"
    )
    sketch = sketch_of(advisor, state, "en")
    assert (
        value(sketch, "sponsor", "Kind of organisation") == "Pflegedienst (Care or social service)"
    )
