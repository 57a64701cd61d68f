"""Every answer one message carries: `read_message`.

"Wir sind ein Jugendhilfeträger aus Hameln und wollen ab Herbst 2027 zwei Jahre lang junge
Leute ohne Ausbildungsplatz in Betriebe vermitteln … Kosten rund 240.000 €" answers seven
questions at once. `read_message` returns each slot it finds with the words it came from (a
span of the text) and a confidence, so the dialog can say "Verstanden: …", let the sponsor
correct it, and ask only for what is missing. It is pure: no state, no transport, the day is
given.

Slots and where they come from:

* place: names the places resolver (bot/understanding/places.py) knows exactly, tried on the
  words after "aus", "in", "im", "bei", "from", "Landkreis", "Region" … (there a close
  spelling and another region count too, and a name found in several places is a question
  back: `place_question`), and on capitalised words anywhere, where only places inside the
  region count. Never a guess from random words: "Wir" or "Kosten" are no places. Places
  joined on one line ("Hameln-Pyrmont und Holzminden") are one place in several districts.
* organisation: a self-description ("wir sind ein Bildungsträger", "Stadt Springe hier").
* target_groups: bot/understanding/groups/ (in running text organisations need a "für").
  At the organisation question, groups in the organisation's name ("women's network",
  "youth charity") are no target groups: only those after "für"/"for" or in a message that
  also describes the project count.
* idea: the message itself, when it describes a project (intent words and enough words), or,
  in a first message, offers something for a group named after "für"/"for" ("Vorbereitungskurs
  für angehende Meister …"), or is a list of points one of which, unlabelled, says what is done
  ("• evening classes towards a recognised qualification").
* costs: an amount with a currency, scale or cost word, with its period (per year/month);
  without a currency or scale only right after a cost word ("Kosten 180.000", "kosten so um
  die 170.000"); in a sentence with other numbers (dates), the amount after the cost word.
* start, end, duration: bot/understanding/dates.py.
* cofinancing: the sentence that says how the own share is paid ("Eigenanteil übernimmt die
  Stadt", "30 % Eigenmittel", "own funds", "will co-fund"); of a long sentence only its clause.
* title: only where clearly named ("Titel: …", "heißt …").

At a question (`ReadingContext.asked`: the slot it asks for), its answer is read from the whole
message with that slot's own parser and is SURE; the rest of the message is read as above.
Sentences that ask something ("…?") give no slots. `confidence`: SURE (take it, say it),
LIKELY (say it so it can be corrected), UNSURE (ask).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Generic, TypeVar

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Language
from bot.understanding.costs import Costs, names_period, parse_costs
from bot.understanding.dates import read_dates
from bot.understanding.for_whom import names_only_for_whom
from bot.understanding.groups.finder import GroupFinder
from bot.understanding.groups.hits import GroupHit
from bot.understanding.groups.signatures import signature_start
from bot.understanding.money import SMALL_BELOW, amounts_in
from bot.understanding.numbers import clip
from bot.understanding.organisations import OrganisationWords
from bot.understanding.periods import parse_duration, parse_start
from bot.understanding.places import Elsewhere, InRegion, Place, PlaceResolver
from bot.understanding.replies import Kind, Reply, classify, language_of
from bot.understanding.result import Unclear, Understood
from bot.understanding.slots import SLOTS, Asked, Slot
from bot.understanding.titles import (
    clean_title,
    corrects,
    describes,
    facts_named,
    gives_facts,
    title_in,
)
from bot.understanding.words import known

T = TypeVar("T")
Span = tuple[int, int]

SURE = 0.9
LIKELY = 0.7
UNSURE = 0.5

MAX_MESSAGE = 4000
MIN_IDEA_WORDS = 12
"""A message says what a project does only with some words."""
MIN_DESCRIBED_WORDS = 5
"""… or fewer where the first message plainly describes the project ("Projekt: …", a group
after "für" in notes): the idea question's parser decides whether they say enough."""
MAX_PLACE_WORDS = 4
NAMESAKE = "understanding.place.namesake"

_INTRODUCED = re.compile(
    r"(?<![^\W\d_])(?:für|fuer|for|zielgruppen?|target\s+groups?)(?:\W+[^\W\d_]+){0,3}\W*$",
    re.IGNORECASE,
)
"""A group named for whom an organisation works ("Verein für Alleinerziehende")."""

