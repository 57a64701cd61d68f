"""`python -m bot advise --jsonl`: one advice per JSON line, for staff and other tools.

Contract: each input line is an object with optional string keys region, target_group,
description, costs, duration, start; unknown keys (whatever their values) are ignored, blank
lines skipped. A known key with any other value than a string (null, a number, a list) makes the
line bad: leave a key out instead. Each output line is written and flushed in order; a bad line
yields {"error": ...} alone and the run goes on.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, TextIO

from bot.advice.advise import ANSWER_KEYS, Advisor, advice_json
from bot.texts.catalog import Language, Msg, render


def advise_line(line: str, advisor: Advisor, today: date, language: Language) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        detail = getattr(error, "msg", "too deeply nested")
        return {"error": render(Msg("advice.error.invalid_json", {"detail": detail}), language)}
    if not isinstance(data, dict):
        return {"error": render(Msg("advice.error.not_object"), language)}
    answers: dict[str, str] = {}
    for key in ANSWER_KEYS:
        if key not in data:
            continue
        value = data[key]
        # Strictly strings, as the contract says: null is not "empty", a key is left out.
        if not isinstance(value, str):
            return {"error": render(Msg("advice.error.not_string", {"key": key}), language)}
        answers[key] = value
    facts = advisor.facts_from_text(answers, today)
    return advice_json(advisor.advise(facts, today), advisor.kb, language)


def run(
    advisor: Advisor, source: TextIO, sink: TextIO, today: date, language: Language = "de"
) -> int:
    for line in source:
        if not line.strip():
            continue
        result = advise_line(line, advisor, today, language)
        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        sink.flush()
    return 0
