"""Children named as the family of the people a text is about, not as a group of their own.

Children someone else has ("ihre Kinder", "their kids", "deren Kinder", "his children"), in a
sentence about their care ("Betreuung", "childcare", "raising"), are the family of the people
named: "Eltern in Schichtarbeit brauchen Betreuung für ihre Kinder", "women returning to work
after raising their kids" name no pupils. Where the children's own way is the subject ("damit
Eltern ihre Kinder bei der Berufswahl begleiten"), they stay: such a project is for them too.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.understanding.groups.tokens import Word

THEIR = frozenset(
    """
    ihre ihren ihrer ihrem deren dessen seine seinen seiner seinem
    their his her
    """.split()
)
"""Possessives of others ("ihre" is also the polite "your": "Ihre Kinder" is read alike)."""

CHILDREN = frozenset(
    """
    kinder kindern kind kids kid children child sohn soehne söhne tochter toechter töchter
    nachwuchs sons daughters son daughter
    """.split()
)
CARE_STEMS = (
    "betreu", "kinderbetreu", "ferienbetreu", "kita", "kindergarten", "aufzieh", "grossgezog",
    "großgezog", "babysit",
)  # fmt: skip
CARE_WORDS = frozenset("care childcare daycare raising raise raised nursery nurseries".split())
"""Words that say children are cared for ("Betreuung", "betreut", "Kita", "großgezogen",
"childcare", "raising")."""


def _cared_for(sentence: int, words: Sequence[Word]) -> bool:
    return any(
        word.sentence == sentence and (word.key in CARE_WORDS or word.key.startswith(CARE_STEMS))
        for word in words
    )


def children_of_others(hit: tuple[str, int, int], words: Sequence[Word]) -> bool:
    """Whether the hit names the children of the people a text is about, as those cared for:
    a possessive of others one or two words before a hit ending in a word for children
    ("Mütter, deren Kinder schon groß sind" says more about the mothers and stays)."""
    _, start, end = hit
    child = end - 1
    if words[child].key not in CHILDREN or child - start > 1:
        return False
    sentence = words[child].sentence
    for before in (child - 1, child - 2):
        if before < 0 or words[before].sentence != sentence:
            return False
        if words[before].key in THEIR:
            return _cared_for(sentence, words)
    return False
