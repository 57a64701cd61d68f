"""The schema of the knowledge files in `knowledge/`.

Every entry names its `source` (a chapter of the strategy or a public source), so staff can check
each fact. Unknown keys are errors: a typo in a key must not silently drop a fact.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
ActionFieldId = Annotated[str, StringConstraints(pattern=r"^(I|II|III|IV)$")]
SubGoalId = Annotated[str, StringConstraints(pattern=r"^(I|II|III|IV)\.[1-9][0-9]?$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Theme = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]
"""A theme in a few words (a phrase, not a paragraph)."""
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]
VehicleCode = Annotated[str, StringConstraints(pattern=r"^[A-ZÄÖÜ]{1,3}$")]
"""A German vehicle registration code ("H", "HI", "SHG"), in capitals as on the plate."""

_GERMAN_DATE = re.compile(r"\s*([0-9]{1,2})\.\s*([0-9]{1,2})\.\s*([0-9]{4})\s*")


def _german_date(value: object) -> object:
    """`15.03.2027` as staff write dates; anything else is left to the date parser."""
    match = _GERMAN_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return value
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return value


GermanDate = Annotated[date, BeforeValidator(_german_date)]
Day = date
"""`date` under a name a model with a field called `date` can still annotate with."""
"""A date written as YAML does (2027-03-15) or as German does (15.03.2027)."""


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- action_fields.yaml ---------------------------------------------------------------------


class SubGoal(Entry):
    id: SubGoalId
    title: Text
    title_en: Text
    keywords: list[Text] = Field(min_length=1)
    """Words and phrases a sponsor might use for this sub-goal (lower or mixed case)."""
    target_groups: list[Id] = []
    """Target groups the sub-goal is about (ids from target_groups.yaml): a sponsor naming one
    of them adds to this sub-goal, so refugees point to III.6 rather than to the sub-goal of
    whatever keyword happens to stand beside them ("Jobcenter")."""
    organisations: list[Text] = []
    """Kinds of organisation typical for the sub-goal (Pflegedienst, Hochschule, ...): weaker
    evidence than a keyword, named as such in the reason."""
    broad: bool = False
    """The sub-goal covers unrelated themes (I.7: care and IT): sharing it alone does not make
    two projects alike."""


class ActionField(Entry):
    """A Handlungsschwerpunkt of chapter 4."""

    id: ActionFieldId
    title: Text
    title_en: Text
    source: Source
    sub_goals: list[SubGoal] = Field(min_length=1)
    keywords: list[Text] = []
    """Vocabulary for the field as a whole, beyond its sub-goals."""
    target_groups: list[Id] = []
    """Target groups typical for this field (ids from target_groups.yaml)."""


class Term(Entry):
    """A term of the vocabulary with other ways to say it: English words and German variants
    match wherever the German term would, and count as the same term for look-alikes."""

    de: Text
    en: list[Text] = []
    also: list[Text] = []
    """German variants (colloquial words, other compounds)."""


class MatchingAids(Entry):
    """Vocabulary aids for matching ideas, not statements of the strategy."""

    generic_terms: list[Text] = []
    """Words too general to make two projects alike on their own (IT, Werkstatt, Projekt)."""
    generic_target_groups: list[Id] = []
    """Target groups nearly every project names (companies): sharing one says nothing."""
    work_terms: list[Text] = []
    """Words of working life (Beruf, Job, Ausbildung, Beschäftigte): an idea that names none of
    them, nor a keyword outside `context_terms`, is no project of a skilled-labour strategy."""
    context_terms: list[Text] = []
    """Keywords that point to a sub-goal only in a text about working life ("Solar", "Eltern",
    "ältere Menschen"): a playground for parents is not about mothers' employment."""
    terms: list[Term] = []


class ActionFieldsFile(Entry):
    action_fields: list[ActionField] = Field(min_length=1)
    matching: MatchingAids = MatchingAids()


# --- target_groups.yaml ---------------------------------------------------------------------


