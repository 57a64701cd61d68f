"""The knowledge base's vocabulary, and finding it in free German and English text.

Sponsors write compounds ("Pflegekräftegewinnung"), plurals, gendered forms, English and typos.
Words are reduced to light stems; a word the vocabulary does not know as written is looked up
by its dictionary forms (simplemma, German and English: "Mütter" -> "Mutter", "companies" ->
"company"); a vocabulary stem is found inside a longer word (so compounds match their parts:
"Pflegeausbildung" is Pflege and Ausbildung), and within one word only the longest matches count
("ausbildung", not also "bildung"). English words of the glossary are found as the German entry
they stand for, so an English idea meets the same sub-goals and projects as a German one. Words
that match nothing are compared with rapidfuzz against the vocabulary to catch typos. No model
is downloaded: the vocabulary is the knowledge base.

A phrase of the vocabulary is found as written: usually as the stems of its meaningful words in
order ("Teilhabe am Arbeitsmarkt"); one that would lose more than stop words that way ("bis zur
Rente", "über 50", "EU-Ausland", "it specialists") is kept whole and looked for among all words
of a text, hyphen or space alike (`_phrase`). `kb check` reports keywords no text can match
(bot/advice/keywords.py).

Lists of words (the stop words here, the knowledge base's generic and context terms) meet a
text's words in one form, the root (`root`: the stem, stemmed until it stays), on both sides:
the stems of one word's forms differ ("Region" regio, "Regionen" region), their roots do not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.advice.lexicon import fold, german_nouns
from bot.understanding.dictionaries import lemmatize

MAX_TEXT = 4000
"""Descriptions beyond this length add little to matching and would only cost time."""

_PLAIN = "w:"
"""Concept prefix of a vocabulary entry that is a word of a project or the glossary only."""

WORD_CACHE = 50_000
"""How many words' compound parts are remembered (words recur; a few MB at most)."""

MIN_PART = 4
"""Shortest vocabulary stem that may match inside a longer word."""

_WORD = re.compile(r"[a-zäöüß0-9]+(?:[*:/_-]innen|[*:/_](?:in|r)\b)?")
_GENDER = re.compile(r"(?:[*:/_-]innen|[*:/_](?:in|r))$")
"""Gender forms are one word: "Lehrer*innen", "Energieberater*in", "Auszubildende*r"."""
_SUFFIXES = ("innen", "ern", "en", "er", "es", "e", "n", "s")

STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bis
    bzw da damit dann das dass dem den denen der deren des die dies diese diesem diesen dieser
    dieses doch dort durch ein eine einem einen einer eines einige er es etwa euch fur gegen
    hat hatte haben hier ihr ihre ihrem ihren im in ins ist je jede jedem jeden jeder jedes
    kann konnen man mehr mit muss nach nicht noch nur ob oder sehr sein seine sich sie
    sind so soll sollen sowie uber um und uns unser unsere unter viel vom von vor wahrend war
    was weil welche wenn werden wie wieder wir wird wo wollen zu zum zur zwischen
    the and for with our of to in on a an is are be we will this that from by as at it
    projekt projekte projekten idee ziel ziele wollen mochten geplant plan planen region
    """.split()
)
"""Words that never count, as written (folded); compared by their roots (`is_stop_word`)."""


@lru_cache(maxsize=65_536)
def root(word: str) -> str:
    """The form in which a word meets the lists of the knowledge base and of this module (stop
    words, generic terms, context terms): its stem, stemmed again until nothing more comes off.

    One stem is not enough: the stems of one word's forms can differ ("Region" -> "regio",
    "Regionen" -> "region"; "Unternehmen" -> "unternehm", "Unternehmens" -> "unternehmen"),
    while their roots are one. A list entry and a word of a text are both reduced so, whether
    the word is given as written or as its stem (`root(stem(w)) == root(w)`).
    """
    while (shorter := stem(word)) != word:
        word = shorter
    return word


def is_stop_word(word: str) -> bool:
    """Whether a word (as written, or its stem) is one of `STOPWORDS`, in any of its forms."""
    return root(word) in _STOP_ROOTS


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light German stem: case and umlauts folded, gender suffix and common endings removed.

    "-er" stays after an "e" ("career", "engineer", "volunteer"): German nouns hardly end in
    "-eer", English ones do, and "career" must not become "care".
    """
    word = fold(_GENDER.sub("", word.casefold()))
    # "-innen" first, then the ending before it: "Lehrerinnen" and "Lehrer" share a stem.
    if len(word) >= 9 and word.endswith("innen"):
        word = word[:-5]
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            if suffix in ("er", "ern") and word[: -len(suffix)].endswith("e"):
                return word
            return word[: -len(suffix)]
    return word


