"""From stored answers to the facts the advice works on (no re-parsing of text)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.advice.facts import ProjectFacts
from bot.core.state import Answer
from bot.dialogs.sponsor import place_of, start_of


def _text(answers: Mapping[str, Answer], key: str) -> str:
    answer = answers.get(key)
    return answer.value if answer is not None and isinstance(answer.value, str) else ""


def _int(answers: Mapping[str, Answer], key: str) -> int | None:
    answer = answers.get(key)
    if answer is None or not isinstance(answer.value, int) or isinstance(answer.value, bool):
        return None
    return answer.value


def facts_from_answers(answers: Mapping[str, Answer]) -> ProjectFacts:
    groups = answers.get("target_group")
    ids: tuple[str, ...] = ()
    group_text = ""
    if groups is not None and isinstance(groups.value, dict):
        raw_ids = groups.value.get("ids")
        ids = tuple(str(i) for i in raw_ids) if isinstance(raw_ids, list) else ()
        raw_text = groups.value.get("text")
        group_text = raw_text if isinstance(raw_text, str) else ""
    return ProjectFacts(
        place=place_of(answers),
        target_groups=ids,
        target_group_text=group_text,
        description=_text(answers, "idea"),
        title=_text(answers, "title"),
        costs_eur=_int(answers, "costs"),
        start=start_of(answers),
        duration_months=_int(answers, "duration"),
        justification=_text(answers, "justification"),
    )
