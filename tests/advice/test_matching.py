"""Matching with an adviser's eye (#14): the reason is the sub-goal the strategy has for the idea,
look-alikes share a theme rather than a word, a running look-alike in the sponsor's district is
a possible Doppelstruktur, English reads like German, and an idea nothing fits is told so."""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor, advice_json, field_why, project_why
from bot.advice.eligibility import check
from bot.advice.facts import ProjectFacts
from bot.advice.matching import Matcher, Matches
from bot.advice.vocabulary import Vocabulary, words
from bot.dialogs.summary import alliance_summary
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Language, Msg, render
from tests.eval.ideas.report import TODAY


def match(advisor: Advisor, idea: str, group: str = "", district: str | None = None) -> Matches:
    return advisor.matcher.match(idea, group, (), district)


def why(messages: tuple[Msg, ...], language: Language = "de") -> str:
    return "; ".join(render(message, language) for message in messages)


# --------------------------------------------------------------------------- the sub-goal as reason

REASONS = [
    # (idea, target group as typed, field, sub-goal, a word the reason names)
    (
        "Wir bringen Geflüchtete in eine Ausbildung im Handwerk: Praktikum im Betrieb und "
        "berufsbezogener Deutschunterricht. Die Teilnehmenden kommen über das Jobcenter zu uns.",
        "Geflüchtete",
        "III",
        "III.6",
        "Geflüchtete",
    ),
    (
        "We bring refugees into craft apprenticeships: a placement in a firm and German lessons "
        "for the job. The job centre sends them to us.",
        "refugees",
        "III",
        "III.6",
        "German lessons",
    ),
    (
        "Studierende, die ans Abbrechen denken, lernen Ausbildungsberufe in Betrieben kennen, "
        "bevor sie ohne Abschluss gehen.",
        "Studienabbrecher",
        "III",
        "III.4",
        "Studienabbrecher",
    ),
    (
        "We show university dropouts apprenticeships and jobs in local companies before they "
        "leave without a degree.",
        "university dropouts",
        "III",
        "III.4",
        "university dropouts",
    ),
    (
        "Mehr junge Leute für die Pflegeausbildung gewinnen: Schnuppertage und Mentoren in "
        "unseren Pflegeheimen.",
        "Azubis",
        "I",
        "I.7",
        "pflegeausbildung",
    ),
    (
        "Our care homes want more young people for nursing apprenticeships: taster days and "
        "mentors on the ward.",
        "apprentices",
        "I",
        "I.7",
        "nursing apprenticeship",
    ),
    (
        "Teilzeitausbildung für Alleinerziehende, wir organisieren die Kinderbetreuung auch früh "
        "morgens.",
        "Alleinerziehende",
        "III",
        "III.5",
        "alleinerziehende",
    ),
    (
        "Part-time apprenticeships for single parents, we organise childcare early in the morning.",
        "single parents",
        "III",
        "III.5",
        "single parents",
    ),
]


@pytest.mark.parametrize(("idea", "group", "field", "goal", "word"), REASONS)
def test_the_reason_is_the_sub_goal_the_strategy_has_for_the_idea(
    advisor: Advisor, idea: str, group: str, field: str, goal: str, word: str
) -> None:
    matches = match(advisor, idea, group)
    best = matches.fitting[0]
    assert (best.id, best.sub_goals[0]) == (field, goal)
    assert matches.sub_goals[0].id == goal
    title = advisor.kb.sub_goal(goal)
    german, english = why(field_why(best, advisor.kb)), why(field_why(best, advisor.kb), "en")
    assert f"Unterziel {goal}: {title.title}" in german
    assert f"sub-goal {goal}: {title.title_en}" in english
    assert word.casefold() in german.casefold()  # the evidence: a word of the idea
    if goal in {"III.6", "III.4", "III.5"}:  # ... and the target group linked to the sub-goal
        assert "Zielgruppe:" in german


def test_a_target_group_outweighs_a_single_keyword_of_another_sub_goal(
    advisor: Advisor,
) -> None:
    # "Jobcenter" and "Coaching" once decided III.1; the refugees named as target group decide.
    matches = match(
        advisor,
        "Coaching für Menschen, die schon B1 haben aber keine Arbeit finden; das Jobcenter "
        "schickt sie uns, wir üben Bewerbungen und begleiten die ersten Wochen.",
        "Geflüchtete",
    )
    assert matches.fitting[0].sub_goals[0] == "III.6"


# --------------------------------------------------------------------------- look-alikes


def test_a_care_idea_is_not_offered_it_macht_schule(advisor: Advisor) -> None:
    for idea in (
        "Wir wollen die Pflegedokumentation in unseren Altenheimen digitalisieren: Tablets, "
        "eine App und Schulung für alle Pflegekräfte.",
        "Our care homes want to digitise care records: tablets, an app and training for all "
        "nurses.",
    ):
        assert "it-macht-schule" not in [p.id for p in match(advisor, idea).projects]


