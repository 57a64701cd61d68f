"""The summary screen, built from the answers and one `Advice`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bot.advice.advise import Advice, field_why, group_labels, project_why
from bot.advice.eligibility import Status
from bot.advice.matching import FieldMatch
from bot.base.normalize import fold
from bot.core.answers import PLAN_ANSWERS, SponsorAnswers, read_answers
from bot.core.outputs import Button, Reply
from bot.core.plan import Plan
from bot.core.state import Answer, DialogState, Sent
from bot.core.steps import Step
from bot.dialogs.answers import ORGANISATION_KINDS, handoff_kind, sent_content
from bot.dialogs.sourced import contact_details, next_steps, sourced, stand
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Localized, Msg, Param
from bot.texts.formats import Choice, Count, Day, Eur, Lines, Month
from bot.understanding.places import Elsewhere, InRegion

SHOWN_ELSEWHERE = frozenset(
    {"advice.hint.next_meeting", "advice.hint.meetings_unknown", "advice.hint.pre_check_only"}
)
"""Hints the summary shows in their own place (key dates, the pre-check heading)."""
SHORTER = {
    "trust.lead.dates_unknown": "polish.lead_dates_unknown",
    "trust.cap.raises_unknown": "polish.cap_raises_unknown",
}
"""Hints the summary words shorter, with the same parameters: their long form repeats what it
says elsewhere (the steering group's meetings in the next steps, the office in the contacts,
when a justification is needed in the pre-check's reason)."""
TITLE = "summary.title"
SENT_LIST = "summary.sent.list"
"""The summary's part naming what was sent from the draft, and when."""
SHOWN_FIELDS = 2
SHOWN_PROJECTS = 3
SHOWN_WORDS = 4
"""Keywords named per action field: enough to see why, short enough for a phone."""
STATUS_ICONS = {
    Status.ELIGIBLE: "✅",
    Status.NEEDS_JUSTIFICATION: "⚠️",
    Status.INCOMPLETE: "📝",
    Status.NOT_ELIGIBLE: "❌",
    Status.OUT_OF_REGION: "🧭",
}


def summary_reply(
    state: DialogState,
    advice: Advice,
    notes: Sequence[Msg],
    steps: Sequence[Step],
    kb: KnowledgeBase,
) -> Reply:
    """`steps`: the questions whose answers are shown (those whose condition holds)."""
    # Read on a phone, in one message where it can be: the verdict and what is missing, what
    # to mind, what to do next and whom to ask first; the details after; each fact once.
    parts: list[Msg] = [*notes, Msg(TITLE)]
    if state.sent:
        parts.append(_sent(state, kb))
    outside = advice.eligibility.status is Status.OUT_OF_REGION
    parts.append(_pre_check(advice, source=_pre_check_source(advice, kb)))
    hints = _hints(advice)
    if hints is not None:
        parts.append(hints)
    if advice.alliance is not None and _has_local_alliance(advice):
        # The procedure of Leine-Weser; elsewhere another alliance's procedure applies.
        parts.append(next_steps(kb, advice.alliance))
    parts.append(_with_takers(_contact(advice, kb), state, kb))
    if not outside:
        # Leine-Weser's dates, action fields and projects do not apply elsewhere (#15 point 8).
        parts.append(_dates(advice, kb))
        parts.append(_fields(advice, kb))
        parts.append(_projects(advice, kb))
    parts.append(_answers(state, steps, kb))
    parts.append(stand(kb))
    return Reply(parts=tuple(parts), buttons=summary_buttons(advice), step="summary")


def _sent(state: DialogState, kb: KnowledgeBase) -> Msg:
    """What went to the alliance from this draft, and whether it changed since the last
    handoff (then "Übergeben" sends the new version)."""
    lines: list[Localized | str] = [
        Msg(f"summary.sent.{key}", _sent_params(sent, kb))
        for sent in state.sent
        for key in (_sent_key(sent),)
    ]
    handoffs = [sent for sent in state.sent if sent.kind == "handoff"]
    if handoffs and handoffs[-1].content != sent_content(state.answers):
        lines.append(Msg("summary.sent.changed"))
    return Msg(SENT_LIST, {"items": Lines(tuple(lines))})


def _sent_key(sent: Sent) -> str:
    """A handoff nobody could receive is not called handed over until a contact took it."""
    return "waiting" if sent.waiting and not sent.taken_by else sent.kind


def already_sent_note(sent: Sent, kb: KnowledgeBase) -> Msg:
    """A consent (or "Übergeben") for what was already sent: nothing is sent again."""
    key = _sent_key(sent)
    return Msg(f"handoff.already.{key}", _sent_params(sent, kb))


def sent_confirmation(sent: Sent, kb: KnowledgeBase) -> Msg:
    """What the sponsor is told right after consenting (and again should that reply have
    been lost with a crash)."""
    return Msg(f"alliance.sponsor.sent_{sent.kind}", {"alliance": _alliance_name(sent, kb)})


def _sent_params(sent: Sent, kb: KnowledgeBase) -> dict[str, Param]:
    return {"alliance": _alliance_name(sent, kb), "number": sent.number, "day": Day(sent.day)}


def _alliance_name(sent: Sent, kb: KnowledgeBase) -> str:
    try:
        return kb.local_alliance(sent.alliance).name
    except KeyError:  # staff removed it from the knowledge base since
        return sent.alliance


def alliance_summary(advice: Advice, kb: KnowledgeBase) -> Lines:
    """The summary as a contact of the local alliance judges a handed-over draft on a phone:
    the pre-check with its reasons, the fitting action fields (why, briefly) and the similar
    projects, a look-alike in the same district called out, since the alliance is to avoid
    Doppelstrukturen. Key dates, next steps and hints are the sponsor's, and the answers stand
    in the notification's head and the PDF."""
    parts: list[Msg] = [
        _pre_check(advice, "alliance.summary.pre_check"),
        _fields(advice, kb, none="alliance.summary.fields_none"),
    ]
    if advice.matches.projects:
        parts.append(_projects(advice, kb, warning="alliance.summary.duplicate_warning"))
    return Lines(tuple(parts), "\n\n")


def _has_local_alliance(advice: Advice) -> bool:
    return advice.alliance is not None and isinstance(advice.facts.place, InRegion)


def summary_buttons(advice: Advice) -> tuple[tuple[Button, ...], ...]:
    """Handing over and asking only where a local alliance of Leine-Weser is responsible."""
    rows: list[tuple[Button, ...]] = [
        (
            Button(Msg("summary.button.edit"), "summary:edit"),
            Button(Msg("summary.button.complete"), "summary:complete"),
        ),
    ]
    if _has_local_alliance(advice):
        rows += [
            (
                Button(Msg("summary.button.export"), "session:export"),
                Button(Msg("summary.button.handoff"), "summary:handoff"),
            ),
            (Button(Msg("summary.button.ask"), "summary:ask"),),
        ]
    else:
        rows.append((Button(Msg("summary.button.export"), "session:export"),))
    rows.append(
        (
            Button(Msg("summary.button.save"), "session:save"),
            Button(Msg("summary.button.new"), "session:new"),
        )
    )
    # issue 15: did the advice help? (`bot.routes.feedback`)
    rows.append(
        (
            Button(Msg("feedback.button.up"), "sponsor:feedback:up"),
            Button(Msg("feedback.button.down"), "sponsor:feedback:down"),
        )
    )
    return tuple(rows)


FAILING = frozenset({Status.NOT_ELIGIBLE, Status.INCOMPLETE, Status.OUT_OF_REGION})


def consent_reply(
    state: DialogState,
    advice: Advice,
    notes: Sequence[Msg],
    steps: Sequence[Step],
    kb: KnowledgeBase,
) -> Reply:
    """Exactly what will be sent, and the question whether it may be."""
    kind = handoff_kind(state)
    # "an die A und die B", "der A und der B": every alliance concerned gets it.
    names = [a.name for a in advice.alliances]
    alliance = Choice(" und die ".join(names), " and the ".join(names))
    parts: list[Msg] = [*notes, Msg(f"handoff.preview.{kind}", {"alliance": alliance})]
    parts += [_answers(state, steps, kb), _pre_check(advice)]
    parts.append(Msg("handoff.preview.attachment"))
    failing = advice.eligibility.status in FAILING and kind == "handoff"
    if failing:
        parts.append(Msg("handoff.preview.warning"))
    of_alliances = Choice(" und der ".join(names), " and the ".join(names))
    parts.append(Msg("handoff.preview.consent", {"alliance": of_alliances}))
    send = Msg("handoff.button.send_anyway" if failing else "handoff.button.send")
    return Reply(
        parts=tuple(parts),
        buttons=(
            (Button(send, "consent:yes"),),
            (Button(Msg("handoff.button.cancel"), "consent:no"),),
        ),
        step="consent",
    )


def edit_menu(steps: Sequence[Step]) -> Reply:
    buttons = [Button(Msg(step.label), f"edit:{step.id}") for step in steps]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append((Button(Msg("summary.button.back_to_summary"), "summary:show"),))
    return Reply(parts=(Msg("summary.edit_prompt"),), buttons=tuple(rows), step="edit")


def _answers(state: DialogState, steps: Sequence[Step], kb: KnowledgeBase) -> Msg:
    lines: list[Localized | str] = []
    answers = read_answers(state.answers)
    for step in steps:
        if step.id not in answers.texts:
            continue
        shown = _shown(step.id, answers, kb)
        lines.append(Msg("summary.answer", {"label": Msg(step.label), "value": shown}))
    return Msg("summary.answers", {"items": Lines(tuple(lines))})


def _shown(step_id: str, answers: SponsorAnswers, kb: KnowledgeBase) -> Localized | str:
    """An answer as understood, in the reader's language where it was a choice."""
    given = answers.text(step_id)
    text = given if len(given) <= 400 else given[:400] + " …"
    how = SHOWN_AS.get(step_id)
    shown = how(answers, kb, text) if how is not None else None
    return text if shown is None else shown


def _target_groups(answers: SponsorAnswers, kb: KnowledgeBase, text: str) -> Localized | None:
    if answers.target_group_text:
        return None  # described in words: shown as written
    known = [g.id for g in kb.target_groups if g.id in answers.target_groups]
    return group_labels(known, kb) if known else None


def _organisation(answers: SponsorAnswers, kb: KnowledgeBase, text: str) -> Localized | None:
    for kind, de, en in ORGANISATION_KINDS:
        if answers.organisation == kind and fold(text) in (fold(de), fold(en)):
            return Choice(de, en)
    return None


def _plan(step: str) -> ShownAs:
    def shown(answers: SponsorAnswers, kb: KnowledgeBase, text: str) -> Localized | None:
        return None if answers.plan is None else _plan_part(step, answers.plan)

    return shown


ShownAs = Callable[[SponsorAnswers, KnowledgeBase, str], Localized | None]
"""An answer as the summary shows it, from the decoded answers (and the words, cut); None:
the words as they were typed."""
SHOWN_AS: Mapping[str, ShownAs] = {
    "costs": lambda a, kb, text: None if a.costs_eur is None else Eur(a.costs_eur),
    "start": lambda a, kb, text: None if a.start is None else Month(a.start),
    "duration": lambda a, kb, text: (
        None if a.duration_months is None else Count(a.duration_months, "months")
    ),
    "region": lambda a, kb, text: None if a.place is None else _place(a.place, kb),
    "target_group": _target_groups,
    "organisation": _organisation,
    **{step: _plan(step) for step in PLAN_ANSWERS},
}
"""How the summary shows the answer of a question, one row a question; a question without a
row, or whose row gives None, is shown in the words it was answered in."""


def _plan_part(step: str, plan: Plan) -> Lines:
    """A guided part of the plan on one line: "Personal 300.000 €; Sachkosten 50.000 €"."""
    if step == "plan_work_steps":
        return Lines(
            tuple(
                Msg(
                    "plan16.shown_step",
                    {"first": w.first_month, "last": w.last_month, "title": w.title},
                )
                for w in plan.work_steps
            ),
            "; ",
        )
    labelled = (
        [(f"procedure.plan.category.{c.category.value}", c.amount_eur) for c in plan.costs]
        if step == "plan_costs"
        else [(f"procedure.plan.source.{f.kind.value}", f.amount_eur) for f in plan.financing]
    )
    return Lines(
        tuple(
            Msg("plan16.shown_item", {"label": Msg(key), "amount": Eur(a)}) for key, a in labelled
        ),
        "; ",
    )


def shown_answer(step: Step, answer: Answer, kb: KnowledgeBase) -> Localized | str:
    """An answer as the summary shows it (also for "Verstanden: …" in the dialog)."""
    return _shown(step.id, read_answers({step.id: answer}), kb)


def _place(place: InRegion | Elsewhere, kb: KnowledgeBase) -> Msg | Lines:
    """ "Garbsen (Region Hannover)": the place as understood and where it belongs; each of
    them for a project in several places."""
    if isinstance(place, InRegion) and place.also:
        return Lines(tuple(_place(p, kb) for p in place.places), ", ")
    name = place.name
    area = ""
    try:
        if isinstance(place, InRegion):
            if place.district_id:
                area = kb.district(place.district_id).name
            else:
                area = kb.subregion(place.subregion_id).name
        elif place.alliance_id:
            area = kb.regional_alliance(place.alliance_id).name
        elif place.country or place.state:
            area = str(place.country or place.state)
    except KeyError:  # a knowledge base changed since: the name alone still says it
        area = ""
    if not area or fold(area) == fold(name):
        return Msg("summary.place_plain", {"name": name})
    return Msg("summary.place", {"name": name, "area": area})


def _pre_check_source(advice: Advice, kb: KnowledgeBase) -> str:
    """The rules the pre-check applied; for a place elsewhere, where the referral comes from."""
    if advice.eligibility.status is Status.OUT_OF_REGION and advice.referral is not None:
        return advice.referral.source
    return kb.rules.limits.source


def _pre_check(advice: Advice, key: str = "summary.pre_check", source: str | None = None) -> Msg:
    eligibility = advice.eligibility
    reasons: Localized = Lines(
        tuple(Msg("summary.bullet", {"text": r}) for r in eligibility.reasons)
    )
    if not eligibility.reasons:
        reasons = Msg("summary.no_reasons")
    if source is not None:
        reasons = sourced(reasons, source)
    status = eligibility.status.value
    if eligibility.status is Status.NEEDS_JUSTIFICATION and advice.facts.justification.strip():
        status = "justification_given"
    return Msg(
        key,
        {
            "icon": STATUS_ICONS[eligibility.status],
            "status": Msg(f"summary.status.{status}"),
            "disclaimer": Msg("advice.hint.pre_check_only"),
            "reasons": reasons,
        },
    )


def _fields(advice: Advice, kb: KnowledgeBase, none: str = "summary.fields_none") -> Msg:
    items: list[Localized | str] = []
    for match in advice.matches.fitting[:SHOWN_FIELDS]:
        field = kb.action_field(match.id)
        shown = Msg(
            "summary.field",
            {
                "id": match.id,
                "title": Choice(field.title, field.title_en),
                "why": Lines(_field_why(match, kb), "; "),
            },
        )
        # The sub-goal named in "why" is a part of the field's chapter.
        goals = match.sub_goals[:1]
        items.append(
            sourced(shown, f"{field.source}, Unterziel {goals[0]}" if goals else field.source)
        )
    if not items:
        return Msg(none)
    return Msg("summary.fields", {"items": Lines(tuple(items))})


def _field_why(match: FieldMatch, kb: KnowledgeBase) -> tuple[Msg, ...]:
    """Why, short: a few keywords not already said by the target group (the similar projects
    follow in their own list)."""
    groups = [kb.target_group(g) for g in match.target_groups]
    said = {fold(name) for g in groups for name in (g.label, g.label_en)}
    words: list[str] = []
    for word in match.words:
        key = fold(word)
        if key in said or any(key[:6] == fold(w)[:6] for w in words):
            continue
        words.append(word)
    return field_why(match, kb, words=words[:SHOWN_WORDS], with_projects=False)


def _projects(advice: Advice, kb: KnowledgeBase, warning: str = "summary.duplicate_warning") -> Msg:
    items: list[Localized | str] = []
    if not advice.matches.projects:
        return Msg("summary.projects_none")
    for match in advice.matches.projects[:SHOWN_PROJECTS]:
        project = kb.project(match.id)
        districts = ", ".join(kb.district(d).name for d in project.districts)
        why = project_why(match, kb, with_duplicate=False)  # the warning below says it
        shown = Msg(
            "summary.project",
            {"title": project.title, "districts": districts, "why": Lines(why, "; ")},
        )
        items.append(sourced(shown, project.source))
        if match.possible_duplicate:
            items.append(Msg(warning, {"title": project.title}))
    return Msg("summary.projects", {"items": Lines(tuple(items))})


def _dates(advice: Advice, kb: KnowledgeBase) -> Msg:
    """The key dates, with the sources they rest on below them (one line: a phone's screen)."""
    eligibility = advice.eligibility
    items: list[Localized | str] = [
        Msg("summary.date.latest_end", {"date": Day(kb.rules.limits.latest_end)})
    ]
    if eligibility.end is not None:
        items.append(Msg("summary.date.project_end", {"month": Month(eligibility.end)}))
    if eligibility.report_due is not None:
        items.append(Msg("summary.date.report_due", {"month": Month(eligibility.report_due)}))
    meeting = eligibility.next_meeting
    sources = [kb.rules.limits.source]
    if meeting is not None and meeting.note:
        items.append(
            Msg("summary.date.next_meeting_note", {"date": Day(meeting.date), "note": meeting.note})
        )
        sources.append(meeting.source)
    elif meeting is not None:
        items.append(Msg("summary.date.next_meeting", {"date": Day(meeting.date)}))
        sources.append(meeting.source)
    else:
        items.append(Msg("summary.date.meetings_unknown"))
        sources.append(kb.rules.steering_group.source)
    shown = sourced(Lines(tuple(items)), "; ".join(sources))
    return Msg("summary.dates", {"items": shown})


def _hints(advice: Advice) -> Msg | None:
    """None where nothing is left to say: no heading without content."""
    # Meeting dates already stand under the key dates.
    hints = [
        Msg(SHORTER.get(hint.key, hint.key), hint.params)
        for hint in advice.eligibility.hints
        if hint.key not in SHOWN_ELSEWHERE
    ]
    items = tuple(Msg("summary.bullet", {"text": hint}) for hint in hints)
    return Msg("summary.hints", {"items": Lines(items)}) if items else None


def _with_takers(contact: Msg, state: DialogState, kb: KnowledgeBase) -> Msg:
    """The first contact, and the registered contact persons who took a handoff of this draft
    (as the handoffs say now: nobody is named before one has taken it)."""
    takers = [
        Msg(
            "trust.contact.taken",
            {"name": sent.taken_by, "alliance": _alliance_name(sent, kb), "number": sent.number},
        )
        for sent in state.sent
        if sent.kind == "handoff" and sent.taken_by
    ]
    if not takers:
        return contact
    return Msg(
        "summary.contact_with_details", {"contact": contact, "details": Lines(tuple(takers))}
    )


def _contact(advice: Advice, kb: KnowledgeBase) -> Msg:
    if advice.alliance is not None and advice.also_alliances:
        others = ", ".join(a.name for a in advice.also_alliances)
        # The office is named with the details below.
        params = {"alliance": advice.alliance.name, "others": others}
        return Msg(
            "summary.contact_with_details",
            {
                "contact": Msg("summary.contact_several", params),
                "details": contact_details(advice.alliance, kb),
            },
        )
    if advice.alliance is not None:
        return Msg(
            "summary.contact_with_details",
            {
                "contact": Msg("summary.contact", {"alliance": advice.alliance.name}),
                "details": contact_details(advice.alliance, kb),
            },
        )
    if advice.referral is not None:
        referral = advice.referral
        if advice.also_referred:  # sources differ on the place: all of them are named
            names = [other.name for other in advice.also_referred]
            return Msg(
                "summary.contact_referral_shared",
                {
                    "alliance": referral.name,
                    "districts": ", ".join(referral.districts),
                    "also": Choice(" oder zum ".join(names), " or the ".join(names)),
                },
            )
        return Msg(
            "summary.contact_referral",
            {"alliance": referral.name, "districts": ", ".join(referral.districts)},
        )
    if isinstance(advice.facts.place, Elsewhere):
        key = "summary.contact_abroad" if advice.facts.place.country else "summary.contact_outside"
        return Msg(key, {"place": advice.facts.place.name})
    return Msg("summary.contact_unknown")
