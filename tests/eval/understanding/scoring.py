"""From transcripts to figures: per slot precision and recall, wrong values shown or unseen,
questions asked, questions back, and the place inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.outputs import Output, Reply
from bot.core.state import Answer
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import load_catalogue
from tests.eval.understanding.cases import MAIN_STEPS, NO_ENTRY, Case, Place, PlaceInput
from tests.eval.understanding.drive import NAVIGATION, Transcript, Turn, plain
from tests.eval.understanding.readings import (
    SLOTS,
    PlaceReading,
    Slot,
    Value,
    Verdict,
    expected_alliances,
    expected_text,
    expects,
    fold,
    judge,
    renderings,
    show,
    stored,
)

NOT_A_CONFIRMATION = frozenset({"summary", "consent", "edit", "paused"})
"""Replies that show everything at the end are no confirmation of what was just read."""


@dataclass
class SlotTally:
    correct: int = 0
    wrong: int = 0
    missed: int = 0
    absent: int = 0
    wrong_shown: int = 0
    """Wrong values the bot showed for confirmation when it read them."""
    expected: int = 0

    def add(self, verdict: Verdict, expected: bool, shown: bool) -> None:
        setattr(self, verdict, getattr(self, verdict) + 1)
        self.expected += expected
        self.wrong_shown += verdict == "wrong" and shown

    @property
    def stored(self) -> int:
        return self.correct + self.wrong

    @property
    def recalled(self) -> int:
        """Correct values among those expected (a correct value where none was required, e.g.
        an acceptable extra target group, counts for precision only)."""
        return min(self.correct, self.expected)

    @property
    def wrong_unseen(self) -> int:
        return self.wrong - self.wrong_shown


@dataclass
class Mistake:
    case_id: str
    slot: Slot
    expected: str
    got: str
    shown: bool


@dataclass
class QuestionCheck:
    case_id: str
    text: str
    topic: str
    stored_as_answer: bool
    answered_from_faq: bool | None
    """None: no FAQ in knowledge/ yet to check the topic against."""


@dataclass
class DialogScore:
    conversations: int = 0
    reached_summary: int = 0
    stopped: dict[str, int] = field(default_factory=dict)
    slots: dict[Slot, SlotTally] = field(default_factory=lambda: {s: SlotTally() for s in SLOTS})
    mistakes: list[Mistake] = field(default_factory=list)
    questions: list[tuple[str, int, int]] = field(default_factory=list)
    """(case, questions asked, allowed: answers missing after the opening + 1)."""
    question_checks: list[QuestionCheck] = field(default_factory=list)
    per_period_taken_as_total: int = 0

    @property
    def over_question_budget(self) -> list[tuple[str, int, int]]:
        return [q for q in self.questions if q[1] > q[2]]


def score_dialogs(
    transcripts: Iterable[tuple[Case, Transcript]], kb: KnowledgeBase, faq: Faq
) -> DialogScore:
    score = DialogScore()
    for case, transcript in transcripts:
        score.conversations += 1
        if transcript.ended == "summary":
            score.reached_summary += 1
        else:
            score.stopped[transcript.ended] = score.stopped.get(transcript.ended, 0) + 1
        answers = transcript.answers
        for slot in SLOTS:
            value: Value | None = (
                transcript.language if slot == "language" else stored(answers, slot)
            )
            verdict = judge(slot, value, case.expect)
            shown = verdict == "wrong" and _shown(slot, value, transcript, kb)
            expected = slot == "language" or expects(slot, case.expect)
            score.slots[slot].add(verdict, expected, shown)
            if verdict in ("wrong", "missed"):
                score.mistakes.append(
                    Mistake(case.id, slot, expected_text(slot, case.expect), show(value), shown)
                )
        costs = case.expect.costs
        if costs.per and costs.amount is not None and stored(answers, "costs") == costs.amount:
            score.per_period_taken_as_total += 1
        score.questions.append((case.id, transcript.questions, allowed_questions(case, kb)))
        score.question_checks += _question_checks(case, transcript, faq)
    return score


def allowed_questions(case: Case, kb: KnowledgeBase) -> int:
    """Answers still missing after the opening messages, + 1, + the further tries the sponsor
    needs where their first answer cannot be taken (a non-answer at a required question, a
    question back, an ambiguous place): those re-asks are the sponsor's doing, not the bot's."""
    cap = kb.rules.limits.cost_cap_eur
    over_cap = case.expect.costs.total > cap
    steps = [s for s in MAIN_STEPS if s != "justification" or over_cap]
    if over_cap:  # #15 point 7 asks first whether the excess raises the grant
        steps.append("cap_raises_grant")
    missing = [s for s in steps if s not in case.given]
    retries = sum(max(0, len(case.persona.get(s, [])) - 1) for s in missing)
    return len(missing) + 1 + retries


def _shown(slot: Slot, value: Value | None, transcript: Transcript, kb: KnowledgeBase) -> bool:
    """The value was shown for confirmation when it was read: the reply to the message that set
    it displays it and offers a way to correct it (a button beyond answering the next question
    and plain navigation)."""
    if value is None:
        return False
    turn = _setting_turn(slot, value, transcript.turns)
    if turn is None:
        return False
    replies = [o for o in turn.outputs if isinstance(o, Reply) and o.step not in NOT_A_CONFIRMATION]
    correctable = any(
        action not in NAVIGATION and not action.startswith(("pick:", "session:"))
        for reply in replies
        for row in reply.buttons
        for action in (button.action for button in row)
    )
    if not correctable:
        return False
    text = fold(plain(list(replies), turn.language))
    return any(fold(r) in text for r in renderings(slot, value, kb) if r)


def _setting_turn(slot: Slot, value: Value, turns: list[Turn]) -> Turn | None:
    """The turn after which the slot last took its final value."""
    setting = None
    before: Value | None = None
    for turn in turns:
        now = turn.language if slot == "language" else stored(turn.answers, slot)
        if now == value and before != value:
            setting = turn
        before = now
    return setting


def _question_checks(case: Case, transcript: Transcript, faq: Faq) -> list[QuestionCheck]:
    checks = []
    for question in case.expect.questions:
        said = fold(question.text)
        answers = [a for turn in transcript.turns for a in turn.answers.values()]
        stored_as_answer = any(said in fold(answer.text) for answer in answers)
        reply = next((t for t in transcript.turns if fold(t.sent) == said), None)
        answered = None
        if faq.topics and reply is not None:
            answered = faq.answers(question.topic, plain(reply.outputs, reply.language))
        checks.append(
            QuestionCheck(case.id, question.text, question.topic, stored_as_answer, answered)
        )
    return checks


NO_ANSWER = "sponsor.reply.unanswered"


@dataclass
class Faq:
    """The FAQ in knowledge/, if there is one: topic -> its answer texts (best effort, as the
    file's schema is written later by #12 item 3)."""

    topics: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, knowledge: Path) -> Faq:
        topics: dict[str, list[str]] = {}
        for path in sorted(knowledge.glob("faq*.y*ml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for entry in _entries(data):
                keys = {str(entry.get("id", "")), str(entry.get("topic", ""))}
                listed = entry.get("topics")
                keys |= {str(t) for t in listed} if isinstance(listed, list) else set()
                texts = [t for k, v in entry.items() if "answer" in str(k) for t in _strings(v)]
                for key in keys - {""}:
                    topics.setdefault(key, []).extend(texts)
        if topics:
            # no entry answers it: the reply says so (the catalogues' text before the question)
            topics[NO_ENTRY] = [
                load_catalogue(language)[NO_ANSWER].split("{")[0] for language in ("de", "en")
            ]
        return cls(topics)

    def answers(self, topic: str, reply: str) -> bool:
        """The reply quotes the beginning of one of the topic's answers."""
        text = fold(reply)
        return any(fold(a)[:40] in text for a in self.topics.get(topic, []) if a.strip())


def _strings(value: object) -> list[str]:
    """Every text in an answer field, also one given per language."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [t for inner in value.values() for t in _strings(inner)]
    if isinstance(value, list):
        return [t for inner in value for t in _strings(inner)]
    return []


def _entries(data: object) -> list[Mapping[str, object]]:
    if isinstance(data, list):
        return [e for e in data if isinstance(e, Mapping)]
    if isinstance(data, Mapping):
        found: list[Mapping[str, object]] = []
        for value in data.values():
            found += _entries(value)
        return found
    return []


# --- place inputs -----------------------------------------------------------------------------

ASK_KEYS = re.compile(r"ambiguous|which|did_you_mean|clarify|choose")
OUTSIDE_KEYS = re.compile(r"outside|abroad|foreign|not_lower_saxony")


@dataclass
class PlaceResult:
    item: PlaceInput
    outcome: str
    """What the bot did: a stored reading, "ask", "outside" or "not understood"."""
    right: bool
    given_alliances: frozenset[str]
    expected_alliances: frozenset[str] | None
    """None: several readings are acceptable and they name different alliances."""


def judge_place(
    item: PlaceInput, answers: Mapping[str, Answer], outputs: list[Output], kb: KnowledgeBase
) -> PlaceResult:
    reading = stored(answers, "place")
    keys = " ".join(
        part.key for o in outputs if isinstance(o, Reply) and o.step for part in o.parts
    )
    if isinstance(reading, PlaceReading):
        outcome = reading.label
        right = any(reading.matches(p) for p in item.expect)
        given = reading.alliances(kb)
    else:
        outcome = (
            "ask" if ASK_KEYS.search(keys) else "outside" if OUTSIDE_KEYS.search(keys) else "none"
        )
        right = any(_unstored_right(outcome, p) for p in item.expect)
        given = frozenset()
        if outcome == "none":
            outcome = "not understood"
    options = {expected_alliances(p, kb) for p in item.expect}
    expected = next(iter(options)) if len(options) == 1 else None
    if expected is None and given in options:
        expected = given
    return PlaceResult(item, outcome, right, given, expected)


def _unstored_right(outcome: str, place: Place) -> bool:
    if place.kind == "ask":
        return outcome == "ask"
    if place.kind in ("abroad", "outside"):
        return outcome == "outside"
    return place.kind == "none"
