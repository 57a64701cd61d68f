"""Complete dialogs, one per sub-region and two from outside, with the answers sponsors type.

Each runs the engine from the first question to the summary and checks what the sponsor reads
there: the pre-check status, the local alliance (or referral), similar projects, key dates and
the disclaimer that this is only a pre-check.
"""

from __future__ import annotations

from bot.kb.knowledge import KnowledgeBase
from tests.dialogs.conftest import DialogDriver, key_text

DISCLAIMER = key_text("advice.hint.pre_check_only")


def status_line(icon: str, status: str) -> str:
    return f"Vorprüfung: {icon} {key_text(f'summary.status.{status}')}"


def section(summary: str, heading: str) -> str:
    """The paragraph of the summary that starts with `heading`."""
    for paragraph in summary.split("\n\n"):
        if paragraph.startswith(heading):
            return paragraph
    raise AssertionError(f"no section {heading!r} in:\n{summary}")


def project_titles(kb: KnowledgeBase, text: str) -> list[str]:
    return [p.title for p in kb.projects if f"• {p.title} (" in text]


def test_rinteln_in_schaumburg_goes_to_the_weserbergland_alliance(
    driver: DialogDriver, kb: KnowledgeBase
) -> None:
    alliance = kb.alliance_for_subregion("weserbergland").name

    reply = driver.text("Wir sitzen in Rinteln, LK Schaumburg")
    assert driver.step == "organisation"
    region = driver.value("region")
    assert isinstance(region, dict)
    assert (region["kind"], region["subregion"], region["district"]) == (
        "in_region",
        "weserbergland",
        "schaumburg",
    )
    assert f"Ihre lokale Fachkräfteallianz: {alliance}." in reply

    driver.press_label("Pflege- oder Sozialdienst")
    assert driver.acknowledged == ["Pflege- oder Sozialdienst"]
    assert driver.value("organisation") == "care"

    driver.press_label("Frauen")
    driver.press_label("Berufsrückkehrende")
    driver.press("done")
    assert driver.value("target_group") == {"ids": ["frauen", "berufsrueckkehrende"], "text": ""}

    driver.text("Pflegekräfte zurückgewinnen")
    assert driver.step == "idea"
    driver.text(
        "Wir wollen Berufsrückkehrende in der Pflege im Landkreis Schaumburg mit einer "
        "Teilzeitausbildung und Kinderbetreuung zurückgewinnen, zusammen mit den Pflegeheimen."
    )
    assert driver.step == "title"
    idea = driver.state.answers["idea"].text
    # The second text does not say "Pflegekräfte": it extends the first, not replaces it.
    assert idea.startswith("Pflegekräfte zurückgewinnen\nWir wollen Berufsrückkehrende")

    driver.text("Pflege-Comeback Schaumburg")
    reply = driver.text("1,2 Mio")
    assert driver.value("costs") == 1_200_000
    assert driver.step == "cap_raises_grant"
    assert "500.000 €" in reply and "Ausnahme" in reply
    driver.text("Ja")
    assert driver.step == "justification"

    driver.answer(
        "Das Projekt läuft in allen Pflegeheimen des Landkreises und braucht dafür drei Coaches.",
        "Q2/2027",
        "18 Monate",
        "Landkreis übernimmt 20 %",
    )
    assert driver.step == "summary"
    assert driver.value("start") == "2027-04"
    assert driver.value("duration") == 18

    summary = driver.plain
    # The justification was given: the pre-check says so instead of asking for it again.
    assert status_line("⚠️", "justification_given") in summary
    pre_check = section(summary, "Vorprüfung")
    assert "1.200.000 €" in pre_check
    assert "Ihre Begründung liegt vor" in pre_check
    assert "Begründung nötig" not in summary
    assert alliance in section(summary, "Ihr erster Ansprechpartner")
    projects = section(summary, "Ähnliche Projekte aus der Strategie")
    assert project_titles(kb, projects), projects
    dates = section(summary, "Wichtige Termine")
    assert "31.12.2028" in dates
    assert "Ihr Projektende: 09/2028" in dates
    assert "spätestens 10/2028" in dates
    assert DISCLAIMER in pre_check, "said where the status is, not at the very end"
    assert "Pflege-Comeback Schaumburg" in section(summary, "Ihre Angaben")
    assert "Ort: Rinteln (Landkreis Schaumburg)\n" in summary, "as understood, said once"