@pytest.mark.parametrize(
    ("idea", "group"),
    [
        (
            "Willkommenszentrum für internationale Pflege- und IT-Fachkräfte in Hannover: "
            "Beratung zu Visum und Anerkennung, Sprachkurs, Begleitung im Betrieb.",
            "internationale Fachkräfte",
        ),
        (
            "A welcome centre for international nurses and IT workers in Hannover: advice on "
            "visa and recognition, language courses, support in the first months.",
            "international workers",
        ),
    ],
)
def test_a_welcome_centre_gets_the_welcome_centre_not_it_macht_schule(
    advisor: Advisor, idea: str, group: str
) -> None:
    shown = [p.id for p in match(advisor, idea, group, "region-hannover").projects]
    assert "welcome-center-region-hannover" in shown
    assert "it-macht-schule" not in shown


@pytest.mark.parametrize(
    "idea",
    [
        "Menschen aus der Werkstatt für behinderte Menschen sollen auf den ersten Arbeitsmarkt: "
        "Außenarbeitsplätze in Betrieben und ein Jobcoach.",
        "People from a sheltered workshop move to jobs in regular firms, with a job coach.",
    ],
)
def test_a_sheltered_workshop_idea_is_not_offered_the_digital_hub(
    advisor: Advisor, idea: str
) -> None:
    matches = match(advisor, idea)
    assert matches.fitting[0].sub_goals[0] == "III.2"
    assert "create-hub" not in [p.id for p in matches.projects]


@pytest.mark.parametrize(
    "idea",
    [
        "Ein IT-Projekt für Unternehmen in der Region: Digitalisierung und eine Werkstatt.",
        "An IT project for companies in the region: digitalisation and a workshop.",
    ],
)
def test_generic_words_alone_make_no_look_alike_and_no_fit(advisor: Advisor, idea: str) -> None:
    matches = match(advisor, idea, "Unternehmen", "region-hannover")
    assert matches.projects == ()
    assert matches.fitting == ()


def test_the_generic_words_are_a_list_in_the_knowledge_base(kb: KnowledgeBase) -> None:
    generic = {term.casefold() for term in kb.matching.generic_terms}
    assert {"it", "werkstatt", "projekt", "region", "unternehmen"} <= generic
    assert kb.sub_goal("I.7").broad  # care *and* IT: sharing it alone is no theme


def test_an_idea_nothing_is_alike_gets_no_look_alikes(advisor: Advisor) -> None:
    matches = match(
        advisor,
        "Azubi-Wohnheim in Holzminden, weil die jungen Leute keine Wohnung finden und abends "
        "kein Bus mehr fährt.",
        "Azubis",
        "holzminden",
    )
    assert matches.fitting[0].id == "I"
    assert matches.projects == ()


@pytest.mark.parametrize(
    "idea",
    [
        "Coding-Kurse und Robotik für Mädchen in den Ferien",
        "Coding courses and robotics for girls in the holidays",
    ],
)
def test_english_finds_the_same_look_alikes_as_german(advisor: Advisor, idea: str) -> None:
    matches = match(advisor, idea, "Schülerinnen")
    assert matches.fitting[0].sub_goals[0] == "I.6"
    shown = [p.id for p in matches.projects]
    assert shown[0] == "robonatives" and len(shown) < 3
    assert "robotik" in [w.casefold() for w in matches.projects[0].shared_words] or (
        "robotics" in matches.projects[0].shared_words
    )


# --------------------------------------------------------------------------- Doppelstrukturen