class TargetGroup(Entry):
    id: Id
    label: Text
    label_en: Text
    synonyms: list[Text] = []
    phrases: list[Text] = []
    """Everyday words and phrases for the group, German and English ("Leute, die nach der
    Ausbildung wegziehen", "school leavers", "Maler"). With the label and the synonyms they are
    matched on whole words and their lemmas, never inside other words
    (bot/understanding/groups/)."""
    not_when: list[Text] = []
    """Phrases in whose sentence the group's words do not name the group ("Schülerinnen und
    Schüler" names pupils, not women)."""
    organisations: bool = False
    """The group is organisations (companies, providers): in running text they are more often
    partners ("Praktika in Betrieben") than the group a project is for, so there only a "für"
    before them makes them a target group."""
    source: Source
    offered: bool = True
    """Offered as a choice in the dialog (others are only recognised in free text)."""
    within: list[Id] = []
    """Broader target groups this one is part of (refugees are immigrants, university dropouts
    were students): an idea naming both is about the narrower one, and a project for the broader
    one serves the narrower one too, if less closely."""


class TargetGroupsFile(Entry):
    target_groups: list[TargetGroup] = Field(min_length=1)


# --- regions.yaml ---------------------------------------------------------------------------


class Municipality(Entry):
    name: Text
    aliases: list[Text] = []
    """Other names of the municipality itself, and former municipalities merged into it."""
    members: list[Text] = []
    """For a Samtgemeinde: the names of its member municipalities (entries of the same district).

    Sponsors name either; both resolve to the district, and staff see which belongs where."""
    localities: list[Text] = []
    """Ortsteile and Stadtteile sponsors type ("Steinhude" for Wunstorf). Unlike an alias, a
    locality may share its name with a place in another district (Elze: a town in Landkreis
    Hildesheim and an Ortsteil of Wedemark); the sponsor is then asked which one is meant."""
    preferred_over_namesakes: bool = False
    """The bare name means this town even though places elsewhere share it (alliances.yaml):
    set where those namesakes are small or far away (Burgdorf, not Burgdorf in Landkreis
    Wolfenbüttel). The answer then names the namesakes and how to correct it; where both readings
    are plausible (Gronau: Leine or Westfalen) leave it unset, and the sponsor is asked."""


class District(Entry):
    """A Landkreis or the Region Hannover."""

    id: Id
    name: Text
    subregion: Id
    aliases: list[Text] = []
    seat: Text | None = None
    source: Source
    municipalities: list[Municipality] = Field(min_length=1)
    municipalities_source: Source
    municipalities_to_verify: bool = True
    """Written from general knowledge of the official directory; staff confirm it."""
    municipalities_checked: GermanDate | None = None
    """The day the list was compared with the public lists `municipalities_source` names;
    None: never compared (or the day is not known), which `kb check` reports."""
    localities_source: Source | None = None
    """Where the municipalities' `localities` come from; required once any is listed."""
    vehicle_codes: list[VehicleCode] = []
    """Registration codes ("HI", "ALF"): understood as the whole answer or after "Landkreis",
    "LK", "Kreis" or "Kennzeichen", never inside other text ("20 h pro Woche")."""


class SubRegion(Entry):
    """One of the three Teilräume, each with its local alliance."""

    id: Id
    name: Text
    name_en: Text
    aliases: list[Text] = []
    alliance: Id
    source: Source


class LocalAlliance(Entry):
    """A lokale Fachkräfteallianz: the first address for every project idea."""

    id: Id
    name: Text
    short_name: Text | None = None
    subregion: Id
    members: list[Text] = []
    advisory_members: list[Text] = []
    note: Text | None = None
    phone: Text | None = None
    """Public contact details, filled in by staff where the alliance publishes them; the
    sponsor is shown them when a message cannot reach anyone in the bot."""
    email: Text | None = None
    website: Text | None = None
    source: Source


class CoordinationOffice(Entry):
    name: Text
    institution: Text
    tasks: list[Text] = []
    phone: Text | None = None
    """Public contact details, filled in by staff (optional, like the alliances')."""
    email: Text | None = None
    website: Text | None = None
    source: Source


class RegionsFile(Entry):
    alliance_name: Text
    subregions: list[SubRegion] = Field(min_length=1)
    districts: list[District] = Field(min_length=1)
    local_alliances: list[LocalAlliance] = Field(min_length=1)
    coordination_office: CoordinationOffice


