"""Children named as the family of the people a text is about, not as a group of their own.

* Children someone else has ("ihre Kinder", "their kids", "deren Kinder", "his children") are
  the family of the people named before them: "Eltern in Schichtarbeit brauchen Betreuung für
  ihre Kinder", "women returning to work after raising their kids" name no pupils.
* The people parents are parents of ("die Eltern von Schülern", "parents of pupils", "Mütter
  von Kita-Kindern") are their children: the parents are the group.
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
PARENTS = frozenset(
    """
    eltern elternteile mütter muetter väter vaeter mamas papas
    parents mothers fathers mums moms dads
    """.split()
)
PARENTS_OF = frozenset({"von", "der", "of"})
"""The words between parents and their children ("Eltern von Schülern", "parents of pupils")."""


def _their_children(start: int, end: int, words: Sequence[Word]) -> bool:
    """ "ihre Kinder", "their kids", "their young children": a possessive of others one or two
    words before a hit that ends in a word for children ("Mütter, deren Kinder schon groß
    sind" says more about the mothers and stays)."""
    child = end - 1
    if words[child].key not in CHILDREN or child - start > 1:
        return False
    for before in (child - 1, child - 2):
        if before < 0 or words[before].sentence != words[child].sentence:
            return False
        if words[before].key in THEIR:
            return True
    return False


def _parents_of(start: int, words: Sequence[Word]) -> bool:
    """ "Eltern von Schülern", "parents of young pupils": the group after its parents."""
    for of in (start - 1, start - 2):
        parent = of - 1
        if parent < 0 or words[parent].sentence != words[start].sentence:
            return False
        if words[of].key in PARENTS_OF and words[parent].key in PARENTS:
            return True
    return False


def children_of_others(hit: tuple[str, int, int], words: Sequence[Word]) -> bool:
    """Whether the hit names the children of the people a text is about."""
    _, start, end = hit
    # "Eltern von Schülern mit Migrationsgeschichte": what is said with the children holds
    # for the family, so a group of several words stays
    return _their_children(start, end, words) or (end - start == 1 and _parents_of(start, words))
