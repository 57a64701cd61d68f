"""The sponsor dialog as data: which questions, in which order, how each answer is read.

A new question is one `Step` here plus its catalogue entries (prompt, help, label). Parsers turn
text into stored answers or say precisely what they need; they never raise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from bot.advice.advise import group_labels
from bot.dialogs.model import (
    Accepted,
    Answer,
    Dialog,
    Offered,
    ParseOutcome,
    Rejected,
    Step,
    StepContext,
)
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Choice, Count, Day, Eur, Month
from bot.understanding import costs as costs_parser
from bot.understanding.costs import Costs, period_msg, total_costs
from bot.understanding.dates import read_dates
from bot.understanding.faq import find_faq
from bot.understanding.groups import group_finder
from bot.understanding.money import eur_msg, exactly
from bot.understanding.normalize import fold
from bot.understanding.organisations import organisation_kind
from bot.understanding.periods import months_msg, parse_duration, parse_start
from bot.understanding.places import Elsewhere, InRegion
from bot.understanding.replies import MAX_REPLY, Kind, classify
from bot.understanding.result import Unclear
from bot.understanding.titles import clean_title
from bot.understanding.yearmonth import YearMonth

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

MIN_ADDITION_WORDS = 3
"""Asked for more, a sponsor's addition of at least this many words is taken, even if the idea
stays thin (nobody is kept stuck on one question); "asdf" is not."""

PLAUSIBLE_COSTS = 10_000
"""Total costs below this are asked back ("2024" is more likely a year than a budget)."""

ORGANISATION_KINDS = (
    ("education", "Bildungsträger", "Education provider"),
    ("chamber", "Kammer oder Verband", "Chamber or association"),
    ("university", "Hochschule", "University"),
    ("care", "Pflege- oder Sozialdienst", "Care or social service"),
    ("municipality", "Kommune oder Landkreis", "Municipality or district"),
    ("employment", "Arbeitsagentur oder Jobcenter", "Employment agency or job centre"),
    ("company", "Unternehmen", "Company"),
    ("other", "Sonstige", "Other"),
)


def _too_long(text: str) -> Rejected | None:
    if len(text) > MAX_ANSWER:
        return Rejected(Msg("sponsor.error.too_long", {"length": len(text), "max": MAX_ANSWER}))
    return None


_OPTIONAL = frozenset({"organisation", "title", "cofinancing"})
"""Main questions that may be skipped (their non-answers point to "skip")."""
_FREE_TEXT = frozenset({"idea", "title", "justification", "cofinancing"})
"""Questions whose answer may itself be phrased as a question: there only a question the FAQ
answers is taken for one."""


def _answer_part(step: str, text: str, ctx: StepContext) -> str | Rejected:
    """What of `text` answers the question `step`, or why nothing does.

    A question to the bot is answered from the FAQ (knowledge/faq.yaml) and the question asked
    again; "nein", "noch offen", "weiß ich nicht" are never stored as an answer: at an optional
    question they point to "skip", at a required one they get a helpful re-ask; greetings,
    "test", "steht doch oben" and requests for English are answered, not stored.
    """
    reply = classify(text, step)
    question = Msg(f"sponsor.{step}.prompt")
    if reply.kind is Kind.ANSWER:
        # only the beginning is classified: a long answer is kept whole
        whole = text.strip()
        long = len(whole) > MAX_REPLY and whole.startswith(reply.rest)
        return whole if long else reply.rest
    if reply.kind is Kind.QUESTION:
        entry = find_faq(reply.rest, ctx.advisor.kb)
        if entry is not None:
            answer = Choice(entry.answer, entry.answer_en)
            said: dict[str, Param] = {
                "answer": answer,
                "source": entry.source,
                "question": question,
            }
            return Rejected(Msg("sponsor.reply.answered", said))
        if step in _FREE_TEXT:
            return reply.rest
        return Rejected(Msg("sponsor.reply.unanswered", {"question": question}))
    if reply.non_answer:
        if step in _OPTIONAL:
            return Rejected(Msg("sponsor.reply.optional"))
        return Rejected(Msg(f"sponsor.reply.required.{step}"))
    if reply.kind is Kind.LANGUAGE:
        return Rejected(Msg("sponsor.reply.language", {"question": question}))
    if reply.kind is Kind.SEE_ABOVE:
        return Rejected(Msg("sponsor.reply.see_above", {"question": question}))
    if reply.kind is Kind.YES:
        key = "sponsor.title.which" if step == "title" else "sponsor.reply.say_which"
        return Rejected(Msg(key, {"question": question}))
    if step == "idea" and reply.kind in (Kind.GREETING, Kind.NOISE):
        return text.strip()  # the idea's own "tell me more" says what is missing
    if reply.kind is Kind.GREETING:
        return Rejected(Msg("sponsor.reply.greeting", {"question": question}))
    return Rejected(Msg("sponsor.reply.noise", {"text": text.strip()[:40], "question": question}))


def parse_region(text: str, ctx: StepContext) -> ParseOutcome:
    answer = _answer_part("region", text, ctx)
    if isinstance(answer, Rejected) and text.strip():
        return answer
    resolved = ctx.advisor.places.resolve(text if isinstance(answer, Rejected) else answer)
    if isinstance(resolved, Unclear):
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


def place_of(answers: Mapping[str, Answer]) -> InRegion | Elsewhere | None:
    answer = answers.get("region")
    if answer is None or not isinstance(answer.value, dict):
        return None
    value = answer.value
    if value.get("kind") == "in_region":
        also = value.get("also")
        further = (
            [_in_region(p) for p in also if isinstance(p, dict)] if isinstance(also, list) else []
        )
        first = _in_region(value)
        return InRegion(first.subregion_id, first.district_id, first.name, tuple(further))
    alliance, state, country = value.get("alliance"), value.get("state"), value.get("country")
    return Elsewhere(
        name=str(value["name"]),
        alliance_id=str(alliance) if alliance else None,
        state=str(state) if state else None,
        country=str(country) if country else None,
    )


def _in_region(value: Mapping[str, object]) -> InRegion:
    district = value.get("district")
    return InRegion(
        subregion_id=str(value["subregion"]),
        district_id=str(district) if district else None,
        name=str(value["name"]),
    )


def organisation_choices(ctx: StepContext) -> tuple[Offered, ...]:
    return tuple(Offered(value=v, label=de, label_en=en) for v, de, en in ORGANISATION_KINDS)


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
    return Accepted(Answer(text=answer, value=organisation_kind(answer) or "other"))


def target_group_choices(ctx: StepContext) -> tuple[Offered, ...]:
    return tuple(
        Offered(value=group.id, label=group.label, label_en=group.label_en)
        for group in ctx.advisor.kb.target_groups
        if group.offered
    )


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
    recognised = group_finder(ctx.advisor.kb).groups(answer)
    if not recognised and not _WORD.search(answer):
        return Rejected(Msg("sponsor.target_group.unclear", {"text": text.strip()[:40]}))
    text = answer
    value = {"ids": list(recognised), "text": text.strip()}
    if recognised:
        note = Msg(
            "sponsor.target_group.understood", {"groups": group_labels(recognised, ctx.advisor.kb)}
        )
    else:
        note = Msg("sponsor.target_group.own_words")
    return Accepted(Answer(text=text.strip(), value=value), note)


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
    if len(words) < MIN_IDEA_WORDS or not hits:
        return Rejected(Msg("sponsor.idea.thin"), keep_partial=idea)
    return Accepted(Answer(text=idea, value=idea))


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


def parse_free_text(text: str, ctx: StepContext) -> ParseOutcome:
    if rejected := _too_long(text):
        return rejected
    if not text.strip():
        return Rejected(Msg("sponsor.error.empty"))
    return Accepted(Answer(text=text.strip(), value=text.strip()))


def parse_optional_text(text: str, ctx: StepContext, step: str = "cofinancing") -> ParseOutcome:
    """A free-text answer to an optional question: non-answers and questions are not stored."""
    if rejected := _too_long(text):
        return rejected
    if not text.strip():
        return Rejected(Msg("sponsor.error.empty"))
    answer = _answer_part(step, text, ctx)
    if isinstance(answer, Rejected):
        return answer
    return Accepted(Answer(text=answer, value=answer))


def parse_title(text: str, ctx: StepContext) -> ParseOutcome:
    """The title without "Arbeitstitel:", "ja," and quotation marks; "nein" is no title."""
    outcome = parse_optional_text(text, ctx, "title")
    if isinstance(outcome, Rejected):
        return outcome
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
    if amount < PLAUSIBLE_COSTS and not _CONFIRMED.search(text):
        return Rejected(
            Msg("sponsor.costs.very_little", {"costs": Eur(amount)}),
            (exactly(amount),),
        )
    cap = ctx.advisor.kb.rules.limits.cost_cap_eur
    if amount > cap:
        note = Msg("sponsor.costs.over_cap", {"costs": Eur(amount), "cap": Eur(cap)})
    return Accepted(Answer(text=text.strip(), value=amount), note)


def _duration_of(answers: Mapping[str, Answer]) -> int | None:
    answer = answers.get("duration")
    if answer is None or isinstance(answer.value, bool) or not isinstance(answer.value, int):
        return None
    return answer.value


def _per_period(text: str, costs: Costs, ctx: StepContext) -> Accepted:
    """Costs per year or month are never taken as the total: with the duration known the total
    is computed and shown; until then the amount is kept with its period (no total, so the
    pre-check does not pass on it) and the total follows from the duration's answer."""
    months = _duration_of(ctx.answers)
    if months is not None:
        answer, note = _total_from_period(text, costs, months, ctx)
        return Accepted(answer, note)
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
        over = Msg("sponsor.costs.over_cap", {"costs": Eur(total), "cap": Eur(cap)})
        note = Msg("sponsor.notes", {"first": note, "second": over})
    return Answer(text=text, value=total), note


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
    costs = answers.get("costs")
    cap = ctx.advisor.kb.rules.limits.cost_cap_eur
    return costs is not None and isinstance(costs.value, int) and costs.value > cap


