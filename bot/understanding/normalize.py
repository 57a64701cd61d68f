"""Normalising free text before it is compared with names and vocabulary."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-zäöü]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key; keeps German umlauts, folds ß to ss."""
    decomposed = unicodedata.normalize("NFKC", text).casefold().replace("ß", "ss")
    return _NON_WORD.sub(" ", decomposed).strip()


def transliterate(text: str) -> str:
    """Umlauts written out (ä -> ae), so 'Muenchen' and 'München' meet."""
    return text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
