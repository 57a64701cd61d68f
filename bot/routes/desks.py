"""The desks the router hands events to, built once in the composition root (`runtime.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.advice.advise import Advisor
from bot.alliance.delivery import DeliveryDesk
from bot.alliance.desk import AllianceDesk
from bot.alliance.human import HumanDesk
from bot.alliance.inbox import ContactInbox
from bot.alliance.knowledge import KnowledgeDesk
from bot.alliance.relay import Relay
from bot.alliance.sketches import HandoffSketches, Render
from bot.alliance.staff import StaffDesk
from bot.alliance.team import TeamDesk
from bot.clock import Clock
from bot.dialogs.drafts_menu import DraftsMenu
from bot.kb.store import KnowledgeStore
from bot.routes.cases import CaseDesk
from bot.routes.feedback import FeedbackDesk
from bot.routes.handoff import HandoffRequests
from bot.routes.meeting_advisors import MeetingAdvisors
from bot.routes.privacy import PrivacyDesk
from bot.routes.session import SessionDesk
from bot.routes.sketch import SketchExport, SketchMaker
from bot.storage.db import Database


@dataclass(frozen=True)
class Desks:
    menu: DraftsMenu
    alliance: AllianceDesk
    inbox: ContactInbox
    relay: Relay
    staff: StaffDesk
    privacy: PrivacyDesk
    sketches: HandoffSketches
    team: TeamDesk
    """The delivery worker attaches a handoff's PDF with it (`OutboxWorker.prepare`)."""
    cases: CaseDesk
    """The procedure after the handoff: the sponsor's case, staff's overview."""
    delivery: DeliveryDesk
    """The delivery worker reports with it how a delivery went (`OutboxWorker.settled`)."""
    human: HumanDesk
    """/mensch: a person at any step."""
    feedback: FeedbackDesk
    """👍/👎 after the summary."""
    sketch_export: SketchExport
    """The Projektskizze asked for, rendered after the commit."""
    session: SessionDesk
    """The drafts menu's buttons (`session:…`)."""
    knowledge: KnowledgeDesk | None
    """Staff's knowledge commands, presses and files; None: a service without them (tests)."""
    handoffs: HandoffRequests
    """Carries out the engine's requests to hand a draft over, in the update's transaction."""
    meetings: MeetingAdvisors
    """The turn's advisor with staff's meetings (#13's lead-time warning)."""


def build_desks(
    database: Database,
    clock: Clock,
    advisor: Callable[[], Advisor],
    *,
    alliance_pdf: Render = lambda state, language: None,
    bot_username: Callable[[], str] = lambda: "foerderlotse_bot",
    retention_months: int = 12,
    admin_ids: frozenset[int] = frozenset(),
    sketch: SketchMaker | None = None,
    knowledge: KnowledgeStore | None = None,
) -> Desks:
    """`advisor`: the live knowledge base's advisor (staff may replace it at run time), for
    what runs outside a turn (the scheduler's rounds, the worker's delivery reports, the
    purge); within a turn every desk reads the turn's (`Turn.advisor`). `admin_ids`: the
    configured staff (`BOT_ADMIN_IDS`); with those added in the bot they are staff
    (`bot.storage.staff.is_staff`)."""
    alliance = AllianceDesk(lambda: advisor().kb, admin_ids)
    inbox = ContactInbox(alliance)
    menu = DraftsMenu()
    privacy = PrivacyDesk(clock, retention_months, advisor)
    sketch_export = SketchExport(sketch)
    return Desks(
        menu=menu,
        alliance=alliance,
        inbox=inbox,
        relay=Relay(alliance, inbox),
        staff=StaffDesk(bot_username),
        privacy=privacy,
        sketches=HandoffSketches(database, clock, alliance_pdf),
        cases=CaseDesk(alliance.procedure),
        team=TeamDesk(bot_username),
        delivery=DeliveryDesk(lambda: advisor().kb, admin_ids),
        human=HumanDesk(alliance),
        feedback=FeedbackDesk(),
        sketch_export=sketch_export,
        session=SessionDesk(menu, privacy, sketch_export),
        knowledge=KnowledgeDesk(knowledge, clock) if knowledge is not None else None,
        handoffs=HandoffRequests(alliance),
        meetings=MeetingAdvisors(),
    )