def test_sarstedt_in_landkreis_hildesheim_is_eligible(
    driver: DialogDriver, kb: KnowledgeBase
) -> None:
    alliance = kb.alliance_for_subregion("hildesheim").name
    driver.text("Sarstedt")
    assert driver.value("region") == {
        "kind": "in_region",
        "subregion": "hildesheim",
        "district": "hildesheim",
        "name": "Sarstedt",
    }
    driver.command("skip")
    assert driver.step == "target_group"
    assert "organisation" not in driver.state.answers
    driver.answer(
        "Geflüchtete Frauen ohne Berufsabschluss",
        "Wir wollen geflüchteten Frauen ein bezahltes Praktikum in Pflegeheimen mit "
        "begleitendem Deutschkurs anbieten, zusammen mit dem Jobcenter.",
    )
    driver.command("skip")
    driver.answer("450k", "01/2027", "2 Jahre")
    assert driver.step == "cofinancing"
    driver.press("skip")
    assert driver.step == "summary"
    assert driver.value("costs") == 450_000
    assert driver.value("duration") == 24

    summary = driver.plain
    assert status_line("✅", "eligible") in summary
    assert key_text("summary.no_reasons") in summary
    assert alliance in section(summary, "Ihr erster Ansprechpartner")
    assert "Passende Handlungsschwerpunkte" in summary
    projects = section(summary, "Ähnliche Projekte aus der Strategie")
    care = next(p for p in kb.projects if p.id == "care")
    assert f"• {care.title} (Landkreis Hildesheim)" in projects
    # CARE is alike, in the same district and not known to be finished: a possible
    # Doppelstruktur, said once, and the whole summary says it once.
    assert key_text("summary.duplicate_warning", title=care.title) in projects
    assert "nicht als abgeschlossen bekannt" in projects
    assert summary.count("Doppelstruktur") == 1
    dates = section(summary, "Wichtige Termine")
    assert "31.12.2028" in dates
    assert "Ihr Projektende: 12/2028" in dates
    assert "spätestens 01/2029" in dates
    assert DISCLAIMER in summary
    # Nothing over the cap: no justification asked, none listed.
    assert "justification" not in driver.state.answers
    assert "justification" not in driver.state.history


def test_a_misspelt_hildesheim_is_understood_and_said_so(
    driver: DialogDriver, kb: KnowledgeBase
) -> None:
    reply = driver.text("Hildeshiem")
    assert driver.step == "organisation"
    assert "„Hildeshiem“ verstanden als Landkreis Hildesheim." in reply
    assert driver.value("region") == {
        "kind": "in_region",
        "subregion": "hildesheim",
        "district": "hildesheim",
        "name": "Landkreis Hildesheim",
    }
    driver.command("skip")
    driver.answer(
        "Schüler*innen der Klassen 8 bis 10",
        "Wir wollen Schülerinnen und Schüler der Klassen 8 bis 10 mit Praktika in "
        "Handwerksbetrieben bei der Berufsorientierung unterstützen, zusammen mit der Kammer.",
    )
    driver.command("skip")
    driver.answer("250.000 €", "März 2027", "20 Monate")
    driver.command("skip")
    summary = driver.plain
    assert driver.step == "summary"
    assert "Ort: Landkreis Hildesheim\n" in summary, "the place as understood, not as typed"
    assert "Hildeshiem" not in section(summary, "Ihre Angaben")
    assert status_line("✅", "eligible") in summary
    assert kb.alliance_for_subregion("hildesheim").name in summary
    assert "Ihr Projektende: 10/2028" in summary
    assert "spätestens 11/2028" in summary


