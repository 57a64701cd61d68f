"""A project title, where a sponsor clearly names one.

In a message: "Titel: Ankommen in Springe", "Arbeitstitel: Personal teilen", "Das Projekt heißt
„Fahr los“", "the project is called Career Bus", "working title: Back to Work". Without such a
label nothing in a message is taken for a title (a quote alone may be anything).

At the title question the whole answer is the title, cleaned: a label ("Arbeitstitel:",
"Arbeitstitel …"), an opening "ja," or "Der Titel ist", a hedge ("so was wie", "vielleicht"),
a qualifier ("(Arbeitstitel)") and quotation marks around it go ("ja, „Fahr los“" is
"Fahr los"; "„Zukunft Handwerk“ – aber noch nicht final" is "Zukunft Handwerk").

Named in a message, an unquoted title ends with its clause ("Das Projekt heißt Fahr los und
startet im April": "Fahr los").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.replies import classify

MAX_TITLE = 150
"""Longer "titles" are descriptions; at the title question they are kept as typed."""

_QUOTED = r"[„“\"'«»‚‘](?P<q>[^„“”\"'«»‚‘’\n]{1,150})[“”\"'«»‘’]"
_PLAIN = (
    r"(?P<p>[^.;!?\n]{1,150}?)"
    r"(?=\s*(?:[.;!?\n]|[,:]\s|$|\s[-–—]\s|\s(?:und|and|but|aber)\s+(?-i:[a-zäöüß])))"
)
"""An unquoted title ends with its clause: at a full stop, comma, colon or dash, or where "und" or
"and" goes on with a lowercase word ("heißt Fahr los und startet im April": "Fahr los";
"Schule und Beruf" stays whole)."""
_LABELLED = re.compile(
    r"(?:(?<![^\W\d_])(?:projekt)?(?:arbeits)?titel|(?<![^\W\d_])(?:working\s+)?title"
    r"|(?<![^\W\d_])projektname|(?<![^\W\d_])name\s+des\s+projekte?s)\s*(?:[:=]|lautet|ist|is)\s*"
    rf"(?:{_QUOTED}|{_PLAIN})",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"(?<![^\W\d_])(?:(?:das\s+|unser\s+)?(?:projekt|vorhaben)|es|das\s+ganze"
    r"|(?:the|our)\s+(?:project|programme|program|initiative|scheme)|it|we|wir)\s+(?:soll\s+|wird\s+|will\s+be\s+|is\s+)?(?:vorläufig\s+|erstmal\s+)?"
    r"(?:heißt|heisst|heißen|heissen|lautet|called|named|nennen\s+es|call\s+it)\s+"
    r"(?:(?:vorläufig|erstmal|intern|einfach|mal|so|bei\s+uns|im\s+moment|derzeit|for\s+now"
    r"|internally)\s+)*"
    rf"(?:{_QUOTED}|{_PLAIN})",
    re.IGNORECASE,
)
_LABEL_QUOTED = re.compile(
    r"(?<![^\W\d_])(?:(?:projekt|arbeits)titel|working\s+title)\s+" + _QUOTED, re.IGNORECASE
)
"""A quoted title right after its label: "Arbeitstitel „Pflege-Lotsen“ – wir …"."""
_NAMED_LAST = re.compile(
    r"(?<![^\W\d_])(?:(?:das\s+|unser\s+)?(?:projekt|vorhaben)|es)\s+(?:soll|wird)\s+"
    rf"{_QUOTED}\s+(?:heißen|heissen)",
    re.IGNORECASE,
)
"""German puts the verb last: "Unser Projekt soll „Zukunft Handwerk“ heißen" (quoted only)."""
_UNDER_NAME = re.compile(
    r"(?<![^\W\d_])(?:(?:läuft|laeuft|lauft|firmiert|runs|goes)\s+(?:bei\s+uns\s+|intern\s+)?"
    r"(?:unter\s+dem\s+(?:namen|titel|arbeitstitel)|under\s+the\s+(?:name|title))"
    r"|(?:known\s+as|bekannt\s+als))\s+"
    rf"(?:{_QUOTED}|{_PLAIN})",
    re.IGNORECASE,
)
"""A name the project goes by: "Das Ganze läuft bei uns unter dem Namen Brückenbauer"."""
_OUR_QUOTED = re.compile(
    r"(?<![^\W\d_])(?:unser|our)\s+(?:neues\s+|new\s+)?(?:projekt|vorhaben|programm|project"
    r"|programme|program)\s+" + _QUOTED,
    re.IGNORECASE,
)
_OUR_QUOTED_BEFORE = re.compile(
    r"(?<![^\W\d_])our\s+(?:new\s+)?" + _QUOTED + r"\s+(?:project|programme|program|bootcamp"
    r"|initiative|scheme)(?![^\W\d_])",
    re.IGNORECASE,
)
"""A quoted name of the sponsor's own project ("Unser Projekt „Zukunft im Handwerk“ richtet
sich an …", "Our 'Code Your Future' bootcamp …"); a course run before ("nach unserem Kurs
„Deutsch im Job“") is not the project."""
_ANSWER_PREFIX = re.compile(
    r"^\s*(?:(?:ja|jo|yes|yeah)\s*[,:!.–-]\s*)?"
    r"(?:(?:der\s+|the\s+)?(?:projekt|arbeits|working\s+)?tit(?:el|le)\s*"
    r"(?:[:=]|ist|lautet|is|w[äa]e?re|wird|would\s+be|will\s+be)\s*"
    r"|(?:projekt|arbeits|working\s+)tit(?:el|le)\s+"
    r"|(?:so\s*(?:was|etwas)\s+wie|etwa|vielleicht|eventuell|evtl\.?|maybe|something\s+like)\s+"
    r"|(?:er|es|das\s+projekt)\s+(?:heißt|heisst)\s+|(?:it'?s|it\s+is)\s+called\s+"
    r"|wir\s+nennen\s+es\s+|(?:it\s+is\s+|it'?s\s+)?(?:called|named)\s+"
    r"|(?:es\s+)?(?:heißt|heisst)\s+)?",
    re.IGNORECASE,
)
_SHOULD_BE = re.compile(
    r"^(?:(?:der|unser|the)\s+)?(?:projekt|arbeits|working\s+|project\s+)?tit(?:el|le)\s+"
    r"(?:soll|wird|könnte|koennte)\s+(?:vielleicht\s+|wohl\s+)?"
    r"(?P<t>.+?)\s+(?:sein|lauten|heißen|heissen|werden)\.?$",
    re.IGNORECASE,
)
_SHOULD_BE_EN = re.compile(
    r"^(?:(?:the|our)\s+)?(?:working\s+|project\s+)?title\s+(?:should|will|could|might|is\s+going"
    r"\s+to)\s+be\s+(?:maybe\s+)?(?P<t>.+?)\.?$",
    re.IGNORECASE,
)
"""At the title question: "der Titel soll Fachkräfte für morgen sein", "the title will be …"."""
_DESCRIPTION = re.compile(
    r"^(?:(?:also|naja|na\s+ja|halt|hm+|so)\s*,?\s+)?(?:wir|ich|we|i)\s+"
    r"(?:wollen|möchten|moechten|machen|planen|bringen|helfen|bieten|want|would|plan|help|are"
    r"|will|do|offer)(?![^\W\d_])",
    re.IGNORECASE,
)
"""A sentence about what the project does ("wir wollen halt Jugendliche in Ausbildung
bringen") describes it; it names no title (unless it says "wir nennen es …")."""
MIN_DESCRIPTION_WORDS = 5

