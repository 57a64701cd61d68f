"""The sponsor dialog as data: which questions, in which order, how each answer is read.

A new question is one `Step` here plus its catalogue entries (prompt, help, label). Parsers turn
text into stored answers or say precisely what they need; they never raise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.advice.advise import Advice, group_labels
from bot.advice.sources import source_note
from bot.advice.timing import cap_hints
from bot.advice.vocabulary import Hit
from bot.base.normalize import fold
from bot.base.yearmonth import YearMonth
from bot.core.answers import (
    WORDS_OF_A_PLACE,
    facts_from_answers,
    place_of,
    read_answers,
    start_of,
)
from bot.core.outputs import Button, Reply, RequestHandoff
from bot.core.roles import sponsor_help
from bot.core.state import Answer, DialogState, Offered
from bot.core.steps import (
    CASE_OF_DRAFT,
    Accepted,
    Addition,
    AnswerParser,
    Dialog,
    Flow,
    ParseOutcome,
    Questions,
    Rejected,
    Result,
    Screen,
    ScreenContext,
    Several,
    Step,
    StepContext,
)
from bot.dialogs.answers import ORGANISATION_KINDS, HandoffKind, already_sent, handoff_kind
from bot.dialogs.gathering import gatherer
from bot.dialogs.plan_steps import (
    extend_plan_costs,
    parse_plan_costs,
    parse_plan_financing,
    parse_plan_work_steps,
)
from bot.dialogs.sourced import faq_source
from bot.dialogs.start_unknown import (
    asked_year,
    start_between,
    start_in_year,
    start_other,
    start_question,
    start_unknown,
)
from bot.dialogs.summary import (
    SENT_LIST,
    TITLE,
    already_sent_note,
    consent_reply,
    edit_menu,
    shown_answer,
    summary_reply,
)
from bot.texts.catalog import Localized, Msg, Param
from bot.texts.formats import Choice, Count, Day, Eur, Month
from bot.understanding import costs as costs_parser
from bot.understanding.costs import Costs, period_msg, total_costs
from bot.understanding.dates import read_dates
from bot.understanding.faq import find_faq
from bot.understanding.for_whom import names_only_for_whom, says_what_for_whom
from bot.understanding.groups import group_finder
from bot.understanding.message import ReadingContext, read_message
from bot.understanding.money import amounts_in, eur_msg, exactly
from bot.understanding.numbers import clip
from bot.understanding.once import once_per_context
from bot.understanding.organisations import organisation_in, organisation_kind, organisation_words
from bot.understanding.periods import parse_duration, parse_start
from bot.understanding.periods.duration import months_msg
from bot.understanding.places import MAX_INPUT as MAX_PLACE_INPUT
from bot.understanding.places import InRegion, Place
from bot.understanding.replies import MAX_REPLY, Kind, asked_with, classify, to_the_bot
from bot.understanding.result import Unclear, Understood
from bot.understanding.slots import Asked, Slot
from bot.understanding.titles import clean_title, corrects, describes, facts_named, gives_facts

_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_WORD = re.compile(r"[^\W\d_]{3,}")
"""A word of at least three letters: "x" or "15" describe no target group."""
_CONFIRMED = re.compile(
    r"(?<![^\W\d_])(?:genau|exakt|wirklich|tatsächlich|exactly|really)(?![^\W\d_])",
    re.IGNORECASE,
)

MAX_ANSWER = 4000
"""Longest free-text answer kept; longer ones are asked to be shortened, not cut silently."""

MIN_IDEA_WORDS = 8
"""An idea shorter than this rarely says what, for whom and how; the sponsor is asked for more."""
SHORT_IDEA_WORDS = 4
"""… unless whom it is for is known already (answered, or named in the idea) and the idea
names what happens in two of the vocabulary's terms ("Sprachkurs mit Kinderbetreuung und
Jobcoaching" for Ukrainian mothers), or in one with some more words ("Workshops and placements
with local employers"): asking for more would only ask what was said."""
SHORT_IDEA_TERMS = 2
TERSE_IDEA_WORDS = 3
"""… and three words do when two of them name what happens ("MINT-Kurse und Betriebsbesuche",
"mentoring and internships"): a German compound says in one word what takes three in English."""
ONE_TERM_IDEA_WORDS = 6

MIN_ADDITION_WORDS = 3
"""Asked for more, a sponsor's addition of at least this many words is taken, even if the idea
stays thin (nobody is kept stuck on one question); "asdf" is not."""

PLAUSIBLE_COSTS = 10_000
"""Total costs below this are asked back when they read as a year ("2024" is more likely a
year than a budget); "8.000", "6.000 Euro" or "5000" cannot be one and are taken (shown)."""
_AS_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,])")
"""A number written as a year: four bare digits from 1900 to 2099, no thousands separator."""


def _too_long(text: str) -> Rejected | None:
    if len(text) > MAX_ANSWER:
        return Rejected(Msg("sponsor.error.too_long", {"length": len(text), "max": MAX_ANSWER}))
    return None


_OPTIONAL = frozenset({"organisation", "title", "cofinancing"})
"""Main questions that may be skipped (their non-answers point to "skip")."""
_FREE_TEXT = frozenset({"idea", "title", "justification", "cofinancing"})
"""Questions whose answer may itself be phrased as a question: there only a question the FAQ
answers is taken for one."""


_ASKS_MEANING = re.compile(
    r"(?<![^\W\d_])(?:(?:was|wie)\s+(?:meinen|meint)\s+(?:sie|ihr|du|man)"
    r"|was\s+(?:ist|sind)\s+(?:denn\s+)?(?:damit|mit\s+[^?]{1,40}?)\s+gemeint"
    r"|was\s+(?:bedeutet|heißt|heisst)\s+(?:das|denn|hier|in\s+diesem)"
    r"|what\s+do\s+you\s+mean|what\s+is\s+meant|what\s+does\s+(?:that|this|it)\s+mean"
    # what to do or give at the question ("Was muss man da machen?", "what should we put?")
    r"|was\s+(?:muss|müssen|muessen|soll|sollen|kann|können|koennen)\s+(?:man|ich|wir)"
    r"\s+(?:da|dann|hier|denn|jetzt)?\s*(?:machen|tun|angeben|eintragen|schreiben)"
    r"|wie\s+(?:geht|funktioniert)\s+das"
    r"|what\s+(?:do|should|can|must)\s+(?:i|we|one)\s+(?:do|put|write|say|enter))",
    re.IGNORECASE,
)
"""A question about the question itself ("Was meinen Sie mit Titel?", "what do you mean by
that?"): answered with the question's help, never taken as the answer (#12, wave 6)."""


ASKS: dict[str, Slot] = {
    "region": "place",
    "organisation": "organisation",
    "target_group": "target_groups",
    "idea": "idea",
    "title": "title",
    "costs": "costs",
    "start": "start",
    "duration": "duration",
    "cofinancing": "cofinancing",
}
"""What each question asks for, in the reader's words (`bot/understanding/slots.py`); any
other question is "other" to the reader."""


def asks(step: str) -> Asked:
    return ASKS.get(step, "other")