_SENTENCE_END = re.compile(r"[.!?;\n]+(?=\s|$)")
_ABBREVIATION = re.compile(
    r"(?:^|[^\w])(?:[^\W\d_]{1,2}|ca|rd|mio|tsd|bzw|ggf|inkl|zzgl|mtl|jährl|jaehrl|evtl|usw"
    r"|etc|vgl|max|min|insg|ges|std|nr|str|dr|prof|approx)$",
    re.IGNORECASE,
)
_PLACE_MARKER = re.compile(
    r"(?<![^\W\d_])(?:aus|in|im|bei|nahe|von|vom|ut|near|from|based\s+in|in\s+the|standort"
    r"|sitz|raum|landkreis|lk|kreis|region|stadt|gemeinde|samtgemeinde|district\s+of"
    r"|town\s+of|city\s+of)\s+",
    re.IGNORECASE,
)
_PLACE_WORD = re.compile(r"[^\W\d_][^\s,.;:!?()]*(?:\s*\([^)]{1,20}\))?")
_INTENT = re.compile(
    r"(?<![^\W\d_])(?:wollen|will|möchten|moechten|möchte|planen|plane|geplant|vorhaben|idee"
    r"|beabsichtig\w*|intends?|intending|w[üu]rden\s+gerne?|would\s+love"
    r"|wüllt|wöllt|wüllen|willt"
    # German "plant" (not the English noun, "a plant in Nienburg"): followed by what or with
    # whom is planned
    r"|plant(?=\s+(?:in\s+(?:zusammenarbeit|kooperation)|mit|ab|für|fuer|zusammen|gemeinsam"
    r"|eine?[nmrs]?|das|die|den|im|zum|zur|derzeit|aktuell|gerade|jetzt)(?![^\W\d_]))"
    r"|soll|sollen|should"
    # what people need is what the project will give them ("Unsere Lagerhelfer brauchen einen
    # Staplerschein", "our engineers need training in battery technology")
    r"|brauchen|braucht|benötigen|benoetigen|benötigt|benoetigt|need|needs"
    r"|damit|want|wants|would\s+like|'d\s+like|(?:we|i)['’]d\s+like|plan|planning|idea|aim"
    r"|so\s+that|helps?"
    # a wish in the singular and with the subject after the verb ("Ich würde gern …", "würden
    # wir gern …"), eagerness ("we're keen to run …"), a way sought ("Wir suchen einen Weg, …")
    r"|w[üu]rden?\s+(?:(?:ich|wir)\s+)?(?:sehr\s+)?gerne?|keen\s+to|hoping\s+to|hope\s+to"
    r"|looking\s+to|suchen\s+(?:einen|nach\s+einem)\s+weg)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_WISH = re.compile(
    r"(?<![^\W\d_])(?:wollen|möchten|moechten|möchte|planen|soll|sollen|w[üu]rden?\s+(?:(?:ich"
    r"|wir)\s+)?(?:sehr\s+)?gerne?|want|would\s+like|(?:we|i)['’]d\s+like|keen\s+to"
    r"|hoping\s+to|suchen\s+(?:einen|nach\s+einem)\s+weg)(?![^\W\d_])",
    re.IGNORECASE,
)
"""The words of intent that say what is wanted even in a short opening; not a need ("wir
brauchen Geld für ein Projekt", "Unsere Gesellen brauchen Weiterbildung"), which says less."""
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_HEADING = re.compile(
    r"[\W_]*(?:projekt\w*|project|idee|idea|vorhaben|plan|proposal|konzept|concept|angebot"
    r"|betreff|subject|re|antrag(?:\s+auf\s+f[öo]e?rderung)?|kurz\s+gesagt|in\s+short|kurzum)"
    # for whom or where, before the colon: "Angebot für Quereinsteiger: …"
    r"(?:\s+(?:f[üu]e?r|for|in)\s+[^\W\d_][^:–—\n]{0,40}?)?\s*[:–—]",
    re.IGNORECASE,
)
"""A sentence headed by what follows: "Projekt: …", "Idee – …", "Betreff: …", "Subject: …",
"Angebot für Quereinsteiger: …"."""
_DESCRIBES = re.compile(
    # a sentence saying what it is: "Es geht um …", "Idee ist …", "The project is …"
    r"(?<![^\W\d_])(?:es\s+geht\s+um|es\s+handelt\s+sich\s+um|geplant\s+(?:ist|sind|wäre)"
    r"|(?:die\s+|unsere\s+)?idee\s+(?:ist|wäre|waere)|(?:the|our)\s+(?:project|idea|plan)"
    r"\s+(?:is|would\s+be)|basically|im\s+grunde"
    # what the sponsor will run: "We'd run …", "We're setting up …", "Wir starten … mit …"
    r"|we['’]d\s+(?:run|set\s+up|offer|start|launch)|we\s+would\s+(?:run|set\s+up|offer"
    r"|start|launch)|we(?:['’]re|\s+are)\s+(?:setting\s+up|starting|launching)"
    r"|wir\s+(?:starten|dachten\s+an|denken\s+an)|looking\s+for\s+funding\s+for"
    r"|suchen\s+(?:eine\s+)?f[öo]e?rderung\s+f[üu]e?r)(?![^\W\d_])",
    re.IGNORECASE,
)
"""What says a project is described, without a verb of intent."""
_SELF_DESCRIBED = re.compile(
    r"(?<![^\W\d_])(?:wir\s+sind|ich\s+bin|hier\s+(?:ist|sind|schreibt)|we\s+are|we['’]re"
    r"|i\s+am|i['’]m|this\s+is)(?![^\W\d_])",
    re.IGNORECASE,
)
"""A sentence in which the sponsor says who they are ("Wir sind ein Verein für …")."""
_COST_CUE = re.compile(
    r"€|(?<![^\W\d_])(?:eur|euro|euros|kosten|kostet|gesamtkosten|budget|gesamt|insgesamt|total"
    r"|costs?|tsd|teur|mio|k)(?![^\W\d_])|\d\s*(?:k|tsd|mio|mille)(?![^\W\d_])",
    re.IGNORECASE,
)
_COST_WORD_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:kosten|kostet|gesamtkosten|projektkosten|budget|gesamtbudget|volumen|costs?"
    r"|total)\s*(?:[:=]|von|of|liegen\s+bei|ca\.?|rd\.?|rund|etwa|ungefähr|ungefaehr|about"
    r"|approx\.?|around|so|um|die|circa|zirka|grob|knapp|bei|schätzungsweise|roughly|some"
    r"|approximately|maybe|vielleicht|wären|waeren|wäre|waere|sind|betragen|beträgt|betraegt"
    r"|would\s+be|will\s+be|are|\s)*$",
    re.IGNORECASE,
)
"""A cost word right before an amount marks it as costs like a currency ("Kosten 180.000")."""
_COST_WORD_AFTER = re.compile(
    r"^\s*(?:euro|eur|€)?\s*(?:gesamt|insgesamt|in\s+summe|total|in\s+total|gesamtkosten"
    r"|projektkosten)(?![^\W\d_])",
    re.IGNORECASE,
)
"""… and right after it ("ca 150.000 gesamt", "150k in total")."""
_CURRENCY_AFTER = re.compile(r"^\s?(?:€|eur(?:o|os)?(?![^\W\d_]))", re.IGNORECASE)
"""A currency after an amount's scale ("160 T€"): part of the words the amount is read from."""
_COFINANCING = re.compile(
    r"(?<![^\W\d_])(?:eigenanteil\w*|eigenmittel\w*|eigenbeteiligung|kofinanz\w*|co-?finanz\w*"
    r"|mitfinanz\w*|zahl\w*\s+(?:den\s+rest|mit)|übernimmt|uebernimmt|übernehmen|trägt|traegt"
    r"|co-?financ\w*|co-?fund\w*|own\s+(?:funds|share|money|contribution|resources)"
    r"|match\s+funding"
    r"|pays?\s+(?:the\s+rest|\d+\s*%|part)|mitgliedsbeiträge\w*|spenden)(?![^\W\d_])",
    re.IGNORECASE,
)
_STOP_START = frozenset(
    """
    wir sie ich es das die der den dem des ein eine und oder aber mit für von zu im in am an auf
    aus bei nach vor ab bis start beginn kosten laufzeit projekt idee titel hallo moin guten tag
    we the a an and or our for of to in on at from by with hello hi good project budget
    """.split()
)
"""Words a place name never starts with (spares the resolver a look-up)."""


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    span: Span
    """Where in the message the value was read (for "Verstanden: …" with the words)."""
    confidence: float

    @property
    def sure(self) -> bool:
        return self.confidence >= SURE


