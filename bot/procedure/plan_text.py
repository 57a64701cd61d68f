"""A cost and financing plan typed in chat, one line per item: a category or a source of
financing, then its amount ("Personal 300.000", "Eigenmittel 84.000", "Dritte 30.000
Landkreis"), or a work step with its project months ("Monat 1–6 Aufbau"), in German or
English. Pure: text in, a `Plan` or the lines not understood out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.base.normalize import fold
from bot.core.plan import (
    CostCategory,
    CostItem,
    FinancingSource,
    Plan,
    SourceKind,
    WorkStep,
)

_AMOUNT = re.compile(r"(\d{1,3}(?:[.,\s’']\d{3})+|\d+)(?:,\d{1,2}(?!\d))?")
"""Whole euros with thousands separators (German or English); cents are dropped."""
_WORK_STEP = re.compile(
    r"(?:monate?|months?)?\s*(\d{1,2})\s*(?:[-–]|bis|to)\s*(\d{1,2})\s*[:.]?\s+(\S.*)", re.I
)
"""A work step with its project months: "Monat 1–6 Aufbau der Kooperation"."""

_BETWEEN_ITEMS = re.compile(
    r"\s*;\s*"
    r"|(?<=[\d)%€])(?:\s*(?:eur|euro)\b)?\s*(?:,|\+|\s(?:und|and|sowie))\s+(?=[^\W\d])"
    r"|,\s+(?=(?:monate?|months?)\s*\d)",
    re.IGNORECASE,
)
"""Where one line holds several items, as typed on a phone: "Personal 60.000, Sachkosten
30.000", "Zuwendung 63.000 und Eigenmittel 27.000", "Monat 1–6 Aufbau; Monat 7–18 Kurse" (a
comma inside an amount, "300,000", is followed by digits, not a word)."""

_WORDS: tuple[tuple[str, CostCategory | SourceKind], ...] = (
    ("personal", CostCategory.PERSONNEL),
    ("personnel", CostCategory.PERSONNEL),
    ("staff", CostCategory.PERSONNEL),
    ("honorar", CostCategory.FEES),
    ("fremdleistung", CostCategory.FEES),
    ("fees", CostCategory.FEES),
    ("sach", CostCategory.MATERIAL),
    ("material", CostCategory.MATERIAL),
    ("reise", CostCategory.TRAVEL),
    ("travel", CostCategory.TRAVEL),
    ("teilnehm", CostCategory.PARTICIPANTS),
    ("participant", CostCategory.PARTICIPANTS),
    ("gemein", CostCategory.OVERHEAD),
    ("pauschal", CostCategory.OVERHEAD),
    ("overhead", CostCategory.OVERHEAD),
    ("sonstig", CostCategory.OTHER),
    ("other", CostCategory.OTHER),
    ("zuwendung", SourceKind.GRANT),
    ("förder", SourceKind.GRANT),
    ("grant", SourceKind.GRANT),
    ("eigen", SourceKind.OWN),
    ("own", SourceKind.OWN),
    ("dritt", SourceKind.THIRD_PARTY),
    ("third", SourceKind.THIRD_PARTY),
)
"""The beginnings of words that name a category or a source (folded)."""


@dataclass(frozen=True)
class TypedPlan:
    plan: Plan
    unread: tuple[str, ...]
    """Lines with no known category or source, or no amount."""


def read_plan(text: str, work_steps: Plan | None = None) -> TypedPlan:
    """The plan in `text`; without work steps in it, those of `work_steps` (typed before)."""
    costs: list[CostItem] = []
    financing: list[FinancingSource] = []
    unread: list[str] = []
    steps: list[WorkStep] = []
    pieces = (piece for raw in text.splitlines() for piece in _BETWEEN_ITEMS.split(raw))
    for line in (piece.strip(" -•*\t") for piece in pieces):
        if not line:
            continue
        step = _WORK_STEP.fullmatch(line)
        if step is not None and 1 <= int(step[1]) <= int(step[2]):
            steps.append(
                WorkStep(title=step[3].strip(), first_month=int(step[1]), last_month=int(step[2]))
            )
            continue
        amount = _AMOUNT.search(line)
        words = fold(line[: amount.start()] if amount else line).split()
        kind = next((k for word in words for prefix, k in _WORDS if word.startswith(prefix)), None)
        if amount is None or kind is None:
            unread.append(line)
            continue
        euros = int(re.sub(r"\D", "", amount.group(1)))
        rest = (line[: amount.start()] + " " + line[amount.end() :]).strip()
        named = " ".join(w for w in rest.split() if not _names_kind(w))
        if isinstance(kind, CostCategory):
            costs.append(CostItem(category=kind, amount_eur=euros, description=named))
        else:
            financing.append(FinancingSource(kind=kind, amount_eur=euros, name=named))
    if not steps and work_steps is not None:
        steps = list(work_steps.work_steps)  # typed before, not typed again
    return TypedPlan(
        Plan(costs=tuple(costs), financing=tuple(financing), work_steps=tuple(steps)),
        tuple(unread),
    )


def _names_kind(word: str) -> bool:
    """A word of the line that says what the item is (not who gives it, nor its currency)."""
    folded = fold(word)
    if folded in ("", "eur", "euro", "party"):
        return True
    return any(folded.startswith(prefix) for prefix, _ in _WORDS)