def _answer_part(step: str, text: str, ctx: StepContext) -> str | Rejected:
    """What of `text` answers the question `step`, or why nothing does.

    A question to the bot is answered from the FAQ (knowledge/faq.yaml) and the question asked
    again; "nein", "noch offen", "weiß ich nicht" are never stored as an answer: at an optional
    question they point to "skip", at a required one they get a helpful re-ask; greetings,
    "test", "steht doch oben" and requests for English are answered, not stored.
    """
    reply = classify(text, asks(step))
    question = Msg(f"sponsor.{step}.prompt")
    if reply.kind is Kind.ANSWER:
        # only the beginning is classified: a long answer is kept whole
        whole = text.strip()
        long = len(whole) > MAX_REPLY and whole.startswith(reply.rest)
        return whole if long else reply.rest
    if reply.kind is Kind.QUESTION:
        entry = find_faq(reply.rest, ctx.advisor.kb, asks(step))
        if entry is not None:
            answer = Choice(entry.answer, entry.answer_en)
            said: dict[str, Param] = {
                "answer": answer,
                "source": faq_source(entry.source),
                "question": question,
            }
            return Rejected(Msg("sponsor.reply.answered", said), answered=True)
        if _ASKS_MEANING.search(reply.rest):
            # "Was meinen Sie mit Titel?": what the question means, never the answer
            explained = {"help": Msg(f"sponsor.{step}.help"), "question": question}
            return Rejected(Msg("sponsor.reply.explained", explained), answered=True)
        if step in _FREE_TEXT and (step == "idea" or not to_the_bot(reply.rest)):
            return reply.rest  # "Wer pflegt morgen?" may be a title
        return Rejected(Msg("sponsor.reply.unanswered", {"question": question}))
    if reply.non_answer:
        if step in _OPTIONAL:
            return Rejected(Msg("sponsor.understood.skipped"), skips=True)
        return Rejected(Msg(f"sponsor.reply.required.{step}"))
    if reply.kind is Kind.LANGUAGE:
        return Rejected(Msg("sponsor.reply.language", {"question": question}))
    if reply.kind is Kind.SEE_ABOVE:
        earlier = _said_earlier(step, ctx)
        if earlier is not None:
            return earlier  # read by the question's own parser, and shown back
        if step in _BEFORE_IDEA and "idea" not in ctx.answers:
            # "siehe Projektidee" before the idea was asked: the idea first, read for this too
            return Rejected(Msg("sponsor.reply.idea_first"), defer_to="idea")
        return Rejected(Msg("sponsor.reply.see_above", {"question": question}))
    if reply.kind is Kind.YES:
        key = "sponsor.title.which" if step == "title" else "sponsor.reply.say_which"
        return Rejected(Msg(key, {"question": question}))
    if step == "idea" and reply.kind in (Kind.GREETING, Kind.NOISE):
        return text.strip()  # the idea's own "tell me more" says what is missing
    if reply.kind is Kind.GREETING:
        return Rejected(Msg("sponsor.reply.greeting", {"question": question}))
    return Rejected(Msg("sponsor.reply.noise", {"text": text.strip()[:40], "question": question}))


def answering(step: str, parse: AnswerParser) -> AnswerParser:
    """`parse`, and a question asked with the answer ("120.000 – zählen da die Personalkosten
    mit rein?", "Bückeburg – gehört das überhaupt zu euch?") answered from the FAQ while the
    answer is taken (#12 point 3). The question is not stored. One the FAQ cannot answer keeps
    the whole message a question ("Wir haben kein Geld. Was muss man da machen?": what comes
    before it may be no answer at all), answered as such and the question asked again."""

    def parse_answer_and_question(text: str, ctx: StepContext) -> ParseOutcome:
        parts = asked_with(text, asks(step))
        if parts is None:
            return parse(text, ctx)
        answer, asked = parts
        entry = find_faq(asked, ctx.advisor.kb, asks(step))
        if entry is None:
            return parse(text, ctx)
        outcome = parse(answer, ctx)
        if isinstance(outcome, Rejected):
            return parse(text, ctx)
        said = Msg(
            "sponsor.reply.answered_too",
            {"answer": Choice(entry.answer, entry.answer_en), "source": faq_source(entry.source)},
        )
        if outcome.note is not None:
            said = Msg("sponsor.notes", {"first": said, "second": outcome.note})
        return replace(outcome, note=said)

    return parse_answer_and_question


_BEFORE_IDEA = frozenset({"region", "organisation", "target_group"})
"""Questions asked before the idea, which a sponsor may point to ("siehe Projektidee")."""
_EARLIER_FIRST = ("idea",)
"""Where "siehe Projektidee", "steht oben" most often point: the idea, then the rest."""


def _said_earlier(step: str, ctx: StepContext) -> str | None:
    """The words of an earlier answer that answer `step` ("siehe Projektidee" at the target
    groups), read as a first message is read; None if no earlier answer says it."""
    order = [*_EARLIER_FIRST, *(k for k in ctx.answers if k not in _EARLIER_FIRST)]
    for key in order:
        answer = ctx.answers.get(key)
        if answer is None or key == step or not answer.text.strip():
            continue
        if step == "target_group":
            # pointed to as the answer: the people it names, read as running text (partners,
            # staff and the sponsor are none); if it names none, read as an answer, where
            # organisations count without a "für" ("Beratung kleiner Betriebe")
            finder = group_finder(ctx.advisor.kb)
            hits = finder.find(answer.text, running_text=True) or finder.find(answer.text)
            if hits:
                return ", ".join(dict.fromkeys(hit.text for hit in hits))
            continue
        reading = read_message(
            answer.text,
            ReadingContext(
                places=ctx.advisor.places,
                groups=group_finder(ctx.advisor.kb),
                organisations=organisation_words(ctx.advisor.kb),
                today=ctx.today,
                start=start_of(ctx.answers),
            ),
        )
        found = dict(reading.found()).get(ASKS[step]) if step in ASKS else None
        if found is not None:
            words = answer.text[found.span[0] : found.span[1]].strip()
            if words and classify(words, asks(step)).kind is Kind.ANSWER:
                return words
    return None


def _joined_places(text: str, ctx: StepContext) -> Understood[Place] | None:
    """Several places a long message names joined on one line, read as a first message."""
    reading = read_message(
        text,
        ReadingContext(
            places=ctx.advisor.places,
            groups=group_finder(ctx.advisor.kb),
            organisations=organisation_words(ctx.advisor.kb),
            today=ctx.today,
        ),
    )
    found = reading.place
    if found is None or not isinstance(found.value, InRegion) or not found.value.also:
        return None
    resolved = ctx.advisor.places.resolve(text[found.span[0] : found.span[1]])
    return resolved if isinstance(resolved, Understood) else None


def _no_place_in(text: str, unclear: Unclear) -> bool:
    """A sentence in which no place was found ("we're a small IT company … and want to train
    older workers"): quoting it back as an unknown place name would make no sense."""
    unknown = unclear.reason.key == "understanding.place.unknown" and not unclear.suggestions
    return unknown and len(text.split()) > WORDS_OF_A_PLACE