def test_garbsen_in_region_hannover_with_a_too_long_project(
    driver: DialogDriver, kb: KnowledgeBase
) -> None:
    alliance = kb.alliance_for_subregion("hannover").name
    reply = driver.text("Garbsen")
    assert f"Ihre lokale Fachkräfteallianz: {alliance}." in reply
    assert driver.value("region") == {
        "kind": "in_region",
        "subregion": "hannover",
        "district": "region-hannover",
        "name": "Garbsen",
    }
    driver.answer(
        "Unternehmen",
        "kleine und mittlere Unternehmen",
        "Wir wollen kleinen und mittleren Unternehmen in Garbsen helfen, ihre Beschäftigten "
        "digital weiterzubilden und Auszubildende zu finden.",
        "Digital im Betrieb",
        "300.000 €",
    )
    # 300.000 € is under the cap: straight on to the start, no justification.
    assert driver.step == "start"
    driver.answer("Q2/2027", "zweieinhalb Jahre")
    assert driver.value("start") == "2027-04"
    assert driver.value("duration") == 30
    driver.command("skip")

    summary = driver.plain
    assert driver.step == "summary"
    assert status_line("❌", "not_eligible") in summary
    pre_check = section(summary, "Vorprüfung")
    assert "endet das Projekt 09/2029" in pre_check
    assert "höchstens 21 Monate" in pre_check
    assert alliance in section(summary, "Ihr erster Ansprechpartner")
    # The idea shares only generic words (digital, Unternehmen, weiterbilden) with the
    # strategy's projects: none is offered as alike, and the summary says so.
    projects = section(summary, "Ähnliche Projekte aus der Strategie")
    assert not project_titles(kb, projects)
    assert key_text("summary.projects_none").splitlines()[-1] in projects
    dates = section(summary, "Wichtige Termine")
    assert "Projektende spätestens: 31.12.2028" in dates
    assert "Ihr Projektende: 09/2029" in dates
    assert "spätestens 10/2029" in dates
    assert DISCLAIMER in summary


def test_celle_is_referred_to_the_nordost_alliance(driver: DialogDriver, kb: KnowledgeBase) -> None:
    nordost = kb.regional_alliance("nordost-niedersachsen").name
    leine_weser = [a.name for a in kb.regions.local_alliances]

    reply = driver.text("Celle")
    assert driver.step == "organisation", "the sponsor may still go through the questions"
    assert nordost in reply
    assert key_text("sponsor.region.continue_anyway") in reply
    assert driver.value("region") == {
        "kind": "elsewhere",
        "name": "Celle",
        "alliance": "nordost-niedersachsen",
        "state": None,
    }
    driver.command("skip")
    driver.answer(
        "Arbeitslose",
        "Wir wollen Langzeitarbeitslose mit Coaching und einem Praktikum in Pflegeheimen "
        "zusammen mit dem Jobcenter in Arbeit bringen.",
    )
    driver.command("skip")
    driver.answer("200000", "01/2027", "12 Monate")
    driver.command("skip")

    summary = driver.plain
    assert driver.step == "summary"
    assert status_line("🧭", "out_of_region") in summary
    assert f"sondern gehört zum {nordost}" in section(summary, "Vorprüfung")
    assert nordost in section(summary, "Ihr Ansprechpartner")
    assert not any(name in summary for name in leine_weser), "no Leine-Weser alliance for Celle"
    assert "Passende Handlungsschwerpunkte" not in summary
    # Leine-Weser's dates and procedure do not apply to Celle (#15 point 8): no empty headings.
    assert "Wichtige Termine" not in summary and "31.12.2028" not in summary
    assert "Hinweise" not in summary
    assert DISCLAIMER in summary


