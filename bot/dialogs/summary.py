"""The summary screen, built from the answers and one `Advice`."""

from __future__ import annotations

from collections.abc import Sequence

from bot.advice.advise import Advice, field_why, project_why
from bot.advice.eligibility import Status
from bot.advice.matching import DUPLICATE_THRESHOLD
from bot.dialogs.model import Button, Dialog, DialogState, Reply, Step
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Localized, Msg
from bot.texts.formats import Choice, Day, Eur, Lines, Month
from bot.understanding.places import Elsewhere
from bot.understanding.yearmonth import YearMonth

DATE_HINTS = frozenset({"advice.hint.next_meeting", "advice.hint.meetings_unknown"})
SHOWN_FIELDS = 2
SHOWN_PROJECTS = 3
STATUS_ICONS = {
    Status.ELIGIBLE: "✅",
    Status.NEEDS_JUSTIFICATION: "⚠️",
    Status.INCOMPLETE: "📝",
    Status.NOT_ELIGIBLE: "❌",
    Status.OUT_OF_REGION: "🧭",
}


def summary_reply(
    state: DialogState, advice: Advice, notes: Sequence[Msg], dialog: Dialog, kb: KnowledgeBase
) -> Reply:
    parts: list[Msg] = [*notes, Msg("summary.title")]
    parts.append(_answers(state, dialog))
    parts.append(_pre_check(advice))
    if advice.eligibility.status is not Status.OUT_OF_REGION:
        parts.append(_fields(advice, kb))
    parts.append(_projects(advice, kb))
    parts.append(_dates(advice, kb))
    parts.append(_contact(advice))
    parts.append(_next_steps(kb))
    parts.append(_hints(advice))
    return Reply(parts=tuple(parts), buttons=summary_buttons(), step="summary")


def summary_buttons() -> tuple[tuple[Button, ...], ...]:
    return (
        (
            Button(Msg("summary.button.edit"), "summary:edit"),
            Button(Msg("summary.button.complete"), "summary:complete"),
        ),
        (
            Button(Msg("summary.button.export"), "session:export"),
            Button(Msg("summary.button.handoff"), "summary:handoff"),
        ),
        (Button(Msg("summary.button.ask"), "summary:ask"),),
        (
            Button(Msg("summary.button.save"), "session:save"),
            Button(Msg("summary.button.new"), "session:new"),
        ),
    )


FAILING = frozenset({Status.NOT_ELIGIBLE, Status.INCOMPLETE, Status.OUT_OF_REGION})


def consent_reply(
    state: DialogState, advice: Advice, notes: Sequence[Msg], dialog: Dialog, kb: KnowledgeBase
) -> Reply:
    """Exactly what will be sent, and the question whether it may be."""
    kind = "question" if _kind(state) == "question" else "handoff"
    alliance = advice.alliance.name if advice.alliance else ""
    parts: list[Msg] = [*notes, Msg(f"handoff.preview.{kind}", {"alliance": alliance})]
    parts += [_answers(state, dialog), _pre_check(advice)]
    parts.append(Msg("handoff.preview.attachment"))
    failing = advice.eligibility.status in FAILING and kind == "handoff"
    if failing:
        parts.append(Msg("handoff.preview.warning"))
    parts.append(Msg("handoff.preview.consent", {"alliance": alliance}))
    send = Msg("handoff.button.send_anyway" if failing else "handoff.button.send")
    return Reply(
        parts=tuple(parts),
        buttons=(
            (Button(send, "consent:yes"),),
            (Button(Msg("handoff.button.cancel"), "consent:no"),),
        ),
        step="consent",
    )


def _kind(state: DialogState) -> str:
    answer = state.answers.get("handoff_kind")
    return str(answer.value) if answer is not None else "handoff"


def edit_menu(steps: Sequence[Step]) -> Reply:
    buttons = [Button(Msg(step.label), f"edit:{step.id}") for step in steps]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append((Button(Msg("summary.button.back_to_summary"), "summary:show"),))
    return Reply(parts=(Msg("summary.edit_prompt"),), buttons=tuple(rows), step="edit")