@once_per_context
def parse_region(text: str, ctx: StepContext) -> ParseOutcome:
    answer = _answer_part("region", text, ctx)
    if isinstance(answer, Rejected) and text.strip():
        return answer
    resolved = ctx.advisor.places.resolve(text if isinstance(answer, Rejected) else answer)
    if len(text) > MAX_PLACE_INPUT:
        # the resolver reads a long message's beginning only: places joined further down
        # ("…\n- where: Region Hannover and the district of Hildesheim") as the reader finds them
        resolved = _joined_places(text, ctx) or resolved
    if isinstance(resolved, Unclear):
        if _no_place_in(text, resolved):
            question = Msg("sponsor.region.prompt")
            return Rejected(Msg("sponsor.region.none_in_message", {"question": question}))
        return Rejected(resolved.reason, resolved.suggestions)
    place = resolved.value
    if isinstance(place, InRegion):
        value: dict[str, object] = {
            "kind": "in_region",
            "subregion": place.subregion_id,
            "district": place.district_id,
            "name": place.name,
        }
        if place.also:  # a project in several districts or sub-regions
            value["also"] = [
                {"subregion": p.subregion_id, "district": p.district_id, "name": p.name}
                for p in place.also
            ]
    else:
        value = {
            "kind": "elsewhere",
            "name": place.name,
            "alliance": place.alliance_id,
            "state": place.state,
        }
        if place.country is not None:  # abroad; stored answers from before keep their shape
            value["country"] = place.country
    return Accepted(Answer(text=text.strip(), value=value), resolved.note)


def organisation_choices(ctx: StepContext) -> tuple[Offered, ...]:
    return _ORGANISATION_CHOICES


_ORGANISATION_CHOICES = tuple(
    Offered(value=v, label=de, label_en=en) for v, de, en in ORGANISATION_KINDS
)
"""Built once: the choices are immutable, and the same for everyone."""


def parse_organisation(text: str, ctx: StepContext) -> ParseOutcome:
    if rejected := _too_long(text):
        return rejected
    if not text.strip():
        return Rejected(Msg("sponsor.error.empty"))
    key = fold(text)
    for value, de, en in ORGANISATION_KINDS:
        if key in (value, fold(de), fold(en)):
            return Accepted(Answer(text=de, value=value))
    answer = _answer_part("organisation", text, ctx)
    if isinstance(answer, Rejected):
        return answer
    kind = organisation_kind(answer, ctx.advisor.kb)
    if kind is None and facts_named(answer) >= 2:  # "Kosten wären so 45.000, Laufzeit ein Jahr"
        return Rejected(Msg("sponsor.organisation.facts"))
    kind = kind or "other"
    # the kind is read from the sponsor's words: said, so a misreading can be corrected
    label = next(Choice(de, en) for value, de, en in ORGANISATION_KINDS if value == kind)
    note = Msg("sponsor.organisation.understood", {"text": answer[:60], "kind": label})
    return Accepted(Answer(text=answer, value=kind), note)


def target_group_choices(ctx: StepContext) -> tuple[Offered, ...]:
    kb = ctx.advisor.kb
    known = _GROUP_CHOICES.get(id(kb))
    if known is None or known[0] is not kb:
        if len(_GROUP_CHOICES) >= 8:
            _GROUP_CHOICES.clear()
        choices = tuple(
            Offered(value=group.id, label=group.label, label_en=group.label_en)
            for group in kb.target_groups
            if group.offered
        )
        known = _GROUP_CHOICES[id(kb)] = (kb, choices)
    return known[1]


_GROUP_CHOICES: dict[int, tuple[object, tuple[Offered, ...]]] = {}
"""The target groups offered, built once per knowledge base in use (by identity, as
`group_finder`; each tap on the question showed them built anew)."""


def parse_target_group(text: str, ctx: StepContext) -> ParseOutcome:
    if rejected := _too_long(text):
        return rejected
    if not fold(text):
        return Rejected(Msg("sponsor.target_group.empty"))
    answer = _answer_part("target_group", text, ctx)
    if isinstance(answer, Rejected):
        if answer.reason.key in ("sponsor.reply.greeting", "sponsor.reply.noise"):
            return Rejected(Msg("sponsor.target_group.unclear", {"text": text.strip()[:40]}))
        return answer
    recognised = group_finder(ctx.advisor.kb).answer_groups(answer)
    if not recognised and not _WORD.search(answer):
        return Rejected(Msg("sponsor.target_group.unclear", {"text": text.strip()[:40]}))
    if not recognised and _EVERYONE.fullmatch(fold(answer)):
        return Rejected(Msg("sponsor.target_group.everyone"))
    if not recognised and _only_a_place(answer, ctx):
        # "Hameln" after the place was said to lie elsewhere, or one question too late: a
        # place, never whom the project is for
        return Rejected(Msg("sponsor.target_group.a_place", {"text": answer.strip()[:40]}))
    text = answer
    value = {"ids": list(recognised), "text": text.strip()}
    if recognised:
        note = Msg(
            "sponsor.target_group.understood", {"groups": group_labels(recognised, ctx.advisor.kb)}
        )
    else:
        note = Msg("sponsor.target_group.own_words")
    return Accepted(Answer(text=text.strip(), value=value), note)


def _only_a_place(answer: str, ctx: StepContext) -> bool:
    """The answer is a place of the region and nothing else ("Hameln", "Hanover"): one word read
    exactly as a name (never as a close spelling, so no word for people is taken for a place),
    or words that are all the place's name ("Region Hannover", not "Menschen aus Hameln")."""
    words = fold(answer).split()
    resolved = ctx.advisor.places.resolve(answer, near=False, suggest=False)
    if not words or isinstance(resolved, Unclear) or not isinstance(resolved.value, InRegion):
        return False  # places elsewhere share names with words ("Lehre", "Polen": Poles)
    names = fold(" ".join(p.name for p in resolved.value.places)).split()
    return len(words) == 1 or all(word in names for word in words)


_EVERYONE = re.compile(
    r"(?:(?:eigentlich|so|ja|also|naja|hm+|well|basically|really)\s+)*(?:fuer\s+|für\s+|for\s+)?"
    r"(?:alle(?:\s+(?:menschen|leute|buerger\w*|bürger\w*))?|jede[nrs]?|egal|offen\s+f(?:ue|ü)r\s+alle"
    r"|everyone|everybody|anyone|anybody|all(?:\s+people)?|open\s+to\s+all)"
    r"(?:\s+(?:eigentlich|irgendwie|halt|mal|really|basically|actually|of\s+them))*"
)
"""Everyone is no target group for the pre-check: "alle eigentlich", "für jeden", "everyone"."""


def target_groups_from_choices(ids: list[str], ctx: StepContext) -> Answer:
    labels = group_labels(ids, ctx.advisor.kb).localize(ctx.language)
    return Answer(text=labels, value={"ids": ids, "text": ""})


def with_ticked(outcome: Accepted, ticked: list[str], ctx: StepContext) -> Accepted:
    """A description typed after ticking target groups: both count, and the note says so."""
    value = outcome.answer.value
    if not isinstance(value, dict):
        return outcome
    recognised = value.get("ids")
    ids = list(ticked)
    for group in recognised if isinstance(recognised, list) else []:
        if isinstance(group, str) and group not in ids:
            ids.append(group)
    note = Msg("sponsor.target_group.with_ticked", {"groups": group_labels(ids, ctx.advisor.kb)})
    return Accepted(Answer(text=outcome.answer.text, value={**value, "ids": ids}), note)


@once_per_context
def parse_idea(text: str, ctx: StepContext) -> ParseOutcome:
    if rejected := _too_long(text):
        return rejected
    answer = _answer_part("idea", text, ctx) if text.strip() else text
    if isinstance(answer, Rejected):
        return answer
    idea = answer.strip()
    words = idea.split()
    hits = ctx.advisor.matcher.vocabulary.find(idea)
    if not words:
        return Rejected(Msg("sponsor.idea.empty"))
    if not hits and not _said_in_words(idea):
        return Rejected(Msg("sponsor.idea.thin"), keep_partial=idea)
    if len(words) < MIN_IDEA_WORDS and not _short_but_enough(idea, words, hits, ctx):
        return Rejected(Msg("sponsor.idea.thin"), keep_partial=idea)
    return _with_groups_from_idea(Accepted(Answer(text=idea, value=idea)), ctx)


