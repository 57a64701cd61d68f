"""Groups read from words no pattern matches whole: compounds, activities, typos, and people
said to work, to be the sponsor's own or to come from abroad.

* Typos (at the target-group question only): a word of at least seven letters that matches
  nothing may be one letter off a one-word pattern ("geflüchete"), unless a dictionary knows
  it as a word of its own ("Altenpflege" is the field, not "Altenpfleger"; "funders").
* Compounds: a German word that matches nothing counts as its head, the longest one-word
  pattern of at least five letters it ends in, after at least three letters
  ("Altenpflegehelferinnen" is "Pflegehelferinnen", "Lehramtsstudierende" "Studierende",
  "Industriemechaniker" "Mechaniker"). The project's own staff ("Projektmitarbeiter") are
  no target group; in running text a compound counts only after "für" (like organisations).
* An activity named for a group by its first part counts ("Schülerpraktika", "Frauenkurse").
* People said to work already ("Leute, die schon arbeiten", "people who work in care") are
  employees, and at the target-group question so are the sponsor's own ("unsere Leute").
* People called foreign or international ("foreign truck drivers") come from abroad too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

from rapidfuzz import fuzz, process

from bot.base.normalize import transliterate
from bot.kb.models import TargetGroup
from bot.understanding.groups.clauses import ends_clause
from bot.understanding.groups.patterns import GAP_WORDS
from bot.understanding.groups.tokens import Word
from bot.understanding.groups.vocabulary import (
    JOINERS,
    MODALS,
    NEGATIONS,
    OWN_PEOPLE,
    POSSESSIVES,
    RELATIVES,
)
from bot.understanding.words import known

WORK_VERBS = frozenset(
    "arbeiten arbeitet beschäftigt beschaeftigt berufstätig berufstaetig angestellt work".split()
)

WORK_GAP = frozenset(
    "schon bereits noch already bei uns im in der den dem einem einer betrieb job".split()
)
"""Words that may stand between "die"/"who" and the verb ("die schon bei uns arbeiten")."""

WORKING_REACH = 3
IMMIGRANTS = "zugewanderte"
FROM_ABROAD = frozenset({"foreign", "international", "internationale", "internationalen"})
"""People called foreign or international ("foreign truck drivers", "international master's
students", "internationale Studierende") come from abroad, whatever else they are."""

FROM_ABROAD_REACH = 3
ACTIVITY_HEADS = (
    "praktikum praktika kurs kurse kursen coaching workshop workshops training trainings camp"
    " camps tag tage tagen woche wochen speeddating sprechstunde mentoring paten"
).split()
"""Heads of compounds whose first part says whom the activity is for ("Schülerpraktika")."""

_ACTIVITY_ENDINGS = tuple(ACTIVITY_HEADS)
"""For `str.endswith`: a word ending in none of the heads is passed over in one call."""

MIN_HEAD = 5
"""Compound heads have at least this many letters; shorter ones end too many words."""

MIN_MODIFIER = 3
NOT_MODIFIERS = ("projekt", "project")
"""Compounds with these first parts name the project's own people, not its target group."""


def working(words: Sequence[Word], text: str, group: str | None) -> list[tuple[str, int, int]]:
    """A relative clause that says people already work ("Leute mit Migrationshintergrund, die
    schon arbeiten", "die bei uns beschäftigt sind", "people who work in care"): employees.
    Not a wish ("die arbeiten wollen", "who want to work") nor a negation ("die nicht mehr
    arbeiten")."""
    if group is None:
        return []
    found = []
    for index, word in enumerate(words):
        if word.key not in RELATIVES:
            continue
        sentence = word.sentence
        later = index + 1
        while (
            later < len(words)
            and later - index <= WORKING_REACH
            and words[later].sentence == sentence
            and words[later].key in WORK_GAP | {"are", "is", "sind", "ist"}
        ):
            later += 1
        if later >= len(words) or words[later].sentence != sentence:
            continue
        if words[later].key not in WORK_VERBS:
            last = _verb_last(words, index, text)
            if last is not None:
                found.append((group, index, last + 1))
            continue
        following = words[later + 1 : later + 3]
        if any(w.key in MODALS and w.sentence == sentence for w in following[:1]):
            continue
        if words[later].key == "work" and text[words[later].start - 1 : words[later].start] == "-":
            continue
        found.append((group, index, later + 1))
    return found


GERMAN_RELATIVES = frozenset({"die", "denen", "deren", "welche"})
VERB_LAST_REACH = 8
"""German puts the verb last: "die schon in der Pflege oder Gastronomie arbeiten"."""


def _verb_last(words: Sequence[Word], relative: int, text: str) -> int | None:
    """The work verb ending the relative clause opened at `relative` ("…, die schon in der Pflege
    oder Gastronomie arbeiten"), if the clause has no modal ("arbeiten wollen") nor negation."""
    if words[relative].key not in GERMAN_RELATIVES:
        return None  # English says the verb early ("people who work in care")
    sentence = words[relative].sentence
    index = relative + 1
    while (
        index < len(words)
        and index - relative <= VERB_LAST_REACH
        and words[index].sentence == sentence
    ):
        key = words[index].key
        if key in MODALS or key in NEGATIONS or key in RELATIVES:
            return None
        if key in WORK_VERBS:
            wish = words[index - 1].key == "zu"  # "die noch Lust haben zu arbeiten"
            return index if ends_clause(words, index, text) and not wish else None
        if "," in text[words[index].end : words[index + 1].start] if index + 1 < len(words) else "":
            return None
        index += 1
    return None


def own_people(words: Sequence[Word], group: str | None) -> list[tuple[str, int, int]]:
    """At the target-group question, people the sponsor calls its own ("unsere Leute in der
    Werkstatt", "our guys on the shop floor") are its employees."""
    if group is None:
        return []
    return [
        (group, index, index + 2)
        for index, word in enumerate(words[:-1])
        if word.key in POSSESSIVES and words[index + 1].key in OWN_PEOPLE
    ]


def compounds(
    words: Sequence[Word], matched: set[int], heads: Mapping[str, str]
) -> list[tuple[str, int, int]]:
    """Words that match nothing, read as their head ("Lehramtsstudierende")."""
    found = []
    for index, word in enumerate(words):
        if index in matched or word.key.startswith(NOT_MODIFIERS):
            continue
        best: tuple[int, str] | None = None
        for form in {word.key, *word.forms}:
            for cut in range(MIN_MODIFIER, len(form) - MIN_HEAD + 1):
                group = heads.get(form[cut:])
                if group is not None:
                    if best is None or len(form) - cut > best[0]:
                        best = (len(form) - cut, group)
                    break  # the longest head of this form
        if best is not None:
            found.append((best[1], index, index + 1))
    return found


def activities(
    words: Sequence[Word],
    matched: set[int],
    heads: Mapping[str, str],
    organisations: AbstractSet[str],
) -> list[tuple[str, int, int]]:
    """ "Schülerpraktika", "Frauenkurse": an activity named for a group by its first part
    (only activities people take part in: "Seniorenbüro" names an office)."""
    found = []
    for index, word in enumerate(words):
        if index in matched or not word.key.endswith(_ACTIVITY_ENDINGS):
            continue
        for head in ACTIVITY_HEADS:
            if not word.key.endswith(head) or len(word.key) - len(head) < MIN_HEAD:
                continue
            modifier = word.key[: -len(head)]
            group = heads.get(modifier) or heads.get(modifier.removesuffix("s"))
            if group is not None and group not in organisations:
                found.append((group, index, index + 1))
                break
    return found


def from_abroad(
    found: Sequence[tuple[str, int, int]],
    words: Sequence[Word],
    text: str,
    groups: Iterable[TargetGroup],
    organisations: AbstractSet[str],
) -> list[tuple[str, int, int]]:
    """Immigrants, where a group of people is called foreign or international."""
    if not any(group.id == IMMIGRANTS for group in groups):
        return []
    added = []
    for group, start, end in found:
        if group in organisations or group == IMMIGRANTS:
            continue
        for index in range(start - 1, max(-1, start - 1 - FROM_ABROAD_REACH), -1):
            word = words[index]
            if word.sentence != words[start].sentence:
                break
            if "," in text[word.end : words[index + 1].start] or word.key in JOINERS:
                break
            if word.key in FROM_ABROAD:
                if words[index + 1].key not in ("language", "languages"):
                    added.append((IMMIGRANTS, index, end))  # no "foreign language teachers"
                break
    return added


def typos(
    words: Sequence[Word],
    matched: set[int],
    text: str,
    single: Mapping[str, str],
    single_keys: Sequence[str],
) -> list[tuple[str, int, int]]:
    found = []
    for index, word in enumerate(words):
        if index in matched or len(word.key) < 7 or word.key in GAP_WORDS:
            continue
        if known(text[word.start : word.end]):
            continue  # a word of its own ("Altenpflege", "funders"), no typo
        best = process.extractOne(
            transliterate(word.key), single_keys, scorer=fuzz.ratio, score_cutoff=90
        )
        if best is not None:
            found.append((single[best[0]], index, index + 1))
    return found