_STOP_ROOTS = frozenset(root(word) for word in STOPWORDS)


def meaningful(stemmed: str) -> bool:
    """Whether a word of a vocabulary key says something: any but a stop word of three letters
    or more. A shorter word in a key is an acronym ("IT", "KI", "EU") or a small word of a
    phrase kept whole, and is counted as it always was."""
    return len(stemmed) < 3 or not is_stop_word(stemmed)


_LOWER_ACRONYMS = frozenset({"ki", "pv"})
"""Acronyms people type in lower case that are no other word ("ki tools", "pv anlagen")."""

_VERBS = {"schulen": "schulung", "schult": "schulung", "geschult": "schulung"}
"""Verbs whose stem collides with a noun of another meaning: "Mitarbeitende schulen" (train)
must not read as "Schulen"/"Schüler" (schools, pupils). Only applied to words written in lower
case in a text that capitalises its nouns, where the case tells the verb from the noun."""


def words(text: str) -> list[str]:
    """Stems of the meaningful words of a text, in order.

    Short words are noise, except acronyms written in capitals ("KI", "IT", "PV"): those carry
    meaning, while a lower-case "it" is an English pronoun.
    """
    return [stemmed for _, stemmed in _tokens(text)]


def tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(word as written, stem) for the meaningful words of a text, in order (see `words`)."""
    return _tokens(text)


_LETTER_PREFIX = re.compile(r"(?<![^\W\d_])([^\W\d_])-(?=[^\W\d_]{2})")


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(word as written, stem) for the meaningful words of a text, in order (see `words`).
    Cached: an idea's text is read by the vocabulary and again by the look-alike search."""
    return tuple((written, stemmed) for written, stemmed, meant in _scan(text) if meant)


@lru_cache(maxsize=256)
def _scan(text: str) -> tuple[tuple[str, str, bool], ...]:
    """(word as written, stem, meaningful) for every word of a text, in order: the meaningful
    ones are those `words` keeps; the others (stop words, short words, numbers) are only read
    by phrases of the vocabulary that need them ("bis zur Rente", "über 50")."""
    # A single letter before a hyphen belongs to the word: "E-Learning", "e-mobility".
    text = _LETTER_PREFIX.sub(r"\1", text[:MAX_TEXT])
    scanned = []
    capitalised = text != text.lower()
    # lower(), unlike casefold(), keeps offsets aligned with the original text.
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        written = text[match.start() : match.end()]
        if capitalised and word in _VERBS and text[match.start()].islower():
            word = _VERBS[word]
        stemmed = stem(word)
        # "it-fachkräfte" typed in lower case still means IT: before a hyphen "it" is no pronoun.
        acronym = 2 <= len(stemmed) <= 4 and (
            written.isupper()
            or word in _LOWER_ACRONYMS
            or (word == "it" and text[match.end() : match.end() + 1] == "-")
        )
        meant = acronym or (len(stemmed) >= 3 and not is_stop_word(stemmed))
        scanned.append((written, stemmed, meant))
    return tuple(scanned)


@lru_cache(maxsize=8192)
def _phrase(phrase: str) -> tuple[tuple[str, ...], bool]:
    """A phrase's key, and whether it is kept whole.

    Usually the key is the stems of its meaningful words: "Teilhabe am Arbeitsmarkt" is found
    as (teilhab, arbeitsmarkt), whatever small words stand between. A phrase that would lose
    more than stop words that way is kept whole, every word in order, numbers and small words
    included, and is found only where a text has those words in that order (hyphen or space
    between them alike): "bis zur Rente" is not "Rente", "über 50" is not nothing,
    "4-Tage-Woche" is not "Tage Woche", "EU-Ausland" not "Ausland", "it specialists" not
    "specialists". (Apostrophes' single letters, "can't", count as stop words.)"""
    scanned = _scan(phrase)
    meaningful = tuple(stemmed for _, stemmed, meant in scanned if meant)
    if len(scanned) <= 1:
        return meaningful, False
    lost = [
        s
        for _, s, meant in scanned
        if not meant and (s.isdigit() or (len(s) > 1 and not is_stop_word(s)))
    ]
    if len(meaningful) >= 2 and not lost:
        return meaningful, False
    return tuple(stemmed for _, stemmed, _ in scanned), True