@dataclass(frozen=True)
class ReadingContext:
    places: PlaceResolver
    groups: GroupFinder
    organisations: OrganisationWords
    """The words for kinds of organisation of the same knowledge base."""
    today: date
    asked: Asked | None = None
    """What the question the message answers asks for; None for a first message."""
    start: YearMonth | None = None
    """A start already known, for an end alone ("bis Ende 2028")."""


@dataclass(frozen=True)
class Reading:
    reply: Reply
    """What kind of reply the message is at the question (an answer, a question back …)."""
    language: Language | None = None
    """The language the message is written in, where clear ("en" for an English message)."""
    place: Found[Place] | None = None
    places: tuple[Found[Place], ...] = ()
    """Every distinct place named ("Hameln-Pyrmont und Holzminden"); `place` is the first."""
    place_question: Found[Unclear] | None = None
    """A place name found in several places ("Gronau"): ask with its suggestions."""
    organisation: Found[str] | None = None
    target_groups: Found[tuple[str, ...]] | None = None
    idea: Found[str] | None = None
    costs: Found[Costs] | None = None
    start: Found[YearMonth] | None = None
    duration: Found[int] | None = None
    end: Found[YearMonth] | None = None
    cofinancing: Found[str] | None = None
    title: Found[str] | None = None

    def found(self) -> Iterator[tuple[Slot, Found[object]]]:
        """Every slot found, by name."""
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, Found) and item.name in SLOTS:
                yield item.name, value


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """The sentences of `text` with their offsets; "ca.", "z. B.", "Mio." end none."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ABBREVIATION.search(text[: match.start()]):
            continue
        if text[start : match.end()].strip():
            yield start, text[start : match.end()]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


# --- place ----------------------------------------------------------------------------------


def _is_place(place: Place, marked: bool) -> bool:
    return marked or isinstance(place, InRegion)


def _slip_of_the_keys(phrase: str, place: Place, ctx: ReadingContext) -> bool:
    """A close spelling after "in", "aus" … that is near-certain ("in Hildeshiem", "in
    holzmindn") is said back to be corrected rather than asked for again as if no place had been
    named; a word of its own ("in spring" ~ Springe) is no slip."""
    if not isinstance(place, InRegion) or any(map(known, phrase.split())):
        return False
    return ctx.places.near_certain(phrase)


def _places(text: str, ctx: ReadingContext) -> tuple[list[Found[Place]], Found[Unclear] | None]:
    found: list[Found[Place]] = []
    question: Found[Unclear] | None = None
    lower = text == text.lower()
    marked_starts = {m.end() for m in _PLACE_MARKER.finditer(text)}
    words = list(_PLACE_WORD.finditer(text))
    covered = -1
    for index, word in enumerate(words):
        if word.start() < covered:
            continue
        marked = word.start() in marked_starts
        first = word.group().casefold()
        if not marked and (first in _STOP_START or not (word.group()[0].isupper() or lower)):
            continue
        for size in range(1, MAX_PLACE_WORDS + 1):
            if index + size > len(words):
                break
            last = words[index + size - 1]
            if text[word.start() : last.end()].count("\n"):
                break
            phrase = text[word.start() : last.end()]
            resolved = ctx.places.resolve(phrase, near=marked, suggest=False)
            span = (word.start(), last.end())
            if isinstance(resolved, Understood):
                # the region's town over its namesakes elsewhere ("31582 Nienburg") is a
                # decision of the knowledge base, not a guess: read like an exact name
                close = resolved.note is not None and resolved.note.key != NAMESAKE
                if close and not marked:
                    continue  # a close spelling counts only after "aus", "in" …
                if size > 1 and _also_without_first(words, index, last, text, ctx, resolved.value):
                    break  # the name starts later ("Bildungsträger aus Hameln": at "Hameln")
                if _is_place(resolved.value, marked):
                    confidence = UNSURE if close else SURE
                    if close and _slip_of_the_keys(phrase, resolved.value, ctx):
                        confidence = LIKELY
                    if not marked and isinstance(resolved.value, InRegion):
                        confidence = LIKELY if not lower else UNSURE
                    found.append(Found(resolved.value, span, confidence))
                    covered = last.end()
                break
            if resolved.reason.key == "understanding.place.ambiguous" and marked and size == 1:
                if question is None:
                    question = Found(resolved, span, UNSURE)
                continue
    distinct: list[Found[Place]] = []
    for item in found:
        same = [
            n for n, other in enumerate(distinct) if _identity(other.value) == _identity(item.value)
        ]
        if not same:
            distinct.append(item)
        elif item.confidence > distinct[same[0]].confidence:
            # "Start in spring 2027 … Jobcenter Region Hannover": the district as named, not
            # the close spelling of one of its towns
            distinct[same[0]] = item
    if distinct and question is not None and question.span[0] >= distinct[0].span[0]:
        question = None
    return _project_first(text, distinct), question


_SEAT = re.compile(
    r"(?<![^\W\d_])(?:(?:haupt|firmen|vereins)?sitz\s+(?:in|im)|based\s+in|headquartered\s+in"
    r"|head\s+office\s+in)\s+(?:(?:der|dem|the)\s+)?(?:(?:stadt|region|landkreis|city|town"
    r"|district)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
"""Where the sender has its seat ("ein Bildungsträger mit Sitz in Hannover"), which need not be
where the project runs."""


def _project_first(text: str, places: list[Found[Place]]) -> list[Found[Place]]:
    """The places with the project's first: where the sender has its seat and the message
    names another district too ("mit Sitz in Hannover. Wir möchten in Holzminden ein Projekt
    …"), the other one is where the project runs."""
    if len(places) < 2 or not _SEAT.search(text[: places[0].span[0]]):
        return places
    for index, item in enumerate(places[1:], 1):
        if isinstance(item.value, InRegion) and not _SEAT.search(text[: item.span[0]]):
            return [item, *places[:index], *places[index + 1 :]]
    return places


_JOINED = re.compile(
    r"\s*(?:,|&|\+|und|and|sowie|plus)\s*(?:(?:(?:der|die|dem|the)\s+)?(?:landkreis|lk|kreis"
    r"|region|stadt|district\s+of|town\s+of|city\s+of)\s+)?",
    re.IGNORECASE,
)
"""What joins the names of a project in several places ("Hameln-Pyrmont und Holzminden",
"Region Hannover und Landkreis Hildesheim", "Nienburg, Schaumburg")."""


def _joined(text: str, places: list[Found[Place]], ctx: ReadingContext) -> Found[Place]:
    """The first place, with those named right after it and joined to it ("• Region Hannover
    und Landkreis Hildesheim"): one place in several districts, read from all their words as
    the place question reads them; a place named elsewhere in the message is not joined."""
    first, last = places[0], places[0]
    for item in places[1:]:
        if not _JOINED.fullmatch(text[last.span[1] : item.span[0]]):
            break
        last = item
    if last is first:
        return first
    span = (first.span[0], last.span[1])
    resolved = ctx.places.resolve(text[span[0] : span[1]], suggest=False)
    if not isinstance(resolved, Understood) or not isinstance(resolved.value, InRegion):
        return first
    if not resolved.value.also:
        return first
    return Found(resolved.value, span, min(first.confidence, last.confidence))


def _also_without_first(
    words: list[re.Match[str]],
    index: int,
    last: re.Match[str],
    text: str,
    ctx: ReadingContext,
    place: Place,
) -> bool:
    rest = ctx.places.resolve(text[words[index + 1].start() : last.end()], suggest=False)
    return (
        isinstance(rest, Understood)
        and rest.note is None
        and _identity(rest.value) == _identity(place)
    )


def _identity(place: Place) -> tuple[str, str | None]:
    if isinstance(place, InRegion):
        return ("in", place.district_id or place.subregion_id)
    assert isinstance(place, Elsewhere)
    return ("out", place.alliance_id or place.name)


# --- costs ----------------------------------------------------------------------------------


def _amount_span(sentence: str, offset: int, amount: int) -> Span:
    clipped = clip(sentence)
    for quantity, _ in amounts_in(clipped):
        if int(quantity.value) == amount:
            snippet = clipped[quantity.start : quantity.end]
            at = sentence.find(snippet)
            if at >= 0:
                end = at + len(snippet)
                currency = _CURRENCY_AFTER.match(sentence[end:]) if snippet[-1:].isalpha() else None
                end += currency.end() if currency else 0  # "160 T€", not "160 T"
                return (offset + at, offset + end)
    for written in (f"{amount:,}".replace(",", "."), f"{amount:,}", str(amount)):
        # an amount the quantities do not list, as it looks like a year ("kostet so 2000 im
        # monat"): its digits as written
        found = re.search(rf"(?<![\d.,]){re.escape(written)}(?![\d.,]\d)", sentence)
        if found is not None:
            return (offset + found.start(), offset + found.end())
    stripped = sentence.strip()
    at = sentence.find(stripped)
    return (offset + at, offset + at + len(stripped))


def _costs(statements: list[tuple[int, str]]) -> Found[Costs] | None:
    for offset, sentence in statements:
        cue = _COST_CUE.search(sentence)
        if cue is None:
            # "das sind 50.000 jährlich", "die 120.000 waren übrigens pro Jahr": an amount
            # of money said per year or month is costs without a cost word
            parsed = parse_costs(sentence) if names_period(sentence) else None
            if isinstance(parsed, Understood) and parsed.value.amount >= SMALL_BELOW:
                span = _amount_span(sentence, offset, parsed.value.amount)
                return Found(parsed.value, span, LIKELY)
            continue
        parsed = parse_costs(sentence)
        if not isinstance(parsed, Understood):
            # a long sentence with dates before the costs ("ab august 27 für 2 jahre …,
            # kosten rund 170.000"): the amount after the cost word
            parsed = parse_costs(sentence[cue.start() :])
        if isinstance(parsed, Understood):
            marked = any(marked for _, marked in amounts_in(clip(sentence)))
            span = _amount_span(sentence, offset, parsed.value.amount)
            named = (
                _COST_WORD_BEFORE.search(sentence[: span[0] - offset]) is not None
                or _COST_WORD_AFTER.match(sentence[span[1] - offset :]) is not None
            )
            # an amount per year or month is costs as clearly as one after a cost word
            periodic = parsed.value.per is not None
            confidence = LIKELY + 0.15 if marked else LIKELY if named or periodic else UNSURE
            return Found(parsed.value, span, confidence)
    return None


# --- the rest -------------------------------------------------------------------------------


def _trimmed(offset: int, sentence: str) -> tuple[str, Span]:
    stripped = sentence.strip()
    start = offset + sentence.find(stripped)
    return stripped, (start, start + len(stripped))


MAX_COFINANCING_WORDS = 20
"""A longer sentence says more than the co-financing: only its clause with the cue is kept."""


def _cofinancing(statements: list[tuple[int, str]]) -> Found[str] | None:
    for offset, sentence in statements:
        cue = _COFINANCING.search(sentence)
        if cue:
            if len(sentence.split()) > MAX_COFINANCING_WORDS:
                # "…, kosten rund 170.000, eigenanteil zahlt das bistum": that clause
                begin = sentence.rfind(", ", 0, cue.start())
                end = sentence.find(", ", cue.end())
                begin = 0 if begin < 0 else begin + 2
                offset, sentence = (
                    offset + begin,
                    sentence[begin : len(sentence) if end < 0 else end],
                )
            value, span = _trimmed(offset, sentence)
            return Found(value.rstrip("."), span, LIKELY)
    return None


def _idea(
    text: str, reply: Reply, *, intent: bool = True, least: int = MIN_IDEA_WORDS
) -> Found[str] | None:
    if len(_LETTERS.findall(text)) < least or (intent and not _INTENT.search(text)):
        return None
    value, span = _trimmed(0, text)
    if reply.kind is Kind.ANSWER and reply.rest and reply.rest in text:
        start = text.find(reply.rest)
        value, span = reply.rest, (start, start + len(reply.rest))
    value, span = _after_introduction(value, span, intent=intent, least=least)
    return Found(value, span, LIKELY)


def _after_introduction(value: str, span: Span, *, intent: bool, least: int) -> tuple[str, Span]:
    """The idea without the sentences before it that only say who writes ("Ich bin von der
    Kreishandwerkerschaft Nienburg. Wir wollen …" → "Wir wollen …"): a leading sentence that is
    a self-description without intent is dropped while what follows still says the idea."""
    for offset, sentence in _sentences(value):
        if offset > 0 or not _SELF_DESCRIBED.search(sentence) or _INTENT.search(sentence):
            break
        rest, (start, _) = _trimmed(len(sentence), value[len(sentence) :])
        if len(_LETTERS.findall(rest)) < least or (intent and not _INTENT.search(rest)):
            break
        return _after_introduction(rest, (span[0] + start, span[1]), intent=intent, least=least)
    return value, span


def _idea_for_group(
    text: str, reply: Reply, statements: list[tuple[int, str]], groups: GroupFinder
) -> Found[str] | None:
    """A first message that says what is offered for whom without a word of intent
    ("Vorbereitungskurs für angehende Meister im Kfz-Handwerk, abends und samstags, in
    Hameln"): a group introduced by "für"/"for" makes it the idea. Notes say it in a few
    words ("Mentoringprogramm für Azubis im Handwerk, Landkreis Hameln-Pyrmont, 2 Jahre"), so
    a shorter message counts where the sentence is no self-description ("Wir sind ein Verein
    für Alleinerziehende" says who writes, not what they will do); the idea question's own
    parser then judges whether it says enough (the dialog's reader reads it with that)."""
    letters = len(_LETTERS.findall(text))
    if letters < MIN_DESCRIBED_WORDS:
        return None
    for _, sentence in statements:
        for hit in groups.find(sentence, running_text=True):
            if not _INTRODUCED.search(sentence[: hit.start]):
                continue
            if letters >= MIN_IDEA_WORDS or not _SELF_DESCRIBED.search(sentence):
                return _idea(text, reply, intent=False, least=MIN_DESCRIBED_WORDS)
    return None


def _idea_described(
    text: str, reply: Reply, statements: list[tuple[int, str]], groups: GroupFinder
) -> Found[str] | None:
    """A first message that says what the project is in another form than an intent
    ("Projekt: Sprachcafé plus Betriebsbesuche …", "Es geht um eine Qualifizierung …", "The
    project is a mobile careers bus …", "We'd run a coding bootcamp …", an e-mail's subject
    line): the message is the idea, judged by the idea question's own parser as above."""
    for _, sentence in statements:
        said = _HEADING.match(sentence) or _DESCRIBES.search(sentence)
        if said is not None and not _names_people(sentence[said.end() :], groups):
            return _idea(text, reply, intent=False, least=MIN_DESCRIBED_WORDS)
    return None


_DOING = re.compile(
    r"(?<![^\W\d_])(?:begleiten|begleitet|coachen|coacht|unterst(?:ü|ue)tzen|unterst(?:ü|ue)tzt"
    r"|vermitteln|vermittelt|qualifizieren|qualifiziert|schulen|schult|betreuen|betreut"
    r"|trainieren|trainiert|beraten|ber(?:ä|ae)t|heranf(?:ü|ue)hren|retrains?|trains?|supports?"
    r"|coach(?:es)?|mentors?|teach(?:es)?|prepares?|accompan(?:y|ies)|would\s+train"
    r"|would\s+support|would\s+coach)(?![^\W\d_])",
    re.IGNORECASE,
)
"""Verbs of what a project does for people ("Ehrenamtliche begleiten Geflüchtete …",
"Ingenieure im Ruhestand coachen Schülerinnen und Schüler", "our bootcamp retrains people …")."""
_ONGOING = re.compile(
    r"(?<![^\W\d_])(?:seit|since|schon\s+lange|for\s+(?:\d+|many|several|years))(?![^\W\d_])",
    re.IGNORECASE,
)
"""… but what the sponsor has long done is who they are ("Wir begleiten seit 20 Jahren …")."""


def _idea_done(
    text: str, reply: Reply, statements: list[tuple[int, str]], groups: GroupFinder
) -> Found[str] | None:
    """A first message that says in the present what is done for whom ("Verein in Nienburg:
    Ingenieure im Ruhestand coachen Schülerinnen und Schüler bei Technikprojekten"): a
    sentence with a verb of doing for people and the people it is done for, which is no
    self-description and no account of long-standing work. The message is the idea, judged by
    the idea question's own parser as above."""
    for _, sentence in statements:
        if not _DOING.search(sentence) or _SELF_DESCRIBED.search(sentence):
            continue
        if _ONGOING.search(sentence) or not groups.find(sentence, running_text=True):
            continue
        return _idea(text, reply, intent=False, least=MIN_DESCRIBED_WORDS)
    return None


_BULLET = re.compile(r"^[ \t]*(?:[-*•–·▪◦>]|\d{1,2}[.)])[ \t]+(?P<point>\S.*)$", re.MULTILINE)
_LABEL = re.compile(r"^[^\W\d_][^\W\d_ /&-]*(?:[ /&-]+[^\W\d_]+){0,2}\s*[:=–—]\s")
"""A point with a label of its own ("Zielgruppe: …", "who: …", "Budget – …")."""
_NEGATED = re.compile(
    r"(?<![^\W\d_])(?:nicht|kein\w*|not|no|without\s+us)(?![^\W\d_])", re.IGNORECASE
)
MIN_POINTS = 3
"""A list has some points; two lines with dashes may be anything."""
MIN_POINT_WORDS = 3


def _idea_listed(
    text: str, reply: Reply, ctx: ReadingContext, found: dict[str, object]
) -> Found[str] | None:
    """A first message of unlabelled points ("• evening classes towards a recognised
    qualification", "* Weiterbildung Hochvolttechnik für E-Autos") among which one says what is
    done: a point of some words that is no label, no self-description, no negation, that does
    not start with the people it is for, and in which no other answer was read (place, costs,
    dates). The message is the idea, judged by the idea question's own parser as above."""
    points = list(_BULLET.finditer(text))
    if len(points) < MIN_POINTS:
        return None
    taken = [
        value.span
        for value in found.values()
        if isinstance(value, Found) and value.span[1] > value.span[0]
    ]
    for point in points:
        start, end = point.span("point")
        said = point.group("point")
        if len(_LETTERS.findall(said)) < MIN_POINT_WORDS or _LABEL.match(said):
            continue
        if _SELF_DESCRIBED.search(said) or _NEGATED.search(said) or _INTRODUCED.match(said):
            continue
        if _COST_CUE.search(said) or any(s < end and start < e for s, e in taken):
            continue
        if _names_people(said, ctx.groups) or read_dates(said, ctx.today).start is not None:
            continue
        return _idea(text, reply, intent=False, least=MIN_DESCRIBED_WORDS)
    return None


PEOPLE_FIRST_WORDS = 2
"""Words ("unsere", "junge") that may come before the people a description is about."""


def _names_people(described: str, groups: GroupFinder) -> bool:
    """What is described is whom it is for ("Es geht um Schulabgänger ohne Anschluss", "es
    geht um unsere PiA-Azubis"): the target group, not yet what the project does."""
    for hit in groups.find(described, running_text=True):
        return len(_LETTERS.findall(described[: hit.start])) <= PEOPLE_FIRST_WORDS
    return False


def _whole(text: str, reply: Reply) -> tuple[str, Span]:
    rest = reply.rest or text.strip()
    start = max(text.find(rest), 0)
    return rest, (start, start + len(rest))


def read_message(text: str, ctx: ReadingContext) -> Reading:
    """Every slot `text` answers (see the module's rules)."""
    text = text[:MAX_MESSAGE]
    reply = classify(text, ctx.asked)
    language = reply.wants or language_of(text)
    if reply.kind is not Kind.ANSWER and reply.kind is not Kind.QUESTION:
        return Reading(reply, language)
    # questions (and a request for a language said with the rest: "English please. We are
    # …") blanked out: what is read from the rest keeps its place in the text
    blank = [
        sentence.rstrip().endswith("?")
        or (reply.wants is not None and classify(sentence, ctx.asked).kind is Kind.LANGUAGE)
        for _, sentence in _sentences(text)
    ]
    statements = [s for s, blanked in zip(_sentences(text), blank, strict=True) if not blanked]
    body = "".join(
        " " * len(sentence) if blanked else sentence
        for (_, sentence), blanked in zip(_sentences(text), blank, strict=True)
    )
    slots: dict[str, object] = {}
    running = ctx.asked != "target_groups"

    if statements:
        places, question = _places(body, ctx)
        places = [p for p in places if any(s <= p.span[0] < s + len(t) for s, t in statements)]
        if places:
            slots["place"], slots["places"] = _joined(body, places, ctx), tuple(places)
        if question is not None and not places:
            slots["place_question"] = question
        kind = ctx.organisations.organisation_in(text, opening=ctx.asked in (None, "place"))
        if kind is not None:
            slots["organisation"] = Found(kind.kind, (kind.start, kind.end), LIKELY)
        idea = _idea(body, reply) if ctx.asked in (None, "place", "organisation") else None
        if idea is None and ctx.asked in (None, "place") and _WISH.search(body):
            # an opening that says what is wanted in a few words ("Unsere Hilfskräfte sollen
            # berufsbegleitend zur Pflegefachkraft werden"): the idea question's own parser
            # judges whether they say enough, as for `_idea_for_group`
            idea = _idea(body, reply, least=MIN_DESCRIBED_WORDS)
        if idea is None and ctx.asked in (None, "place"):
            idea = _idea_for_group(body, reply, statements, ctx.groups)
        if idea is None and ctx.asked in (None, "place"):
            idea = _idea_described(body, reply, statements, ctx.groups)
        if idea is None and ctx.asked in (None, "place"):
            idea = _idea_done(body, reply, statements, ctx.groups)
        if idea is None and ctx.asked in (None, "place"):
            idea = _idea_listed(body, reply, ctx, slots)
        # sentences beside another that names a group ("Wir wollen Jugendliche … Unsere
        # Kameraden sind fast alle über 50"): what they say of the sponsor's people is no group
        naming = [o for o, sentence in statements if running and ctx.groups.find(sentence)]
        elsewhere = {o for o, _ in statements if any(n != o for n in naming)}
        hits = (
            [(0, hit) for hit in ctx.groups.answer(body)]
            if not running  # the answer, then what is said about it (GroupFinder.answer)
            else [
                (offset, hit)
                for offset, sentence in statements
                for hit in ctx.groups.find(
                    sentence, running_text=running, named_elsewhere=offset in elsewhere
                )
                if ctx.asked != "organisation"
                or idea is not None
                or _INTRODUCED.search(sentence[: hit.start])
            ]
        )
        signed = signature_start(body) if running else None
        if signed is not None:  # the sender's position and address name no group
            hits = [(offset, hit) for offset, hit in hits if offset + hit.start < signed]
        if hits:
            groups = tuple(dict.fromkeys(hit.group for _, hit in hits))
            slots["target_groups"] = Found(groups, _group_span(hits), LIKELY)
        if idea is not None:
            slots["idea"] = idea
        costs = _costs(statements)
        if costs is not None:
            slots["costs"] = costs
        dates = read_dates(body, ctx.today, ctx.start)
        if dates.start is not None and dates.start_span is not None:
            slots["start"] = Found(dates.start, dates.start_span, LIKELY + 0.1)
        if dates.months is not None and dates.months_span is not None and not dates.conflict:
            slots["duration"] = Found(dates.months, dates.months_span, LIKELY + 0.1)
        if dates.end is not None and dates.end_span is not None:
            slots["end"] = Found(dates.end, dates.end_span, LIKELY + 0.1)
        cofinancing = _cofinancing(statements)
        if cofinancing is not None:
            slots["cofinancing"] = cofinancing
        named = title_in(body)
        if named is not None:
            slots["title"] = Found(named.title, (named.start, named.end), SURE)
    if reply.kind is Kind.ANSWER:
        slots.update(_at_step(text, reply, ctx, slots))
    return Reading(reply, language, **slots)  # type: ignore[arg-type]


def _group_span(hits: list[tuple[int, GroupHit]]) -> Span:
    """From the first group named to the end of the last (hits: in their sentences, at the
    sentences' offsets)."""
    return (min(o + hit.start for o, hit in hits), max(o + hit.end for o, hit in hits))


def _at_step(
    text: str, reply: Reply, ctx: ReadingContext, slots: dict[str, object]
) -> dict[str, object]:
    """The answer to the question asked, read from the whole message with its own parser."""
    value, span = _whole(text, reply)
    asked = ctx.asked
    if asked == "organisation":
        kind = ctx.organisations.organisation_kind(value)
        if kind is None and facts_named(value) >= 2:
            return {}  # "Kosten wären so 45.000, Laufzeit ein Jahr": facts, no organisation
        return {"organisation": Found(kind or "other", span, SURE if kind else LIKELY)}
    if asked == "target_groups":
        found = slots.get("target_groups")
        return {"target_groups": found} if found is not None else {}
    if asked == "idea":
        return {"idea": Found(value, span, SURE)}
    if asked == "title":
        if describes(value) or gives_facts(value) or corrects(value):
            return {}  # what it does, its facts, or a correction of an earlier answer: no name
        if names_only_for_whom(value, ctx.groups):
            return {}  # "it's for young refugees really": the target groups (read above)
        return {"title": Found(clean_title(value), span, SURE)}
    if asked == "cofinancing":
        return {"cofinancing": Found(value, span, SURE)}
    if asked == "costs":
        parsed = parse_costs(value)
        if isinstance(parsed, Understood):
            return {"costs": Found(parsed.value, span, SURE)}
        return {}
    if asked == "start":
        start = parse_start(value, ctx.today, year=None)  # as the start question asks
        if isinstance(start, Understood):
            return {"start": Found(start.value, span, SURE)}
        return {}
    if asked == "duration":
        duration = parse_duration(value, ctx.start)
        if isinstance(duration, Understood):
            read: dict[str, object] = {"duration": Found(duration.value.months, span, SURE)}
            if duration.value.start is not None:
                read["start"] = Found(duration.value.start, span, SURE)
            return read
        return {}
    if asked == "place":
        resolved = ctx.places.resolve(value)
        if isinstance(resolved, Understood):
            confidence = SURE if resolved.note is None else LIKELY
            place = Found(resolved.value, span, confidence)
            return {"place": place, "places": (place,)}
        return {"place_question": Found(resolved, span, UNSURE)} if resolved.suggestions else {}
    return {}
