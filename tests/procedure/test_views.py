"""What each role sees: the sponsor a case with its stage, next steps, dates and history; a
contact the alliance's cases by stage; staff the overview per stage and sub-region with the
sums requested (chapter 6: a fair distribution across the sub-regions), as text and CSV, and
a meeting's agenda."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.kb.knowledge import KnowledgeBase
from bot.procedure.requests import Schedule, Submit, Withdraw
from bot.procedure.steps import Role
from bot.procedure.views import (
    CSV_COLUMNS,
    agenda_view,
    alliance_names,
    alliance_view,
    case_view,
    overview,
    overview_csv,
    overview_view,
    subregions,
)
from bot.storage.cases import CaseRow, Cases
from bot.storage.meetings import Meetings
from tests.procedure.conftest import (
    CONTACT,
    HANNOVER,
    HILDESHEIM,
    SPONSOR,
    STAFF,
    World,
    recorded,
    text,
)


async def three_cases(world: World) -> tuple[list[CaseRow], int]:
    """Two cases in Hildesheim (one submitted and scheduled, one handed over), one in
    Hannover (withdrawn); returns them and the meeting."""
    meeting_id = await world.meeting(
        date(2026, 5, 20), date(2026, 4, 30), "Amt für regionale Landesentwicklung, Hildesheim"
    )
    first = await world.draft(title="Pflegebrücke")
    await world.save_plan(first)
    handoff, outcome = await world.hand_over(first)
    case_one = recorded(outcome).case.id
    recorded(await world.take(CONTACT, handoff))
    recorded(await world.state(CONTACT, handoff, "supports"))
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_one, Submit()))
    recorded(await world.record(STAFF, Role.STAFF, case_one, Schedule(meeting_id)))
    second = await world.draft(title="Kita-Fachkräfte")
    recorded((await world.hand_over(second, title="Kita-Fachkräfte", costs=120_000))[1])
    third = await world.draft(title="Hafen Hannover")
    _, outcome = await world.hand_over(third, alliance=HANNOVER, title="Hafen Hannover")
    case_three = recorded(outcome).case.id
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_three, Withdraw()))
    async with world.transaction() as connection:
        cases = await Cases(connection, world.clock.now()).everyone()
    return cases, meeting_id


async def test_the_sponsor_sees_stage_next_steps_dates_and_history(world: World) -> None:
    cases, meeting_id = await three_cases(world)
    async with world.transaction() as connection:
        steps = await Cases(connection, world.clock.now()).steps(cases[0].id)
        meeting = await Meetings(connection, world.clock.now()).get(meeting_id)
    view = text(case_view(cases[0], steps, meeting=meeting))
    assert view.startswith("Fall Nr. 1: Pflegebrücke\nStand: für eine Sitzung der")
    assert "• Votum: befürwortet (Koordinierungsstelle)" in view
    assert "Sitzung der Lenkungsgruppe: 20.05.2026" in view
    assert "Geplanter Beginn: 01.03.2027" in view
    assert "02.03.2026 · Stellungnahme: unterstützt (lokale Fachkräfteallianz)" in view
    assert "Erinnerungen: ausgeschaltet" in view
    assert "Kontakt" not in view, "roles, never persons"
    english = text(case_view(cases[0], steps, meeting=meeting), "en")
    assert "Status: scheduled for a steering group meeting (version 1)" in english
    assert "Steering group meeting: 2026-05-20" in english


async def test_contacts_see_their_alliance_s_cases_by_stage(
    world: World, kb: KnowledgeBase
) -> None:
    cases, _ = await three_cases(world)
    mine = [c for c in cases if c.alliance_id == HILDESHEIM]
    view = text(alliance_view(alliance_names(kb)(HILDESHEIM), mine))
    assert view == (
        "Fälle: FaReHi (2)\n\n"
        "an die lokale Fachkräfteallianz übergeben (1)\n"
        "Nr. 2 „Kita-Fachkräfte“ · 120.000 € · Zuwendung –\n\n"
        "für eine Sitzung der Lenkungsgruppe vorgesehen (1)\n"
        "Nr. 1 „Pflegebrücke“ · 380.000 € · Zuwendung 266.000 €"
    )
    assert "Noch keine Fälle" in text(alliance_view("FaReHi", []))


async def test_staff_see_cases_per_stage_and_sub_region_with_the_sums(
    world: World, kb: KnowledgeBase
) -> None:
    cases, _ = await three_cases(world)
    data = overview(cases, subregions(kb))
    hildesheim = kb.subregion("hildesheim").name
    hannover = kb.subregion("hannover").name
    assert [(r.stage.value, r.subregion, r.cases, r.costs_eur, r.grant_eur) for r in data.rows] == [
        ("handed_over", hildesheim, 1, 120_000, 0),
        ("scheduled", hildesheim, 1, 380_000, 266_000),
        ("withdrawn", hannover, 1, 380_000, 0),
    ]
    assert [(t.subregion, t.cases, t.costs_eur, t.grant_eur) for t in data.totals] == [
        (hildesheim, 2, 500_000, 266_000)
    ], "withdrawn cases leave the distribution"
    shown = text(overview_view(data))
    assert f"für eine Sitzung der Lenkungsgruppe vorgesehen · {hildesheim}: 1" in shown
    assert f"{hildesheim}: 2 · Gesamtkosten 500.000 € · Zuwendung 266.000 €" in shown
    assert text(overview_view(overview([], subregions(kb)))) == "Noch kein Fall im Verfahren."


async def test_the_overview_as_csv_opens_in_a_spreadsheet(world: World, kb: KnowledgeBase) -> None:
    cases, _ = await three_cases(world)
    content = overview_csv(overview(cases, subregions(kb)), "de")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[2] == [
        "scheduled",
        "für eine Sitzung der Lenkungsgruppe vorgesehen",
        kb.subregion("hildesheim").name,
        "1",
        "380000",
        "266000",
    ]
    english = overview_csv(overview(cases, subregions(kb)), "en").decode("utf-8-sig")
    assert "scheduled for a steering group meeting" in english


async def test_a_meeting_s_agenda_lists_its_cases(world: World, kb: KnowledgeBase) -> None:
    _, meeting_id = await three_cases(world)
    async with world.transaction() as connection:
        meeting = await Meetings(connection, world.clock.now()).get(meeting_id)
        agenda = await Cases(connection, world.clock.now()).on_agenda(meeting_id)
    assert meeting is not None
    view = text(agenda_view(meeting, agenda, alliance_names(kb)))
    assert view == (
        "Sitzung der Lenkungsgruppe am 20.05.2026\n"
        "Einreichungsfrist: 30.04.2026\n"
        "Amt für regionale Landesentwicklung, Hildesheim\n\n"
        "Tagesordnung (1)\n"
        "1. Nr. 1 „Pflegebrücke“ · FaReHi · Gesamtkosten 380.000 € · Zuwendung 266.000 € · "
        "für eine Sitzung der Lenkungsgruppe vorgesehen"
    )