def _said_in_words(idea: str) -> bool:
    """An idea of a sentence's worth of different words says what happens even when the
    vocabulary knows none of them ("Eine Rückkehrer-Initiative, die weggezogene Leute mit
    Jobangeboten zurückholt"): "that is a little short" would be untrue, and asking again
    only costs a question (the advice then says what fits, or that nothing clearly does)."""
    return len({word.casefold() for word in _WORD.findall(idea)}) >= MIN_IDEA_WORDS


def _short_but_enough(
    idea: str, words: Sequence[str], hits: Sequence[Hit], ctx: StepContext
) -> bool:
    """A short idea that says what happens (two terms, the group's own words not counted)
    for a group already known."""
    finder = group_finder(ctx.advisor.kb)
    things = [hit for hit in hits if not finder.groups(hit.surface)]
    terms = {hit.key for hit in things}
    if not terms:
        return False
    if len(words) < SHORT_IDEA_WORDS and not (
        len(words) >= TERSE_IDEA_WORDS and _words_naming(words, things) >= SHORT_IDEA_TERMS
    ):
        return False
    if len(terms) < SHORT_IDEA_TERMS and len(words) < ONE_TERM_IDEA_WORDS:
        return False
    described = ctx.answers.get("target_group")
    if described is not None and ticked_groups(described):
        return True
    return bool(finder.groups(idea, running_text=True))


def _what_for_whom(idea: str, ctx: StepContext) -> bool:
    """An answer to the idea question that says what is done for whom is enough, however
    short ("Bewerbungstraining für Geflüchtete", "mentors for apprentices":
    bot/understanding/for_whom.py); a first message that described the project is read with
    it first (`parse_asked_idea`)."""
    finder = group_finder(ctx.advisor.kb)
    hits = ctx.advisor.matcher.vocabulary.find(idea)
    term = any(not finder.groups(hit.surface) for hit in hits)
    return says_what_for_whom(idea, finder, activity_term=term)


def _words_naming(words: Sequence[str], hits: Sequence[Hit]) -> int:
    """How many of the words one of the hits was found in ("Anerkennungsberatung" names two
    terms in one word)."""
    surfaces = [fold(hit.surface) for hit in hits]
    return sum(any(surface in fold(word) for surface in surfaces) for word in words)


def _with_groups_from_idea(outcome: Accepted, ctx: StepContext) -> Accepted:
    """Target groups described in words no group was recognised in ("Leute, die …") are read
    from the idea too, and shown with a button to correct them (never taken unseen)."""
    described = ctx.answers.get("target_group")
    if described is None or ticked_groups(described) or not isinstance(described.value, dict):
        return outcome
    kb = ctx.advisor.kb
    found = group_finder(kb).groups(outcome.answer.text, running_text=True)
    if not found:
        return outcome
    value = {**described.value, "ids": list(found)}
    note = Msg("sponsor.target_group.from_idea", {"groups": group_labels(found, kb)})
    also = {"target_group": Answer(text=described.text, value=value)}
    return Accepted(outcome.answer, note, also, ("target_group",))


def extend_idea(kept: str, addition: str, ctx: StepContext) -> ParseOutcome:
    """The answer after "tell me more".

    A complete description that says all the thin first one said (or the first said nothing
    the vocabulary knows, "kurz") replaces it; otherwise the addition is appended. A thin
    result is still taken when the addition says something: a few words or a known term
    (nobody is kept stuck on one question), but not "asdf".
    """
    vocabulary = ctx.advisor.matcher.vocabulary
    alone = parse_idea(addition, ctx)
    if isinstance(alone, Rejected) and alone.keep_partial is None:  # empty or too long
        return Rejected(alone.reason, keep_partial=kept)
    said = {hit.key for hit in vocabulary.find(kept)}
    if isinstance(alone, Accepted) and said <= {hit.key for hit in vocabulary.find(addition)}:
        return alone
    combined = f"{kept}\n{addition.strip()}"
    outcome = parse_idea(combined, ctx)
    if isinstance(outcome, Accepted):
        return outcome
    if outcome.keep_partial is None:
        return Rejected(outcome.reason, keep_partial=kept)
    if len(_WORD.findall(addition)) >= MIN_ADDITION_WORDS or vocabulary.find(addition):
        return Accepted(Answer(text=combined, value=combined), Msg("sponsor.idea.taken_anyway"))
    return Rejected(Msg("sponsor.idea.still_thin"), keep_partial=kept)


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
OPENING_WORDS = 5
_SELF_INTRODUCTION = re.compile(
    r"^(?:(?:hallo|hi|hello|moin|guten\s+tag)\W+)?(?:wir\s+sind|we\s+are|we're|ich\s+bin"
    r"|i\s+am|i'm)(?![^\W\d_])",
    re.IGNORECASE,
)
"""A sentence that says who the sponsor is ("We are a job centre in Hanover Region."), not what
the project does: no part of the idea."""
"""Words of three letters or more the first message's describing sentences need ("our
engineers need training in battery technology"): the idea parser then judges them with the
answer."""


def parse_asked_idea(text: str, ctx: StepContext) -> ParseOutcome:
    """The idea question's answer. A short one ("Mentoring im ersten Lehrjahr") after a first
    message that said for whom and what is wrong ("… unsere Azubis im Service, die oft im ersten
    Jahr abbrechen") but was no idea of its own is read together with that message: the sponsor
    answers in few words because the rest was said already, and "tell me more" would only ask
    for it once more. The idea is that message's describing sentences and the answer, and the
    sponsor is told so. An answer that says nothing ("asdf") is still asked about."""
    outcome = parse_idea(text, ctx)
    if not isinstance(outcome, Rejected) or outcome.keep_partial is None:
        return outcome
    answer = outcome.keep_partial
    opening = _described_in_opening(ctx)
    combined = (
        parse_idea(f"{opening}\n{answer}", ctx)
        if opening and _says_something(answer, opening, ctx)
        else None
    )
    if isinstance(combined, Accepted):
        note = Msg("sponsor.idea.with_opening")
        if combined.note is not None:
            note = Msg("sponsor.notes", {"first": combined.note, "second": note})
        return replace(combined, note=note)
    if _what_for_whom(answer, ctx):
        return _with_groups_from_idea(Accepted(Answer(text=answer, value=answer)), ctx)
    return outcome


def _described_in_opening(ctx: StepContext) -> str:
    """The sentences of the message the place was read from that name a term of the
    vocabulary or a target group (what the project is about, not "Hallo, Altenheim in
    Rinteln."); empty when the place was answered on its own."""
    region = ctx.answers.get("region")
    if region is None:
        return ""
    vocabulary, finder = ctx.advisor.matcher.vocabulary, group_finder(ctx.advisor.kb)
    sentences = [s.strip() for s in _SENTENCE_END.split(region.text) if s.strip()]
    describing = [
        s
        for s in sentences
        if (vocabulary.find(s) or finder.groups(s, running_text=True))
        and not (_SELF_INTRODUCTION.match(s) and organisation_in(s, ctx.advisor.kb) is not None)
    ]
    if len(_WORD.findall(" ".join(describing))) < OPENING_WORDS:
        return ""
    return " ".join(describing)


