"""Whether a short idea says what is done for whom.

An idea that names an activity and the people it is for is enough, however short:
"Bewerbungstraining für Geflüchtete", "Mentoren für Azubis im Handwerk", "supported employment
trials for long-term unemployed people". Asking "tell me more" there only asks for what was
said. Two ways to name the activity:

* a term of the advice vocabulary that is no target group ("Weiterbildung von Pflegehelfern"),
  anywhere in the idea, with a target group named in it;
* a word of its own before "für"/"for" that introduces a target group ("Paten für Azubis"):
  any word of four letters or more but the generic ones, which say that something happens but
  not what ("ein Projekt für Geflüchtete", "something for refugees", "wir wollen was für
  Jugendliche machen").
"""

from __future__ import annotations

import re

from bot.understanding.groups.finder import GroupFinder
from bot.understanding.words import lemmas, words

MIN_ACTIVITY_LETTERS = 4

_FOR = re.compile(r"(?<![^\W\d_])(?:für|fuer|for)(?:\W+[^\W\d_]+){0,3}\W*$", re.IGNORECASE)
"""A group introduced by "für"/"for", up to three describing words between ("für ältere
langzeitarbeitslose Menschen")."""

GENERIC = frozenset(
    """
    projekt project angebot offer offering maßnahme massnahme measure programm programme program
    initiative hilfe help support unterstützung unterstuetzung etwas something anything
    everything alles sache thing stuff idee idea konzept concept vorhaben plan
    wollen möchten moechten mögen planen machen tun geben bieten anbieten haben sein werden
    können koennen sollen müssen brauchen want would like make give have need could should
    unser unsere unseren their this that these those some eine einen einem einer eines
    diese dieser dieses neue neues neuen kleine kleines small auch also noch gerne gern
    """.split()
)
"""Words that say that something happens, or whose, but not what (dictionary forms)."""


def says_what_for_whom(idea: str, finder: GroupFinder, *, activity_term: bool) -> bool:
    """Whether `idea` names a target group and what is done for it (`activity_term`: the
    vocabulary found a term in it that is no target group)."""
    hits = finder.find(idea, running_text=True)
    if not hits:
        return False
    if activity_term:
        return True
    for hit in hits:
        introduced = _FOR.search(idea[: hit.start])
        if introduced is not None and any(
            _activity(word, finder) for word in words(idea[: introduced.start()])
        ):
            return True
    return False


def _activity(word: str, finder: GroupFinder) -> bool:
    if len(word) < MIN_ACTIVITY_LETTERS or lemmas(word) & GENERIC:
        return False
    return not finder.groups(word)