# --- alliances.yaml -------------------------------------------------------------------------


class RegionalAlliance(Entry):
    """One of the other regional Fachkräftebündnisse of Lower Saxony, for referrals."""

    id: Id
    name: Text
    districts: list[Text] = Field(min_length=1)
    """Landkreise and cities, as display names."""
    places: list[Text] = []
    """Further towns that should resolve to this alliance."""
    note: Text | None = None
    source: Source


class OutsidePlace(Entry):
    """A place outside Lower Saxony that sponsors might type (states, large cities, namesakes,
    places abroad)."""

    name: Text
    aliases: list[Text] = []
    state: Text | None = None
    """The German state; required unless `country` says the place is abroad."""
    country: Text | None = None
    """Only for places abroad ("Österreich"): the sponsor learns the programme is Lower
    Saxony's."""
    source: Source


class AlliancesFile(Entry):
    regional_alliances: list[RegionalAlliance] = Field(min_length=1)
    outside_places: list[OutsidePlace] = []


# --- projects.yaml --------------------------------------------------------------------------


class ProjectState(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"
    UNKNOWN = "unknown"


class Funding(StrEnum):
    ALLIANCE = "alliance"
    """Named as a project of the Fachkräftebündnis in the strategy."""
    OTHER_PROGRAMME = "other_programme"
    UNKNOWN = "unknown"


class Period(Entry):
    start_year: int | None = Field(default=None, ge=2000, le=2040)
    end_year: int | None = Field(default=None, ge=2000, le=2040)


class Project(Entry):
    """A project or initiative the strategy describes."""

    id: Id
    title: Text
    districts: list[Id] = Field(min_length=1)
    target_groups: list[Id] = []
    action_fields: list[ActionFieldId] = Field(min_length=1)
    sub_goals: list[SubGoalId] = []
    description: Text
    strategy_text: Text | None = None
    """What the strategy itself says about the project, in its words (chapter 3 or 2.2; its
    sentences on the project, shortened): look-alikes are found on these words as well as on
    the description and keywords."""
    themes: list[Theme] = Field(default=[], max_length=24)
    """The project's theme and approach in a few words each, written for the purpose from the
    strategy's sentences about it: a look-alike must share one of them (its words, or a target
    group it names), so that a shared generic word or a broad sub-goal never suffices."""
    keywords: list[Text] = []
    period: Period | None = None
    state: ProjectState = ProjectState.UNKNOWN
    funding: Funding = Funding.UNKNOWN
    funding_note: Text | None = None
    source: Source


class ProjectsFile(Entry):
    projects: list[Project] = Field(min_length=1)


# --- rules.yaml -----------------------------------------------------------------------------


class Limits(Entry):
    cost_cap_eur: int = Field(gt=0)
    max_duration_months: int = Field(gt=0)
    latest_end: GermanDate
    report_due_months_after_end: int = Field(ge=0)
    implausible_costs_eur: int = Field(gt=0)
    """Amounts above this are questioned, not accepted."""
    source: Source


class ProcedureStep(Entry):
    id: Id
    title: Text
    title_en: Text
    description: Text
    description_en: Text
    source: Source


class Criterion(Entry):
    id: Id
    title: Text
    title_en: Text
    source: Source


class FocusTheme(Entry):
    id: Id
    title: Text
    title_en: Text
    keywords: list[Text] = Field(min_length=1)
    source: Source


class ProjectType(Entry):
    """A strand of the funding programme (a hint, not a rule of the alliance)."""

    id: Id
    title: Text
    title_en: Text
    description: Text
    description_en: Text
    min_costs_eur: int | None = None
    max_costs_eur: int | None = None
    normal_duration_months: int | None = None
    needs_alliance_statement: bool = True
    keywords: list[Text] = []
    source: Source


class ReportingDuty(Entry):
    id: Id
    title: Text
    title_en: Text
    source: Source


class FundingFacts(Entry):
    max_rate_percent: int = Field(ge=0, le=100)
    note: Text
    note_en: Text
    source: Source


class SteeringGroupMeeting(Entry):
    date: GermanDate
    deadline: GermanDate | None = None
    """Submissions for this meeting are due by then: after it, the meeting cannot take a case."""
    note: Text | None = None
    source: Source

    def can_take(self, today: Day) -> bool:
        """Whether a case submitted today can still go on this meeting's agenda."""
        return self.date >= today and (self.deadline is None or self.deadline >= today)


class RulesFile(Entry):
    limits: Limits
    procedure: list[ProcedureStep] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    focus_themes: list[FocusTheme] = []
    project_types: list[ProjectType] = []
    reporting_duties: list[ReportingDuty] = []
    funding: FundingFacts
    steering_group: SteeringGroupFacts
    steering_group_meetings: list[SteeringGroupMeeting] = []
    """Dates of the next meetings: deployment data kept current by staff."""
    as_of: date | None = None
    """The day the shipped knowledge base was last revised: the "Stand der Wissensbasis" the
    summary and the Projektskizze name until staff apply a version (which carries its own)."""


class SteeringGroupFacts(Entry):
    members: int = Field(gt=0)
    meetings_per_year_min: int = Field(gt=0)
    circulation_possible: bool
    source: Source


RulesFile.model_rebuild()


# --- faq.yaml -------------------------------------------------------------------------------


class SourceKind(StrEnum):
    STRATEGY = "strategy"
    """Stated in the strategy (`source` names the chapter)."""
    PUBLIC = "public"
    """A public source outside the strategy; the answer says so."""
    NONE = "none"
    """No source: the answer says so and points to the coordination office."""


class FaqEntry(Entry):
    """A question sponsors ask the bot mid-dialog, and its answer."""

    id: Id
    """The topic ("own_share", "who_decides")."""
    questions: list[Text] = Field(min_length=1)
    """German phrasings, for recognising the question."""
    questions_en: list[Text] = Field(min_length=1)
    keywords: list[Text] = []
    """Words and phrases (either language) that point to this entry."""
    answer: Text
    answer_en: Text
    source: Source
    source_kind: SourceKind


class FaqFile(Entry):
    faq: list[FaqEntry] = Field(min_length=1)


# --- organisation_kinds.yaml ----------------------------------------------------------------


class OrganisationKindId(StrEnum):
    """The kinds of organisation the dialog offers as choices (bot/dialogs/answers.py
    ORGANISATION_KINDS): fixed in code, since the dialog, the summary and the export name them."""

    EDUCATION = "education"
    CHAMBER = "chamber"
    UNIVERSITY = "university"
    CARE = "care"
    MUNICIPALITY = "municipality"
    EMPLOYMENT = "employment"
    COMPANY = "company"
    OTHER = "other"


def _folded_word(value: object) -> object:
    """A word as the reader compares it: in lower case, single spaces ("Sozialstation" as staff
    write it is "sozialstation")."""
    return " ".join(value.lower().split()) if isinstance(value, str) else value


OrganisationWord = Annotated[
    str, BeforeValidator(_folded_word), StringConstraints(min_length=2, max_length=80)
]


class OrganisationKind(Entry):
    """The words sponsors use for one kind of organisation."""

    id: OrganisationKindId
    words: list[OrganisationWord] = Field(min_length=1)
    """Whole words and phrases ("kreishandwerkerschaft", "care home")."""
    compound_heads: list[OrganisationWord] = []
    """Ends of a compound that name the kind ("verein": "Tourismusverein")."""
    compound_prefixes: list[OrganisationWord] = []
    """Starts of a compound that name the kind ("pflegeheim": "Pflegeheimbetreiber")."""


class OrganisationKindsFile(Entry):
    kinds: list[OrganisationKind] = Field(min_length=1)


KNOWLEDGE_FILES: dict[str, type[Entry]] = {
    "action_fields.yaml": ActionFieldsFile,
    "target_groups.yaml": TargetGroupsFile,
    "regions.yaml": RegionsFile,
    "alliances.yaml": AlliancesFile,
    "projects.yaml": ProjectsFile,
    "rules.yaml": RulesFile,
    "faq.yaml": FaqFile,
    "organisation_kinds.yaml": OrganisationKindsFile,
}
"""The complete set: every file must be present, no other YAML file is read."""
