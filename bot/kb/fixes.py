"""What staff should do about a broken knowledge file, said in their words.

PyYAML's messages ("mapping values are not allowed here") and pydantic's ("String should match
pattern …") name the symptom in a parser's terms. The common mistakes of hand-edited files get
a message that says the fix, in German and English, with the line; anything else keeps the
parser's words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from bot.kb.nouns import Noun
from bot.kb.yamlsafe import YamlProblem
from bot.texts.catalog import Msg

_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:\s+(.+?)\s*$")
_SPECIAL = re.compile(r"found character '(.)' that cannot start any token")


def _line(raw: bytes, number: int | None) -> str:
    if number is None:
        return ""
    lines = raw.decode("utf-8", errors="replace").splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def yaml_fix(problem: YamlProblem, raw: bytes) -> Msg:
    """The message for a file that is not valid YAML."""
    text = f"{problem.context or ''} {problem.message}".lower()
    fix: Msg | str = problem.message
    if "mapping values are not allowed" in text:
        fix = _colon(_line(raw, problem.line)) or fix
    elif "'\\t'" in text or "tab" in text.split():
        fix = Msg("kb.fix.tab")
    elif "unknown escape character" in text:
        fix = Msg("kb.fix.escape")
    elif "quoted scalar" in text:
        fix = Msg("kb.fix.quote")
    elif "flow sequence" in text or "flow mapping" in text:
        fix = Msg("kb.fix.bracket")
    elif "cannot start any token" in text:
        fix = _special(problem.message, _line(raw, problem.line)) or fix
    elif "appears twice" in text and (name := re.search(r"key '([^']*)'", problem.message)):
        fix = Msg("kb.fix.repeated_key", {"key": name.group(1)})
    elif any(
        part in text
        for part in (
            "block mapping",
            "block end",
            "expected ':'",
            "expected key",
            "block sequence",
            "'-' indicator",
        )
    ):
        fix = Msg("kb.fix.indent")
    return Msg("kb.error.yaml", {"detail": fix})


def _special(message: str, line: str) -> Msg | None:
    """A value starting with a character YAML reserves (`@`, a backtick, a tab)."""
    if "\t" in line:
        return Msg("kb.fix.tab")
    named = _SPECIAL.search(message)
    match = _KEY_VALUE.match(line)
    char = named.group(1) if named else (match.group(2)[0] if match else None)
    return Msg("kb.fix.special", {"char": char}) if char else None


def _colon(line: str) -> Msg | None:
    """`title: CARE: Pflege` -> put the value in quotation marks: `title: "CARE: Pflege"`."""
    match = _KEY_VALUE.match(line)
    if match is None:
        return None
    name, value = match.groups()
    example = f"{name}: {json.dumps(value, ensure_ascii=False)}"
    return Msg("kb.fix.colon", {"field": Noun("field_name", name), "example": example})


def slug(value: str) -> str:
    """A valid identifier made from a text (`Pflegelotsen Nord` -> `pflegelotsen-nord`)."""
    text = value.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "neuer-eintrag"


def validation_fix(problem: Any, key: str) -> Msg | None:
    """A message with the fix for a pydantic problem, where there is a better one than `key`'s."""
    value = problem.get("input")
    shown = value if isinstance(value, str | int | float) else str(value)
    if key == "kb.error.bad_date":
        return Msg("kb.fix.bad_date", {"value": shown})
    if key == "kb.error.bad_id" and isinstance(value, str):
        pattern = str((problem.get("ctx") or {}).get("pattern", ""))
        if pattern.startswith("^(I|II|III|IV)$"):
            return Msg("kb.fix.bad_action_field", {"value": value})
        if pattern.startswith("^(I|II|III|IV)\\."):
            return Msg("kb.fix.bad_sub_goal", {"value": value})
        if pattern.startswith("^[a-z0-9]"):
            return Msg("kb.fix.bad_id", {"value": value, "suggestion": slug(value)})
    return None