_FACTS = {
    "costs": re.compile(
        r"\d[\d.,]*\s*(?:€|eur(?:o|os)?\b|k\b|tsd|mio|million)|(?:€|eur)\s*\d"
        # an amount after a cost word ("Kosten wären so 45.000", "kostet ca. 35.000", "it
        # costs about 60,000")
        r"|\b(?:kosten|kostet|gesamtkosten|budget|costs?)\b\D{0,25}\d",
        re.IGNORECASE,
    ),
    "duration": re.compile(
        r"\d+(?:[.,]\d+)?\s*(?:monate?n?|months?|jahre?n?|years?)\b"
        # in words after its word ("Laufzeit ein Jahr", "duration two years")
        r"|\b(?:laufzeit|dauer|duration|runtime)\W+(?:von\s+|of\s+|ca\.?\s+|about\s+)?"
        r"(?:ein|eine|einem|einen|zwei|drei|anderthalb|eineinhalb|one|two|three|\d+)\s*"
        r"(?:jahre?n?|monate?n?|years?|months?)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"\b(?:0?[1-9]|1[0-2])/(?:20)?\d\d\b"
        r"|\b(?:januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november"
        r"|dezember|january|february|march|may|june|july|october|december)\s+20\d\d\b",
        re.IGNORECASE,
    ),
    "share": re.compile(
        r"\b(?:eigenanteil|kofinanzierung|eigenmittel|own\s+share|co-?financing)\b", re.IGNORECASE
    ),
}
"""Costs, dates, durations, the own share: a message with them at the title question is the
rest of the project's facts ("Geplant ab Februar 2027, 24 Monate, ca. 160.000 €"), no name."""
MIN_OTHER_ANSWERS_WORDS = 4