def parse_start_answer(text: str, ctx: StepContext) -> ParseOutcome:
    answer = _answer_part("start", text, ctx) if text.strip() else text
    if isinstance(answer, Rejected):
        return answer
    parsed = parse_start(answer, ctx.today)
    dates = read_dates(answer, ctx.today)
    if isinstance(parsed, Unclear) and (dates.start is None or dates.months is None):
        return Rejected(parsed.reason, parsed.suggestions)
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
    return Accepted(Answer(text=answer.strip(), value=start.iso()), note, also)


def start_of(answers: Mapping[str, Answer]) -> YearMonth | None:
    answer = answers.get("start")
    if answer is None or not isinstance(answer.value, str):
        return None
    return YearMonth.parse_iso(answer.value)


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
    return Accepted(Answer(text=text.strip(), value=duration.months), note, also)


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


HANDOFF_KIND = "handoff_kind"
"""Stored with the answers while the sponsor prepares a handoff or a question."""
HandoffKind = Literal["handoff", "question"]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}")
_PHONE = re.compile(r"\+?[\d\s/()-]{6,}")


def handoff_kind(answers: Mapping[str, Answer]) -> HandoffKind:
    answer = answers.get(HANDOFF_KIND)
    return "question" if answer is not None and answer.value == "question" else "handoff"