def test_bremen_is_outside_lower_saxony(driver: DialogDriver, kb: KnowledgeBase) -> None:
    reply = driver.text("Bremen")
    assert driver.step == "organisation"
    assert "Bremen liegt außerhalb Niedersachsens" in reply
    assert driver.value("region") == {
        "kind": "elsewhere",
        "name": "Bremen",
        "alliance": None,
        "state": "Bremen",
    }
    driver.command("skip")
    driver.answer(
        "Auszubildende",
        "Wir wollen Auszubildende im Handwerk mit einem Mentoring durch erfahrene Meister "
        "begleiten, damit weniger die Ausbildung abbrechen.",
    )
    driver.command("skip")
    driver.answer("150.000 €", "04/2027", "1 Jahr")
    driver.command("skip")

    summary = driver.plain
    assert driver.step == "summary"
    assert status_line("🧭", "out_of_region") in summary
    assert "Bremen liegt außerhalb Niedersachsens" in section(summary, "Vorprüfung")
    assert not any(a.name in summary for a in kb.regions.local_alliances)
    assert not any(a.name in summary for a in kb.alliances.regional_alliances)
    assert DISCLAIMER in summary
    # The place is known (Bremen); the contact section must not claim it is still open.
    contact = section(summary, "Ihr Ansprechpartner")
    assert key_text("summary.contact_unknown") not in contact, contact


def test_vienna_gets_the_polite_answer_that_the_programme_is_lower_saxonys(
    driver: DialogDriver, kb: KnowledgeBase
) -> None:
    reply = driver.text("Wien")
    assert driver.step == "organisation", "not asked back: Wien is known, only not fundable"
    assert "kenne ich nicht" not in reply
    assert "Wien liegt nicht in Deutschland" in reply and "Landes Niedersachsen" in reply
    assert driver.value("region") == {
        "kind": "elsewhere",
        "name": "Wien",
        "alliance": None,
        "state": None,
        "country": "Österreich",
    }
    driver.command("skip")
    driver.answer(
        "Auszubildende",
        "Wir wollen Auszubildende im Handwerk mit einem Mentoring durch erfahrene Meister "
        "begleiten, damit weniger die Ausbildung abbrechen.",
    )
    driver.command("skip")
    driver.answer("150.000 €", "04/2027", "1 Jahr")
    driver.command("skip")

    summary = driver.plain
    assert status_line("🧭", "out_of_region") in summary
    assert "Wien liegt nicht in Deutschland" in section(summary, "Vorprüfung")
    contact = section(summary, "Ihr Ansprechpartner")
    assert "Wien liegt außerhalb Deutschlands" in contact
    assert not any(a.name in summary for a in kb.regions.local_alliances)


def test_vienna_in_english(engine) -> None:  # type: ignore[no-untyped-def]
    driver = DialogDriver.started(engine, "en")
    reply = driver.text("Vienna")
    assert "Wien is not in Germany" in reply and "Lower Saxony" in reply
    assert "I do not know" not in reply


def test_summary_reads_in_english_too(engine, kb: KnowledgeBase) -> None:  # type: ignore[no-untyped-def]
    driver = DialogDriver.started(engine, "en")
    reply = driver.text("Rinteln")
    assert "Your local alliance: Fachkräfte-Initiative Weserbergland+." in reply
    driver.command("skip")
    driver.answer(
        "Geflüchtete",
        "Wir wollen geflüchteten Frauen ein bezahltes Praktikum in Pflegeheimen mit "
        "begleitendem Deutschkurs anbieten, zusammen mit dem Jobcenter.",
    )
    driver.command("skip")
    driver.answer(
        "1,2 Mio", "Yes", "Weil das Projekt im ganzen Weserbergland läuft und vier Coaches braucht."
    )
    driver.answer("Q2/2027", "18 months")
    driver.command("skip")
    summary = driver.plain
    assert driver.step == "summary"
    assert "Summary of your draft" in summary
    assert "Pre-check: ⚠️ justification given" in summary
    assert "EUR 1,200,000" in summary
    assert "Project must end by: 2028-12-31" in summary
    assert "Your project ends: 09/2028" in summary
    assert key_text("advice.hint.pre_check_only", "en") in summary
    assert "Vorprüfung" not in summary
