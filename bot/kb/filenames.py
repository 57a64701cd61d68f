"""Which knowledge file a sent file is meant to replace, when its name is not exactly one.

Files come back from staff's computers as "Projekte neu.yaml", "projects (1).yaml" or
"Kopie von regions.yml". Such a name is recognised by its words (German or English, a typo
allowed) when the file's top-level keys do not say otherwise, and the author is asked to
confirm the guess. A name that resembles none is not guessed from the content alone.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from bot.kb.models import KNOWLEDGE_FILES
from bot.kb.yamlsafe import YamlProblem, load

_WORDS: dict[str, tuple[str, ...]] = {
    "projects.yaml": ("projects", "project", "projekte", "projekt", "vorhaben"),
    "action_fields.yaml": (
        "actionfields",
        "handlungsfelder",
        "handlungsschwerpunkte",
        "schwerpunkte",
        "unterziele",
    ),
    "target_groups.yaml": ("targetgroups", "zielgruppen", "zielgruppe"),
    "regions.yaml": ("regions", "region", "regionen", "landkreise", "gemeinden"),
    "alliances.yaml": ("alliances", "allianzen", "buendnisse", "fachkraeftebuendnisse"),
    "rules.yaml": ("rules", "regeln", "foerderregeln", "richtlinie"),
    "faq.yaml": ("faq", "faqs", "fragen", "haeufigefragen", "questions"),
    "organisation_kinds.yaml": (
        "organisationkinds",
        "organisationen",
        "organisationsarten",
        "traegerarten",
        "organisations",
    ),
}
_NOISE = frozenset(
    "kopie copy von of neu new alt old final aktuell current stand version entwurf draft "
    "bearbeitet edited geaendert changed und and".split()
)
_SUFFIXES = ("yaml", "yml", "txt")
_MIN_SCORE = 85


def _words(stem: str) -> list[str]:
    text = stem.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    # `action_fields`, `action-fields` and `action fields` are one word here.
    text = re.sub(r"(?<=[a-z])[_\- ](?=(fields|groups)\b)", "", text)
    words = re.split(r"[^a-z]+", text)
    return [w for w in words if len(w) > 2 and w not in _NOISE]


def guess_by_name(name: str) -> str | None:
    if "/" in name or "\\" in name or "\x00" in name:
        return None
    stem, dot, suffix = name.strip().rpartition(".")
    if not dot or suffix.casefold() not in _SUFFIXES:
        return None
    if stem.casefold().endswith((".yaml", ".yml")):  # "projects.yaml.txt"
        stem = stem.rpartition(".")[0]
    scores: dict[str, float] = {}
    for word in _words(stem):
        for file, names in _WORDS.items():
            best = max(fuzz.ratio(word, candidate) for candidate in names)
            scores[file] = max(scores.get(file, 0.0), best)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < _MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return None  # two files named equally well: no guess
    return ranked[0][0]


def guess_by_content(content: bytes) -> str | None:
    """The one knowledge file whose schema has all of the content's top-level keys."""
    try:
        data = load(content).data
    except YamlProblem:
        return None
    if not isinstance(data, dict) or not data:
        return None
    keys = {str(key) for key in data}
    fitting = [file for file, model in KNOWLEDGE_FILES.items() if keys <= set(model.model_fields)]
    return fitting[0] if len(fitting) == 1 else None


def guess_file(name: str, content: bytes) -> str | None:
    """The knowledge file `name` most likely stands for; None if there is no good guess, or
    the content is plainly another knowledge file's."""
    by_name = guess_by_name(name)
    if by_name is None:
        return None
    by_content = guess_by_content(content)
    return by_name if by_content in (None, by_name) else None