def describes(text: str) -> bool:
    """The answer to the title question is a description of the project, not a name."""
    stripped = text.strip()
    if title_in(stripped) is not None or re.search(r"[„“\"«»]", stripped):
        return False
    return (
        len(stripped.split()) >= MIN_DESCRIPTION_WORDS and _DESCRIPTION.search(stripped) is not None
    )


_CORRECTION = re.compile(
    r"^\W*(?:(?:sorry|entschuldigung|pardon|moment|halt|stopp?|ach|oh|oops|upps|ups|wait)"
    r"(?:\s+(?:mal|so|nein|no))?\W+)*"
    # the answer it corrects may be named first ("Moment, zur Zielgruppe: eigentlich …")
    r"(?:(?:zur|zum|bei\s+der|beim|about\s+the|re)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s*[:,–-]\s*)?"
    r"(?:korrektur|korrigier\w*|berichtigung|correction|to correct"
    r"|(?<=\W)(?:nicht|not|doch|eigentlich|actually|ich meinte|i meant)\b)",
    re.IGNORECASE,
)
"""A reply that corrects an earlier answer ("Korrektur: 80.000 pro Jahr", "Sorry, nicht
Arbeitslose – es geht um …", "Sorry, correction: it'll be June"): an apology or a pause word
followed by a negation, or the word itself at the start."""


_APOLOGY = re.compile(
    r"^\W*(?:(?:ach|oh|oje|upps|ups|oops|moment|halt|stopp?|wait)\W+)*"
    r"(?:sorry|entschuldigung|pardon|verzeihung|my bad|mein fehler)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(
    r"\b(?:nicht\s+(?:in|aus|für|fuer|bei|an|im|am)\b|sondern|not\s+(?:in|from|for|at)\b"
    r"|ich meinte|i meant|eigentlich|actually)",
    re.IGNORECASE,
)
"""An apology that opens a message with a contrast in it ("ach sorry, wir sitzen in Holzminden,
nicht in Hameln!") corrects an earlier answer too."""


_MISTAKE = re.compile(
    r"(?<![^\W\d_])(?:korrektur|berichtigung|correction|ich\s+meinte|i\s+meant"
    r"|(?:hab|habe|hatte)\s+(?:ich\s+)?mich\s+(?:vertan|vertippt|verschrieben|geirrt)"
    r"|made\s+a\s+mistake|my\s+mistake|mein\s+fehler)(?![^\W\d_])",
    re.IGNORECASE,
)
"""Anywhere in a reply, words that say an earlier answer was wrong ("Eigenmittel. Korrektur:
…", "bei der Zielgruppe hab ich mich vertan")."""
_AFTERTHOUGHT = re.compile(
    r"(?:^|[.!?;]\s+)(?:ach|oh)\s+(?:ja|und|übrigens|uebrigens)\b[^.!?]*?\bdoch\b",
    re.IGNORECASE,
)
"""An afterthought that says "doch" ("Eigenmittel. Ach ja: der Start ist doch erst Januar
2028")."""


def corrects(text: str) -> bool:
    """The reply corrects an earlier answer instead of answering the question asked."""
    stripped = text.strip()
    if title_in(stripped) is not None:
        return False
    if _CORRECTION.search(stripped) is not None:
        return True
    if _MISTAKE.search(stripped) is not None or _AFTERTHOUGHT.search(stripped) is not None:
        return True
    return _APOLOGY.search(stripped) is not None and _CONTRAST.search(stripped) is not None