def _says_something(answer: str, opening: str, ctx: StepContext) -> bool:
    """An answer that adds to the first message: a term of the vocabulary, a few words, or a
    word it takes up from that message ("freigestellte Praxisanleitung")."""
    words = _WORD.findall(answer)
    if len(words) >= MIN_ADDITION_WORDS or ctx.advisor.matcher.vocabulary.find(answer):
        return True
    said = {fold(word) for word in _WORD.findall(opening) if len(word) > TERSE_IDEA_WORDS}
    return any(fold(word) in said for word in words)


def parse_free_text(text: str, ctx: StepContext) -> ParseOutcome:
    if rejected := _too_long(text):
        return rejected
    if not text.strip():
        return Rejected(Msg("sponsor.error.empty"))
    return Accepted(Answer(text=text.strip(), value=text.strip()))


def naming(step: str) -> AnswerParser:
    """A name (the organisation, the contact person): a question typed there ("Can we also
    include Holzminden?") is no name; with a question to the alliance, it is asked after the
    contact details."""

    def parse_name(text: str, ctx: StepContext) -> ParseOutcome:
        if text.strip().endswith("?"):
            later = "question" if ctx.handoff_kind == "question" else "handoff"
            said = {"question": Msg(f"sponsor.{step}.prompt")}
            return Rejected(Msg(f"sponsor.{step}.a_question.{later}", said))
        return parse_free_text(text, ctx)

    return parse_name


def parse_optional_text(text: str, ctx: StepContext, step: str = "cofinancing") -> ParseOutcome:
    """A free-text answer to an optional question: non-answers and questions are not stored."""
    if rejected := _too_long(text):
        return rejected
    if not text.strip():
        return Rejected(Msg("sponsor.error.empty"))
    answer = _answer_part(step, text, ctx)
    if isinstance(answer, Rejected):
        return answer
    if step == "cofinancing" and _A_PERIOD.fullmatch(answer.strip()):
        # "36 Monate" one question after the duration: a duration, no way of financing
        return Rejected(Msg("sponsor.cofinancing.a_period", {"text": answer.strip()}))
    return Accepted(Answer(text=answer, value=answer))


_A_PERIOD = re.compile(
    r"(?:ca\.?\s*|etwa\s+|about\s+)?\d+(?:[.,]\d+)?\s*"
    r"(?:monate?n?|mon\.?|jahre?n?|j\.|months?|years?|yrs?)",
    re.IGNORECASE,
)
"""An answer that is a period alone ("36 Monate", "2 Jahre", "18 months")."""


def parse_title(text: str, ctx: StepContext) -> ParseOutcome:
    """The title without "Arbeitstitel:", "ja," and quotation marks; "nein" is no title."""
    outcome = parse_optional_text(text, ctx, "title")
    if isinstance(outcome, Rejected):
        return outcome
    if describes(outcome.answer.text):  # "wir wollen Jugendliche in Ausbildung bringen"
        return Rejected(Msg("sponsor.title.description"))
    if gives_facts(outcome.answer.text):  # "ab Februar 2027, 24 Monate, ca. 160.000 €"
        return Rejected(Msg("sponsor.title.facts"))
    if corrects(outcome.answer.text):  # "Korrektur: 80.000 pro Jahr, nicht insgesamt"
        return Rejected(Msg("sponsor.title.correction"))
    if names_only_for_whom(outcome.answer.text, group_finder(ctx.advisor.kb)):
        # "it's for young refugees really": whom it is for, which the message reader takes
        return Rejected(Msg("sponsor.title.for_whom"))
    title = clean_title(outcome.answer.text)
    return Accepted(Answer(text=title, value=title))


def parse_justification(text: str, ctx: StepContext) -> ParseOutcome:
    if text.strip() and not _too_long(text):
        answer = _answer_part("justification", text, ctx)
        if isinstance(answer, Rejected):
            return answer
    outcome = parse_free_text(text, ctx)
    if isinstance(outcome, Accepted) and len(text.split()) < 5:
        return Rejected(Msg("sponsor.justification.thin"))
    return outcome


@once_per_context
def parse_costs(text: str, ctx: StepContext) -> ParseOutcome:
    answer = _answer_part("costs", text, ctx) if text.strip() else text
    if isinstance(answer, Rejected):
        return answer
    parsed = costs_parser.parse_costs(answer)
    if isinstance(parsed, Unclear):
        return Rejected(parsed.reason, parsed.suggestions)
    if parsed.value.per is not None:
        return _per_period(answer.strip(), parsed.value, ctx)
    amount = parsed.value.amount
    note = parsed.note
    if amount < PLAUSIBLE_COSTS and _reads_as_year(answer, amount) and not _CONFIRMED.search(text):
        return Rejected(
            Msg("sponsor.costs.very_little", {"costs": Eur(amount)}),
            (exactly(amount),),
        )
    cap = ctx.advisor.kb.rules.limits.cost_cap_eur
    if amount > cap:
        note = cap_exception(amount, ctx)
    return Accepted(Answer(text=text.strip(), value=amount), note)


def _reads_as_year(text: str, amount: int) -> bool:
    """Whether the sponsor wrote the amount as a year would be written, without money marks."""
    written = _AS_YEAR.search(text)
    if written is None or int(written.group()) != amount:
        return False
    return not any(marked for _, marked in amounts_in(clip(text)))


def _per_period(text: str, costs: Costs, ctx: StepContext) -> Accepted:
    """Costs per year or month are never taken as the total: with the duration known the total
    is computed and shown; until then the amount is kept with its period (no total, so the
    pre-check does not pass on it) and the total follows from the duration's answer."""
    months = read_answers(ctx.answers).duration_months
    if months is not None:
        answer, note = _total_from_period(text, costs, months, ctx)
        return Accepted(answer, note, shows=("costs",), confirm=_confirm_total(answer))
    value = {"per": costs.per, "amount": costs.amount}
    note = Msg(
        "sponsor.costs.per_period_kept",
        {
            "text": text[:60],
            "amount": eur_msg(costs.amount),
            "per": period_msg(costs.per or "year"),
        },
    )
    return Accepted(Answer(text=text, value=value), note)


def _confirm_total(costs: Answer) -> Msg | None:
    """The button that confirms a total computed from costs per period."""
    total = costs.value
    if isinstance(total, int) and not isinstance(total, bool):
        return Msg("sponsor.understood.confirm_total", {"total": Eur(total)})
    return None


def _total_shown(answer: str, value: int, also: Mapping[str, Answer], note: Msg | None) -> Accepted:
    """A date's answer; when it completed costs given per period, the total is shown to be
    confirmed or corrected (never taken unseen)."""
    costs = also.get("costs")
    if costs is None:
        return Accepted(Answer(text=answer, value=value), note, also)
    return Accepted(Answer(text=answer, value=value), note, also, ("costs",), _confirm_total(costs))


def _total_from_period(
    text: str, costs: Costs, months: int, ctx: StepContext
) -> tuple[Answer, Msg]:
    total = total_costs(costs, months)
    params: dict[str, Param] = {
        "text": text[:60],
        "per": period_msg(costs.per or "year"),
        "months": months_msg(months),
        "total": eur_msg(total),
    }
    note = Msg("sponsor.costs.per_period_total", params)
    cap = ctx.advisor.kb.rules.limits.cost_cap_eur
    if total > cap:
        over = cap_exception(total, ctx)
        note = Msg("sponsor.notes", {"first": note, "second": over})
    return Answer(text=text, value=total), note