NURSES = {
    "de": "Wir wollen neue Pflegekräfte gewinnen und die beschäftigten Pflegekräfte binden: "
    "bessere Arbeitsbedingungen, ein besseres Image des Pflegeberufs, junge Menschen für die "
    "Pflege begeistern.",
    "en": "We want to win new nurses and keep the nurses we have: better working conditions, a "
    "better image of the nursing profession, young people enthusiastic about care.",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_running_look_alike_in_the_same_district_is_a_possible_doppelstruktur(
    advisor: Advisor, language: Language
) -> None:
    here = match(advisor, NURSES[language], "", "schaumburg").projects[0]
    assert here.id == "pflegekraefte-schaumburg" and here.running
    assert here.possible_duplicate
    assert "Doppelstruktur" in why(project_why(here, advisor.kb))
    assert "duplicate structure" in why(project_why(here, advisor.kb), "en")
    elsewhere = match(advisor, NURSES[language], "", "holzminden").projects[0]
    assert elsewhere.id == "pflegekraefte-schaumburg" and not elsewhere.possible_duplicate


def test_a_finished_look_alike_in_the_same_district_is_no_doppelstruktur(
    advisor: Advisor,
) -> None:
    matches = match(
        advisor,
        "Wiedereinstieg für Mütter nach der Elternzeit: Beratung und Vereinbarkeit von Familie "
        "und Beruf.",
        "Berufsrückkehrerinnen",
        "region-hannover",
    )
    back2job = next(p for p in matches.projects if p.id == "back2job")
    assert back2job.same_district and not back2job.running
    assert not back2job.possible_duplicate
    assert "abgeschlossen" in why(project_why(back2job, advisor.kb))


def test_one_word_makes_no_doppelstruktur(advisor: Advisor) -> None:
    assert not any(
        p.possible_duplicate for p in match(advisor, "Pflege", "", "schaumburg").projects
    )


# --------------------------------------------------------------------------- nothing clearly fits


@pytest.mark.parametrize(
    ("idea", "language"),
    [
        ("Wir möchten einen genossenschaftlichen Dorfladen mit kleinem Café eröffnen.", "de"),
        ("We would like to build a bike path between two villages and charging points.", "en"),
        ("Ein Theaterfestival für Jugendliche mit Workshops zu Schauspiel und Licht.", "de"),
    ],
)
def test_when_nothing_fits_the_advice_says_so_and_points_to_the_local_alliance(
    advisor: Advisor, kb: KnowledgeBase, idea: str, language: Language
) -> None:
    facts = advisor.facts_from_text({"region": "Hildesheim", "description": idea}, TODAY)
    advice = advisor.advise(facts, TODAY)
    assert advice.matches.fitting == () and advice.matches.projects == ()
    out = advice_json(advice, kb, language)
    assert out["action_fields"] == [] and out["similar_projects"] == []
    summary = render(Msg("summary.fields_none"), language)
    assert ("Fachkräfteallianz" if language == "de" else "alliance") in summary
    fields_none = "Kein Handlungsschwerpunkt passt" if language == "de" else "No action field"
    assert fields_none in alliance_summary(advice, kb).localize(language)  # the alliance too


def test_a_field_with_a_clear_fit_is_presented_with_its_reason_in_the_json(
    advisor: Advisor, kb: KnowledgeBase
) -> None:
    facts = ProjectFacts(description=REASONS[0][0], target_group_text="Geflüchtete")
    matches = advisor.matcher.match(facts.description, facts.target_group_text)
    advice = advisor.advise(facts, TODAY)
    assert advice.matches.fitting == matches.fitting
    (first, *_) = advice_json(advice, kb)["action_fields"]
    assert first["id"] == "III" and "III.6" in first["why"]
    assert check(facts, kb, TODAY).status  # the pre-check still runs beside it


# --------------------------------------------------------------------------- words


def test_the_verb_schulen_is_training_not_schools() -> None:
    assert words("Betriebe sollen Mitarbeitende schulen.") == [
        "betrieb",
        "mitarbeitend",
        "schulung",
    ]
    assert words("Projekt an Schulen") == ["schul"]
    # All in lower case the verb cannot be told from the noun: the noun reading stays.
    assert words("mitarbeiter schulen") == ["mitarbeit", "schul"]


def test_training_employees_does_not_suggest_pupils(kb: KnowledgeBase) -> None:
    matches = Matcher(kb).match("Handwerksbetriebe wollen ihre Mitarbeiter in KI schulen.")
    assert "schueler" not in matches.target_groups
    assert matches.fitting[0].id == "II"
    assert "schueler" in Matcher(kb).match("Ein Robotik-Kurs an Schulen").target_groups


def test_compounds_are_found_by_their_parts_but_not_inside_other_words() -> None:
    vocabulary = Vocabulary(
        [("Pflege", "a"), ("Ausbildung", "b"), ("Haft", "c"), ("Werkstatt", "d")]
    )

    def found(text: str) -> list[str]:
        return [hit.surface for hit in vocabulary.find(text)]

    assert found("Pflegeausbildung") == ["Pflege", "Ausbildung"]
    assert found("Pflegedoku") == ["Pflege"]  # "Doku" is a word: a compound
    assert found("Fahrradwerkstätten") == ["Werkstatt"]
    assert found("Wirtschaft") == found("Landwirtschaft") == []  # "wirtsc" is no word


def test_inflections_and_english_meet_the_german_vocabulary() -> None:
    vocabulary = Vocabulary(
        [("Geflüchtete", "g"), ("company", "c"), ("Weiterbildungsangebot", "w"), ("care", "p")],
        aliases=[("refugees", "Geflüchtete")],
        variants=[("Flüchtlinge", "Geflüchtete")],
    )

    def keys(text: str) -> list[tuple[str, ...]]:
        return [hit.key for hit in vocabulary.find(text)]

    refugees = [vocabulary.key_of("Geflüchtete")]
    assert keys("Geflüchteten") == keys("Flüchtlinge") == keys("refugees") == refugees
    assert keys("Weiterbildungsangebote") == [vocabulary.key_of("Weiterbildungsangebot")]
    assert keys("companies") == [vocabulary.key_of("company")]  # English dictionary form
    assert keys("career changers") == []  # no "care" in "career"


def test_azubis_and_english_groups_are_recognised(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    assert "auszubildende" in matcher.match("Wohnungen für Azubis").target_groups
    assert "unternehmen" in matcher.match("Advice for small companies").target_groups
    assert "gefluechtete" in matcher.match("Jobs for refugees").target_groups


def test_the_summary_for_the_alliance_lists_the_reason(advisor: Advisor, kb: KnowledgeBase) -> None:
    facts = ProjectFacts(description=REASONS[2][0], target_group_text=REASONS[2][1])
    text = alliance_summary(advisor.advise(facts, TODAY), kb).localize("de")
    assert "Unterziel III.4" in text and "Umsteigen statt Aussteigen" in text
