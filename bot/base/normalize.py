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


_LINE_BREAKS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
"""Everything `str.splitlines` breaks at besides "\n"."""
_ZWJ = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)
"""Tag characters spell out a subdivision flag after a black flag (🏴 + "gbeng" + end tag)."""
_EMOJI_PARTS = frozenset({"So", "Sk", "Mn", "Me", "Cn"})
"""What joins in an emoji sequence: symbols, skin tones, the emoji variation selector, and
"Cn" for emoji newer than Python's Unicode database."""


def clean_text(text: str) -> str:
    """Text as a person typed it, without what nobody types on purpose.

    Control characters (C0 and C1) go, except newline and tab; every other line break becomes
    "\\n" and other spacing controls a space. Invisible format characters go too: zero-width
    spaces and joiners, soft hyphens, byte-order marks and bidi overrides (U+202E shows a text
    backwards, hiding what is stored). A joiner inside an emoji (👩‍💻) and the tags of a flag
    stay, like umlauts and all other emoji. The result is NFC: "ä" typed as "a" and a
    combining diaeresis is stored as the "ä" everyone else types.
    """
    text = text.replace("\r\n", "\n")
    # Nearly every text is printable but for its newlines and tabs: nothing to remove then.
    if text.replace("\n", " ").replace("\t", " ").isprintable():
        return unicodedata.normalize("NFC", text)
    kept: list[str] = []
    for index, char in enumerate(text):
        if char in "\n\t":
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if char in _LINE_BREAKS:
            kept.append("\n")
        elif category == "Cc":
            if char.isspace():  # the unit separator and the like
                kept.append(" ")
        elif category == "Cf":
            if _joins_emoji(char, kept[-1] if kept else "", text[index + 1 : index + 2]):
                kept.append(char)
        elif category != "Cs":  # a lone surrogate stands for no character at all
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _joins_emoji(char: str, before: str, after: str) -> bool:
    if char == _ZWJ:
        return (
            bool(before and after)
            and unicodedata.category(before) in _EMOJI_PARTS
            and unicodedata.category(after) in ("So", "Cn")
        )
    if ord(char) in _TAGS:
        return before == _BLACK_FLAG or (bool(before) and ord(before) in _TAGS)
    return False
