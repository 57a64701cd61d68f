"""simplemma's German and English dictionaries as tries cached on disk: the lemmas and the
language scores of sponsors' words, exactly as simplemma's own `lemmatize` and `langdetect`.

simplemma's default backend unpacks each language into a Python dict at first use: 1.0-1.7 s
and about 130 MB for German and English together, for a process that looks up a few words per
message. Its trie backend (`TrieDictionaryFactory`, marisa-trie) holds the same forms and lemmas
in about 9 MB and loads in milliseconds from a cache file; the lemmatisation strategy is the
same, so the results are too. The tries are built from simplemma's own dictionaries once per
machine (about 3 s) and kept in $XDG_CACHE_HOME/foerderlotse (else ~/.cache/foerderlotse), named
after the simplemma and marisa-trie versions; the Docker image carries them. Where that
directory cannot be written, the tries are built in memory at each start.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where first used: simplemma's rules for all its languages take
    # 0.1-0.25 s to import, which start-up would pay; the warm-up thread pays it instead
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries import DictionaryFactory

LANGUAGES = ("de", "en")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = f"simplemma-{version('simplemma')}-marisa-{version('marisa-trie')}"
    return Path(base) / "foerderlotse" / name


def tries(folder: Path) -> DictionaryFactory:
    """simplemma's trie backend with its cache files in `folder`, written atomically: a bot or
    test worker starting meanwhile reads the old file or the new one, never half of one."""
    from marisa_trie import BytesTrie
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    class Tries(TrieDictionaryFactory):
        def _write_trie_to_disk(self, lang: str, trie: BytesTrie) -> None:
            target = folder / f"{lang}.dic"
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
            os.close(handle)
            try:
                trie.save(temporary)
                os.chmod(temporary, 0o644)  # readable by the bot's user where built in an image
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

    factory: DictionaryFactory = Tries(disk_cache_dir=str(folder))
    return factory


@lru_cache(maxsize=1)
def _strategy() -> DefaultStrategy:
    # Built on first use, not at import: the cache directory is read from the environment then.
    from simplemma.strategies import DefaultStrategy

    return DefaultStrategy(dictionary_factory=tries(cache_dir()))


@lru_cache(maxsize=1)
def _lemmatizer() -> Lemmatizer:
    from simplemma import Lemmatizer

    return Lemmatizer(lemmatization_strategy=_strategy())


def lemmatize(word: str, language: str) -> str:
    """`simplemma.lemmatize(word, lang=language)`, on the tries."""
    return _lemmatizer().lemmatize(word, language)


def language_scores(text: str) -> dict[str, float]:
    """`dict(simplemma.langdetect(text, lang=("de", "en")))`, on the tries: the share of the
    text's words each language knows ("unk": neither)."""
    from simplemma.language_detector import LanguageDetector
    from simplemma.token_sampler import MostCommonTokenSampler, RelaxedMostCommonTokenSampler

    scores: dict[str, float] = {}
    for sampler in (MostCommonTokenSampler(), RelaxedMostCommonTokenSampler()):
        detector = LanguageDetector(LANGUAGES, sampler, _strategy())
        scores = detector.proportion_in_each_language(text)
        # As simplemma: a tie between the two best is tried again with the relaxed sampler.
        ranked = sorted(scores.items(), key=lambda item: (item[0] == "unk", -item[1]))
        if len(ranked) == 1 or ranked[0][1] != ranked[1][1]:
            return scores
    return scores


def load() -> None:
    """Open (or, once per machine, build) both languages' tries now."""
    for language in LANGUAGES:
        lemmatize("Fachkräfte", language)


def is_word(word: str) -> bool:
    """Whether German or English knows `word` as it is typed (or capitalised, or in lower
    case): as `simplemma.is_known`, on the tries."""
    strategy = _strategy()
    variants = {word, word.lower(), word.capitalize()}
    return any(
        strategy.is_dictionary_member(variant, language)
        for language in LANGUAGES
        for variant in variants
    )
