"""A project title, where a sponsor clearly names one.

In a message: "Titel: Ankommen in Springe", "Arbeitstitel: Personal teilen", "Das Projekt heißt
„Fahr los“", "the project is called Career Bus", "working title: Back to Work". Without such a
label nothing in a message is taken for a title (a quote alone may be anything).

At the title question the whole answer is the title, cleaned: a label ("Arbeitstitel:"), an
opening "ja," or "Der Titel ist", and quotation marks around it go ("ja, „Fahr los“" is
"Fahr los").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.replies import classify

MAX_TITLE = 150
"""Longer "titles" are descriptions; at the title question they are kept as typed."""

_QUOTED = r"[„“\"'«»‚‘](?P<q>[^„“”\"'«»‚‘’\n]{1,150})[“”\"'«»‘’]"
_PLAIN = r"(?P<p>[^.;!?\n]{1,150}?)(?=\s*(?:[.;!?\n]|,\s|$))"
_LABELLED = re.compile(
    r"(?:(?<![^\W\d_])(?:projekt)?(?:arbeits)?titel|(?<![^\W\d_])(?:working\s+)?title"
    r"|(?<![^\W\d_])projektname|(?<![^\W\d_])name\s+des\s+projekte?s)\s*(?:[:=]|lautet|ist|is)\s*"
    rf"(?:{_QUOTED}|{_PLAIN})",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"(?<![^\W\d_])(?:(?:das\s+|unser\s+)?projekt|es|das\s+ganze|the\s+project|it|we)\s+"
    r"(?:soll\s+|wird\s+|will\s+be\s+|is\s+)?(?:heißt|heisst|heißen|heissen|lautet|called|named"
    r"|nennen\s+es|call\s+it)\s+"
    rf"(?:{_QUOTED}|{_PLAIN})",
    re.IGNORECASE,
)
_ANSWER_PREFIX = re.compile(
    r"^\s*(?:(?:ja|jo|yes|yeah)\s*[,:!.–-]\s*)?"
    r"(?:(?:der\s+|the\s+)?(?:projekt|arbeits|working\s+)?tit(?:el|le)\s*(?:[:=]|ist|lautet|is)\s*"
    r"|(?:er|es|das\s+projekt)\s+(?:heißt|heisst)\s+|(?:it'?s|it\s+is)\s+called\s+"
    r"|wir\s+nennen\s+es\s+|(?:it\s+is\s+|it'?s\s+)?(?:called|named)\s+"
    r"|(?:es\s+)?(?:heißt|heisst)\s+)?",
    re.IGNORECASE,
)
_OUTER_QUOTES = re.compile(r"^[„“\"'«»‚‘](?P<t>.+?)[“”\"'«»‘’]\.?$")


@dataclass(frozen=True)
class Title:
    title: str
    start: int
    end: int
    """Span of the title itself in the text."""


def title_in(text: str) -> Title | None:
    """The title a message names with a label or "heißt", or None."""
    for pattern in (_LABELLED, _NAMED):
        match = pattern.search(text[:2000])
        if match is None:
            continue
        group = "q" if match.group("q") is not None else "p"
        title = match.group(group).strip().strip("„“\"'«»").strip()
        if title and not classify(title, "title").non_answer:
            start = text.find(title, match.start(group))
            return Title(title, start, start + len(title))
    return None


def clean_title(text: str) -> str:
    """The answer to the title question without labels, "ja," and quotation marks."""
    stripped = text.strip()
    if len(stripped) > MAX_TITLE:
        return stripped
    named = title_in(stripped)
    if named is not None:
        return named.title
    rest = _ANSWER_PREFIX.sub("", stripped, count=1).strip() or stripped
    quoted = _OUTER_QUOTES.match(rest)
    if quoted:
        rest = quoted.group("t").strip()
    return rest.rstrip(".").strip() or stripped