def gives_facts(text: str) -> bool:
    """The answer to the title question gives the project's costs, dates or own share."""
    stripped = text.strip()
    if title_in(stripped) is not None or re.search(r"[„“\"«»]", stripped):
        return False
    return len(stripped.split()) >= MIN_OTHER_ANSWERS_WORDS and facts_named(stripped) >= 1


def facts_named(text: str) -> int:
    """How many kinds of the project's facts (costs, duration, a date, the own share) `text`
    names: two of them say the project's facts, whatever else it says ("Kosten wären so
    45.000, Laufzeit ein Jahr"); one may be part of a name or a self-description ("seit 20
    Jahren in Hameln")."""
    return sum(pattern.search(text) is not None for pattern in _FACTS.values())


_OUTER_QUOTES = re.compile(r"^[„“\"'«»‚‘](?P<t>.+?)[“”\"'«»‘’]\.?$")
_QUOTED_FIRST = re.compile(rf"^{_QUOTED}\s*(?:[-–—,(:]|$)")
"""A quoted title with a comment after it ("„Zukunft Handwerk“ – aber noch nicht final")."""
_QUALIFIER = re.compile(
    r"\s*\((?:arbeitstitel|vorläufig|vorlaeufig|working\s+title|provisional|tbc)\)\s*$"
    r"|\s*[,–-]\s*(?:arbeitstitel|vorläufig|vorlaeufig|working\s+title)\s*$|\?+$",
    re.IGNORECASE,
)
"""What says the title is provisional, not part of it ("Pflege plus (Arbeitstitel)")."""


@dataclass(frozen=True)
class Title:
    title: str
    start: int
    end: int
    """Span of the title itself in the text."""


def title_in(text: str) -> Title | None:
    """The title a message names with a label or "heißt", or None."""
    patterns = (
        _LABELLED,
        _LABEL_QUOTED,
        _NAMED,
        _NAMED_LAST,
        _UNDER_NAME,
        _OUR_QUOTED,
        _OUR_QUOTED_BEFORE,
    )
    for pattern in patterns:
        match = pattern.search(text[:2000])
        if match is None:
            continue
        # _NAMED_LAST and _LABEL_QUOTED have "q" only
        group = "q" if match.group("q") is not None else "p"
        title = match.group(group).strip().strip("„“\"'«»").strip()
        if group == "p" and not _names_a_title(match.group(0), title):
            continue
        if title and not classify(title, "title").non_answer:
            start = text.find(title, match.start(group))
            return Title(title, start, start + len(title))
    return None


_OURSELVES = re.compile(r"^(?:wir|we)\s+(?!nennen|call)", re.IGNORECASE)
_PARTICLES = frozenset(
    "ja doch immer oft dass so eben halt wohl auch nur zwar jetzt hier also nicht noch".split()
    # "is called for", "called upon": a verb with its particle, no name
    + "for upon on off by".split()
)


def _names_a_title(said: str, title: str) -> bool:
    """An unquoted name after "heißt": not the sponsor's own name ("Wir heißen Lernwerk
    e.V."), nor a saying ("Es heißt ja immer, dass …")."""
    if _OURSELVES.match(said):
        return False
    first = title.split()[0].casefold() if title.split() else ""
    return first not in _PARTICLES


def clean_title(text: str) -> str:
    """The answer to the title question without labels, "ja," and quotation marks."""
    stripped = text.strip()
    if len(stripped) > MAX_TITLE:
        return stripped
    named = title_in(stripped)
    if named is not None:
        return named.title
    should = _SHOULD_BE.match(stripped) or _SHOULD_BE_EN.match(stripped)
    if should is not None:
        return should.group("t").strip().strip("„“\"'«»").strip()
    rest = _ANSWER_PREFIX.sub("", stripped, count=1).strip() or stripped
    rest = _QUALIFIER.sub("", rest).strip() or rest
    quoted = _OUTER_QUOTES.match(rest)
    commented = _QUOTED_FIRST.match(rest)
    if quoted:
        rest = quoted.group("t").strip()
    elif commented:
        rest = commented.group("q").strip()
    return rest.rstrip(".").strip() or stripped
