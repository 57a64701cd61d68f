"""The same idea gets the same advice in every process: sets of strings iterate in another
order under another hash seed, and no score may depend on that order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.advice.advise import Advisor
from bot.advice.goals import ORGANISATION, SUB_GOAL

_ADVISE = """
import json, sys
from bot.advice.advise import Advisor
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
advisor = Advisor(load_directory(shipped_knowledge_dir()))
out = []
for idea in json.loads(sys.argv[1]):
    m = advisor.matcher.match(idea)
    out.append([[f.id, f.evidence, list(f.sub_goals)] for f in m.action_fields]
               + [[g.id, g.score] for g in m.sub_goals] + [p.id for p in m.projects])
print(json.dumps(out))
"""

IDEAS = [
    "Studierende der Hochschule bei uns im Betrieb, mit Abschlussarbeiten und Werkstudentenjobs.",
    "Ein Willkommenszentrum für internationale Fachkräfte, mit Beratung zur Anerkennung.",
    "Betriebsräte lernen, wie KI die Arbeit verändert.",
    "Schülerlabor für Grundschulen: Experimente mit Elektronik und Robotik.",
]


def test_the_same_idea_gets_the_same_advice_whatever_the_hash_seed() -> None:
    root = Path(__file__).resolve().parents[2]
    results = []
    for seed in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-c", _ADVISE, json.dumps(IDEAS)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=root,
            check=True,
        )
        results.append(json.loads(run.stdout))
    assert results[0] == results[1]


def test_a_word_that_is_keyword_and_organisation_of_a_sub_goal_counts_once(
    advisor: Advisor,
) -> None:
    """("Hochschule" is a keyword of I.4 and a kind of organisation typical for it.)"""
    vocabulary = advisor.matcher.vocabulary
    doubles = [
        key
        for key, concepts in vocabulary.concepts.items()
        if any(c.startswith(SUB_GOAL) and ORGANISATION + c[3:] in concepts for c in concepts)
    ]
    assert doubles
    for key in doubles:
        hits = [hit for hit in vocabulary.find(" ".join(key)) if hit.key == key]
        for goal in advisor.matcher.goals.score(hits, frozenset(), ()):
            assert not set(goal.words) & set(goal.organisations), (key, goal)
