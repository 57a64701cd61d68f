"""Issue #14, wave 6: the advice reads a typed target group as the dialog does, and a past
project that shares one word only with an idea is no look-alike (bot/advice/generic.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.advice.advise import Advisor
from bot.advice.generic import on_one_word
from bot.advice.matching import Matches

TODAY = date(2026, 11, 25)


def advise(advisor: Advisor, idea: str, group: str, place: str) -> Matches:
    answers = {"description": idea, "target_group": group, "region": place}
    return advisor.advise(advisor.facts_from_text(answers, TODAY), TODAY).matches


def test_a_typed_target_group_is_read_into_ids_as_the_dialog_reads_it(advisor: Advisor) -> None:
    facts = advisor.facts_from_text({"target_group": "Verkäuferinnen und Verkäufer"}, TODAY)
    assert facts.target_groups == ("beschaeftigte",)
    assert advisor.facts_from_text({"target_group": ""}, TODAY).target_groups == ()


def test_training_for_the_sales_staff_a_sponsor_names_fits_further_training(
    advisor: Advisor,
) -> None:
    # "Schulung" alone is a generic word; the sales staff named as the target group are
    # employees, whom II serves: the two agree.
    matches = advise(
        advisor,
        "Schulung der Verkäuferinnen und Verkäufer in unseren Filialen am neuen Kassensystem.",
        "Verkäuferinnen und Verkäufer",
        "Hildesheim",
    )
    assert [field.id for field in matches.fitting][:1] == ["II"]


def test_typed_groups_within_each_other_name_the_narrower(advisor: Advisor) -> None:
    matches = advise(
        advisor,
        "Students who are thinking of dropping out get taster weeks in craft businesses.",
        "students thinking of dropping out",
        "Hannover",
    )
    assert "studierende" not in matches.target_groups
    assert matches.fitting[0].sub_goals == ("III.4",)


def test_employees_named_as_the_group_point_to_every_sub_goal_the_strategy_names_them_in(
    advisor: Advisor,
) -> None:
    # II.2 (further training), IV.2 and IV.3 ("Unternehmen und Beschäftigte") serve them: the
    # group alone says less about which one than the idea's words.
    goals = advisor.matcher.goals.score((), frozenset({"beschaeftigte"}), ())
    assert {goal.id for goal in goals} == {"II.2", "IV.2", "IV.3"}
    assert len({goal.score for goal in goals}) == 1


@pytest.mark.parametrize(
    ("idea", "group"),
    [
        (
            "Tablet-Kurse für Senioren im Gemeindehaus: Videotelefonie mit den Enkeln und "
            "Online-Banking, langsam erklärt.",
            "Senioren",
        ),
        (
            "Der Heimatverein will die Dorfchronik digitalisieren, alte Fotos scannen und eine "
            "Website daraus machen.",
            "",
        ),
    ],
)
def test_devices_and_generic_words_are_no_sign_of_working_life(
    advisor: Advisor, idea: str, group: str
) -> None:
    assert advise(advisor, idea, group, "Wunstorf").fitting == ()


def test_an_idea_of_no_working_life_has_no_look_alike(advisor: Advisor) -> None:
    # "reparieren" is a word of the circular economy (I.3), but a youth club's bicycle repair
    # corner is no skilled-labour project, nor alike one.
    matches = advise(
        advisor,
        "Offene Fahrradwerkstatt im Jugendtreff: Kinder und Jugendliche reparieren ihre Räder "
        "mit Ehrenamtlichen.",
        "Jugendliche",
        "Nienburg",
    )
    assert matches.fitting == ()
    assert matches.projects == ()


def test_one_shared_approach_word_beside_pupils_makes_no_look_alike(advisor: Advisor) -> None:
    # The apprenticeship pilots share "Bewerber" and pupils with a care home's apprentice
    # ambassadors; the idea is first about care and apprenticeships, they about the way from
    # school (III.3).
    matches = advise(
        advisor,
        "Unsere Pflege-Azubis gehen als Botschafter in die Schulen, damit sich mehr Bewerber für "
        "die Pflegeausbildung melden.",
        "Schülerinnen und Schüler",
        "Rinteln",
    )
    shown = [project.id for project in matches.projects]
    assert "pflegekraefte-schaumburg" in shown
    assert "ausbildungslotsen" not in shown


def test_one_word_says_a_theme_only_with_something_besides() -> None:
    alone = {"theme": False, "rare_group": False, "same_first": False, "goal_word": False}
    assert on_one_word(1, **alone)
    assert not on_one_word(2, **alone)
    for reason in alone:
        assert not on_one_word(1, **{**alone, reason: True}), reason


def test_a_general_word_for_the_people_the_description_names_fits_where_nothing_tells_more(
    advisor: Advisor,
) -> None:
    # Courses are a generic word and companies a generic group; the staff the description
    # names are employees, whom II serves.
    matches = advise(
        advisor,
        "A website listing the training courses and funding of local colleges, so that small "
        "firms find the right course for their staff.",
        "small firms",
        "Hannover",
    )
    assert [field.id for field in matches.fitting][:1] == ["II"]


@pytest.mark.parametrize(
    ("idea", "group"),
    [
        # Both words are context terms, so the phrase of the two is one as well.
        ("Ferienfreizeit für Kinder alleinerziehender Mütter an der Nordsee.", ""),
        # Founding a choir is no business start-up (Existenzgründung still is working life).
        ("Gründung eines Chors für Migrantinnen im Stadtteil.", ""),
    ],
)
def test_leisure_in_words_of_a_sub_goal_fits_no_field(
    advisor: Advisor, idea: str, group: str
) -> None:
    assert advise(advisor, idea, group, "Nienburg").fitting == ()


@pytest.mark.parametrize(
    ("idea", "group"),
    [
        # "Training" inside a German compound is training, not a trainer (IV.3).
        ("Führungskräftetraining für Teamleiter im Mittelstand.", "Teamleiter"),
        ("Meistervorbereitung in Teilzeit für Gesellen im Elektrohandwerk.", "Gesellen"),
    ],
)
def test_further_training_in_compounds_fits_ii(advisor: Advisor, idea: str, group: str) -> None:
    assert [field.id for field in advise(advisor, idea, group, "Hameln").fitting][:1] == ["II"]


def test_a_sub_goal_for_other_people_than_the_description_names_is_not_presented(
    advisor: Advisor,
) -> None:
    # A language course is a word of III.6 (immigrants); for the export staff the
    # description names, without an answer naming anyone, it is not their sub-goal.
    matches = advise(advisor, "Sprachkurs Englisch für Mitarbeitende im Export.", "", "Hameln")
    assert "III" not in [field.id for field in matches.fitting]
