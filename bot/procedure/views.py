"""What each role sees of the procedure, as pure functions of stored rows: a case with its
step and history (the sponsor), an alliance's cases by step (its contacts), the overview per
step and sub-region with the sums requested (staff: chapter 6's aim of a fair distribution
across the three sub-regions) and its CSV export, a meeting's agenda."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.kb.knowledge import KnowledgeBase
from bot.procedure.steps import OWNER, STAGES, Stage, StepKind, main_steps
from bot.storage.cases import CaseRow, EvaluationRow, StepRow
from bot.storage.meetings import MeetingRow
from bot.texts.catalog import Language, Localized, Msg, Param
from bot.texts.formats import Count, Day, Eur, Lines
from bot.texts.markup import to_plain

SubregionOf = Callable[[str], str]
"""The sub-region of a local alliance (by the alliance's id), as staff name it."""


def subregions(kb: KnowledgeBase) -> SubregionOf:
    """Sub-region names from the knowledge base; an alliance dropped from it since keeps its
    id, so its cases still count."""

    def name(alliance_id: str) -> str:
        try:
            return kb.subregion(kb.local_alliance(alliance_id).subregion).name
        except KeyError:
            return alliance_id

    return name


def alliance_names(kb: KnowledgeBase) -> Callable[[str], str]:
    def name(alliance_id: str) -> str:
        try:
            alliance = kb.local_alliance(alliance_id)
        except KeyError:
            return alliance_id
        return alliance.short_name or alliance.name

    return name


def stage_label(stage: Stage | str) -> Msg:
    return Msg(f"procedure.stage.{Stage(stage).value}")


def _day(stamp: str) -> Day:
    return Day(datetime.fromisoformat(stamp).date())


def _money(amount: int | None) -> Param:
    return Eur(amount) if amount is not None else "–"


def next_steps(stage: Stage) -> Msg | Lines:
    """What moves the case on, each with whose step it is."""
    steps = main_steps(stage)
    if not steps:
        return Msg("procedure.nothing_next")
    return Lines(
        tuple(
            Msg(
                "procedure.view.next_step",
                {
                    "step": Msg(f"procedure.step.{kind.value}"),
                    "role": Msg(f"procedure.role.{OWNER[kind].value}"),
                },
            )
            for kind in steps
        ),
        "\n",
    )


def _dates(
    case: CaseRow, meeting: MeetingRow | None, evaluations: Sequence[EvaluationRow]
) -> tuple[Msg, ...]:
    shown: list[tuple[str, date | None]] = [
        ("planned_start", case.planned_start),
        ("nbank_applied", case.nbank_applied_on),
        ("meeting", meeting.held_on if meeting is not None and not meeting.cancelled else None),
        ("project_start", case.project_start),
        ("project_end", case.project_end),
        ("report_due", case.report_due),
    ]
    lines = [Msg(f"procedure.view.date.{name}", {"date": Day(day)}) for name, day in shown if day]
    lines += [
        Msg(
            "procedure.view.date.evaluation",
            {
                "title": evaluation.title,
                "date": Day(evaluation.due_on),
                "state": Msg(
                    "procedure.view.received" if evaluation.received_at else "procedure.view.open"
                ),
            },
        )
        for evaluation in evaluations
    ]
    return tuple(lines)


def history_line(step: StepRow) -> Msg:
    """One recorded step: when, what, by which role (never the person)."""
    return Msg(
        "procedure.view.history_line",
        {
            "date": _day(step.recorded_at),
            "step": Msg(f"procedure.step.{StepKind(step.kind).value}"),
            "role": Msg(f"procedure.role.{step.role}"),
        },
    )


def case_view(
    case: CaseRow,
    steps: Sequence[StepRow],
    evaluations: Sequence[EvaluationRow] = (),
    meeting: MeetingRow | None = None,
) -> Msg:
    """A case as its sponsor sees it: where it stands, what comes next, its dates and how it
    got there."""
    stage = Stage(case.stage)
    dates = _dates(case, meeting, evaluations)
    return Msg(
        "procedure.view.case",
        {
            "number": case.id,
            "title": case.title,
            "stage": stage_label(stage),
            "revision": case.revision,
            "next": next_steps(stage),
            "dates": Lines(dates) if dates else "–",
            "history": Lines(tuple(history_line(step) for step in steps)),
            "reminders": Msg(
                "procedure.view.reminders_on" if case.reminders else "procedure.view.reminders_off"
            ),
        },
    )


def case_line(case: CaseRow) -> Msg:
    """A case in a list: number, title, stage, sums."""
    return Msg(
        "procedure.view.case_line",
        {
            "number": case.id,
            "title": case.title,
            "stage": stage_label(case.stage),
            "costs": _money(case.costs_eur),
            "grant": _money(case.grant_eur),
        },
    )


def by_stage(cases: Sequence[CaseRow]) -> list[tuple[Stage, list[CaseRow]]]:
    """Cases grouped by stage, stages in the procedure's order, empty ones left out."""
    groups: dict[Stage, list[CaseRow]] = {}
    for case in cases:
        groups.setdefault(Stage(case.stage), []).append(case)
    return [(stage, groups[stage]) for stage in STAGES if stage in groups]


def alliance_view(alliance: str, cases: Sequence[CaseRow]) -> Msg:
    """An alliance's cases by step, for its contacts."""
    if not cases:
        return Msg("procedure.view.alliance_empty", {"alliance": alliance})
    groups = tuple(
        Msg(
            "procedure.view.group",
            {
                "stage": stage_label(stage),
                "count": len(members),
                "cases": Lines(tuple(case_line(case) for case in members)),
            },
        )
        for stage, members in by_stage(cases)
    )
    return Msg(
        "procedure.view.alliance",
        {"alliance": alliance, "count": len(cases), "groups": Lines(groups, "\n\n")},
    )


@dataclass(frozen=True)
class OverviewRow:
    stage: Stage
    subregion: str
    cases: int
    costs_eur: int
    grant_eur: int
    """The grants requested in the cost and financing plans submitted."""


@dataclass(frozen=True)
class SubregionTotal:
    subregion: str
    cases: int
    costs_eur: int
    grant_eur: int


@dataclass(frozen=True)
class Overview:
    rows: tuple[OverviewRow, ...]
    """Per stage and sub-region, stages in the procedure's order."""
    totals: tuple[SubregionTotal, ...]
    """Per sub-region over every case not withdrawn: how the requests spread."""


def overview(cases: Sequence[CaseRow], subregion_of: SubregionOf) -> Overview:
    cells: dict[tuple[Stage, str], tuple[int, int, int]] = {}
    totals: dict[str, tuple[int, int, int]] = {}

    def added(sums: tuple[int, int, int], case: CaseRow) -> tuple[int, int, int]:
        return (sums[0] + 1, sums[1] + (case.costs_eur or 0), sums[2] + (case.grant_eur or 0))

    for case in cases:
        stage = Stage(case.stage)
        # A project in several sub-regions counts in each of them, with its whole sum (as
        # /statistik counts it).
        for subregion in dict.fromkeys(subregion_of(a) for a in case.alliances):
            cells[(stage, subregion)] = added(cells.get((stage, subregion), (0, 0, 0)), case)
            if stage is not Stage.WITHDRAWN:
                totals[subregion] = added(totals.get(subregion, (0, 0, 0)), case)
    order = {stage: index for index, stage in enumerate(STAGES)}
    rows = tuple(
        OverviewRow(stage, subregion, *sums)
        for (stage, subregion), sums in sorted(
            cells.items(), key=lambda item: (order[item[0][0]], item[0][1])
        )
    )
    return Overview(
        rows, tuple(SubregionTotal(name, *sums) for name, sums in sorted(totals.items()))
    )


def overview_view(data: Overview) -> Msg:
    if not data.rows:
        return Msg("procedure.view.overview_empty")
    lines: list[Localized] = [
        Msg(
            "procedure.view.overview_line",
            {
                "stage": stage_label(row.stage),
                "subregion": row.subregion,
                "count": row.cases,
                "costs": Eur(row.costs_eur),
                "grant": Eur(row.grant_eur),
            },
        )
        for row in data.rows
    ]
    totals = tuple(
        Msg(
            "procedure.view.overview_total",
            {
                "subregion": total.subregion,
                "count": total.cases,
                "costs": Eur(total.costs_eur),
                "grant": Eur(total.grant_eur),
            },
        )
        for total in data.totals
    )
    return Msg("procedure.view.overview", {"lines": Lines(tuple(lines)), "totals": Lines(totals)})


CSV_COLUMNS = ("stage", "stage_name", "subregion", "cases", "costs_eur", "grant_eur")


def overview_csv(data: Overview, language: Language) -> bytes:
    """The overview as CSV (UTF-8 with BOM and semicolons, as spreadsheets in Germany open
    it); amounts in whole euros without separators, so they stay numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in data.rows:
        writer.writerow(
            (
                row.stage.value,
                to_plain(stage_label(row.stage), language),
                row.subregion,
                row.cases,
                row.costs_eur,
                row.grant_eur,
            )
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def agenda_view(
    meeting: MeetingRow, cases: Sequence[CaseRow], alliance_of: Callable[[str], str]
) -> Msg:
    """A meeting's agenda: its cases in the order they were put on it, with their alliance
    and sums, so the Lenkungsgruppe sees the spread across the sub-regions too."""
    items = tuple(
        Msg(
            "procedure.view.agenda_item",
            {
                "position": position,
                "number": case.id,
                "title": case.title,
                "alliance": alliance_of(case.alliance_id),
                "costs": _money(case.costs_eur),
                "grant": _money(case.grant_eur),
                "stage": stage_label(case.stage),
            },
        )
        for position, case in enumerate(cases, start=1)
    )
    return Msg(
        "procedure.view.agenda",
        {
            "date": Day(meeting.held_on),
            "deadline": Day(meeting.deadline) if meeting.deadline else "–",
            "note": meeting.note or "–",
            "count": len(cases),
            "items": Lines(items) if items else Msg("procedure.view.agenda_empty"),
        },
    )


def erase_warning(in_procedure: int) -> Msg | None:
    """Said before a sponsor's erasure when cases are still in procedure (`cases_in_procedure`):
    erasing withdraws them without a word to the alliance or the coordination office."""
    if not in_procedure:
        return None
    return Msg("procedure.view.erase_warning", {"count": Count(in_procedure, "cases")})
