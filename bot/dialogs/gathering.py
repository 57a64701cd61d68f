"""Every answer one sponsor message carries, as the sponsor dialog stores them (`gather`).

`bot.understanding.message.read_message` finds the slots with a confidence; here the confident
ones become the answers the dialog's own questions would have stored (the same shapes as the
parsers of `sponsor.py`), and an English message (until the sponsor chose a language) or a
request for English asks the engine to continue in English. Unsure readings are left out: their
question is asked in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from bot.core.answers import start_of
from bot.core.state import Answer
from bot.core.steps import Accepted, Gathered, ParseOutcome, StepContext
from bot.texts.catalog import Language
from bot.understanding.costs import Costs
from bot.understanding.english import answers_in_english
from bot.understanding.for_whom import names_only_for_whom
from bot.understanding.groups import group_finder
from bot.understanding.message import LIKELY, Found, Reading, ReadingContext, read_message
from bot.understanding.organisations import organisation_words
from bot.understanding.replies import Kind, asked_with, german_word, leans_english
from bot.understanding.slots import Asked
from bot.understanding.titles import corrects

_PERIOD_ONLY = re.compile(
    r"(?:a|an|one|per|ein|einen|eine|pro|im|je|jedes?n?)\s+(?:month|year|monat|jahr)",
    re.IGNORECASE,
)
"""Words read as a duration that name the period of an amount instead."""

_PER_WORDS = {
    "de": {"year": "pro Jahr", "month": "pro Monat"},
    "en": {"year": "a year", "month": "a month"},
}
"""Appended to an amount read per period, so the stored text reads back as per period, in the
language the dialog goes on in (no "60k pro Jahr" in an English reply)."""


def gatherer(
    steps: Mapping[str, Asked],
    parse: dict[str, Callable[[str, StepContext], ParseOutcome]],
    per_period: Callable[[str, Costs, StepContext], Accepted],
) -> Callable[[str, str, StepContext], Gathered]:
    """The sponsor dialog's message reader over its main questions (`steps`: each with what it
    asks for), reading an answer's words again with that question's own parser (`parse`:
    region, costs)."""
    step_of = {slot: step for step, slot in steps.items() if slot != "other"}

    def gather(text: str, step: str, ctx: StepContext) -> Gathered:
        if step not in steps:
            return Gathered()
        reading = read_message(
            text,
            ReadingContext(
                places=ctx.advisor.places,
                groups=group_finder(ctx.advisor.kb),
                organisations=organisation_words(ctx.advisor.kb),
                today=ctx.today,
                asked=steps[step],
                start=start_of(ctx.answers),
            ),
        )
        language = _language(reading, ctx)
        english = _reads_english(reading, text, steps[step], ctx)
        if language is None and english and ctx.english_answers >= 1:
            # the second terse English answer in a row ("company", "refugees"): one could be
            # a loanword or a slip, two are how the sponsor writes; switched as for an English
            # first message, said, with one tap back to German (which chooses German for good)
            language = "en"
        detected = language is not None and reading.reply.wants is None
        offer = None
        if language is None and reading.language not in (None, ctx.language):
            offer = reading.language
        elif _short_english(reading, text, steps[step], ctx):
            offer = "en"
        if reading.reply.kind is Kind.QUESTION and (parts := asked_with(text, steps[step])):
            # "Wir sind ein Verein aus Hameln. Wie hoch ist die Förderquote?": what the answer
            # part says besides the question asked, which the question's own parser reads
            said = gather(parts[0], step, ctx)
            others = {k: a for k, a in said.answers.items() if k != step}
            return Gathered(others, language, offer, detected, said.corrects, english)
        if reading.reply.kind is not Kind.ANSWER:
            return Gathered(language=language, offer=offer, detected=detected, english=english)
        answers: dict[str, Accepted] = {}
        for slot, found in reading.found():
            answered = step_of.get(slot)
            if answered is None or found.confidence < LIKELY:
                continue
            words = text[found.span[0] : found.span[1]].strip() or text.strip()
            if slot == "duration" and _PERIOD_ONLY.fullmatch(words) and _per_period(reading):
                continue  # "9,000 euros a month": the costs' period, not the project's
            said_in = language or ctx.language
            accepted = _accepted(answered, found, words, ctx, parse, per_period, said_in)
            if accepted is not None:
                answers[answered] = accepted
        costs = reading.costs
        if "costs" in answers and "duration" in answers and costs and costs.value.per:
            # both in one message: the total over the duration, shown like any other
            with_duration = {**ctx.answers, "duration": answers["duration"].answer}
            total = per_period(
                answers["costs"].answer.text, costs.value, replace(ctx, answers=with_duration)
            )
            answers["costs"] = total
        revises = _revises_costs(reading, ctx)
        # "it's for young refugees really" at the title: whom it is for, said again, replaces
        # the target groups given before
        for_whom = steps[step] == "title" and names_only_for_whom(
            text, group_finder(ctx.advisor.kb)
        )
        return Gathered(
            answers, language, offer, detected, corrects(text) or revises or for_whom, english
        )

    return gather


def _per_period(reading: Reading) -> bool:
    """The message's amount is one per year or month, whose period "a month", "ein Jahr" may
    name; with a total ("Kosten wären so 45.000, Laufzeit ein Jahr") it is the duration."""
    return reading.costs is not None and reading.costs.value.per is not None


def _revises_costs(reading: Reading, ctx: StepContext) -> bool:
    """The message says the costs given before are per year or month ("ach und die 100.000
    sind pro Jahr, nicht gesamt", at any later question): the earlier total is replaced."""
    costs = reading.costs
    if costs is None or costs.value.per is None or costs.confidence < LIKELY:
        return False
    given = ctx.answers.get("costs")
    return given is not None and given.value == costs.value.amount


def _language(reading: Reading, ctx: StepContext) -> Language | None:
    """The language to continue in: the one asked for; or English, where a German dialog
    gets a clearly English message and the sponsor has not chosen German (switching at once,
    with a tap back, costs no question; offering it first would)."""
    if reading.reply.wants is not None:
        # asked for, alone or with the rest of the message ("do you speak English? We're …")
        return reading.reply.wants
    if reading.language == "en" and ctx.language == "de" and not ctx.language_chosen:
        return "en"
    return None


def _reads_english(reading: Reading, text: str, asked: Asked, ctx: StepContext) -> bool | None:
    """Whether an answer in a German dialog whose language nobody chose reads as English
    (True: "company", "refugees", "1 yr"), as German (False: "Eigenmittel", "Coaching und
    Workshops"), or tells neither (None: names, numbers, or nothing to count)."""
    if reading.reply.kind is not Kind.ANSWER or ctx.language != "de" or ctx.language_chosen:
        return None
    if answers_in_english(text, asked):
        return True
    if asked not in ("place", "title") and any(german_word(w.casefold()) for w in text.split()):
        return False
    return None


def _short_english(reading: Reading, text: str, asked: Asked, ctx: StepContext) -> bool:
    """A short answer that looks English ("for refugees", "charity") in a German dialog whose
    language nobody chose: too little to switch on, so English is offered with one tap."""
    return (
        reading.language is None
        and reading.reply.kind is Kind.ANSWER
        and ctx.language == "de"
        and not ctx.language_chosen
        and leans_english(text, asked)
    )


def _accepted(
    step: str,
    found: Found[object],
    words: str,
    ctx: StepContext,
    parse: dict[str, Callable[[str, StepContext], ParseOutcome]],
    per_period: Callable[[str, Costs, StepContext], Accepted],
    language: Language,
) -> Accepted | None:
    """The answer to the question `step` a slot found in the message gives, or None."""
    value = found.value
    if step == "costs" and isinstance(value, Costs) and value.per is not None:
        return per_period(f"{words} {_PER_WORDS[language][value.per]}", value, ctx)
    if step in parse:
        outcome = parse[step](words, ctx)
        return outcome if isinstance(outcome, Accepted) else None
    if step == "target_group" and isinstance(value, tuple):
        return Accepted(Answer(text=words, value={"ids": list(value), "text": words}))
    if step == "start" and hasattr(value, "iso"):
        return Accepted(Answer(text=words, value=value.iso()))
    plain = isinstance(value, (str, int)) and not isinstance(value, bool)
    if plain and step in ("organisation", "duration", "idea", "cofinancing", "title"):
        assert isinstance(value, (str, int))
        shown = value if isinstance(value, str) and step != "organisation" else words
        return Accepted(Answer(text=shown, value=value))
    return None
