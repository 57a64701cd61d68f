"""`make eval`: every part of the evaluation, printed and written to docs/EVALUATION.md.

Each part is a module with `report() -> str` returning a Markdown section; tuning and
held-out figures are reported separately by each part. A part not yet written is skipped
with a line saying so, so the report never pretends to cover more than it does.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

PARTS = (
    "tests.eval.understanding.report",
    "tests.eval.ideas.report",
)
REPORT = Path(__file__).resolve().parents[2] / "docs" / "EVALUATION.md"
HEADER = """# Evaluation

Written by `make eval` (do not edit by hand). Each part keeps a held-out set that no rule was
tuned on; figures are reported for the tuning and the held-out part separately. Goals are the
issues' goals; a missed goal is shown as missed.
"""


def main() -> int:
    sections = [HEADER]
    for name in PARTS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name is None or not name.startswith(error.name):
                raise
            sections.append(f"\n_{name}: not written yet._\n")
            continue
        sections.append(module.report())
    text = "\n".join(sections)
    print(text)
    REPORT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