def cap_exception(costs: int, ctx: StepContext) -> Msg:
    """Over the cap: an exception the steering group weighs especially (chapter 5)."""
    limits = ctx.advisor.kb.rules.limits
    params: dict[str, Param] = {"cap": Eur(limits.cost_cap_eur), "costs": Eur(costs)}
    return Msg("trust.cap.exception", params | {"source": source_note(limits.source)})


def costs_per_period(answers: Mapping[str, Answer]) -> tuple[str, Costs] | None:
    """The costs answer, when it was given per year or month (its text keeps the period)."""
    answer = answers.get("costs")
    if answer is None:
        return None
    parsed = costs_parser.parse_costs(answer.text)
    if isinstance(parsed, Unclear) or parsed.value.per is None:
        return None
    return answer.text, parsed.value


def _costs_for(months: int, ctx: StepContext) -> tuple[dict[str, Answer], Msg | None]:
    """The costs total once the duration is known, when the costs were given per period."""
    given = costs_per_period(ctx.answers)
    if given is None:
        return {}, None
    answer, note = _total_from_period(given[0], given[1], months, ctx)
    return {"costs": answer}, note


def costs_over_cap(answers: Mapping[str, Answer], ctx: StepContext) -> bool:
    costs = read_answers(answers).costs_eur
    return costs is not None and costs > ctx.advisor.kb.rules.limits.cost_cap_eur


# --- issue #15: whether exceeding the cap raises the grant (chapter 5) ------------------------

CAP_ANSWERS = (("yes", "Ja", "Yes"), ("no", "Nein", "No"), ("unknown", "Weiß nicht", "Don't know"))
"""Chapter 5 asks for a separate justification only where the excess raises the grant."""


def cap_choices(ctx: StepContext) -> tuple[Offered, ...]:
    return tuple(Offered(value=v, label=de, label_en=en) for v, de, en in CAP_ANSWERS)


def parse_cap_raises(text: str, ctx: StepContext) -> ParseOutcome:
    key = fold(text)
    for value, de, en in CAP_ANSWERS:
        if key in (value, fold(de), fold(en)) or key in CAP_TYPED.get(value, ()):
            return Accepted(Answer(text=de, value=value))
    words = text.split()
    lead = fold(words[0]).strip(",.;:!-") if words else ""
    if lead in _NO_WORDS:  # "Nein, die Mehrkosten tragen wir selbst": a no with its reason
        return Accepted(Answer(text="Nein", value="no"))
    reasons = " ".join(words[1:]) if lead in _YES_WORDS else text.strip()
    if lead in _YES_WORDS and len(words) < 1 + JUSTIFICATION_WORDS // 2:
        return Accepted(Answer(text="Ja", value="yes"))
    if len(reasons.split()) >= JUSTIFICATION_WORDS // 2 * (1 if lead in _YES_WORDS else 2):
        # People answer the question with their reasons ("Weil wir vier Landkreise …"): that is
        # the justification, and it says the excess is to raise the grant. Both are shown with
        # a button to correct them, never taken unseen.
        return Accepted(
            Answer(text="Ja", value="yes"),
            Msg("sponsor.cap_raises_grant.as_justification"),
            also={"justification": Answer(text=reasons, value=reasons)},
            shows=("cap_raises_grant",),
        )
    return Rejected(Msg("sponsor.cap_raises_grant.unclear"))


JUSTIFICATION_WORDS = 8
"""A typed answer this long that is not Ja/Nein/Weiß nicht is read as the justification (after
a leading "Ja," half as many words will do)."""
_YES_WORDS = frozenset({"ja", "yes", "jap", "jo"})
_NO_WORDS = frozenset({"nein", "no", "nee", "noe", "nope"})


CAP_TYPED = {
    "yes": ("j", "y", "ja hoher", "hoher"),
    "no": ("n", "nein nicht", "nicht"),
    "unknown": ("weiss nicht", "weis nicht", "unklar", "keine ahnung", "dont know", "not sure"),
}


def cap_question(answers: Mapping[str, Answer], ctx: StepContext) -> bool:
    """Asked above the cap, unless a justification was given already (a draft from before
    the question existed counts as one whose excess raises the grant)."""
    return costs_over_cap(answers, ctx) and "justification" not in answers


def cap_notes(ctx: StepContext) -> list[Msg]:
    """Said right after the answer: no justification needed, or whom to ask."""
    facts = facts_from_answers(ctx.answers)
    return list(cap_hints(facts, ctx.advisor.kb))


def cap_raises_grant(answers: Mapping[str, Answer], ctx: StepContext) -> bool:
    """The separate justification: only where the excess raises the grant."""
    raises = answers.get("cap_raises_grant")
    asked_before = raises is None and "justification" in answers
    return costs_over_cap(answers, ctx) and (
        asked_before or (raises is not None and raises.value == "yes")
    )


def parse_start_answer(text: str, ctx: StepContext) -> ParseOutcome:
    answer = _answer_part("start", text, ctx) if text.strip() else text
    if isinstance(answer, Rejected):
        return _start_not_said(answer, ctx)
    parsed = parse_start(answer, ctx.today, year=asked_year(ctx))
    dates = read_dates(answer, ctx.today, None)  # as the message reader asks: read once
    if isinstance(parsed, Unclear) and (dates.start is None or dates.months is None):
        return _start_unclear(parsed, ctx)
    start = parsed.value if not isinstance(parsed, Unclear) else dates.start
    assert start is not None
    note = None if isinstance(parsed, Unclear) else parsed.note
    also: dict[str, Answer] = {}
    if dates.start == start and dates.months is not None:
        # "04/2027 bis 03/2029" at the start question: the duration is said too
        also["duration"] = Answer(text=answer.strip(), value=dates.months)
        period: dict[str, Param] = {
            "start": Month(start),
            "months": Count(dates.months, "months"),
            "end": Month(start.end_month(dates.months)),
        }
        note = Msg("sponsor.start.period", period)
        warning = _duration_warning(dates.months, start, ctx)
        if warning is not None:
            note = Msg("sponsor.notes", {"first": note, "second": warning})
        costs, total = _costs_for(dates.months, ctx)
        also.update(costs)
        if total is not None:
            note = Msg("sponsor.notes", {"first": note, "second": total})
    if start < YearMonth.of(ctx.today):
        past = Msg("sponsor.start.in_past", {"start": Month(start)})
        note = past if note is None else Msg("sponsor.notes", {"first": note, "second": past})
    if "costs" in also:
        total = _confirm_total(also["costs"])
        return Accepted(
            Answer(text=answer.strip(), value=start.iso()), note, also, ("costs",), total
        )
    return Accepted(Answer(text=answer.strip(), value=start.iso()), note, also)


def _start_not_said(answer: Rejected, ctx: StepContext) -> ParseOutcome:
    """No month at the start question (see bot/dialogs/start_unknown.py): never asked a third
    time, bar one more turn for a question back."""
    key = answer.reason.key
    if answer.skips or answer.defer_to is not None or key == "sponsor.reply.language":
        return answer
    if key == "sponsor.reply.required.start":  # "weiß ich noch nicht"
        return start_unknown(answer.reason, ctx)
    if key in ("sponsor.reply.answered", "sponsor.reply.unanswered"):  # a question back
        return start_question(answer.reason, ctx)
    return start_other(answer.reason, ctx)


