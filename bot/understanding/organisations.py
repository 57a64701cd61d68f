"""The kind of organisation behind a project, from the words sponsors use for themselves.

"Kreishandwerkerschaft" is a chamber or association, "VHS", "Gymnasium" and "school" education
providers, "HAWK" a university, "Jugendhilfeträger" and "ambulanter Pflegedienst" care or
social services, "Stadt Springe" a municipality, "Jobcenter" the employment services,
"mittelständischer Maschinenbauer" and "Reinigungsfirma" companies, "Verein", "Stiftung" and
"gGmbH" other organisations.

Words are compared whole (with their dictionary forms) and as the last part of a compound
("Weiterbildungsträger" ends in "träger" of education, "Pflegeheimbetreiber" contains
"pflegeheim"), but only for the stems listed in knowledge/organisation_kinds.yaml
(`OrganisationWords`), which do not occur inside unrelated words.
Close typos of a whole answer ("bildungstreger") are accepted at the organisation question.
In a longer message only a self-description counts ("wir sind ein …", "Wir, der Verein …", "we
are a …", "I'm with …", "… hier", "HR here from a hospital …", an organisation named at the
very start or as the subject of the first sentence: "Die Lebenshilfe Hildesheim möchte …";
after a person's role, where they work: "Ich bin Lehrerin an einer BBS"; a unit, then its
organisation: "the business development team of Landkreis Schaumburg"), so "Praktika in
Betrieben" names no kind. An opening is read further, as people introduce themselves there: a
name alone or before a dash, a labelled line, a signature, what the sender owns or runs, "bei
uns im …" (`organisation_in(…, opening=True)`); also a subject line ("Betreff: Förderanfrage
Gärtnerei Lindemann GbR"), "Kurz zu uns:", short lines closing a mail without a closing formula,
"wir haben einen Milchviehbetrieb", an organisation as the subject of a later sentence that
does not speak of "uns", and a sender who makes things ("wir stellen Büromöbel her"), whatever
its name. Where the senders say what they are, German plurals count ("wir betreiben zwei
Kliniken").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.base.normalize import fold, transliterate
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import OrganisationKind, OrganisationKindId
from bot.kb.per_version import once_per_knowledge_base
from bot.understanding.groups.signatures import signature_start

KINDS = tuple(kind.value for kind in OrganisationKindId)
"""The ids of the dialog's choices (bot/dialogs/sponsor.py ORGANISATION_KINDS)."""