def asks_a_question(answers: Mapping[str, Answer], ctx: StepContext) -> bool:
    return handoff_kind(answers) == "question"


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


SPONSOR_DIALOG = Dialog(
    id="sponsor",
    steps=(
        Step("region", parse_region),
        Step("organisation", parse_organisation, choices=organisation_choices, optional=True),
        Step("target_group", parse_target_group, choices=target_group_choices, several=True),
        Step("idea", parse_idea, extend=extend_idea),
        Step("title", parse_title, optional=True),
        Step("costs", parse_costs),
        Step("justification", parse_justification, when=costs_over_cap),
        Step("start", parse_start_answer),
        Step("duration", parse_duration_answer),
        Step("cofinancing", parse_optional_text, optional=True),
    ),
    extra_steps=(
        Step("need", parse_free_text, optional=True),
        Step("goals", parse_free_text, optional=True),
        Step("participants", parse_participants, optional=True),
        Step("partners", parse_free_text, optional=True),
        Step("spatial_effect", parse_free_text, optional=True),
        Step("continuation", parse_free_text, optional=True),
        Step("transferability", parse_free_text, optional=True),
    ),
    handoff_steps=(
        Step("sponsor_name", parse_free_text),
        Step("contact_person", parse_free_text),
        Step("contact_channel", parse_contact_channel),
        Step("question", parse_free_text, when=asks_a_question),
    ),
)
