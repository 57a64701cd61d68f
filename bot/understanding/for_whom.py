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

`names_only_for_whom` is the other side: an answer that says only for whom ("it's for young
refugees really", "das ist für junge Geflüchtete gedacht") names no activity before its "für",
so at a question for a name (the title) it is a reading of the target groups, not a name;
"Zukunft für junge Geflüchtete" has a word of its own before it and stays a name.
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

HEDGES = frozenset(
    """
    eigentlich hauptsächlich hauptsaechlich vorwiegend primär primaer allem erster linie gedacht
    gerichtet richtet wirklich einfach insbesondere besonders speziell
    actually really mainly mostly primarily basically meant aimed intended designed
    especially specifically particularly simply
    """.split()
)
"""Words that say how much or how meant a group is ("eigentlich für", "mainly for"), no name."""
_QUOTES = re.compile(r"[„“\"«»]")


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


def names_only_for_whom(answer: str, finder: GroupFinder) -> bool:
    """Whether `answer` says only whom the project is for: a target group introduced by
    "für"/"for" with no word of its own before it (pronouns, "ist", "eigentlich", "mainly"),
    and no quotation marks, which would mark a name."""
    if _QUOTES.search(answer):
        return False
    for hit in finder.find(answer, running_text=True):
        introduced = _FOR.search(answer[: hit.start])
        if introduced is None:
            continue
        before = words(answer[: introduced.start()])
        return not any(_activity(w, finder) and w.casefold() not in HEDGES for w in before)
    return False