def _start_unclear(parsed: Unclear, ctx: StepContext) -> ParseOutcome:
    key = parsed.reason.key
    if key == "understanding.start.missing":  # "nach der Bewilligung"
        return start_unknown(parsed.reason, ctx)
    year = parsed.reason.params.get("year")
    if key == "understanding.start.month_missing" and isinstance(year, int):  # "2027"
        return start_in_year(year, parsed.reason, ctx)
    if key == "understanding.start.several":  # "März oder April 2027"
        return start_between(parsed.reason, parsed.suggestions, ctx)
    return start_other(parsed.reason, ctx)


def parse_duration_answer(text: str, ctx: StepContext) -> ParseOutcome:
    answer = _answer_part("duration", text, ctx) if text.strip() else text
    if isinstance(answer, Rejected):
        return answer
    text = answer
    parsed = parse_duration(text, start_of(ctx.answers))
    if isinstance(parsed, Unclear):
        return Rejected(parsed.reason, parsed.suggestions)
    duration = parsed.value
    also = {}
    note = parsed.note
    if duration.start is not None:
        also["start"] = Answer(text=duration.start.display(), value=duration.start.iso())
        note = Msg(
            "sponsor.duration.period",
            {
                "start": Month(duration.start),
                "months": Count(duration.months, "months"),
            },
        )
    warning = _duration_warning(duration.months, duration.start or start_of(ctx.answers), ctx)
    if warning is not None:
        note = warning if note is None else Msg("sponsor.notes", {"first": note, "second": warning})
    costs, total = _costs_for(duration.months, ctx)
    also.update(costs)
    if total is not None:
        note = total if note is None else Msg("sponsor.notes", {"first": note, "second": total})
    return _total_shown(text.strip(), duration.months, also, note)


def _duration_warning(months: int, start: YearMonth | None, ctx: StepContext) -> Msg | None:
    """Said at once, not only in the summary: too long, or ending after the latest end."""
    limits = ctx.advisor.kb.rules.limits
    if months > limits.max_duration_months:
        return Msg(
            "sponsor.duration.too_long",
            {
                "months": Count(months, "months"),
                "max": Count(limits.max_duration_months, "months"),
            },
        )
    if start is not None and start.end_month(months) > YearMonth.of(limits.latest_end):
        return Msg(
            "sponsor.duration.ends_too_late",
            {"end": Month(start.end_month(months)), "latest": Day(limits.latest_end)},
        )
    return None


def parse_participants(text: str, ctx: StepContext) -> ParseOutcome:
    """The planned number of participants; of a range ("40-60") the upper bound counts."""
    numbers = [int(n.replace(".", "")) for n in _NUMBER.findall(text[:200])]
    if not numbers or not 0 < max(numbers) < 1_000_000:
        return Rejected(Msg("sponsor.participants.invalid"))
    return Accepted(Answer(text=text.strip(), value=max(numbers)))


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}")
_PHONE = re.compile(r"\+?[\d\s/()-]{6,}")


def asks_a_question(answers: Mapping[str, Answer], ctx: StepContext) -> bool:
    return ctx.handoff_kind == "question"


def parse_contact_channel(text: str, ctx: StepContext) -> ParseOutcome:
    """A phone number or an e-mail address, so the alliance can get in touch."""
    if rejected := _too_long(text):
        return rejected
    email = _EMAIL.search(text)
    phone = _PHONE.search(text)
    digits = sum(ch.isdigit() for ch in phone.group()) if phone else 0
    if email is None and digits < 6:
        return Rejected(Msg("sponsor.contact_channel.invalid"))
    return Accepted(Answer(text=text.strip(), value=text.strip()))


def region_notes(ctx: StepContext) -> list[Msg]:
    """Right after the place: its local alliance, or that the rules here are Leine-Weser's."""
    facts = facts_from_answers(ctx.answers)
    where = ctx.advisor.where(facts.place)
    if where.referral is not None or where.alliance is None:
        # why not here: the first reason the whole advice gives
        advice = ctx.advisor.advise(facts, ctx.today)
        return [*advice.eligibility.reasons[:1], Msg("sponsor.region.continue_anyway")]
    if where.also_alliances:
        others = ", ".join(a.name for a in where.also_alliances)
        first = where.alliance.name
        return [Msg("sponsor.region.alliances", {"alliance": first, "others": others})]
    return [Msg("sponsor.region.alliance", {"alliance": where.alliance.name})]


def understood_answer(step: Step, answer: Answer, ctx: StepContext) -> Localized | str:
    """An answer as read, for "Verstanden: …": what was derived from the sponsor's words
    (the target groups recognised, the kind of organisation), not only the words."""
    kb = ctx.advisor.kb
    decoded = read_answers({step.id: answer})
    if step.id == "target_group":
        known = [g.id for g in kb.target_groups if g.id in decoded.target_groups]
        if known:
            return group_labels(known, kb)
    if step.id == "organisation" and decoded.organisation is not None:
        kind = decoded.organisation
        label = next((Choice(de, en) for v, de, en in ORGANISATION_KINDS if v == kind), None)
        words = answer.text.strip()
        if label is not None and fold(words) not in (fold(label.de), fold(label.en)):
            return Msg("sponsor.understood.classed", {"text": words[:40], "kind": label})
    return shown_answer(step, answer, kb)


def ticked_groups(answer: Answer) -> list[str]:
    value = answer.value
    ids = value.get("ids") if isinstance(value, dict) else None
    return [str(i) for i in ids] if isinstance(ids, list) else []


MAIN_STEPS = (
    Step("region", answering("region", parse_region), after=region_notes, echo=True),
    Step(
        "organisation",
        answering("organisation", parse_organisation),
        choices=organisation_choices,
        optional=True,
        echo=True,
    ),
    Step(
        "target_group",
        answering("target_group", parse_target_group),
        choices=target_group_choices,
        several=Several(
            target_groups_from_choices,
            with_ticked,
            ticked_groups,
            Msg("sponsor.target_group.none_ticked"),
        ),
        echo=True,
    ),
    Step("idea", parse_asked_idea, extend=extend_idea),
    Step("title", answering("title", parse_title), optional=True, echo=True),
    Step("costs", answering("costs", parse_costs), echo=True),
    Step(
        "cap_raises_grant",
        parse_cap_raises,
        choices=cap_choices,
        when=cap_question,
        after=cap_notes,
    ),
    Step("justification", parse_justification, when=cap_raises_grant),
    Step("start", answering("start", parse_start_answer), echo=True),
    Step("duration", answering("duration", parse_duration_answer), echo=True),
    Step("cofinancing", answering("cofinancing", parse_optional_text), optional=True, echo=True),
)
SKETCH_STEPS = (
    Step("need", parse_free_text, optional=True),
    Step("goals", parse_free_text, optional=True),
    Step("participants", parse_participants, optional=True),
    Step("partners", parse_free_text, optional=True),
    Step("spatial_effect", parse_free_text, optional=True),
    Step("continuation", parse_free_text, optional=True),
    Step("transferability", parse_free_text, optional=True),
    Step("plan_costs", parse_plan_costs, optional=True, extend=extend_plan_costs),
    Step("plan_financing", parse_plan_financing, optional=True),
    Step("plan_work_steps", parse_plan_work_steps, optional=True),
)
"""Optional questions offered after the summary (they feed the Projektskizze)."""
HANDOFF_STEPS = (
    Step("sponsor_name", naming("sponsor_name")),
    Step("contact_person", naming("contact_person")),
    Step("contact_channel", parse_contact_channel),
    Step("question", parse_free_text, when=asks_a_question),
)
"""Who sends it, asked before anything leaves the sponsor's hands."""

