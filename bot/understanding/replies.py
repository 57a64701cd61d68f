"""What kind of reply a sponsor gave at a question: an answer, a non-answer, or a question back.

People on a phone do not only answer. They decline ("nein", "möchte ich nicht sagen", "rather
not say"), have nothing yet ("noch keinen", "noch offen", "später", "not yet"), do not know
("weiß ich noch nicht", "keine Ahnung", "no idea"), point back ("steht doch oben"), greet
("hallo"), test ("test"), ask for English ("english please") or ask the bot a question ("Was
ist denn ein Eigenanteil?", "Gilt das auch für uns?", "wer entscheidet über die Förderung").
None of these may be stored as the answer; `classify` tells them apart.

Rules:

* Greetings, thanks and back-references ("hallo", "danke", "hab ich doch geschrieben", "wie
  gesagt", "see above") around an answer are dropped: `rest` is what remains. Alone they are a
  GREETING or SEE_ABOVE; a reply of only "test", "asdf", "..." or "?" is NOISE.
* A non-answer is the *whole* reply (besides fillers such as "leider", "bisher", "ehrlich
  gesagt", "yet"). A non-answer followed by an answer ("weiß ich nicht genau, wir sind eine
  gGmbH") is that answer; "ja, „Fahr los“" and "nein, wir sind ein Verein" are answers too.
  "ja"/"yes" alone is YES (say what, then).
* A question ends with "?" and has a question word or at least three words, or starts with a
  question word or an inverted verb ("Gilt das…", "Können auch Unternehmen…", "wer
  entscheidet…", "how much…"). At the idea question, where descriptions start with "Was wir…",
  a question needs its "?". "Hameln?" is a tentative answer (`asks` is set for it).
* A request for English or German ("english please", "do you speak english?", "auf Deutsch
  bitte") is LANGUAGE, with the language wanted; a title or idea that names a language
  ("Deutsch für die Pflege", "English for nurses") is none.
* `language_of` says whether a text is English: by function words of either language, and
  simplemma's word lists (in its wheel) for texts without any. `leans_english` says whether a
  short answer too short for that looks English ("for refugees", "about 200k", "charity"):
  enough to offer English with one tap, not to switch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from bot.base.normalize import fold
from bot.texts.catalog import Language
from bot.understanding.dictionaries import language_scores
from bot.understanding.once import once
from bot.understanding.slots import Asked

MAX_REPLY = 400
"""Only the first characters decide; a long text is an answer (or a long question)."""


class Kind(StrEnum):
    ANSWER = "answer"
    NO = "no"
    """Declined, or there is none: "nein", "keinen", "möchte ich nicht sagen", "none"."""
    NOT_YET = "not_yet"
    """Not decided yet: "noch keinen", "noch offen", "später", "not yet"."""
    DONT_KNOW = "dont_know"
    """ "weiß ich nicht", "keine Ahnung", "no idea", "not sure"."""
    QUESTION = "question"
    YES = "yes"
    SEE_ABOVE = "see_above"
    GREETING = "greeting"
    NOISE = "noise"
    LANGUAGE = "language"


NON_ANSWERS = frozenset({Kind.NO, Kind.NOT_YET, Kind.DONT_KNOW})


@dataclass(frozen=True)
class Reply:
    kind: Kind
    rest: str
    """The reply without greetings, thanks and back-references ("" if nothing else)."""
    asks: bool = False
    """It ends with a question mark (also a tentative answer such as "Hameln?")."""
    wants: Language | None = None
    """The language asked for: for LANGUAGE, and for a reply that also asks for one
    ("Could we do this in English? We're a charity in Hameln": the answer, wanting "en")."""

    @property
    def non_answer(self) -> bool:
        return self.kind in NON_ANSWERS


def _words(pattern: str) -> str:
    return rf"(?:{pattern})"


_GREETING = _words(
    r"hallo+|hall[öo]chen|hi+|hey+|moin(?: moin)?|servus|gruess gott|grüss gott|gruss gott"
    r"|guten (?:tag|morgen|abend)|hello+|good (?:morning|afternoon|evening|day)|greetings"
    r"|gruess dich|gruss dich|grüss dich"
    r"|liebe[rs]? (?:team|bot)|sehr geehrte damen und herren|dear (?:team|sir or madam)"
)
_ADDRESSED = _words(
    r"there|all|everyone|everybody|guys|folks|team|zusammen|alle|alle zusammen|ihr lieben"
    r"|liebe leute|leute|miteinander"
)
"""Whom a greeting is said to ("Hi there", "Hallo zusammen", "Good morning everyone"): part of
the greeting, not the start of what follows it ("there, I run a small bakery …")."""
_GREETING = rf"{_GREETING}(?: {_ADDRESSED})?"
_THANKS = _words(r"danke(?: schoen| schön| sehr)?|vielen dank|thanks?(?: you)?|thx|merci")
_SEE_ABOVE = _words(
    r"(?:das )?(?:steht|stand|stehts) (?:doch |ja |schon )*(?:oben|da|weiter oben|in meiner"
    r" (?:ersten )?nachricht)|siehe (?:oben|projektidee|idee|erste nachricht|vorherige nachricht)"
    r"|s o|wie (?:oben|gesagt|schon gesagt|geschrieben|erwaehnt|erwähnt)"
    r"|(?:das )?(?:hab|habe|hatte) ich (?:doch |ja |schon |bereits )*(?:geschrieben|gesagt"
    r"|erwaehnt|erwähnt|angegeben)|(?:see|as) above|as (?:i )?(?:said|mentioned|wrote)"
    r"|like i said|i (?:already )?(?:said|wrote|mentioned) (?:that|it)?(?: already)?"
)
_FILLER = _words(
    r"ich|es|das|wir|leider|bisher|bislang|genau|eigentlich|so|also|hm+|aehm|ähm|sorry"
    r"|momentan|aktuell|derzeit|gerade|dazu|jetzt|ehrlich gesagt|tatsaechlich|tatsächlich"
    r"|wirklich|danke|bitte|ok|okay|i|we|really|currently|right now|at the moment|to be honest"
    r"|honestly|tbh|ehrlich|yet|so far|thanks|please|sadly|unfortunately|actually|still|auch"
    r"|da|dafuer|dafür|den|die|der|einen|eine|ein"
)
_NO = _words(
    r"nein|ne+|nö+|noe+|nee+|nope|nah|no|none|nothing|nix|nichts|n a|na|k a|ka|keine? angabe"
    r"|keine?[nmrs]?|kein|gibt (?:es )?(?:keine?[nmrs]?|nicht)|haben wir (?:nicht|keine?[nmrs]?)"
    r"|(?:moechte|möchte|will|würde|wuerde) (?:ich|wir) (?:lieber )?nicht (?:sagen|angeben)"
    r"|lieber nicht|nicht (?:noetig|nötig|relevant)|(?:i d |we d )?(?:rather|prefer) not"
    r"(?: to)?(?: say)?|no thanks?|not needed|not applicable|does not apply|no (?:title|name)"
    r"|kein (?:titel|name|projekttitel)|keine?n? (?:titel|namen|eigenanteil|kofinanzierung)"
    r"|nein (?:danke|kein(?:en)?(?: titel)?)|entfaellt|entfällt|-+|–|—"
    r"|(?:kann|will|moechte|möchte|sag|sage|darf) ich (?:lieber |leider |noch )?(?:nix|nichts)"
    r"(?: (?:zu )?sagen)?"
)
_NOT_YET = _words(
    r"(?:(?:hat|haben|habe|hab|gibt es) (?:wir |ich |es )?)?noch (?:keine?[nmrs]?|kein|nicht|nix"
    r"|nichts)(?: (?:titel|namen?|eigenanteil|kofinanzierung|ahnung|klar|fest|festgelegt"
    r"|entschieden|geklaert|geklärt|bekannt|gesagt|ueberlegt|überlegt|sicher))*"
    r"|(?:ist |das ist )?noch (?:offen|unklar|in (?:planung|klaerung|klärung|arbeit))"
    r"|offen|unklar|spaeter|später|kommt (?:noch|spaeter|später)|folgt(?: noch)?"
    r"|(?:klaere|kläre|klaeren|klären) (?:ich|wir) noch|(?:wird|muss) (?:noch )?(?:geklaert"
    r"|geklärt|entschieden)(?: werden)?|(?:muss|muessen|müssen) (?:ich|wir) (?:\w+ )?noch"
    r" (?:\w+ )?(?:klaeren|klären|abklaeren|abklären|schauen|sehen|ueberlegen|überlegen"
    r"|besprechen|pruefen|prüfen|nachfragen)|steht noch nicht fest|in klaerung|in klärung"
    r"|tbd|tba|not yet|not (?:decided|sure|clear|fixed)(?: yet)?|no (?:title|name|idea) yet"
    r"|to be (?:decided|defined|confirmed|determined)|later|still open|open|undecided"
    r"|(?:we )?(?:have|haven t) (?:got )?(?:no|not|any)(?: \w+)? yet"
)
_DONT_KNOW = _words(
    r"(?:weiss|weiß|weis) (?:ich )?(?:noch |es )?(?:nicht|net|nich)(?: so)?(?: genau)?"
    r"|(?:ich )?(?:weiss|weiß|weis) (?:es )?(?:noch )?nicht(?: genau)?|keine ahnung"
    r"|(?:kann|koennen|können) (?:ich|wir) (?:noch )?nicht sagen|unbekannt|keinen plan"
    r"|no idea|(?:i |we )?(?:don ?t|do not) know|dunno|no clue|not sure|unsure"
    r"|(?:(?:ich )?bin (?:mir )?|wir sind (?:uns )?)?(?:noch )?(?:nicht sicher|unsicher)"
    r"|(?:i m |we re )not sure"
)
_YES = _words(r"ja+|jo|jep|jawohl|ja klar|klar|yes|yeah|yep|sure|ja haben wir|yes we do")
_NOISE = _words(r"test(?:ing)?|tests|asdf+|qwert[zy]?|xxx+|abc|bla+(?: bla)*|lol|\?+|\.+|\W*")


def _language_words(names: str) -> re.Pattern[str]:
    """A request for a language, not a title or idea that names it ("Deutsch für die Pflege",
    "English for nurses"): the name alone, or with a word that asks for it."""
    return re.compile(
        rf"^(?:bitte |please |lieber |gern |gerne )?(?:{names})(?: bitte| please| pls| plz)?$"
        rf"|(?<![a-z])(?:(?:auf|in|speak|sprechen sie|sprichst du|switch to|continue in|prefer"
        rf"|lieber|weiter auf|weiter in)(?: \w+)? (?:{names})"
        rf"|(?:{names}) (?:bitte|please|pls|plz|sprechen|speaken|möglich|moeglich|possible))"
        rf"(?![a-z])"
    )


_LANGUAGE_EN = _language_words("english|englisch")
_LANGUAGE_DE = _language_words("deutsch|german")
_QUESTION_START = re.compile(
    r"^(?:(?:(?:ich )?(?:habe|hab|hätte|haette) (?:mal )?(?:eine |ne )?|i have a |quick |kurze "
    r"|eine )?(?:frage|question)\b"
    r"|(?:wer|was|wie|wann|wo|woher|wohin|wozu|warum|wieso|weshalb|welche[rsmn]?|wieviel\w*"
    r"|worauf|wofuer|wofür|woran|womit|wovon|weswegen)"
    r"\b(?! (?:wir|ich|uns|unser\w*|mein(?!en sie|st du|t ihr)\w*|man hier))"
    r"|(?:who|what|whats|how|hows|when|where|wheres|why|which|whom|whose)\b"
    r"|(?:gilt|gelten|gibt|kann|koennen|können|darf|duerfen|dürfen|muss|muessen|müssen|soll"
    r"|sollen|sollte|ist|sind|habt|haben|hat|brauche|brauchen|braucht|werden|wird|zaehlt|zählt"
    r"|zaehlen|zählen|bekommen|bekomme|bekommt|reicht|lohnt|geht|passt|faellt|fällt"
    r"|gehoert|gehört|gehoeren|gehören|laeuft|läuft|dauert|kostet|koennte|könnte|koennten"
    r"|könnten|muesste|müsste|waere|wäre|zaehlen|sollten)"
    r" (?:das|es|man|ich|wir|sie|ihr|auch|denn|dies|der|die|so|eigentlich|unser|unsere|mein"
    r"|meine|hier|dafuer|dafür|da)\b"
    r"|(?:can|could|may|must|should|do|does|did|is|are|will|would|shall|have|has) (?:i|we|you"
    r"|it|this|that|they|the|our|my|a|an|there|he|she|one|companies|associations)\b)"
)
_INDIRECT = re.compile(
    r"^(?:(?:und|also|uebrigens|übrigens|noch|ach|ok|okay|and|oh|btw|by the way|so) )*"
    r"(?:(?:ich )?(?:wuesste|wüsste|wuerde|würde|moechte|möchte|will|wollte) (?:\w+ ){0,2}"
    r"(?:wissen|fragen|erfahren)|(?:ich )?(?:wuesste|wüsste) (?:gern|gerne)\b"
    r"|mich (?:wuerde|würde|wuerden|würden)? ?interessier\w*|(?:ich )?frage mich"
    r"|(?:ich )?(?:bin|waere|wäre) (?:mir )?(?:unsicher|nicht sicher|gespannt) (?:ob|wie|wer|was"
    r"|wann|welche\w*|wieviel\w*)"
    r"|(?:(?:koennen|können|koennten|könnten) sie (?:mir )?(?:bitte )?)?(?:erklaeren|erklären"
    r"|sagen) sie(?: mir)?|(?:koennen|können|koennten|könnten|kannst|koenntest|könntest)"
    r" (?:sie|du) (?:mir )?(?:\w+ )?(?:sagen|erklaeren|erklären|verraten)"
    r"|(?:i d|i would|we d|we would) (?:like|love) to (?:know|ask|understand)"
    r"|i (?:want|need) to know|(?:i m |i am |we re |just )?wondering|i wonder|we wonder"
    r"|(?:can|could) you (?:please )?(?:tell|explain|let me know)|please (?:tell|explain)"
    r"|tell me|(?:i m |we re |i am |we are )?not sure (?:whether|if))(?![a-z])"
)
"""A question asked as a statement ("ich wüsste gern, ob wir antragsberechtigt sind", "mich
würde interessieren, wer entscheidet", "I'd like to know who decides"): no question mark, and
no question word at the start."""
_ASKED_FIRST = re.compile(
    r"^(?:ist|sind|gibt|gilt|hat|haben|kann|koennen|können|muss|muessen|müssen|darf|duerfen"
    r"|dürfen|zaehlt|zählt|zaehlen|zählen|gehoert|gehört|reicht|braucht|brauchen) "
    r"(?:\w+ ){0,6}(?:ueberhaupt|überhaupt|eigentlich|eigtl|denn)(?![a-z])"
)
"""A sentence that starts with its verb and carries a particle of asking ("ist für dieses
Jahr überhaupt noch Geld im Topf"): a question without its question mark."""
_PERSONAL = re.compile(
    r"(?<![a-z])(?:wir|uns|unser\w*|ihr|euch|euer\w*|eure\w*|man|mir|mich|ich|we|us|our"
    r"|you|your|i|denn|eigentlich|ueberhaupt|überhaupt)(?![a-z])"
)
"""Words that make a question one to the bot rather than a title or an answer phrased as a
question ("Wer pflegt morgen?"): it speaks of the sender or the bot, or asks with a particle."""
_UNKNOWN_PART = re.compile(
    r"^(?:wer|was|wie|wann|wo|welche[rsmn]?|wieviel\w*|how|what|when|which|who)\b.*"
    r"(?:(?:weiss|weiß|wissen) (?:ich|wir) (?:noch )?(?:nicht|net)(?: genau)?"
    r"|(?:steht|ist) (?:noch )?(?:nicht fest|offen|unklar)|(?:i|we) (?:don t|do not) know"
    r"|(?:i m|we re) not sure|is (?:still )?open|not sure)$"
)
"""A clause that names what is not known yet ("wieviel genau weiß ich nicht", "wann genau
steht noch nicht fest"): a statement with a question word, not a question."""
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_EN_WORDS = frozenset(
    "the a an we are is our you your to of for and with in on at from would could like want"
    " this that it do does please hello hi good morning thanks who what how when which can will"
    " be have has not no yes my i am they their there here about"
    # wave 5: function words short answers carry ("trainee nurses in their first year")
    " out into by or but than them these those its were been whom whose should must more"
    " fewer less some any many much only just after before through over each every first"
    " people get year years months".split()
)
_DE_WORDS = frozenset(
    "der die das ein eine einen wir sind ist unser unsere sie ihr und mit für fuer von zu im"
    " in auf aus bei möchten moechten wollen will können koennen bitte hallo danke ich nicht"
    " kein keine noch auch oder es wie was wer wann gibt haben hat".split()
)


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """Compiled once: re's own cache (512 patterns, the oldest dropped first) is full after
    start-up, and compiling these long patterns again took milliseconds now and then."""
    return re.compile(pattern)


@cache
def _edges(pattern: str) -> re.Pattern[str]:
    """`pattern` at the start or end of a text (built once per pattern: formatting and hashing
    the long pattern again on every call was most of stripping a clause)."""
    return _regex(rf"^(?:{pattern})(?:\s+|$)|(?:^|\s+)(?:{pattern})$")


@cache
def _whole(core: str) -> re.Pattern[str]:
    """`core` as the whole text, fillers around it allowed (built once per pattern)."""
    filler = rf"(?:{_FILLER}\s+)*"
    return _regex(rf"{filler}{core}(?:\s+{_FILLER})*")


def _strip(folded: str, pattern: str) -> tuple[str, bool]:
    """`folded` without `pattern` at its start or end (repeatedly); whether any was found."""
    found = False
    edge = _edges(pattern)
    while True:
        stripped = edge.sub("", folded, count=1).strip()
        if stripped == folded:
            return folded, found
        folded, found = stripped, True


def _is(folded: str, core: str) -> bool:
    return _whole(core).fullmatch(folded) is not None


def _non_answer(folded: str) -> Kind | None:
    for core, kind in ((_DONT_KNOW, Kind.DONT_KNOW), (_NOT_YET, Kind.NOT_YET), (_NO, Kind.NO)):
        if _is(folded, core):
            return kind
    return None


_UNDECIDED = re.compile(
    r"(?<![a-z])(?:noch (?:nicht|keine?[nmrs]?|kein|nix|nichts|offen|unklar|am [^\W\d_]+"
    r"|in (?:planung|arbeit|klaerung|klärung))|(?:ueberlegen|überlegen|schauen|klaeren|klären)"
    r" (?:wir|ich) noch|(?:weiss|weiß|wissen) (?:ich|wir)(?: \w+)? (?:noch )?nicht"
    r"|not (?:yet|decided|sure)|(?:haven t|have not|don t|do not) (?:\w+ ){0,2}(?:yet|know|decided)"
    r"|still (?:open|thinking|deciding)|keine ahnung|no idea|kommt (?:noch|spaeter|später)"
    r"|folgt (?:noch|spaeter|später)|(?:haven t|have not|don t|do not) (?:got |have )?(?:one|any)"
    r"|(?:entscheidet|entscheiden|klaert|klärt|klaeren|klären|bespricht|besprechen|beschliesst"
    r"|beschliessen)(?: \w+){0,3} (?:erst )?noch|no clue)"
    r"(?![a-z])"
)
"""A reply that says it is not decided yet, in a sentence ("da sind wir noch am überlegen",
"haben wir uns noch nicht überlegt", "we haven't decided yet")."""
MAX_UNDECIDED_WORDS = 10
_NAMED_TEXT: frozenset[Asked] = frozenset({"title", "cofinancing"})
"""Questions answered with a name or a short text, where a sentence that says "not decided
yet" is no answer (at a question about people or places it may describe them: "Leute, die
noch nicht lange hier sind")."""


_NO_TITLE = re.compile(
    r"(?<![a-z])(?:gute frage|good question|doesn t matter|no matter"
    r"|(?:faellt|fällt) (?:mir|uns) (?:\w+ )?(?:nichts|nix|keiner|keins) ein"
    r"|can t think of (?:one|any|a \w+)|nothing comes to mind|ohne (?:titel|namen?)|untitled"
    r"|nameless|unschluessig|unschlüssig|unentschlossen|(?:fuer|für) (?:vorschlaege|vorschläge)"
    r" offen|open to suggestions|brauch\w* (?:wir|man|ich|es) (?:den|einen|das|so einen|sowas"
    r"|einen titel|one|a title)|(?:projekt|arbeits)?(?:titel|namen?|title) (?:folgt|fehlt|kommt"
    r"|offen|tbd|tba|to follow)|(?:vorschlag|vorschlaege|vorschläge|suggestions?|ideen?)"
    r" (?:von )?(?:ihnen|dir|euch|you)?)(?![a-z])"
)
"""Replies at the title question that name no title: "gute Frage", "egal", "fällt mir nichts
ein", "Titel folgt", "ohne Titel", "brauchen wir den?"."""
_PLACEHOLDERS = frozenset(
    {"vorschlag", "vorschlaege", "vorschläge", "suggestions", "any suggestions", "ok", "okay"}
    | {"xy", "n n", "nn", "xxx", "tba", "tbd", "idee", "ideen", "passt", "name", "titel"}
    | {"egal", "ist egal", "mir egal", "ist mir egal", "uns egal", "ist uns egal", "whatever"}
)
"""A whole reply at the title question that is a placeholder or a request, not a name."""
_HEDGED_NAME = re.compile(
    r"(?<![a-z])(?:irgendwas|irgendetwas|something|anything) (?:mit|with)(?![a-z])"
)
"""A title not found yet: "vielleicht irgendwas mit Zukunft"."""


def _undecided(raw: str, folded: str, slot: Asked | None) -> bool:
    if slot not in _NAMED_TEXT or len(folded.split()) > MAX_UNDECIDED_WORDS:
        return False
    if slot == "title" and (folded in _PLACEHOLDERS or _NO_TITLE.search(folded)):
        return True
    if re.search(r"[„“\"«»]|\d", raw):
        return False
    return _UNDECIDED.search(folded) is not None or (
        slot == "title" and _HEDGED_NAME.search(folded) is not None
    )


_SEPARATOR = re.compile(r"\s*[,;:.!]\s+|\s+[-–—]\s+|\n+")


def _clauses(text: str) -> list[tuple[int, int]]:
    """The spans of the clauses of `text`."""
    spans = []
    position = 0
    for separator in _SEPARATOR.finditer(text):
        if text[position : separator.start()].strip():
            spans.append((position, separator.start()))
        position = separator.end()
    if text[position:].strip():
        spans.append((position, len(text.rstrip())))
    return spans


def _raw_words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]


def _locate(clause: str, remainder: str) -> tuple[int, int]:
    """Where the folded `remainder` of a clause stands in the clause as typed."""
    words = [(start, end, folded) for start, end, folded in _raw_words(clause) if folded]
    wanted = remainder.split()
    flat: list[tuple[int, int, str]] = []
    for start, end, folded in words:
        flat += [(start, end, part) for part in folded.split()]
    for index in range(len(flat) - len(wanted) + 1):
        if [part for _, _, part in flat[index : index + len(wanted)]] == wanted:
            last = flat[index + len(wanted) - 1][1]
            while last < len(clause) and clause[last] in "\"'“”„«»?":
                last += 1
            return flat[index][0], last
    return 0, len(clause)


def _language_request(folded: str) -> Language | None:
    if len(folded.split()) > 12:
        return None
    if _LANGUAGE_EN.search(folded):
        return "en"
    if _LANGUAGE_DE.search(folded) and len(folded.split()) <= 6:
        return "de"
    return None


_LABELLED = re.compile(
    r"[\s\-–—•*]*(?:wer|was|wann|wo|wie|who|what|when|where|how|why)\s*:", re.IGNORECASE
)
"""Notes labelled by a question word ("- who: youth charity, Hamelin\n- what: …", "Was: …")
answer it; without a question mark they ask nothing."""


def _is_question(raw: str, folded: str, slot: Asked | None) -> bool:
    words = folded.split()
    if raw.rstrip().endswith("?"):
        return len(words) >= 3 or bool(_QUESTION_START.search(folded))
    if slot == "idea" and len(words) > 12:
        return False
    if _LABELLED.match(raw):
        return False
    if _UNKNOWN_PART.search(_first_clause(raw)):
        return False
    asking = _QUESTION_START.search(folded) or _INDIRECT.search(folded)
    return bool(asking or _ASKED_FIRST.search(folded)) and len(words) <= 40


def _first_clause(raw: str) -> str:
    """The first clause of a reply, folded."""
    spans = _clauses(raw)
    return fold(raw[spans[0][0] : spans[0][1]]) if spans else ""


def to_the_bot(text: str) -> bool:
    """Whether a question speaks to the bot (see `_PERSONAL`) or is asked indirectly, rather than
    being an answer phrased as a question, such as a title ("Wer pflegt morgen?")."""
    folded = fold(text[:MAX_REPLY])
    return bool(_PERSONAL.search(folded) or _INDIRECT.search(folded))


def _drop_edges(raw: str) -> tuple[str, set[Kind]]:
    """The reply without greetings, thanks and back-references, as typed; which were seen."""
    seen: set[Kind] = set()
    kept: list[tuple[int, int]] = []
    for start, end in _clauses(raw):
        clause = raw[start:end]
        folded = fold(clause)
        folded, greeted = _strip(folded, _GREETING)
        folded, thanked = _strip(folded, _THANKS)
        folded, referred = _strip(folded, _SEE_ABOVE)
        if greeted or thanked:
            seen.add(Kind.GREETING)
        if referred:
            seen.add(Kind.SEE_ABOVE)
        if not folded:
            continue
        if greeted or thanked or referred:
            first, last = _locate(clause, folded)
            kept.append((start + first, start + last))
        else:
            kept.append((start, end))
    if not kept:
        return "", seen
    return raw[kept[0][0] : kept[-1][1]].strip(), seen


_PIECE = re.compile(r"[^,;:.!?\n]+[,;:.!?\n]*")
"""A clause of a message with the marks that end it ("do you speak English? ")."""
_ASKING = re.compile(
    r"(?<![a-z])(?:bitte|please|pls|plz|lieber|prefer|switch|continue|weiter|speak|sprechen"
    r"|sprichst|spricht|moeglich|möglich|possible)(?![a-z])"
)
"""Words that make a clause naming a language a request for it, said with the rest of a
message ("Could we do this in English? We are a charity in Hameln.")."""


def _requested(raw: str) -> tuple[Language, str] | None:
    """A language asked for in one clause of a longer message, and the message without that
    clause ("Hi, do you speak English? We're an IT company in Hanover." → en, "Hi, We're an IT
    company in Hanover."). A clause that merely names a language ("Kurse auf Englisch") asks
    for nothing: it must ask (a "?", a question's start) or say "please", "lieber" …"""
    pieces = [match for match in _PIECE.finditer(raw) if match.group().strip()]
    if len(pieces) < 2:
        return None
    for piece in pieces:
        folded = fold(piece.group())
        wants = _language_request(folded)
        asking = piece.group().rstrip().endswith("?") or _QUESTION_START.search(folded)
        if wants is not None and (asking or _ASKING.search(folded)):
            rest = (raw[: piece.start()] + raw[piece.end() :]).strip()
            return wants, rest
    return None


SAYS_ONLY_THE_LANGUAGE = 4
"""Words a reply may have and still be a request by naming the language alone ("English",
"in English", "auf Deutsch bitte"); a longer one that names a language must ask for it
("Wir bieten Kurse auf Englisch an" is about the courses)."""


def _asks_for_it(folded: str, asks: bool) -> bool:
    return (
        len(folded.split()) <= SAYS_ONLY_THE_LANGUAGE
        or asks
        or bool(_QUESTION_START.search(folded) or _ASKING.search(folded))
    )


_DASHES = re.compile(r"[\s.]*[-–—/][-–—/\s.]*")
"""A dash or a slash alone ("-", "–", "./.", "---") is how forms say "none": a non-answer (its
marks fold to nothing, so it would otherwise be noise and be asked again)."""


_CAPITAL_CODE = re.compile(r"(?<![^\W\d_])[A-ZÄÖÜ]{2,3}(?![^\W\d_])")
"""A word of two or three capitals: at the place question a licence plate's code ("HI" is
Hildesheim), not the greeting it spells."""


@once
def classify(text: str, slot: Asked | None = None) -> Reply:
    """What kind of reply `text` is at a question asking for `slot` (None: no question asked
    yet)."""
    raw = text[:MAX_REPLY].strip()
    requested = _requested(raw)
    if requested is not None:
        # the language is switched and the rest read as if it had been sent alone
        asked, rest = requested
        reply = classify(rest, slot)
        if reply.kind in (Kind.GREETING, Kind.NOISE, Kind.LANGUAGE):
            return Reply(Kind.LANGUAGE, "", reply.asks, asked)
        return replace(reply, wants=asked)
    asks = raw.rstrip(" )").endswith("?")
    folded_raw = fold(raw)
    wants = _language_request(folded_raw)
    if wants is not None and _asks_for_it(folded_raw, asks):
        return Reply(Kind.LANGUAGE, "", asks, wants)
    if slot == "place" and any(
        _is(fold(code.group()), _GREETING) for code in _CAPITAL_CODE.finditer(raw)
    ):
        return Reply(Kind.ANSWER, raw, asks)  # "HI", "Kennzeichen HI": Hildesheim's plate
    rest, seen = _drop_edges(raw)
    folded = fold(rest)
    if not folded and _DASHES.fullmatch(raw):
        return Reply(Kind.NO, "", asks)
    if not folded:
        if Kind.SEE_ABOVE in seen:
            return Reply(Kind.SEE_ABOVE, "", asks)
        if Kind.GREETING in seen:
            return Reply(Kind.GREETING, "", asks)
        return Reply(Kind.NOISE, "", asks)
    if _regex(_NOISE).fullmatch(folded):
        return Reply(Kind.NOISE, "", asks)
    question = _is_question(raw, folded, slot)
    kind = _non_answer(folded)
    if kind is None and not question and _UNKNOWN_PART.search(folded):
        kind = Kind.DONT_KNOW  # "wann genau, steht noch nicht fest"
    if kind is None and _undecided(raw, folded, slot):
        kind = Kind.NOT_YET
    if kind is not None and not (question and asks):
        return Reply(kind, "", asks)
    clauses = _clauses(rest)
    if question and len(clauses) > 1 and not _QUESTION_START.search(folded):
        # "keine Ahnung, so 50.000?": an answer given with doubt, not a question to the bot
        first = fold(rest[clauses[0][0] : clauses[0][1]])
        if _non_answer(first) is not None:
            return Reply(Kind.ANSWER, rest[clauses[1][0] :].strip(), asks)
    if question:
        return Reply(Kind.QUESTION, rest, asks)
    if _is(folded, _YES):
        return Reply(Kind.YES, "", asks)
    # "weiß ich nicht genau, wir sind eine gGmbH", "ja, „Fahr los“": the answer after it
    first = fold(rest[clauses[0][0] : clauses[0][1]])
    if len(clauses) > 1 and (
        _non_answer(first) is not None or _is(first, _YES) or _UNKNOWN_PART.search(first)
    ):
        after = rest[clauses[1][0] :].strip()
        later = _non_answer(fold(after))
        if later is not None:
            return Reply(later, "", asks)
        return Reply(Kind.ANSWER, after, asks)
    return Reply(Kind.ANSWER, rest, asks)


_OR = re.compile(r"^(?:oder|or|und|and|aber|but|bzw)\s+")


def asked_with(text: str, slot: Asked | None) -> tuple[str, str] | None:
    """An answer with a question before or after it, as (answer, question): "120.000 – zählen
    da die Personalkosten mit rein?", "3 Jahre, oder ist das zu lang?", "about 200k, does that
    include staff costs?", "Gilt das auch für Vereine? Wir sind ein Verein.". The question ends
    with "?" and starts like one (an "oder" may lead it); the rest is an answer on its own.
    None otherwise ("keine Ahnung, so 50.000?" asks nothing; a question alone has no answer)."""
    raw = text[:MAX_REPLY].strip()
    first = _FIRST_QUESTION.match(raw)
    if first is not None and first.end() < len(raw):
        asked, rest = first.group().strip(), raw[first.end() :].strip()
        if _is_question(asked, fold(asked), slot) and "?" not in rest and _answers(rest, slot):
            return rest, asked
        return None
    if not raw.endswith("?"):
        return None
    spans = _clauses(raw)
    for index in range(1, len(spans)):
        head = raw[: spans[index][0]].rstrip(" ,;:.!–—-\n")
        tail = raw[spans[index][0] :].strip()
        if not _asks(tail):
            continue
        return (head, tail) if _answers(head, slot) else None
    return None


_FIRST_QUESTION = re.compile(r"[^?]*\?+")
"""A message's first sentence when it ends with a question mark."""


def _asks(text: str) -> bool:
    folded = _OR.sub("", fold(text))
    return bool(_QUESTION_START.search(folded) or _INDIRECT.search(folded))


def _answers(text: str, slot: Asked | None) -> bool:
    return classify(text, slot).kind is Kind.ANSWER and not _is_question(text, fold(text), slot)


def language_of(text: str) -> Language | None:
    """ "en" or "de" when `text` is clearly written in it, else None (names, numbers, "ok")."""
    words = [word.casefold() for word in _WORD.findall(text[:MAX_REPLY])]
    letters = [word for word in words if not word.isdigit()]
    if not letters:
        return None
    # words of both lists ("in", "will") do not tell one language from the other
    english = sum(word in _EN_WORDS and word not in _DE_WORDS for word in letters)
    german = sum(word in _DE_WORDS and word not in _EN_WORDS for word in letters)
    if english >= 2 and english > 2 * german:
        return "en"
    if german >= 2 and german > 2 * english:
        return "de"
    english = sum(word in _EN_WORDS for word in letters)
    german = sum(word in _DE_WORDS for word in letters)
    if len(letters) < 2:
        return None
    scores = language_scores(" ".join(letters))
    en, de = scores.get("en", 0.0), scores.get("de", 0.0)
    if english >= 1 and en >= 0.9 and de <= 0.5:
        return "en"
    if german >= 1 and de >= 0.9 and en <= 0.5:
        return "de"
    return None


_GERMAN_TOO = frozenset("am an zum zur im vom beim ab bis pro je ca rund etwa über ueber".split())
"""Short German words spelt like English ones ("am", "an") or that only German answers carry."""
MAX_LEANING_WORDS = 6
_ONLY_GERMAN = _GERMAN_TOO | (_DE_WORDS - _EN_WORDS)
"""Words of a German answer, not of an English one (built once)."""
_NAMED: frozenset[Asked] = frozenset({"place", "title"})
"""Questions answered with names (places, titles such as "Fit for Future"), which say nothing
about the language the sponsor writes in."""


def leans_english(text: str, slot: Asked | None) -> bool:
    """Whether a short answer that `language_of` cannot tell looks English: an English function
    word ("for refugees", "about 200k") or only words that English knows and German does not
    ("charity", "donations"), and no German word. Acronyms ("IT", "HAWK") are no words here."""
    if slot in _NAMED:
        return False
    words = [
        word.casefold()
        for word in _WORD.findall(text[:MAX_REPLY])
        if not (len(word) > 1 and word.isupper())
    ]
    letters = [word for word in words if not word.isdigit() and any(c.isalpha() for c in word)]
    if not letters or len(letters) > MAX_LEANING_WORDS:
        return False
    if any(word in _ONLY_GERMAN for word in letters):
        return False
    if any(word in _EN_WORDS and word not in _DE_WORDS for word in letters):
        return True
    scores = language_scores(" ".join(letters))
    return scores.get("en", 0.0) >= 1.0 and scores.get("de", 0.0) == 0.0


def german_word(word: str) -> bool:
    """Whether a folded word marks an answer as German: a German function word, or a word
    German knows and English does not ("frauen", "eigenmittel")."""
    if word in _ONLY_GERMAN:
        return True
    scores = language_scores(word)
    return scores.get("de", 0.0) > 0.0 and scores.get("en", 0.0) == 0.0