def stop_words_only(phrase: str) -> bool:
    """Whether a phrase has words and all of them are stop words ("Projekt", "für die")."""
    scanned = _scan(phrase)
    return bool(scanned) and all(is_stop_word(stemmed) for _, stemmed, _ in scanned)


def _joined(phrase: str, key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The one-word writing of a short phrase kept whole that is hyphenated or has a number
    ("co-working": "coworking", "ü 50": "Ü50"), found as the phrase."""
    if not 1 < len(key) <= 3 or not ("-" in phrase or any(s.isdigit() for s in key)):
        return None
    joined = words("".join(key))
    return tuple(joined) if len(joined) == 1 else None


@dataclass(frozen=True)
class Hit:
    key: tuple[str, ...]
    """The vocabulary entry found (one stem, or the stems of a phrase); an English word from
    the glossary is found as the German entry it stands for."""
    surface: str
    """How the vocabulary writes what was found, for explanations."""


class Vocabulary:
    """Vocabulary entries (words and phrases) with the concepts each stands for."""

    def __init__(
        self,
        entries: Iterable[tuple[str, str]],
        aliases: Iterable[tuple[str, str]] = (),
        variants: Iterable[tuple[str, str]] = (),
    ) -> None:
        """`entries` are (phrase as written, concept id) pairs. `aliases` (English) and
        `variants` (German) are (other phrase, entry) pairs: the other phrase is found as the
        entry and stands for everything the entry stands for, so the two are one term. Only
        German words are looked for inside compounds."""
        concepts: dict[tuple[str, ...], set[str]] = defaultdict(set)
        surfaces: dict[tuple[str, ...], str] = {}
        # Phrases kept whole (`_phrase`) are looked for among all words of a text.
        self._kept_whole: set[tuple[str, ...]] = set()
        joined: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
        # The phrases written for each concept and the glossary's other words (`written`).
        self._given: dict[str, list[str]] = defaultdict(list)
        self._others: list[tuple[str, str]] = []
        self._written: dict[str, frozenset[str]] = {}
        self._other_words: dict[str, list[str]] | None = None
        for phrase, concept in entries:
            self._given[concept].append(phrase)
            key, whole = _phrase(phrase)
            if key:
                concepts[key].add(concept)
                surfaces.setdefault(key, phrase.strip())
                self._note_whole(phrase, key, whole, key, joined)
        self._aliases: dict[tuple[str, ...], tuple[str, ...]] = {}
        german: set[tuple[str, ...]] = set()
        for pairs, is_german in ((aliases, False), (variants, True)):
            for other, entry in pairs:
                self._others.append((other, entry))
                (key, whole), target = _phrase(other), _phrase(entry)[0]
                if not key or target not in concepts or key == target:
                    continue
                if key in self._aliases or target in self._aliases:
                    continue  # one term per phrase; the first listing wins
                # The other phrase may be an entry of its own (a project's keyword): it joins
                # the term, so the project and an idea saying either share it.
                concepts[target] |= concepts.pop(key, set())
                self._aliases[key] = target
                surfaces.setdefault(key, other.strip())
                self._note_whole(other, key, whole, target, joined)
                if is_german:
                    german.add(key)
        # "coworking" written in one word is "co-working": found as a whole word, never inside
        # another, and only where the one-word form is no entry of its own.
        for one, key, surface in joined:
            if one not in concepts and one not in self._aliases:
                self._aliases[one] = self._aliases.get(key, key)
                surfaces.setdefault(one, surface)
        self.concepts: Mapping[tuple[str, ...], frozenset[str]] = {
            key: frozenset(value) for key, value in concepts.items()
        }
        self.surfaces = surfaces
        # A word of the text is looked up as written (stemmed), then as its dictionary forms in
        # German and English ("companies" -> "company", "Kinder" -> "Kind"). The vocabulary's
        # own words are not reduced that way: an English word can be a German form ("ward" is
        # a past tense of "werden").
        self._forms = frozenset(s for key in (*concepts, *self._aliases) for s in key)
        # Only German entries are looked for inside longer words: compounds are German, and
        # short English words would turn up inside unrelated German ones ("ward").
        self._singles = {key[0] for key in (*self.concepts, *german) if len(key) == 1}
        self._whole = {key[0] for key in self._aliases if len(key) == 1}
        self._single_list = sorted(self._singles)
        # The lengths of the phrases each word begins, so a text's windows are looked up only
        # where a phrase can start; phrases kept whole apart, over all words of the text.
        self._phrase_starts: dict[str, set[int]] = defaultdict(set)
        self._whole_starts: dict[str, set[int]] = defaultdict(set)
        for key in (*self.concepts, *self._aliases):
            if len(key) > 1:
                starts = self._whole_starts if key in self._kept_whole else self._phrase_starts
                starts[key[0]].add(len(key))
        self._phrase_lengths = sorted({n for sizes in self._phrase_starts.values() for n in sizes})
        self._whole_lengths = sorted({n for sizes in self._whole_starts.values() for n in sizes})
        self._prefixes = {s[:end] for s in self._singles for end in range(1, len(s) + 1)}
        self._compounds: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self._word_parts: dict[str, list[str]] = {}
        # One-word entries that stand for words only (no sub-goal, field, group, ...): their
        # parts that mean more, found with them.
        self._plain: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for key, meant in self.concepts.items():
            if len(key) == 1 and all(c.startswith(_PLAIN) for c in meant):
                parts = [p for p in self._affixes(key[0]) if not self._only_words(p)]
                if parts:
                    self._plain[key] = parts

    def written(self, concept: str) -> frozenset[str]:
        """The phrases given for a concept, as written, and the glossary's English and German
        other words for them ("Lehrkräfte", "Lehrerin", "teachers"): what the concept is called,
        as against a word that only shares a stem with one of them ("Schulen" and "Schüler"
        are both "schul"). Gathered when first asked for: only the themes' reading asks, for
        the target groups."""
        if (known := self._written.get(concept)) is None:
            if self._other_words is None:
                others: dict[str, list[str]] = defaultdict(list)
                for other, entry in self._others:
                    others[fold(entry.strip())].append(other)
                self._other_words = others
            given = self._given.get(concept, [])
            folded = {fold(phrase.strip()) for phrase in given}
            more = [other for entry in folded for other in self._other_words.get(entry, ())]
            known = frozenset(phrase.strip() for phrase in (*given, *more))
            self._written[concept] = known
        return known

    def _note_whole(
        self,
        phrase: str,
        key: tuple[str, ...],
        whole: bool,
        target: tuple[str, ...],
        joined: list[tuple[tuple[str, ...], tuple[str, ...], str]],
    ) -> None:
        if whole:
            self._kept_whole.add(key)
            if (one := _joined(phrase, key)) is not None:
                joined.append((one, target, phrase.strip()))

    def _affixes(self, word: str) -> list[tuple[str, ...]]:
        """The entries a compound begins or ends with where the rest is a word too
        ("weiterbildung|sangebot"; not "weiter|bildungsangebot")."""
        found = []
        for end in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, rest = word[:end], word[end:]
            if head in self._singles and _piece(rest, modifier=False):
                found.append(self.canonical((head,)))
                break
        for start in range(MIN_PART, len(word) - MIN_PART + 1):
            tail, rest = word[start:], word[:start]
            if tail in self._singles and _piece(rest, modifier=True):
                found.append(self.canonical((tail,)))
                break
        return list(dict.fromkeys(found))

    def _only_words(self, key: tuple[str, ...]) -> bool:
        return all(c.startswith(_PLAIN) for c in self.concepts.get(key, ()))

    def canonical(self, key: tuple[str, ...]) -> tuple[str, ...]:
        """The entry a key stands for (itself, or the German entry of an English alias)."""
        return self._aliases.get(key, key)

    def key_of(self, phrase: str) -> tuple[str, ...]:
        """The key `phrase` is found as, for lists of words kept in the knowledge base."""
        return self.canonical(_phrase(phrase)[0])

    def listed(self, terms: Iterable[str]) -> TermList:
        """A list of words of the knowledge base (generic terms, context terms), to ask whether
        a key found in a text is one of them: the one way the lists are compared."""
        return TermList(self, terms)

    def root_key(self, key: tuple[str, ...]) -> tuple[str, ...]:
        """The form a key is compared in with listed words: the entry it stands for, its words'
        roots (`root`): a text's "Unternehmens" and "Regionen" meet "Unternehmen", "Region"."""
        return tuple(root(word) for word in self.canonical(key))

    def find(self, text: str, *, dictionary: bool = True) -> list[Hit]:
        """Every vocabulary entry in `text`, each once, in order of first appearance.

        `dictionary=False` skips looking words up by their dictionary forms: for the knowledge
        base's own texts, written with care, whose analysis must not wait for simplemma's
        dictionaries to load (about a second, once per process, at the first sponsor's idea).
        """
        tokens = _tokens(text)
        reading = languages(text) if dictionary else ()
        stems = [self._normal(written, stemmed, reading) for written, stemmed in tokens]
        found: dict[tuple[str, ...], Hit] = {}

        def add(key: tuple[str, ...]) -> None:
            entry = self._aliases.get(key, key)
            if entry not in found:
                found[entry] = Hit(entry, self.surfaces[key])

        for size in self._phrase_lengths:
            for start in range(len(stems) - size + 1):
                if size not in self._phrase_starts.get(stems[start], ()):
                    continue
                key = tuple(stems[start : start + size])
                if key in self.concepts or key in self._aliases:
                    add(key)
        if self._whole_lengths:
            for key in self._whole_phrases(text, stems):
                add(key)
        for word in stems:
            for part in self._parts(word):
                add((part,))
                # A compound that is only a word of some project's text ("Weiterbildungs-
                # angebote") still says what its parts say (Weiterbildung: II.2).
                if self._plain.get((part,)) is not None:
                    for inner in self._plain[(part,)]:
                        add(inner)
        return list(found.values())

    def _whole_phrases(self, text: str, stems: Sequence[str]) -> list[tuple[str, ...]]:
        """The phrases kept whole in a text: windows over all its words, the meaningful ones
        as `find` reads them (`stems`), the others (small words, numbers) as they stand."""
        normal = iter(stems)
        every = [next(normal) if meant else stemmed for _, stemmed, meant in _scan(text)]
        found = []
        for size in self._whole_lengths:
            for start in range(len(every) - size + 1):
                if size not in self._whole_starts.get(every[start], ()):
                    continue
                key = tuple(every[start : start + size])
                if key in self._kept_whole:
                    found.append(key)
        return found

    def parts(self, key: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The entries a one-word entry is compounded of ("pflegekraftegewinnung" ->
        "pflegekraft", "gewinnung"): a compound in one text and its parts in another share a
        theme."""
        if len(key) != 1:
            return []
        if key not in self._compounds:
            parts = _parts_of(key[0], self._singles, self._prefixes, inner=True)
            found = [self.canonical((part,)) for part in parts]
            self._compounds[key] = [part for part in dict.fromkeys(found) if part != key]
        return self._compounds[key]

    def _normal(self, written: str, stemmed: str, languages: tuple[str, ...]) -> str:
        """The vocabulary's stem for a word of the text, else the word's own stem."""
        if stemmed in self._forms or len(stemmed) < MIN_PART:
            return stemmed
        for language in languages:
            form = stem(_lemma(written, language))
            if form in self._forms:
                return form
        return stemmed

    def _parts(self, word: str) -> list[str]:
        if word in self._singles or word in self._whole:
            return [word]
        if (known := self._word_parts.get(word)) is not None:
            return known
        parts = _parts_of(word, self._singles, self._prefixes)
        if not parts and (corrected := self._correct(word)):
            parts = [corrected]
        if len(self._word_parts) < WORD_CACHE:  # bounded: words seen once stay out
            self._word_parts[word] = parts
        return parts

    @lru_cache(maxsize=4096)  # noqa: B019 - one Vocabulary per knowledge base, bounded
    def _correct(self, word: str) -> str | None:
        """A typo of a vocabulary word ("Pflegkräfte"), only for longer words."""
        if len(word) < 7:
            return None
        match = process.extractOne(word, self._single_list, scorer=fuzz.ratio, score_cutoff=88)
        return str(match[0]) if match else None


class TermList:
    """Words listed in the knowledge base, found in whatever form a text has them: a key (of a
    hit, or a text's own word as `(stem,)`) is in the list if its root key is one of the
    list's (`Vocabulary.root_key`), both sides reduced the same way. A listed word that is a
    stop word never reaches it: stop words are left out of every text before."""

    def __init__(self, vocabulary: Vocabulary, terms: Iterable[str]) -> None:
        self._vocabulary = vocabulary
        self.roots = frozenset(
            vocabulary.root_key(key) for term in terms if (key := vocabulary.key_of(term))
        )

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and self._vocabulary.root_key(key) in self.roots


_MARKERS = {
    "de": frozenset(
        "und der die das den dem mit für fur wir ist sind nicht ein eine auf zu".split()
    ),
    "en": frozenset("the and for with our we to of is are who that this their they will".split()),
}
"""Function words that tell German from English text."""


def languages(text: str) -> tuple[str, ...]:
    """The language(s) to read a text's words in: one where its function words say so, both
    where they do not. A word is only reduced in its text's language: an English "lots" is no
    German "Lotse", a German "ward" no English one."""
    counts = dict.fromkeys(_MARKERS, 0)
    for word in _MARKER_WORD.findall(text[:MAX_TEXT].lower()):
        for language, markers in _MARKERS.items():
            counts[language] += word in markers
    if counts["de"] > counts["en"]:
        return ("de",)
    if counts["en"] > counts["de"]:
        return ("en",)
    return ("de", "en")


_MARKER_WORD = re.compile(r"[a-zäöüß]+")


@lru_cache(maxsize=65_536)
def _lemma(word: str, language: str) -> str:
    """A word's dictionary form in one language (simplemma; German nouns are tried
    capitalised, since people on phones often do not)."""
    if language == "de" and word.islower():
        word = word.capitalize()
    return lemmatize(word, language).casefold()


def _parts_of(
    word: str, singles: set[str], prefixes: set[str], *, inner: bool = False
) -> list[str]:
    """Vocabulary stems a compound is made of; a part inside a longer found part is dropped.

    A part counts only where the rest of the word is made of words too (other parts, known
    German words, linking letters): "Pflegedoku" is Pflege + Doku, while "Wirtschaft" does not
    contain "Haft" ("wirtsc" is no word). `inner`: the parts of a word that is an entry itself.
    Walking only along known prefixes keeps this linear in practice.
    """
    spans: list[tuple[int, int]] = []
    length = len(word)
    for start in range(length - MIN_PART + 1):
        longest = 0
        end = start + 1
        while end <= length and word[start:end] in prefixes:
            whole = inner and start == 0 and end == length
            if end - start >= MIN_PART and word[start:end] in singles and not whole:
                longest = end
            end += 1
        if longest:
            spans.append((start, longest))
    kept: list[tuple[int, int]] = []
    # Left to right, the longer of two overlapping parts wins ("gewinn|ung" over "innung").
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if kept and span[0] < kept[-1][1]:
            if span[1] - span[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = span
            continue
        kept.append(span)
    parts = []
    for index, (start, end) in enumerate(kept):
        before = kept[index - 1][1] if index else 0
        after = kept[index + 1][0] if index + 1 < len(kept) else length
        if _piece(word[before:start], modifier=True) and _piece(word[end:after], modifier=False):
            parts.append(word[start:end])
    return parts


_LINKS = ("es", "en", "s", "n", "e")
"""Linking letters between the parts of a German compound (Bildungs-, Pflege-, Frauen-)."""


@lru_cache(maxsize=16_384)
def _piece(piece: str, *, modifier: bool) -> bool:
    """Whether a stretch of a compound beside a found part is made of words: nothing, linking
    letters, or a German word (a modifier may end in linking letters, a head start with them)."""
    if len(piece) < 3:
        return len(piece) == 0 or piece in _LINKS
    candidates = {piece}
    for link in _LINKS:
        if modifier and piece.endswith(link):
            candidates.add(piece[: -len(link)])
        if not modifier and piece.startswith(link):
            candidates.add(piece[len(link) :])
    if not modifier:  # the stem may have lost an ending ("programmierkurs" -> "...kur")
        candidates |= {c + ending for c in list(candidates) for ending in _ENDINGS}
    nouns = german_nouns()
    return any(len(c) >= MIN_PART and c in nouns for c in candidates)


_ENDINGS = ("s", "e", "en", "n", "er")
