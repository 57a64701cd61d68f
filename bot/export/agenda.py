"""A meeting's agenda as one PDF: the meeting, its cases in the order they were put on it,
then the Projektskizze of each case as it was handed over, with the cost and financing plan
submitted (issue 16 point 6: the Lenkungsgruppe prepares its Votum from one document).

Built from the same `Sketch` content as a single Projektskizze, so the PDF renderer lays it out
without a second code path; each case's sections carry its agenda item in their heading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.advice.advise import Advisor
from bot.core.answers import facts_from_answers
from bot.core.outputs import Document
from bot.core.plan import Plan
from bot.core.state import DialogState
from bot.export import MEDIA_TYPES, render_pdf
from bot.export.documents import sponsor_of
from bot.export.sketch import Bullet, Bullets, Item, Paragraph, Section, Sketch, build_sketch
from bot.texts.catalog import Language, Msg, Param
from bot.texts.formats import Day, Eur
from bot.texts.markup import to_plain


@dataclass(frozen=True)
class AgendaCase:
    """A case on the agenda with what its Projektskizze is made of."""

    number: int
    title: str
    alliance: str
    costs_eur: int | None
    grant_eur: int | None
    state: DialogState | None
    """The draft as its current revision was handed over; None when it is gone (erased)."""
    plan: Plan | None


@dataclass(frozen=True)
class Meeting:
    held_on: date
    deadline: date | None
    note: str


def _money(amount: int | None) -> Param:
    return Eur(amount) if amount is not None else "–"


def agenda_document(
    meeting: Meeting,
    cases: Sequence[AgendaCase],
    advisor: Advisor,
    language: Language,
    today: date,
) -> Document:
    def plain(key: str, params: dict[str, Param] | None = None) -> str:
        return to_plain(Msg(key, params or {}), language)

    items = tuple(
        Bullet(
            plain(
                "agenda.item",
                {
                    "position": position,
                    "number": case.number,
                    "title": case.title,
                    "alliance": case.alliance,
                },
            ),
            (
                plain(
                    "agenda.sums",
                    {"costs": _money(case.costs_eur), "grant": _money(case.grant_eur)},
                ),
            ),
        )
        for position, case in enumerate(cases, start=1)
    )
    agenda = Section(
        "agenda",
        plain("agenda.heading"),
        (Bullets(items),) if items else (Paragraph(plain("agenda.empty")),),
    )
    sections = [agenda]
    for position, case in enumerate(cases, start=1):
        prefix = plain("agenda.prefix", {"position": position})
        if case.state is None:
            sections.append(
                Section(
                    f"case{position}", f"{prefix} {case.title}", (Paragraph(plain("agenda.gone")),)
                )
            )
            continue
        advice = advisor.advise(facts_from_answers(case.state.answers), today)
        sketch = build_sketch(
            case.state,
            advice,
            advisor.kb,
            language,
            sponsor_of(case.state.answers),
            created=today,
            plan=case.plan,
        )
        head = Section(
            f"case{position}",
            f"{prefix} {sketch.title}",
            (*sketch.meta, *(Paragraph(note, "note") for note in sketch.notes)),
        )
        sections.append(head)
        sections += [
            replace(section, heading=f"{prefix} {section.heading}") for section in sketch.sections
        ]
    date_text = plain("agenda.date", {"date": Day(meeting.held_on)})
    title = plain("agenda.title", {"date": Day(meeting.held_on)})
    meta = (
        Item(plain("agenda.label.date"), date_text),
        Item(
            plain("agenda.label.deadline"),
            Day(meeting.deadline).localize(language) if meeting.deadline else "–",
        ),
        Item(plain("agenda.label.note"), meeting.note or "–"),
        Item(plain("agenda.label.count"), str(len(cases))),
    )
    sketch = Sketch(
        language=language,
        created=today,
        title=title,
        title_given=True,
        kicker=plain("agenda.kicker"),
        meta=meta,
        notes=(plain("agenda.note"),),
        sections=tuple(sections),
        open_marker=plain("export.open"),  # the cases' own sketches mark what is open
        author=plain("export.author"),
        subject=title,
        page_header=title,
        page_footer=plain("agenda.footer"),
        page_number=plain("export.page_number", {"page": "{page}", "pages": "{pages}"}),
        slug="",
    )
    name = f"tagesordnung_{meeting.held_on.isoformat()}.pdf"
    return Document(
        name,
        render_pdf(sketch),
        MEDIA_TYPES["pdf"],
        Msg("agenda.caption", {"date": Day(meeting.held_on)}),
    )