ASSOCIATIONS = frozenset({"chamber", "other"})
QUALIFIERS = frozenset({"non profit", "nonprofit"})
"""Words that say "other" alone ("a non-profit") but qualify a kind named after them ("a
non-profit training provider" is an education provider)."""
TRADE_GAP = 25
"""How far an association word may follow the trade it is named by."""
_JUGEND = re.compile(r"jugendhilfe|jugendwerk|sozial")
_GREETING = re.compile(
    r"^\s*(?:(?:hallo|moin(?:\s+moin)?|hi|hey|hello|servus|guten\s+(?:tag|morgen|abend)"
    r"|good\s+(?:morning|afternoon|evening))(?:\s+(?:zusammen|allerseits|everyone|all|there))?"
    r"|sehr\s+geehrte\s+damen\s+und\s+herren|sehr\s+geehrtes\s+team"
    r"|dear\s+(?:sir\s+or\s+madam|all|team))[\s,!.]*",
    re.IGNORECASE,
)
_SELF = re.compile(
    r"(?:^|[.!?;:,\n–—]\s*|\s-\s)\s*(?:[-•*·–]\s*)?(?:(?:also|ja|so|und|and|nun|na|well|ok|okay|hallo|hi|hey|moin)\s+){0,2}(?P<lead>wir\s*,|wir\s+sind|wir\s+als|ich\s+bin|ich\s+arbeite\s+(?:bei|für|fuer|als)"
    r"|we\s+are|we're|we\s+run|wir\s+betreiben|ich\s+leite|ich\s+f(?:ü|ue)hre|i\s+run|i\s+manage|i\s+am|i['’]m|wi\s+s[üu]nd|i\s+work\s+(?:at|for|as|in)|i\s+teach\s+(?:at|in)|hier\s+(?:ist|schreibt)|this\s+is"
    r"|unser(?:e)?|our)\s+(?P<who>[^.!?;:]{2,80})",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^\s*(?:die|der|das|the|unsere?|our)\s+(?P<who>[^.!?;:,]{2,50}?)\s+(?:möchte|moechte|will"
    r"|wollen|plant|planen|beabsichtigt|beabsichtigen|wants|would|plans|is\s+planning|intends"
    r"|sucht|bietet|hat\s+eine\s+idee)\b",
    re.IGNORECASE,
)
"""An organisation that opens the message as its subject ("Die Lebenshilfe Hildesheim möchte …",
"die Stadt Bückeburg beabsichtigt …")."""
_WHOLE = re.compile(r"^\s*(?P<who>[^.!?;:,()\n]{2,60}?)\s*[.!]?\s*$")
"""An opening that is only a name ("Kreishandwerkerschaft Hildesheim", "Hi, care home in
Rinteln")."""
_DASHED = re.compile(r"^\s*(?P<who>[^.!?;:,()\n–—]{2,60}?)\s+[–—-]\s")
"""A name set off by a dash ("Ambulante Pflege Sonnenschein – Inhaberin …")."""
_LABELLED = re.compile(
    r"(?:^|\n)\s*(?:[-•*·–]\s*)?(?:tr(?:ä|ae)ger|organisation|organization|einrichtung"
    r"|antragsteller(?:in)?|applicant|absender|institution|sender)\s*:\s*(?P<who>[^\n.;]{2,80})",
    re.IGNORECASE,
)
"""A line of a list that names the sender by its label ("- Träger: Bildungswerk Nienburg",
"- Organisation: youth charity, Hamelin"); not "who:", which as often names the people served."""
_OWNS = re.compile(
    r"(?<![^\W\d_])(?:ich\s+(?:habe|hab|besitze)|i\s+(?:own|have|(?:now\s+|also\s+)?run)"
    r"|(?:and|und)\s+(?:now\s+|jetzt\s+)?(?:run|own|leite|f(?:ü|ue)hre))\s+"
    r"(?P<who>(?:einen|eine|ein|a|an)\s[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""The sender owning or running the organisation ("ich habe einen Milchviehbetrieb", "I own a
plumbing business", "… and now run a small translation agency"); not what another person has
("meine Schwester hat einen Friseursalon")."""
_AT_OURS = re.compile(
    r"(?<![^\W\d_])(?:bei\s+uns\s+(?:in\s+der|im)|(?:in|an)\s+unser(?:em|er|en)|f(?:ü|ue)r\s+unseren"
    r"|(?:at|in|for)\s+our)\s+(?P<who>[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""The sender's own place of work ("bei uns im Seniorenheim", "für unseren Gartenbaubetrieb",
"at our hospital"); the town or region where they are ("in unserer Stadt") names no sender."""
_WE_ARE_A = re.compile(
    r"(?<![^\W\d_])(?:wir\s+sind|we\s+are|we['’]re"
    r"|(?:wir|we)\s[^.!?;:]{1,60}?\s(?:und|and)\s+(?:sind|are))\s+"
    r"(?P<who>(?:ein|eine|einer|a|an)\s[^.!?;:]{2,80})",
    re.IGNORECASE,
)
"""A self-description in the middle of a sentence, as dictated ("… aus rinteln wir sind ein
kleiner betrieb …"), or after where the senders are ("Wir sitzen in der Oberen Straße in
Holzminden und sind ein kleines Ingenieurbüro")."""
_UNIT = re.compile(
    r"(?<![^\W\d_])(?:team|department|dept|unit|division|abteilung|fachdienst|fachbereich"
    r"|referat|stabsstelle)(?:\s+[^\s.,;:]+){0,3}?\s+(?:of\s+the|of|at|der|des|im|beim|vom)\s+"
    r"(?P<who>\S.*)",
    re.IGNORECASE,
)
"""A unit of the organisation, then the organisation ("the business development team of
Landkreis Schaumburg", "das Team Markt & Integration im Jobcenter Hildesheim"): the unit's
name is no kind."""
_WORKPLACE = re.compile(
    r"^(?:(?:a|an|ein|eine)\s+)?[^\W\d_]+\s+(?:[^\W\d_]+\s+)?(?:(?:f(?:ü|ue)r|for)\s+[^\W\d_]+\s+)?"
    r"(?:an|bei|beim|at|with|in|from|von|vom)\s",
    re.IGNORECASE,
)
"""A person's role, then where they work ("Lehrerin an einer BBS", "teacher at a school", "a team
lead at the job centre", "Koordinatorin für Berufsorientierung an der Oberschule")."""
_BRACKETED = re.compile(r"(?:^|\s)(?:wir|we)\s*\((?P<who>[^)]{2,80})\)", re.IGNORECASE)
_HERE = re.compile(
    r"^(?P<who>[^.!?;:,]{2,60}?)\s+(?:hier\b|here(?=\s*(?:[,.!:;–—-]|$)))", re.IGNORECASE
)
"""A name signing in ("TSV Sarstedt hier", "municipality of Nienburg here")."""
_HERE_FROM = re.compile(
    r"^[^.!?;:,]{1,40}?\s+(?:hier|here)\s+(?:from|at|with|von|vom|aus|bei|beim)\s+"
    r"(?P<who>[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""A person or team signing in from where they work ("HR here from a hospital in Hildesheim",
"Jana hier vom Pflegedienst Sonnenschein")."""
_WRITING_FOR = re.compile(
    r"(?<![^\W\d_])(?:ich\s+schreibe|i\s+am\s+writing|i['’]m\s+writing|writing)\s+(?:ihnen\s+)?"
    r"(?:f(?:ü|ue)r|for|im\s+namen|on\s+behalf\s+of)\s+(?P<who>[^.!?;:,]{2,80})",
    re.IGNORECASE,
)
"""Someone writing for their organisation ("ich schreibe für die Stadt Holzminden", "I am
writing on behalf of the Hildesheim branch of a logistics company")."""
_WRITING_FOR_RUNNER = re.compile(
    r"(?<![^\W\d_])(?:ich\s+schreibe|i\s+am\s+writing|i['’]m\s+writing)\s+(?:hier\s+)?"
    r"(?:f(?:ü|ue)r|for|im\s+namen|on\s+behalf\s+of)\s+(?:meine[nmr]?|my)\s+[^.!?;:]{1,40}?"
    r"(?:der|die|er|sie|he|she|who)\s+(?:hat|f(?:ü|ue)hrt|leitet|has|runs|owns)\s+"
    r"(?P<who>(?:einen|eine|ein|die|den|das|a|an|the)\s[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""Someone writing for the person who runs the organisation ("ich schreibe für meinen Mann,
der hat einen Dachdeckerbetrieb in Stolzenau")."""
_OWN_PLACE = re.compile(
    r"(?<![^\W\d_])(?:mit|with)\s+(?:(?:einem|einer|einen)\s+)?(?:eigenem|eigener|eigenen"
    r"|my\s+own|our\s+own)\s+(?P<who>[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""Someone with their own business ("Friseurmeisterin mit eigenem Salon in Alfeld", "with my
own bakery")."""
_WE_FROM = re.compile(
    r"(?<![^\W\d_])(?:wir\s+(?:vom|von\s+der|von\s+den|von\s+dem|von)|we\s+at|us\s+at)"
    r"\s+(?P<who>[^.!?;:,]{2,80})",
    re.IGNORECASE,
)
"""The sender and their colleagues by where they work ("Wir vom Bildungswerk der Wirtschaft
planen …", "we at the job centre")."""
_AS_WE = re.compile(
    r"(?:^|[.!?;:]\s*|(?<![^\W\d_])(?:wir|we)\s+(?:[^\W\d_]+\s+)?)(?:als|as)\s+"
    r"(?P<who>[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""What the sender acts as, opening a sentence or after "wir" ("Als Kita-Träger in der Region
Hannover suchen wir …", "Wir möchten als Bildungsträger aus Hildesheim …")."""
_ROLE_OF = re.compile(
    r"(?<![^\W\d_])(?:leiterin|leiter|chefin|chef|gesch(?:ä|ae)ftsf(?:ü|ue)hrer(?:in)?|inhaberin"
    r"|inhaber|vorsitzende[r]?|head|director|manager|owner)\s+(?:der|des|vom|von|einer|eines"
    r"|of\s+the|of|at)"
    r"\s+(?P<who>[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""Someone writing for the person who leads the organisation ("im Auftrag meiner Chefin, Frau
Lehmann, Leiterin der Kita Sonnenschein", "on behalf of the head of the care home")."""
_OPENING = re.compile(r"^\s*(?P<who>[^.!?;:,()]{2,60})[,:.]", re.IGNORECASE)
_LEADS = re.compile(
    r"(?<![^\W\d_])(?:ich|und|and|i)\s+(?:leite|f(?:ü|ue)hre|manage|run)\s+(?:(?:seit|for)\s"
    r"[^.!?;:,]{1,25}?\s+)?(?P<who>(?:die|den|das|the|einen|eine|ein|a|an)\s[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""The sender leading the organisation, also after what they are ("Ich bin Pflegefachkraft und
leite seit drei Jahren die Tagespflege …", "ich bin Erzieherin und leite die Kita …")."""
_WE_HAVE = re.compile(
    r"(?<![^\W\d_])(?:wir\s+haben|we\s+have)\s+(?P<who>(?:einen|eine|ein|a|an)\s[^.!?;:,]{2,60})",
    re.IGNORECASE,
)
"""What the senders have, named in a few words ending in the kind ("wir haben einen
Milchviehbetrieb bei Aerzen"); not what they have found or planned ("wir haben einen Betrieb
gefunden, der …": the kind is not the last word)."""
_ABOUT_US = re.compile(
    r"(?<![^\W\d_])(?:(?:kurz\s+)?(?:zu|über|ueber)\s+uns|about\s+us|who\s+we\s+are"
    r"|wer\s+wir\s+sind)\s*:\s*(?:\n\s*(?:[-•*·–]\s*)?)?(?P<who>[^\n.;]{2,80})",
    re.IGNORECASE,
)
"""A line introducing the sender ("Kurz zu uns:\n- Bildungsträger aus Hildesheim")."""
_SUBJECT_LINE = re.compile(
    r"(?:^|\n)\s*(?:betreff|subject|re|aw|fwd?)\s*:\s*(?:(?:(?:f(?:ö|oe)rder|projekt)?"
    r"(?:anfrage|antrag|idee|skizze)|funding\s+(?:enquiry|inquiry|request|application)"
    r"|project\s+idea|enquiry|inquiry|request|application)\b\s*(?:[-–—:]\s*)?)?"
    r"(?:der|des|vom|von|from|by|of\s+the)?\s*(?P<who>[^\n,–—(]{2,80})",
    re.IGNORECASE,
)
"""The subject line of a mail, which names the sender after what the mail is ("Betreff:
Förderanfrage Gärtnerei Lindemann GbR, Sehnde", "Subject: Funding enquiry – Haus Weserblick care
home")."""
SUBJECT_LINE_WORDS = 3
"""In a subject line the kind is among the first words of a name ("Haus Weserblick care home"),
not said of a topic ("Ausbildung im Betrieb", "Kooperation mit Schulen")."""
_SUBJECT_LATER = re.compile(
    r"[.!?:]\s+(?:die|der|das|the)\s+(?P<who>[^.!?;:,]{2,50}?)\s+(?:möchte|moechte|will|plant"
    r"|beabsichtigt|wants|plans|is\s+planning|intends)\b(?P<rest>[^.!?]*)",
    re.IGNORECASE,
)
"""An organisation as the subject of a later sentence ("Ich schreibe im Auftrag unseres
Geschäftsführers. Die Kreishandwerkerschaft Schaumburg möchte …"); not where the sentence speaks
of the sender as "uns" ("Die Agentur für Arbeit will uns Teilnehmende vermitteln"): a partner."""
_US = re.compile(
    r"(?<![^\W\d_])(?:uns|unser\w*|wir|us|we|our"
    # … or says what a partner does ("Die Agentur für Arbeit will Teilnehmende vermitteln")
    r"|mitmachen|mitwirken|unterst(?:ü|ue)tzen|beteiligen|kooperieren|vermitteln|zuweisen"
    r"|schicken|finanzieren|mitfinanzieren|(?:ü|ue)bernehmen|support|help|join|fund|refer"
    r"|send)(?![^\W\d_])",
    re.IGNORECASE,
)
_MAKES = re.compile(
    r"(?<![^\W\d_])(?:wir\s+(?:stellen\s+(?P<made>[^.!?;:,()]{2,40}?)\s+her|fertigen)"
    r"|we\s+manufacture)(?![^\W\d_])",
    re.IGNORECASE,
)
"""A sender who makes things is a company, also where only its name is given ("ich bin
Ausbildungsleiterin bei Wilkhahn … (wir stellen Büromöbel her)"); not "wir stellen den Kontakt
her", nor "wir produzieren", which a youth centre says of a film as well."""
_NOT_MADE = re.compile(r"kontakt|verbindung|bezug|zusammenhang|austausch", re.IGNORECASE)
MAX_WHO_WORDS = 7
"""A self-description names the kind in its first words ("wir sind ein kleiner Verein …")."""
INFLECTED_FROM = 5
"""Stems this long are also found with the ending of the genitive or of an English plural ("des
Landkreises", "care homes"): whole words still, never inside another. The German plural only
where the sender says what they are ("wir als drei Pflegedienste", "wir betreiben zwei
Kliniken", "Kliniken" as the answer): "in Betrieben", "mit Pflegeschulen" name the partners more
often than the sender."""
_ENDINGS = r"(?:s|es)?"
_PLURAL_ENDINGS = r"(?:s|es|e|en|n)?"
_ENDINGS_CUT = ("es", "s")
_PLURAL_CUT = ("en", "es", "e", "n", "s")
"""The endings taken off a compound to find its head, longest first."""


def _stem_pattern(stem: str, plural: bool = False) -> str:
    endings = _PLURAL_ENDINGS if plural else _ENDINGS
    return re.escape(stem) + (endings if len(stem) >= INFLECTED_FROM else "")


@dataclass(frozen=True)
class Kind:
    kind: str
    start: int
    end: int
    """Span in the text of the words the kind was read from."""


_NOT_PLANTS = ("handwerk", "netzwerk", "regelwerk", "kunstwerk", "feuerwerk")
"""Words ending in "werk" that name no plant: a trade ("Zukunft Handwerk"), a network."""

_CUT = re.compile(
    r"\s(?:für|fuer|for|mit|with|an|und|and|that|which|who|aus|from|in|im|at|bei|near"
    r"|damit|um|to|wollen|möchten|moechten|want|would)\s",
    re.IGNORECASE,
)

_AND = re.compile(r"\s(?:und|and)\s", re.IGNORECASE)

_PLACES_TOO = (_AT_OURS, _WHOLE, _DASHED, _SUBJECT_LINE)
"""Patterns whose words may be where the sender is rather than who: "Landkreis Hildesheim" as
the answer to the place question, "in unserer Stadt"."""
_NAME_FIRST = (_WHOLE, _DASHED, _SUBJECT_LATER)
"""Patterns whose words must open with the kind or a name holding it ("Freiwillige Feuerwehr
…"), not name it later as a topic."""
_SAYS_WHAT = (
    _WE_ARE_A,
    _AS_WE,
    _BRACKETED,
    _LEADS,
    _OWNS,
    _WE_HAVE,
    _WRITING_FOR_RUNNER,
    _ROLE_OF,
    _OWN_PLACE,
)
"""Patterns in which the sender says what they are or run, so plurals count."""
_OURS = re.compile(r"unser|our", re.IGNORECASE)
_PREPOSITION = re.compile(
    r"\s*(?:in|im|an|am|bei|beim|mit|f(?:ü|ue)r|von|vom|zu|zur|zum|auf|aus|(?:ü|ue)ber|unter"
    r"|nach|at|with|for|from|of|on|to|into|among)(?![^\W\d_])",
    re.IGNORECASE,
)


class OrganisationWords:
    """The words of organisation_kinds.yaml, compiled for reading: whole words and phrases as one
    pattern per kind, the long ones also for typos, the heads and prefixes of compounds."""

    def __init__(self, kinds: Sequence[OrganisationKind]) -> None:
        self._phrases = {
            kind.id.value: re.compile(
                r"(?<![a-zäöüß])(?:"
                + "|".join(_stem_pattern(stem) for stem in kind.words)
                + r")(?![a-zäöüß])"
            )
            for kind in kinds
        }
        self._plurals = {
            kind.id.value: re.compile(
                r"(?<![a-zäöüß])(?:"
                + "|".join(_stem_pattern(stem, plural=True) for stem in kind.words)
                + r")(?![a-zäöüß])"
            )
            for kind in kinds
        }
        self._long_stems = {
            stem: kind.id.value for kind in kinds for stem in kind.words if len(stem) >= 8
        }
        # compiled here rather than per message: the typo candidates as listed and transliterated
        self._long_list = list(self._long_stems)
        self._long_plain = [transliterate(stem) for stem in self._long_list]
        self._heads = {head: kind.id.value for kind in kinds for head in kind.compound_heads}
        self._prefixes = {
            prefix: kind.id.value for kind in kinds for prefix in kind.compound_prefixes
        }

    def _kind_of(
        self, phrase: str, *, typos: bool = True, plural: bool = False
    ) -> tuple[str, int, int] | None:
        """The kind a (short) description names, with the span of the deciding word; the first
        named wins ("ein Verein im Landkreis Nienburg" is a Verein). `plural`: the phrase says
        what the sender is, so German plurals count too ("zwei Seniorenheime")."""
        # same length as `phrase`, so spans map back: lower case, punctuation as spaces
        plain = re.sub(r"[^\w]", " ", phrase.lower())
        found: list[tuple[int, int, str]] = []
        for kind, pattern in (self._plurals if plural else self._phrases).items():
            found += [(m.start(), -(m.end() - m.start()), kind) for m in pattern.finditer(plain)]
        taken = [(start, start - negative) for start, negative, _ in found]
        for word in re.finditer(r"[a-zäöüß]+", plain):
            if any(start < word.end() and word.start() < end for start, end in taken):
                continue
            text = word.group()
            named = self._compound_kind(text, _PLURAL_CUT if plural else _ENDINGS_CUT)
            if named is None and typos and len(text) >= 8:
                best = process.extractOne(text, self._long_list, scorer=fuzz.ratio, score_cutoff=88)
                named = self._long_stems[best[0]] if best is not None else None
            if named is not None:
                found.append((word.start(), -(word.end() - word.start()), named))
        if not found:
            return None
        start, negative_length, kind = min(found)
        if plain[start : start - negative_length] in QUALIFIERS:
            later_kinds = [f for f in sorted(found) if f[0] > start]
            if later_kinds and not re.search(r"[,.;:]", phrase[start : later_kinds[0][0]]):
                later, later_negative, later_kind = later_kinds[0]
                return later_kind, later, later - later_negative
        if kind == "company":
            # a trade before its association ("Hotel- und Gaststättenverband", "hotel
            # association"): the association is meant
            for later, later_negative, later_kind in sorted(found):
                gap = phrase[start - negative_length : later]
                if (
                    later > start
                    and later_kind in ASSOCIATIONS
                    and len(gap) <= TRADE_GAP
                    and not re.search(r"[,.;:]", gap)
                ):
                    return later_kind, later, later - later_negative
        return kind, start, start - negative_length

    def _compound_kind(self, word: str, endings: tuple[str, ...] = _ENDINGS_CUT) -> str | None:
        named = self._compound_kind_of(word)
        if named is None:
            for ending in endings:
                if word.endswith(ending) and len(word) - len(ending) >= INFLECTED_FROM:
                    named = self._compound_kind_of(word[: -len(ending)])
                    if named is not None:
                        break
        return named

    def _compound_kind_of(self, word: str) -> str | None:
        for prefix, kind in self._prefixes.items():
            if word.startswith(prefix) and len(word) > len(prefix) + 3:
                return kind
        for head, kind in self._heads.items():
            if head == "werk" and word.endswith(_NOT_PLANTS):
                continue
            if word.endswith(head) and len(word) > len(head) + 2:
                if kind in ("education", "company") and _JUGEND.search(word):
                    return "care"
                return kind
        return None

    def organisation_kind(self, text: str) -> str | None:
        """The kind an answer to "what kind of organisation?" names, or None (typos forgiven)."""
        # the answer says what the sender is: "Kliniken", "Pflegedienste" too
        found = self._kind_of(text[:300], plural=True)
        if found is not None:
            return found[0]
        words = fold(text[:300]).split()
        if not words:
            return None
        best = process.extractOne(
            transliterate(" ".join(words)),
            self._long_plain,
            scorer=fuzz.ratio,
            score_cutoff=85,
        )
        return None if best is None else self._long_stems[self._long_list[best[2]]]

    def _first_words(self, who: str) -> str:
        """The self-description up to the first word that starts something else."""
        # from the second word on: "an adult education centre" starts with an article, not
        # with the German "an"
        # … but not inside a name that holds such a word ("Agentur für Arbeit", "Werkstatt für
        # Menschen mit Behinderung"): cut before "für" there, "Agentur" alone is a company
        padded = f" {who} "
        names = [m.span() for p in self._phrases.values() for m in p.finditer(padded.lower())]
        for cut in _CUT.finditer(padded, 1):
            if any(start < cut.start() + 1 and cut.end() - 1 < end for start, end in names):
                continue
            if _AND.fullmatch(cut.group()) and not self._kind_of(
                padded[: cut.start()], typos=False
            ):
                # "Garten- und Landschaftsbaubetrieb", "a plumbing and heating business",
                # "Erzieherin und leite die Kita …": the kind comes after the "und"
                continue
            who = who[: max(cut.start() - 1, 0)]
            break
        words = list(re.finditer(r"\S+", who))
        return who[: words[MAX_WHO_WORDS - 1].end()] if len(words) > MAX_WHO_WORDS else who

    def organisation_in(self, text: str, *, opening: bool = False) -> Kind | None:
        """The kind of organisation a message says the sender is, with its span, or None.
        `opening`: the message opens the conversation, where people introduce themselves: then
        also a message that is only a name ("Kreishandwerkerschaft Hildesheim"), a labelled line,
        what the sender owns or runs, "bei uns im …", "wir sind ein …" inside a sentence and the
        signature count. An answer to a later question is read for that question: "Beschäftigte in
        unserem Betrieb" there says whom the project is for, from someone who may have declined
        to say who they are."""
        greeting = _GREETING.match(text[:1000])
        skip = greeting.end() if greeting else 0
        body = text[skip:1000]
        patterns = [
            _SELF,
            _BRACKETED,
            _HERE,
            _HERE_FROM,
            _OPENING,
            _SUBJECT,
            _ROLE_OF,
            _WRITING_FOR,
            _WRITING_FOR_RUNNER,
            _OWN_PLACE,
            _WE_FROM,
            _AS_WE,
            _LEADS,
        ]
        if opening:
            patterns[5:5] = [_WHOLE, _DASHED, _SUBJECT_LINE, _LABELLED, _ABOUT_US]
            patterns += [_OWNS, _WE_ARE_A, _WE_HAVE, _AT_OURS, _SUBJECT_LATER]
        for pattern in patterns:
            for match in pattern.finditer(body):
                found = self._read(match, pattern)
                if found is not None:
                    kind, start, end = found
                    offset = skip + match.start("who")
                    return Kind(kind, offset + start, offset + end)
        if not opening:
            return None
        return self._signed(text[:1000]) or self._maker(body, skip)

    def _read(self, match: re.Match[str], pattern: re.Pattern[str]) -> tuple[str, int, int] | None:
        """The kind a self-description `match` of `pattern` names, with its span in the words
        matched as "who"; None if it names none, or none that counts there."""
        who = match.group("who")
        offset = 0
        unit = _UNIT.search(who)
        if unit is not None:
            offset = unit.start("who")
            who = unit.group("who")
        lead = match.group("lead") if pattern is _SELF else None
        # what the sender says they are, so German plurals count ("wir betreiben zwei
        # Seniorenheime"); not "unsere …", which as often are the sender's partners or people
        plural = pattern in _SAYS_WHAT or (lead is not None and not _OURS.match(lead))
        # … as what they are, not where they are ("Wir sind in vielen Betrieben unterwegs")
        plural = plural and _PREPOSITION.match(who) is None
        first = self._first_words(who)
        found = self._kind_of(first, typos=pattern is not _SELF, plural=plural)
        if found is not None and found[0] == "municipality" and pattern in _PLACES_TOO:
            return None
        if found is not None and pattern in _NAME_FIRST and len(who[: found[1]].split()) > 1:
            # "Frage zu Pflegeschulen": a topic, not a name that opens with its kind
            return None
        if found is not None and pattern is _SUBJECT_LINE:
            before = who[: found[1]].split()
            if len(before) >= SUBJECT_LINE_WORDS or not all(w[:1].isupper() for w in before):
                return None  # "Betreff: Ausbildung im Betrieb": a topic
        if found is not None and pattern is _WE_HAVE and found[2] < len(first.rstrip()):
            return None  # "wir haben einen Betrieb gefunden": not what they have
        if pattern is _SUBJECT_LATER and _US.search(f"{who} {match.group('rest')}"):
            return None  # "Die Agentur für Arbeit will uns …": a partner
        where = _WORKPLACE.search(who) if found is None and pattern is _SELF else None
        if where is not None:
            # "Ich bin Lehrerin an einer BBS": the organisation after the person
            found = self._kind_of(self._first_words(who[where.end() :]), typos=False)
            offset += where.end()
        if found is None:
            return None
        kind, start, end = found
        return kind, offset + start, offset + end

    def _maker(self, body: str, skip: int) -> Kind | None:
        """A sender who says they make things, whatever its name ("wir stellen Büromöbel her")."""
        for match in _MAKES.finditer(body):
            made = match.group("made")
            if made is None or not _NOT_MADE.search(made):
                return Kind("company", skip + match.start(), skip + match.end())
        return None

    def _signed(self, text: str) -> Kind | None:
        """The kind named in the signature under an e-mail ("Mit freundlichen Grüßen / Thomas
        Brandt / Bildungswerk der Niedersächsischen Wirtschaft"; "Kind regards, Anna Weber,
        Jobcenter Region Hannover"): the first part after the closing that names one."""
        start = signature_start(text)
        closed = start is not None
        start = start if start is not None else _signature_block(text)
        if start is None:
            return None
        # after a closing formula, its first part is the formula ("Mit freundlichen Grüßen")
        parts = list(re.finditer(r"[^,\n]+", text[start:]))[1 if closed else 0 :]
        for part in parts:
            found = self._kind_of(self._first_words(part.group().strip()), typos=False)
            if found is not None:
                kind, begin, end = found
                offset = start + part.start() + (len(part.group()) - len(part.group().lstrip()))
                return Kind(kind, offset + begin, offset + end)
        return None


SIGNATURE_LINES = 2
"""A signature without a closing formula has a few short lines at least (name, organisation)."""
SIGNATURE_LINE_WORDS = 6
MIN_LETTER_WORDS = 8
"""… under a message of some words: a note of short lines is no letter with a signature."""
_SHORT_LINE = re.compile(r"\n[ \t]*(?![-•*·–>])[^\n:]*\S[^\n:]*$")


def _signature_block(text: str) -> int | None:
    """Where the short lines closing an e-mail begin when no closing formula says so ("…
    after graduating.\nCheers,\nTom Reilly\nCareer Service\nHochschule Hannover"): the run of
    lines of a few words at its end, without labels or bullets, under a longer text."""
    body = text.rstrip()
    start = len(body)
    lines = 0
    while (line := _SHORT_LINE.search(body, 0, start)) is not None:
        if len(line.group().split()) > SIGNATURE_LINE_WORDS:
            break
        start, lines = line.start(), lines + 1
    if lines < SIGNATURE_LINES or len(body[:start].split()) < MIN_LETTER_WORDS:
        return None
    if body[:start].rstrip().endswith(":"):
        return None  # "Partner:\nJobcenter Hameln\nAWO": a list introduced, not a signature
    return start + 1


@once_per_knowledge_base
def organisation_words(kb: KnowledgeBase) -> OrganisationWords:
    """The words for kinds of organisation of `kb`, compiled once: a version staff apply is read
    with its own words."""
    return OrganisationWords(kb.organisation_kinds)


def organisation_in(text: str, kb: KnowledgeBase, *, opening: bool = False) -> Kind | None:
    """The kind of organisation a message says the sender is, with its span, or None (see
    `OrganisationWords.organisation_in`)."""
    return organisation_words(kb).organisation_in(text, opening=opening)


def organisation_kind(text: str, kb: KnowledgeBase) -> str | None:
    """The kind an answer to "what kind of organisation?" names (typos forgiven), or None."""
    return organisation_words(kb).organisation_kind(text)