# --- screens ----------------------------------------------------------------------------------

SUMMARY = "summary"
EDIT_MENU = "edit"
CONSENT = "consent"
PAUSED = "paused"
"""Not a step a state rests in: the step id of the reply offered while a draft is paused."""

CONSENT_YES = frozenset({"ja", "j", "yes", "y", "ok", "okay", "einverstanden", "senden", "send"})
CONSENT_NO = frozenset({"nein", "n", "no", "nicht senden", "don t send", "do not send"})
"""Typed instead of tapped at the consent question (anything else: use the buttons)."""


def _advice(state: DialogState, view: ScreenContext) -> Advice:
    return view.step.advisor.advise(facts_from_answers(state.answers), view.step.today)


def show_summary(state: DialogState, view: ScreenContext, notes: Sequence[Msg]) -> Reply:
    advisor = view.step.advisor
    return summary_reply(state, _advice(state, view), notes, view.shown, advisor.kb)


def show_edit_menu(state: DialogState, view: ScreenContext, notes: Sequence[Msg]) -> Reply:
    menu = edit_menu([step for step in view.shown if step not in HANDOFF_STEPS])
    return Reply((*notes, *menu.parts), menu.buttons, menu.step)


def show_consent(state: DialogState, view: ScreenContext, notes: Sequence[Msg]) -> Reply:
    advisor = view.step.advisor
    return consent_reply(state, _advice(state, view), notes, view.shown, advisor.kb)


def show_paused(state: DialogState, view: ScreenContext, notes: Sequence[Msg]) -> Reply:
    return Reply(
        parts=tuple(notes),
        buttons=(
            (Button(Msg("sponsor.button.resume"), "resume"),),
            (
                Button(Msg("sponsor.button.new"), "session:new"),
                Button(Msg("sponsor.button.drafts"), "session:drafts"),
            ),
        ),
        step=PAUSED,
    )


def complete_sketch(flow: Flow, state: DialogState, _: str) -> Result:
    """The Projektskizze's optional questions, from the first one still open."""
    first = next((s for s in SKETCH_STEPS if s.id not in state.answers), SKETCH_STEPS[0])
    state = state.model_copy(update={"editing": False, "edited": ""})
    return flow.ask(state, first.id, Msg("sponsor.sketch.intro"))


def start_handoff(flow: Flow, state: DialogState, kind: HandoffKind) -> Result:
    """Who sends it, then the consent; only where a local alliance of Leine-Weser is."""
    if not isinstance(place_of(state.answers), InRegion):
        return flow.end(state, [Msg("handoff.no_local_alliance")])
    sent = already_sent(state, kind) if kind == "handoff" else None
    if sent is not None:
        # Handed over as it stands (a question is new text, asked for after this).
        return flow.end(state, [already_sent_note(sent, flow.context(state).advisor.kb)])
    state = state.model_copy(update={"handoff_kind": kind, "editing": False, "edited": ""})
    ctx = flow.context(state)
    first = next(s for s in HANDOFF_STEPS if s.when is None or s.when(state.answers, ctx))
    return flow.ask(state, first.id, Msg(f"handoff.intro.{kind}"))


def consented(flow: Flow, state: DialogState, yes: bool) -> Result:
    kind = handoff_kind(state)
    # A question may come at any stage: afterwards the dialog goes on with what is open.
    missing = flow.missing(state)
    state = state.model_copy(update={"step": missing[0] if missing else SUMMARY})
    if not yes:
        return flow.end(state, [Msg("handoff.not_sent")])
    return state, [RequestHandoff(kind)]


def typed_consent(flow: Flow, state: DialogState, text: str) -> Result:
    word = fold(text)
    if word in CONSENT_YES or word in CONSENT_NO:
        return consented(flow, state, word in CONSENT_YES)
    consent = flow.show(state, CONSENT)[1][0]
    assert isinstance(consent, Reply)
    return state, [
        Reply((Msg("handoff.use_buttons"), consent.parts[-1]), consent.buttons, consent.step)
    ]


def typed_at_summary(flow: Flow, state: DialogState, text: str) -> Result:
    """A question typed at the summary ("who decides about the funding?") is answered from the
    FAQ, with the summary's buttons below the answer, not the whole summary sent again; other
    text points to the buttons below the summary, shown again."""
    reply = classify(text, "other")
    entry = None
    if reply.kind is Kind.QUESTION:
        entry = find_faq(reply.rest, flow.context(state).advisor.kb, "other")
    if entry is None:
        return flow.end(state, [Msg("sponsor.summary.use_buttons")])
    state, outputs = flow.end(state)
    summary = outputs[-1]
    assert isinstance(summary, Reply)
    said = Msg(
        "sponsor.summary.answered",
        {"answer": Choice(entry.answer, entry.answer_en), "source": faq_source(entry.source)},
    )
    return state, [Reply((said,), summary.buttons, summary.step)]


def _to_summary(flow: Flow, state: DialogState, _: str = "") -> Result:
    return flow.end(state)


SCREENS = (
    Screen(
        SUMMARY,
        show_summary,
        presses={
            "summary:edit": lambda flow, state, _: flow.show(state, EDIT_MENU),
            "summary:complete": complete_sketch,
            "summary:handoff": lambda flow, state, _: start_handoff(flow, state, "handoff"),
            "summary:ask": lambda flow, state, _: start_handoff(flow, state, "question"),
            "summary:show": _to_summary,
        },
        typed=typed_at_summary,
        use_buttons=Msg("sponsor.summary.use_buttons"),
        help_parts=lambda parts: (),
        anywhere=True,
        # issue 16 point 6: where its case stands, right below what was handed over when,
        # else below the title: the summary says what matters most first
        additions=(Addition(CASE_OF_DRAFT, below=(SENT_LIST, TITLE)),),
    ),
    Screen(
        EDIT_MENU,
        show_edit_menu,
        presses={
            "edit:": lambda flow, state, step: flow.edit(state, step),
            "summary:show": _to_summary,
        },
        use_buttons=Msg("sponsor.summary.use_buttons"),
        leave=lambda flow, state: flow.end(state),
        resume_as=SUMMARY,
        anywhere=True,
    ),
    Screen(
        CONSENT,
        show_consent,
        presses={
            "consent:yes": lambda flow, state, _: consented(flow, state, True),
            "consent:no": lambda flow, state, _: consented(flow, state, False),
        },
        typed=typed_consent,
        help_parts=lambda parts: parts[-1:],
    ),
)

SPONSOR_DIALOG = Dialog(
    id="sponsor",
    sequences=(
        Questions("main", MAIN_STEPS),
        Questions("sketch", SKETCH_STEPS),
        Questions("handoff", HANDOFF_STEPS, then=CONSENT),
    ),
    screens=SCREENS,
    end=SUMMARY,
    paused=Screen(
        PAUSED, show_paused, presses={"resume": lambda flow, state, _: flow.resume(state)}
    ),
    welcome=(Msg("sponsor.welcome"), Msg("sponsor.privacy_short")),
    commands={"ask": lambda flow, state: start_handoff(flow, state, "question")},
    help=sponsor_help(),
    shown=lambda step, answer, ctx: understood_answer(step, answer, ctx),
    reader=gatherer(
        {step.id: asks(step.id) for step in MAIN_STEPS},
        {"region": parse_region, "costs": parse_costs, "idea": parse_idea},
        _per_period,
    ),
)
"""The whole sponsor flow: the questions, the summary and its buttons, the edit menu, the
consent before a handoff, the pause."""
