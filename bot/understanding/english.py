"""Whether a terse answer is English: one or two words with no function word ("company",
"refugees", "1 yr", "own money") that `replies.leans_english` cannot tell, as simplemma's German
dictionary knows many English words ("company", "refugees") and so does not rule them out.

The words here are the English ones the answer vocabularies read (organisation kinds, target
groups, periods, amounts, co-financing, months) that German does not borrow; loanwords a German
answer carries ("Coaching", "Team", "Startup", "Workshop", "Training", "Jobcenter", "Budget",
"April", "August") are deliberately absent, so a German answer full of them stays German.
"""

from __future__ import annotations

import re

from bot.understanding.replies import german_word, leans_english
from bot.understanding.slots import Asked

ENGLISH_ONLY = frozenset(
    # who writes
    "company business firm bakery manufacturer supplier retailer charity council town city"
    " hospital university college nonprofit provider"
    # whom it is for
    " refugees refugee unemployed jobless apprentices apprentice trainees students pupils"
    " women mothers fathers parents older elderly employees workers migrants immigrants"
    " disabled disability young youth graduates dropouts nurses carers"
    # what is planned
    " course courses internship internships lessons skills language apprenticeship"
    # amounts, periods, dates
    " yr yrs year years month months weeks approx roughly"
    " january february march may june july october december oct dec"
    # who pays the rest
    " own money funds donations fees ourselves reserves savings grant".split()
)
"""English words of short answers that German answers do not use (built once)."""

_WORD = re.compile(r"[^\W\d_]+")


def answers_in_english(text: str, asked: Asked) -> bool:
    """Whether an answer to `asked` reads as English: `leans_english`, or a word of
    `ENGLISH_ONLY` and no German word ("own money" is, "Eigenmittel und Spenden" is not)."""
    if leans_english(text, asked):
        return True
    if asked in ("place", "title"):
        return False  # names say nothing about the language
    words = [w.casefold() for w in _WORD.findall(text) if not (len(w) > 1 and w.isupper())]
    if not words or any(german_word(w) for w in words):
        return False
    return any(w in ENGLISH_ONLY for w in words)
