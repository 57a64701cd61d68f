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
from bot.texts.catalog import Msg
from bot.texts.formats import Count, Day, Eur, Month
from bot.understanding.money import exactly, parse_money
from bot.understanding.normalize import fold
from bot.understanding.periods import parse_duration, parse_start
from bot.understanding.places import Elsewhere, InRegion
from bot.understanding.result import Unclear
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


def parse_region(text: str, ctx: StepContext) -> ParseOutcome:
    resolved = ctx.advisor.places.resolve(text)
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
    return Accepted(Answer(text=text.strip(), value="other"))


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
    recognised = ctx.advisor.matcher.match("", text).target_groups
    if not recognised and not _WORD.search(text):
        return Rejected(Msg("sponsor.target_group.unclear", {"text": text.strip()[:40]}))
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
    idea = text.strip()
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


def parse_justification(text: str, ctx: StepContext) -> ParseOutcome:
    outcome = parse_free_text(text, ctx)
    if isinstance(outcome, Accepted) and len(text.split()) < 5:
        return Rejected(Msg("sponsor.justification.thin"))
    return outcome


def parse_costs(text: str, ctx: StepContext) -> ParseOutcome:
    parsed = parse_money(text)
    if isinstance(parsed, Unclear):
        return Rejected(parsed.reason, parsed.suggestions)
    amount = parsed.value
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


def costs_over_cap(answers: Mapping[str, Answer], ctx: StepContext) -> bool:
    costs = answers.get("costs")
    cap = ctx.advisor.kb.rules.limits.cost_cap_eur
    return costs is not None and isinstance(costs.value, int) and costs.value > cap


def parse_start_answer(text: str, ctx: StepContext) -> ParseOutcome:
    parsed = parse_start(text, ctx.today)
    if isinstance(parsed, Unclear):
        return Rejected(parsed.reason, parsed.suggestions)
    note = parsed.note
    if parsed.value < YearMonth.of(ctx.today):
        note = Msg("sponsor.start.in_past", {"start": Month(parsed.value)})
    return Accepted(Answer(text=text.strip(), value=parsed.value.iso()), note)


def start_of(answers: Mapping[str, Answer]) -> YearMonth | None:
    answer = answers.get("start")
    if answer is None or not isinstance(answer.value, str):
        return None
    return YearMonth.parse_iso(answer.value)


def parse_duration_answer(text: str, ctx: StepContext) -> ParseOutcome:
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
        Step("title", parse_free_text, optional=True),
        Step("costs", parse_costs),
        Step("justification", parse_justification, when=costs_over_cap),
        Step("start", parse_start_answer),
        Step("duration", parse_duration_answer),
        Step("cofinancing", parse_free_text, optional=True),
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
