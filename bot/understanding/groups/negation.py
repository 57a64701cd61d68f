"""Groups a text denies or takes back.

* Negated groups are none ("Pflegekräfte, nicht an Azubis", "keine Schüler", "not for
  apprentices"), nor hits inside a negated group ("not school kids"); "nicht nur Azubis", "not
  just apprentices" name them too.
* Groups a text takes back ("Schüler. Ach nein, eher Azubis", "young staff - actually, I mean our
  apprentices", "oder besser gesagt …") are none, unless named again right after.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.understanding.groups.hits import GroupHit
from bot.understanding.groups.patterns import GAP_WORDS, MAX_GAP
from bot.understanding.groups.tokens import Word
from bot.understanding.groups.vocabulary import NEGATIONS

INCLUSIVE = frozenset(
    "nur bloss allein ausschliesslich ausschließlich only just merely solely exclusively".split()
)
"""After a negation these make it "not only": the group is named ("nicht nur Azubis")."""

NEGATION_GAP = frozenset({"an", "für", "fuer", "for", "to", "at", "um", "mit", "with", "us", "uns"})
"""Words that may stand between a negation and the group it denies ("nicht an Azubis")."""


def _negated(start: int, words: Sequence[Word]) -> bool:
    """Whether a negation stands just before the word at `start` ("nicht an Azubis",
    "keine Schüler", "not apprentices"), and is no "nicht nur" / "not just"."""
    sentence = words[start].sentence
    index = start - 1
    gap = 0
    while (
        index >= 0
        and gap < MAX_GAP
        and words[index].sentence == sentence
        and (words[index].key in GAP_WORDS or words[index].key in NEGATION_GAP)
    ):
        index -= 1
        gap += 1
    if index < 0 or words[index].sentence != sentence or words[index].key not in NEGATIONS:
        return False
    return words[index + 1].key not in INCLUSIVE


def without_negated(
    found: list[tuple[str, int, int]], words: Sequence[Word]
) -> list[tuple[str, int, int]]:
    """Negated hits, and the shorter hits inside them ("not school kids": not "kids" either)."""
    negated = [(s, e) for _, s, e in found if _negated(s, words)]
    return [hit for hit in found if not any(s <= hit[1] and hit[2] <= e for s, e in negated)]


_SELF_CORRECTION = re.compile(
    r"(?:^|[,.;:!?()–—-]\s*)(?:(?:ach|oh|oder|nein|no|sorry|wait|moment)\W+)*"
    r"(?:(?:ach|oh)\s+nein|nein\W+eher|(?:oder\s+)?(?:besser|genauer)\s+gesagt|oder\s+eher"
    r"|oder\s+vielmehr|ich\s+meine|ich\s+meinte|korrigiere|korrektur|eigentlich\s+eher"
    r"|i\s+mean|i\s+meant|or\s+rather|actually|correction)(?![^\W\d_])[\s,:–—-]*"
    r"(?:(?:i\s+mean|ich\s+meine|eher|rather)(?![^\W\d_])[\s,:–—-]*)?"
    # … not where it adds ("Azubis, actually also Schüler", "besser gesagt auch …")
    r"(?![\s,:–—-]*(?:auch|also|too|und|and|plus|sowie)(?![^\W\d_]))",
    re.IGNORECASE,
)
"""Words that take back the groups just named and give others ("Schüler. Ach nein, eher
Azubis", "young staff - actually, I mean our apprentices", "Arbeitslose, oder besser gesagt
…")."""

_CLAUSE_END = re.compile(r"[,;.!?()–—]|\s-\s")


def corrected(hits: tuple[GroupHit, ...], text: str) -> tuple[GroupHit, ...]:
    """The groups a text names after it corrects itself: where words that take back what was
    just said stand between groups, the groups named before them count no more (nor where
    they are named again later: "… eher Azubis, die Schüler haben wir schon über die
    Schulen"), unless the clause right after the correction names them too."""
    if len(hits) < 2:  # a group before the correction and one after it
        return hits
    for match in reversed(list(_SELF_CORRECTION.finditer(text))):
        before = [hit for hit in hits if hit.end <= match.start()]
        after = [hit for hit in hits if hit.start >= match.end()]
        if not before or not after:
            continue
        clause_end = _CLAUSE_END.search(text, after[0].end)
        limit = clause_end.start() if clause_end else len(text)
        named_again = {hit.group for hit in after if hit.start < limit}
        taken_back = {hit.group for hit in before} - named_again
        return tuple(hit for hit in after if hit.group not in taken_back)
    return hits
