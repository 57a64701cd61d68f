"""Names of knowledge-file sections and fields in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from bot.texts.catalog import Escape, Language, load_catalogue, verbatim


@dataclass(frozen=True)
class Noun:
    """`kb.<kind>.<name>` from the catalogue; the name itself where the catalogue has none
    (a section or field a newer knowledge file brought)."""

    kind: str
    """`noun` (a section's entries: "Projekt") or `field_name` ("Titel")."""
    name: str

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        key = _KEYS[self.kind].format(name=self.name.replace(".", "_"))
        return escape(load_catalogue(language).get(key, self.name))


_KEYS = {"noun": "kb.noun.{name}", "field_name": "kb.field_name.{name}"}
