"""Latency of one advice (parse + match + pre-check) and knowledge-base cold start.

    python bench/advise.py [--rounds N] [--json]

Measures on the shipped knowledge base and on a synthetic one with 10,000 projects made by
recombining the shipped projects' words, districts and action fields. Inputs are the sponsor
answers of the evaluation set, so the texts are realistic. Results go to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from bot.advice.advise import Advisor
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_directory
from bot.kb.models import Project
from bot.kb.shipped import shipped_knowledge_dir

EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval" / "sponsor_inputs.yaml"
TODAY = date(2026, 11, 25)


def synthetic(kb: KnowledgeBase, size: int, seed: int = 7) -> KnowledgeBase:
    rng = random.Random(seed)
    words = sorted({w for p in kb.projects for w in (*p.keywords, *p.title.split())})
    districts = [d.id for d in kb.regions.districts]
    projects: list[Project] = []
    for number in range(size):
        model = kb.projects[number % len(kb.projects)]
        keywords = rng.sample(words, 12)
        projects.append(
            model.model_copy(
                update={
                    "id": f"synthetic-{number}",
                    "title": " ".join(rng.sample(words, 4)),
                    "keywords": keywords,
                    "description": " ".join(rng.sample(words, 25)),
                    "districts": rng.sample(districts, rng.randint(1, 2)),
                }
            )
        )
    return replace(kb, projects=tuple(projects), version=f"synthetic-{size}")


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(advisor: Advisor, inputs: list[dict[str, str]], rounds: int) -> dict[str, float]:
    for answers in inputs:  # warm caches the way a running bot has them
        advisor.advise(advisor.facts_from_text(answers, TODAY), TODAY)
    samples = []
    cpu = []
    for index in range(rounds):
        answers = inputs[index % len(inputs)]
        started, started_cpu = time.perf_counter(), time.thread_time()
        advisor.advise(advisor.facts_from_text(answers, TODAY), TODAY)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    # Wall time is what a sponsor waits; the CPU time of the thread is what the advice costs,
    # without the waits of a machine shared with other work (the wall p99 counts those).
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(percentile(samples, 0.99), 3),
        "max_ms": round(max(samples), 3),
        "p99_cpu_ms": round(percentile(cpu, 0.99), 3),
    }


FIRST_IDEA = "Wir wollen Pflegehelferinnen berufsbegleitend weiterqualifizieren und begleiten."
"""A first idea with words the vocabulary knows only by their dictionary form: matching it loads
simplemma's dictionaries (once per process)."""


def cold_start() -> dict[str, float]:
    """Loading and validating the shipped files, building the advisor and matching a first idea,
    in a new process (the German nouns' cache file written by an earlier run)."""
    code = (
        f"FIRST = {FIRST_IDEA!r};"
        "import time; t=time.perf_counter();"
        "from bot.kb.loader import load_directory;"
        "from bot.kb.shipped import shipped_knowledge_dir;"
        "from bot.advice.advise import Advisor; t1=time.perf_counter();"
        "kb=load_directory(shipped_knowledge_dir()); t2=time.perf_counter(); a=Advisor(kb);"
        "t3=time.perf_counter(); a.matcher.match(FIRST);"
        "t4=time.perf_counter(); print(t1-t, t2-t1, t3-t2, t4-t3)"
    )
    runs = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout.split()
        runs.append([float(value) * 1000 for value in out])
    best = [statistics.median(column) for column in zip(*runs, strict=True)]
    return {
        "imports_ms": round(best[0], 1),
        "load_validate_ms": round(best[1], 1),
        "advisor_build_ms": round(best[2], 1),
        "first_idea_ms": round(best[3], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    cases = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["cases"]
    inputs = [case["input"] for case in cases]
    kb = load_directory(shipped_knowledge_dir())
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "real_kb": {"projects": len(kb.projects), **latency(Advisor(kb), inputs, args.rounds)},
    }
    big = synthetic(kb, 10_000)
    started = time.perf_counter()
    big_advisor = Advisor(big)
    build_ms = (time.perf_counter() - started) * 1000
    results["synthetic_kb"] = {
        "projects": len(big.projects),
        "advisor_build_ms": round(build_ms, 1),
        **latency(big_advisor, inputs, max(500, args.rounds // 5)),
    }
    results["cold_start"] = cold_start()
    if args.json:
        print(json.dumps(results))
    else:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
