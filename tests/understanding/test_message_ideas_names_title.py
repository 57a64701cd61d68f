"""read_message, wave 5 of #12: "We'd like to …" with a typographic apostrophe describes a
project; at the organisation question groups in the name are none, after "für"/"for" they are;
at the title question a message with costs and dates gives those, and no title."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_we_would_like_with_either_apostrophe_is_an_idea(finders: Finders, apostrophe: str) -> None:
    text = (
        f"Hello! I work for the University of Hildesheim. We{apostrophe}d like to launch a "
        "mentoring programme linking international students with local SMEs."
    )
    assert read(finders, text).idea is not None


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("women's network", None),
        ("Senioren-Netzwerk", None),
        ("Verein für Alleinerziehende", ("frauen",)),
        ("a charity for single parents", ("frauen",)),
    ],
)
def test_groups_at_the_organisation_question(
    finders: Finders, text: str, groups: tuple[str, ...] | None
) -> None:
    found = read(finders, text, "organisation").target_groups
    assert (found.value if found is not None else None) == groups


@pytest.mark.parametrize(
    "text",
    [
        "Geplant ab Februar 2027, 24 Monate, ca. 160.000 € insgesamt.",
        "from February 2027 for 24 months, about EUR 160,000",
    ],
)
def test_facts_at_the_title_question_are_no_title(finders: Finders, text: str) -> None:
    reading = read(finders, text, "title")
    assert reading.title is None
    assert reading.costs is not None and reading.duration is not None


@pytest.mark.parametrize("text", ["Metall macht mehr", "Titel: Pflege 2030, Kosten 80.000 €"])
def test_a_title_stays_a_title(finders: Finders, text: str) -> None:
    assert read(finders, text, "title").title is not None
