"""`python -m bot advise --jsonl`: one advice per JSON line, for staff and other tools.

Contract: each input line is an object with optional string keys region, target_group,
description, costs, duration, start; unknown keys are ignored, blank lines skipped. Each output
line is written and flushed in order; a bad line yields {"error": ...} and the run goes on.
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
        value = data.get(key)
        if value is None:
            continue
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