def _answers(state: DialogState, dialog: Dialog) -> Msg:
    lines: list[Localized | str] = []
    for step in (*dialog.steps, *dialog.extra_steps, *dialog.handoff_steps):
        answer = state.answers.get(step.id)
        if answer is None:
            continue
        text = answer.text if len(answer.text) <= 400 else answer.text[:400] + " …"
        value = answer.value
        if step.id == "costs" and isinstance(value, int):
            shown: Localized | str = Eur(value)
        elif step.id == "start" and isinstance(value, str):
            shown = Month(YearMonth.parse_iso(value))
        elif step.id == "duration" and isinstance(value, int):
            shown = Msg("summary.months", {"months": value})
        elif step.id == "region" and isinstance(value, dict):
            shown = Msg("summary.place", {"answer": text, "name": str(value.get("name", ""))})
        else:
            shown = text
        lines.append(Msg("summary.answer", {"label": Msg(step.label), "value": shown}))
    return Msg("summary.answers", {"items": Lines(tuple(lines))})


def _pre_check(advice: Advice) -> Msg:
    eligibility = advice.eligibility
    reasons = Lines(tuple(Msg("summary.bullet", {"text": r}) for r in eligibility.reasons))
    return Msg(
        "summary.pre_check",
        {
            "icon": STATUS_ICONS[eligibility.status],
            "status": Msg(f"advice.status.{eligibility.status.value}"),
            "reasons": reasons if eligibility.reasons else Msg("summary.no_reasons"),
        },
    )


def _fields(advice: Advice, kb: KnowledgeBase) -> Msg:
    items: list[Localized | str] = []
    for match in advice.matches.action_fields[:SHOWN_FIELDS]:
        if match.score <= 0:
            continue
        field = kb.action_field(match.id)
        items.append(
            Msg(
                "summary.field",
                {
                    "id": match.id,
                    "title": Choice(field.title, field.title_en),
                    "why": Lines(field_why(match, kb), "; "),
                },
            )
        )
    if not items:
        return Msg("summary.fields_none")
    return Msg("summary.fields", {"items": Lines(tuple(items))})


def _projects(advice: Advice, kb: KnowledgeBase) -> Msg:
    items: list[Localized | str] = []
    for match in advice.matches.projects[:SHOWN_PROJECTS]:
        project = kb.project(match.id)
        districts = ", ".join(kb.district(d).name for d in project.districts)
        items.append(
            Msg(
                "summary.project",
                {
                    "title": project.title,
                    "districts": districts,
                    "why": Lines(project_why(match, kb), "; "),
                },
            )
        )
        if match.same_district and match.score >= DUPLICATE_THRESHOLD:
            items.append(Msg("summary.duplicate_warning", {"title": project.title}))
    return Msg("summary.projects", {"items": Lines(tuple(items))})


def _dates(advice: Advice, kb: KnowledgeBase) -> Msg:
    eligibility = advice.eligibility
    items: list[Localized | str] = [
        Msg("summary.date.latest_end", {"date": Day(kb.rules.limits.latest_end)})
    ]
    if eligibility.end is not None:
        items.append(Msg("summary.date.project_end", {"month": Month(eligibility.end)}))
    if eligibility.report_due is not None:
        items.append(Msg("summary.date.report_due", {"month": Month(eligibility.report_due)}))
    if eligibility.next_meeting is not None:
        items.append(Msg("summary.date.next_meeting", {"date": Day(eligibility.next_meeting.date)}))
    else:
        items.append(Msg("summary.date.meetings_unknown"))
    return Msg("summary.dates", {"items": Lines(tuple(items))})


def _hints(advice: Advice) -> Msg:
    # Meeting dates already stand under the key dates.
    hints = [hint for hint in advice.eligibility.hints if hint.key not in DATE_HINTS]
    items = tuple(Msg("summary.bullet", {"text": hint}) for hint in hints)
    return Msg("summary.hints", {"items": Lines(items)})


def _contact(advice: Advice) -> Msg:
    if advice.alliance is not None:
        return Msg("summary.contact", {"alliance": advice.alliance.name})
    if advice.referral is not None:
        return Msg("summary.contact_referral", {"alliance": advice.referral.name})
    if isinstance(advice.facts.place, Elsewhere):
        return Msg("summary.contact_outside", {"place": advice.facts.place.name})
    return Msg("summary.contact_unknown")


def _next_steps(kb: KnowledgeBase) -> Msg:
    steps = tuple(
        Msg("summary.numbered", {"number": index, "text": Choice(step.title, step.title_en)})
        for index, step in enumerate(kb.rules.procedure, start=1)
    )
    return Msg("summary.next_steps", {"items": Lines(steps)})
