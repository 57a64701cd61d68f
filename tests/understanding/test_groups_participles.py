"""Target groups, #12 (understand12p): a German participle of a group's phrase ("gekündigt":
dismissed, so unemployed) matches only participles, not the other forms of its verb that share
its dictionary form ("kündigen": to quit, said of people in work). Phrases whose other tenses
mean the same list them ("nach Deutschland kommen" beside "… gekommen"). English phrases
("laid off") are matched as before (see the report of understand12p)."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read


def _groups(finders: Finders, text: str, *, answer: bool) -> set[str]:
    reading = read(finders, text, "target_groups" if answer else None)
    return set(reading.target_groups.value) if reading.target_groups else set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azubis, die kündigen wollen", {"auszubildende"}),
        ("Pflegekräfte, die kündigen", {"beschaeftigte"}),
        ("Mitarbeiter, die kündigen wollen", {"beschaeftigte"}),
        ("staff who want to quit", {"beschaeftigte"}),
        ("apprentices thinking about quitting", {"auszubildende"}),
    ],
)
def test_people_who_quit_are_not_people_who_were_dismissed(
    finders: Finders, text: str, expected: set[str]
) -> None:
    assert _groups(finders, text, answer=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Menschen, denen gekündigt wurde", {"arbeitslose"}),
        ("frisch gekündigte Leute aus der Industrie", {"arbeitslose"}),
        ("Menschen, die nach Deutschland kommen", {"zugewanderte"}),
        ("Leute, die lange nicht arbeiten konnten", {"arbeitslose"}),
        ("people who were laid off", {"arbeitslose"}),
        ("people who came to Germany recently", {"zugewanderte"}),
    ],
)
def test_participles_and_the_tenses_listed_are_still_read(
    finders: Finders, text: str, expected: set[str]
) -> None:
    assert expected <= _groups(finders, text, answer=True)
