"""The Projektskizze as content: sections of labelled values, paragraphs and bullets.

Built once from the dialog state and its advice, in one language, and written by the Markdown and
PDF renderers without further decisions. Every text is final plain text (catalogue texts already
rendered, sponsor text cleaned of control characters); renderers only escape and lay out.

The strategy's own template for sketches is not in its text, so the structure follows the usual
contents of such sketches and the document says so. Open fields are kept as fields with `open`
set, written with the catalogue's open marker, so nothing missing goes unnoticed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.advice.advise import Advice, project_why
from bot.advice.eligibility import Status
from bot.advice.sources import common_source, source_note
from bot.core.answers import plan_of, read_answers
from bot.core.plan import FundingRate, Plan, check_plan
from bot.core.state import Answer, DialogState
from bot.dialogs.answers import ORGANISATION_KINDS
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Language, Localized, Msg, Param
from bot.texts.formats import Choice, Count, Day, Eur, Lines, Month
from bot.texts.markup import to_plain
from bot.understanding.places import Elsewhere, InRegion

SECTIONS = (
    "sponsor",
    "region",
    "idea",
    "need",
    "goals",
    "target_group",
    "fields",
    "timeline",
    "costs",
    "continuation",
    "transferability",
    "spatial_effect",
    "partners",
    "pre_check",
    "projects",
)
"""The sections in the order the sketch presents them (catalogue `export.section.<id>`)."""

SHOWN_FIELDS = 2
SHOWN_SUB_GOALS = 3
SHOWN_PROJECTS = 3
SLUG_MAX = 40
HINTS_SHOWN_ELSEWHERE = frozenset(
    {
        "advice.hint.pre_check_only",  # a note in the header
        "advice.hint.next_meeting",  # dates are the coordination office's to give
        "advice.hint.meetings_unknown",
    }
)
CRITERIA = {
    "continuation": "continuation",
    "transferability": "model_character",
    "spatial_effect": "spatial_effect",
}
"""Sections the steering group weighs explicitly, with the id of its criterion in rules.yaml."""

# --- the content model --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sponsor:
    """Who submits the sketch; asked for by the hand-off step, each part optional."""

    organisation: str | None = None
    contact_name: str | None = None
    contact: str | None = None
    """Phone number or e-mail address."""


@dataclass(frozen=True)
class Item:
    """A labelled value ("Gesamtkosten: 1.200.000 €"); an open item carries the open marker."""

    label: str
    value: str
    open: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["text", "note", "open"] = "text"
    """`note`: explanation by the Förderlotse; `open`: the open marker alone."""


@dataclass(frozen=True)
class Bullet:
    text: str
    details: tuple[str, ...] = ()
    """Lines below the bullet (sub-goals of an action field, why a project is similar)."""


@dataclass(frozen=True)
class Bullets:
    items: tuple[Bullet, ...]
    title: str | None = None


Block = Item | Paragraph | Bullets


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    """Numbered, as printed ("9. Kosten und Finanzierung")."""
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Sketch:
    language: Language
    created: date
    title: str
    """The sponsor's title on one line, or the catalogue's placeholder when none was given."""
    title_given: bool
    kicker: str
    meta: tuple[Item, ...]
    notes: tuple[str, ...]
    sections: tuple[Section, ...]
    open_marker: str
    author: str
    subject: str
    page_header: str
    page_footer: str
    page_number: str
    """With `{page}` and `{pages}` still to fill in."""
    slug: str

    def file_name(self, extension: Literal["pdf", "md"]) -> str:
        """`projektskizze_<slug>_<YYYY-MM-DD>.<extension>`, ASCII only."""
        return f"projektskizze_{self.slug}_{self.created.isoformat()}.{extension}"

    def section(self, id_: str) -> Section:
        for section in self.sections:
            if section.id == id_:
                return section
        raise KeyError(id_)


# --- cleaning and names ---------------------------------------------------------------------------

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def clean(text: str) -> str:
    """Sponsor text made safe to lay out: composed (NFC), unified line breaks, no control or
    direction-override characters, no lone surrogates, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\t", " ")
    kept = "".join(
        char
        for char in text
        if char == "\n"
        or (unicodedata.category(char) not in ("Cc", "Cs") and char not in _BIDI_CONTROLS)
    )
    lines = [line.strip() for line in kept.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def slug(title: str) -> str:
    """An ASCII file-name part from a title: umlauts transliterated, at most `SLUG_MAX` long."""
    ascii_text = (
        unicodedata.normalize("NFKD", title.translate(_TRANSLITERATION))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    words = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(words) > SLUG_MAX:
        cut = words[:SLUG_MAX]
        words = cut.rsplit("-", 1)[0] if "-" in cut[SLUG_MAX // 2 :] else cut
    return words.strip("-")


# --- building -------------------------------------------------------------------------------------


def build_sketch(
    state: DialogState,
    advice: Advice,
    kb: KnowledgeBase,
    language: Language,
    sponsor: Sponsor | None = None,
    *,
    created: date,
    plan: Plan | None = None,
) -> Sketch:
    """The sketch of one draft: `advice` is the advisor's advice on `facts_from_answers`;
    `plan` its cost and financing plan with the work steps, where there is one; without it,
    the one answered in the sketch's guided questions (before any handoff)."""
    plan = plan if plan is not None else plan_of(state.answers)
    builder = _Builder(state.answers, advice, kb, language, sponsor or Sponsor(), created, plan)
    return builder.sketch()


class _Builder:
    def __init__(
        self,
        answers: Mapping[str, Answer],
        advice: Advice,
        kb: KnowledgeBase,
        language: Language,
        sponsor: Sponsor,
        created: date,
        plan: Plan | None = None,
    ) -> None:
        self.plan = plan
        self.answers = read_answers(answers)
        self.advice = advice
        self.kb = kb
        self.language = language
        self.sponsor = sponsor
        self.created = created
        self.marker = self.t("export.open")
        self.numbers = {id_: number for number, id_ in enumerate(SECTIONS, start=1)}

    # helpers

    def t(self, key: str, **params: Param) -> str:
        return clean(to_plain(Msg(key, params), self.language))

    @staticmethod
    def text(given: str | None) -> str | None:
        """An answer as given, cleaned; None when not answered or empty."""
        return clean(given or "") or None

    def item(self, key: str, value: str | None, **params: Param) -> Item:
        label = self.t(f"export.label.{key}", **params)
        return Item(label, self.marker, open=True) if value is None else Item(label, value)

    def answer_or_open(self, given: str | None) -> Paragraph:
        text = self.text(given)
        return Paragraph(self.marker, "open") if text is None else Paragraph(text)

    def free_text_section(self, section: str, given: str | None) -> tuple[Block, ...]:
        """A section holding one free-text answer."""
        blocks: list[Block] = [self.answer_or_open(given)]
        criterion_id = CRITERIA.get(section)
        criterion = next((c for c in self.kb.rules.criteria if c.id == criterion_id), None)
        if criterion is not None:
            name = Choice(criterion.title, criterion.title_en)
            blocks.append(Paragraph(self.t("export.text.criterion", criterion=name), "note"))
        return tuple(blocks)

    def localize(self, value: Localized) -> str:
        if isinstance(value, Msg):
            return clean(to_plain(value, self.language))
        return clean(value.localize(self.language))

    # the document

    def sketch(self) -> Sketch:
        answers = self.answers
        title = self.text(answers.title)
        shown_title = " ".join(title.split()) if title is not None else self.t("export.untitled")
        day = Day(self.created)
        builders = {
            "sponsor": self.sponsor_section,
            "region": self.region_section,
            "target_group": self.target_group_section,
            "fields": self.fields_section,
            "timeline": self.timeline_section,
            "costs": self.costs_section,
            "pre_check": self.pre_check_section,
            "projects": self.projects_section,
        }
        free_texts = {
            "idea": answers.idea,
            "need": answers.need,
            "goals": answers.goals,
            "continuation": answers.continuation,
            "transferability": answers.transferability,
            "spatial_effect": answers.spatial_effect,
            "partners": answers.partners,
        }
        sections = tuple(
            Section(
                id_,
                self.t(
                    "export.heading",
                    number=self.numbers[id_],
                    title=Msg(f"export.section.{id_}"),
                ),
                builders[id_]()
                if id_ in builders
                else self.free_text_section(id_, free_texts[id_]),
            )
            for id_ in SECTIONS
        )
        short_title = shown_title if len(shown_title) <= 70 else shown_title[:69].rstrip() + "…"
        return Sketch(
            language=self.language,
            created=self.created,
            title=shown_title,
            title_given=title is not None,
            kicker=self.t("export.kicker"),
            meta=(
                Item(self.t("export.created"), self.t("export.created_value", date=day)),
                Item(self.t("trust.sketch.stand"), self.localize(stand_value(self.kb))),
            ),
            notes=(
                self.t("export.note.structure"),
                self.t("export.note.pre_check", section=self.numbers["pre_check"]),
                self.t("export.note.open", marker=self.marker),
            ),
            sections=sections,
            open_marker=self.marker,
            author=self.t("export.author"),
            subject=self.t("export.subject", date=day),
            page_header=self.t("export.page_header", title=" ".join(short_title.split())),
            page_footer=self.t("export.page_footer", date=day),
            page_number=self.t("export.page_number", page="{page}", pages="{pages}"),
            slug=slug(title or "") or ("entwurf" if self.language == "de" else "draft"),
        )

    # sections

    def sponsor_section(self) -> tuple[Block, ...]:
        sponsor = self.sponsor
        return (
            self.item("organisation", _given(sponsor.organisation)),
            self.item("kind", self.organisation_kind()),
            self.item("contact_name", _given(sponsor.contact_name)),
            self.item("contact", _given(sponsor.contact)),
        )

    def organisation_kind(self) -> str | None:
        kind = self.answers.organisation
        if kind is None:
            return None
        given = self.answers.organisation_as_given or ""
        for value, de, en in ORGANISATION_KINDS:
            if kind == value and (value != "other" or given in (de, en)):
                label = de if self.language == "de" else en
                typed = clean(given)
                if not typed or typed.casefold() in (de.casefold(), en.casefold()):
                    return label
                # as the summary says it ("Pflegedienst"), with the kind it was read as
                return self.t("export.value.kind", given=typed, kind=label)
        return clean(given) or None

    def region_section(self) -> tuple[Block, ...]:
        advice = self.advice
        place = self.answers.place
        answer = self.text(self.answers.place_as_given)
        if place is None or answer is None:
            return (self.item("place", None),)
        shown = answer
        name = (
            ", ".join(p.name for p in place.places) if isinstance(place, InRegion) else place.name
        )
        if clean(name).casefold() != answer.casefold():
            shown = self.t("export.value.place", answer=answer, name=name)
        blocks: list[Block] = [self.item("place", shown)]
        if isinstance(place, Elsewhere):
            if advice.referral is not None:
                referrals = (advice.referral, *advice.also_referred)
                blocks.append(self.item("referral", " / ".join(a.name for a in referrals)))
            blocks.append(
                Paragraph(self.t("export.text.outside", section=self.numbers["pre_check"]), "note")
            )
            return tuple(blocks)
        kb = self.kb
        # A project in several places names every district, sub-region and alliance concerned.
        districts = [kb.district(p.district_id).name for p in place.places if p.district_id]
        subregions = [
            kb.subregion(id_) for id_ in dict.fromkeys(p.subregion_id for p in place.places)
        ]
        alliances = [a.name for a in advice.alliances]
        blocks += [
            self.item("district", ", ".join(districts) or None),
            self.item(
                "subregion",
                ", ".join(self.localize(Choice(s.name, s.name_en)) for s in subregions) or None,
            ),
            self.item("alliance", ", ".join(alliances) or None),
        ]
        return tuple(blocks)

    def target_group_section(self) -> tuple[Block, ...]:
        known = self.known_groups()
        ids = [group for group in self.answers.target_groups if group in known]
        own = clean(self.answers.target_group_text)
        labels = ", ".join(
            self.localize(Choice(group.label, group.label_en))
            for group in (self.kb.target_group(i) for i in ids)
        )
        blocks: list[Block] = []
        if own:
            blocks.append(self.item("target_group", own))
            if labels:
                blocks.append(self.item("recognised_groups", labels))
        elif labels:
            blocks.append(self.item("target_group", labels))
        else:
            blocks.append(self.item("target_group", self.text(self.answers.target_groups_as_given)))
        count = self.answers.participants
        if count is not None:
            grouped = f"{count:,}"
            blocks.append(
                self.item(
                    "participants", grouped.replace(",", ".") if self.language == "de" else grouped
                )
            )
        else:
            blocks.append(self.item("participants", None))
        return tuple(blocks)

    def known_groups(self) -> set[str]:
        return {group.id for group in self.kb.target_groups}

    def fields_section(self) -> tuple[Block, ...]:
        kb = self.kb
        bullets: list[Bullet] = []
        for match in self.advice.matches.fitting[:SHOWN_FIELDS]:
            field = kb.action_field(match.id)
            details = [
                self.t(
                    "export.text.sub_goal",
                    id=goal_id,
                    title=Choice(kb.sub_goal(goal_id).title, kb.sub_goal(goal_id).title_en),
                )
                for goal_id in match.sub_goals[:SHOWN_SUB_GOALS]
            ]
            if match.words:
                details.append(self.t("export.text.field_words", words=", ".join(match.words)))
            details.append(self.localize(source_note(field.source)))
            title = self.t(
                "export.text.field", id=field.id, title=Choice(field.title, field.title_en)
            )
            bullets.append(Bullet(title, tuple(details)))
        # The notes speak of the action fields as a whole: the source they share (chapter 4).
        source = source_note(common_source([field.source for field in kb.action_fields]))
        if not bullets:
            return (
                Paragraph(self.t("export.text.fields_none", source=source), "note"),
                Paragraph(self.marker, "open"),
            )
        note = self.t("export.text.fields_note", source=source)
        return (Bullets(tuple(bullets)), Paragraph(note, "note"))

    def timeline_section(self) -> tuple[Block, ...]:
        eligibility = self.advice.eligibility
        limits = self.kb.rules.limits
        start_month = self.answers.start
        months = self.answers.duration_months
        return (
            self.item("start", self.localize(Month(start_month)) if start_month else None),
            self.item(
                "duration",
                self.localize(Count(months, "months")) if months is not None else None,
            ),
            self.item("end", self.localize(Month(eligibility.end)) if eligibility.end else None),
            self.item(
                "latest_end",
                self.t("export.value.latest_end", date=Day(limits.latest_end))
                + " – "
                + self.localize(source_note(limits.source)),
            ),
            self.item(
                "report_due",
                self.t("export.value.report_due", month=Month(eligibility.report_due))
                if eligibility.report_due
                else None,
            ),
            *self.work_steps(),
            Paragraph(
                self.t("export.text.timeline_note")
                + " "
                + self.procedure_source("nbank_application"),
                "note",
            ),
        )

    def work_steps(self) -> tuple[Block, ...]:
        steps = self.plan.work_steps if self.plan is not None else ()
        if not steps:
            return (self.item("work_steps", None),)
        lines = tuple(
            Bullet(
                self.t(
                    "export.text.work_step",
                    first=step.first_month,
                    last=step.last_month,
                    title=clean(step.title),
                )
            )
            for step in steps
        )
        return (Bullets(lines, self.t("export.label.work_steps")),)

    def plan_blocks(self, total: int | None, months: int | None) -> tuple[Block, ...]:
        """The cost and financing plan: items by category, sources, and what does not add up
        yet (a grant rate only with its source, #13)."""
        plan = self.plan
        if plan is None or not (plan.costs or plan.financing):
            return (self.item("plan", None),)
        costs = tuple(
            Bullet(
                self.t(
                    "export.text.cost_item",
                    category=Msg(f"procedure.plan.category.{item.category.value}"),
                    amount=Eur(item.amount_eur),
                ),
                (clean(item.description),) if clean(item.description) else (),
            )
            for item in plan.costs
        )
        sources = tuple(
            Bullet(
                self.t(
                    "export.text.source",
                    source=Msg(f"procedure.plan.source.{source.kind.value}"),
                    amount=Eur(source.amount_eur),
                ),
                (clean(source.name),) if clean(source.name) else (),
            )
            for source in plan.financing
        )
        blocks: list[Block] = []
        if costs:
            blocks.append(Bullets(costs, self.t("export.label.cost_items")))
        if sources:
            blocks.append(Bullets(sources, self.t("export.label.financing")))
        funding = self.kb.rules.funding
        check = check_plan(
            plan, total, months, FundingRate(funding.max_rate_percent, funding.source)
        )
        remarks = tuple(Bullet(self.localize(m)) for m in (*check.problems, *check.notes))
        if remarks:
            blocks.append(Bullets(remarks, self.t("export.label.plan_check")))
        return tuple(blocks)

    def costs_section(self) -> tuple[Block, ...]:
        rules = self.kb.rules
        amount = self.answers.costs_eur
        blocks: list[Block] = []
        if amount is not None:
            blocks.append(self.item("costs", self.localize(Eur(amount))))
            if amount > rules.limits.cost_cap_eur:
                justification = self.text(self.answers.justification)
                if self.answers.cap_raises_grant == "no":
                    # Chapter 5 asks for one only where the excess raises the grant (#15).
                    note = Msg(
                        "trust.sketch.no_justification",
                        {"source": source_note(rules.limits.source)},
                    )
                    justification = self.localize(note)
                blocks.append(
                    self.item("justification", justification, cap=Eur(rules.limits.cost_cap_eur))
                )
        else:
            blocks.append(self.item("costs", None))
        funding = rules.funding
        blocks += [
            self.item("cofinancing", self.text(self.answers.cofinancing)),
            *self.plan_blocks(amount, self.answers.duration_months),
            # Rates are public facts outside the strategy: named with their source (#15).
            self.item(
                "funding",
                self.localize(Choice(funding.note, funding.note_en))
                + " "
                + self.localize(source_note(funding.source)),
            ),
            Paragraph(self.t("export.text.no_grant"), "note"),
        ]
        return tuple(blocks)

    def procedure_source(self, step_id: str) -> str:
        step = next((s for s in self.kb.rules.procedure if s.id == step_id), None)
        return f"({self.localize(source_note(step.source))})" if step is not None else ""

    def pre_check_section(self) -> tuple[Block, ...]:
        eligibility = self.advice.eligibility
        latest = Day(self.kb.rules.limits.latest_end)
        blocks: list[Block] = [
            self.item("status", self.t(f"advice.status.{eligibility.status.value}"))
        ]
        if eligibility.reasons:
            reasons = tuple(Bullet(self.localize(reason)) for reason in eligibility.reasons)
            blocks.append(Bullets(reasons, self.t("export.label.reasons")))
        elif eligibility.status is Status.ELIGIBLE:
            blocks.append(Paragraph(self.t("export.text.no_reasons", latest=latest)))
        hints = tuple(
            Bullet(self.localize(hint))
            for hint in eligibility.hints
            if hint.key not in HINTS_SHOWN_ELSEWHERE
        )
        if hints:
            blocks.append(Bullets(hints, self.t("export.label.hints")))
        blocks.append(Paragraph(self.t("advice.hint.pre_check_only"), "note"))
        return tuple(blocks)

    def projects_section(self) -> tuple[Block, ...]:
        kb = self.kb
        bullets: list[Bullet] = []
        shown: list[str] = []
        for match in self.advice.matches.projects[:SHOWN_PROJECTS]:
            project = kb.project(match.id)
            districts = ", ".join(kb.district(d).name for d in project.districts)
            # A possible Doppelstruktur is said once, by `same_district` below.
            why = Lines(project_why(match, kb, with_duplicate=False), "; ")
            details = [
                self.t("export.text.project_why", why=why),
                self.localize(source_note(project.source)),
            ]
            if match.possible_duplicate:
                details.append(self.t("export.text.same_district"))
            shown.append(project.title)
            bullets.append(
                Bullet(
                    self.t("export.text.project", title=project.title, districts=districts),
                    tuple(details),
                )
            )
        if not bullets:
            return (Paragraph(self.t("export.text.projects_none")),)
        # Only real look-alikes are shown, so each is one to set the idea apart from.
        differences = tuple(self.item("difference", None, title=title) for title in shown)
        return (Bullets(tuple(bullets)), *differences)


def stand_value(kb: KnowledgeBase) -> Msg:
    """The knowledge base the sketch rests on: its version and, where known, the day."""
    if kb.version_day is not None:
        return Msg("trust.sketch.stand_dated", {"version": kb.version, "day": Day(kb.version_day)})
    if kb.rules.as_of is not None:
        day = Day(kb.rules.as_of)
        return Msg("trust.sketch.stand_shipped", {"version": kb.version, "day": day})
    return Msg("trust.sketch.stand_value", {"version": kb.version})


def _given(value: str | None) -> str | None:
    return (clean(value) or None) if value is not None else None
