"""read_message: a first message of unlabelled points, one of which says what is done, describes
the project (#12 point 1); a list whose points only say who writes, for whom, where, what it
costs and when, or what is not wanted, describes none. In German and English."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read


@pytest.mark.parametrize(
    "text",
    [
        "Hi, quick overview:\n• we're the adult education centre in Nienburg\n"
        "• participants: adults without a vocational qualification\n"
        "• evening classes towards a recognised qualification\n"
        "• approx. EUR 90k per year, 2 years, from September 2027",
        "Stichpunkte:\n- Kreishandwerkerschaft Hildesheim\n"
        "- Teilnehmende: Gesellinnen und Gesellen im Bauhandwerk\n"
        "- Weiterbildung zum Vorarbeiter abends und samstags\n- ca. 150.000 €, ab 03/2027",
        "Notes:\n* care home in Hameln\n* mentoring and language coaching at work\n"
        "* for our care assistants from abroad",
    ],
)
def test_a_point_that_says_what_is_done_makes_the_message_the_idea(
    finders: Finders, text: str
) -> None:
    assert read(finders, text).idea is not None


@pytest.mark.parametrize(
    "text",
    [
        "Kurz:\n- Verein aus Hameln\n- Alleinerziehende ohne Abschluss\n"
        "- 100.000 Euro, ab März 2027",
        "Quick notes:\n• we're a small charity in Hameln\n• single parents without a job\n"
        "• not the long-term unemployed\n• EUR 80k, from May 2027",
        "Kurz:\n- Verein aus Hameln\n- Weiterbildung",
    ],
)
def test_points_that_say_no_activity_make_no_idea(finders: Finders, text: str) -> None:
    assert read(finders, text).idea is None
