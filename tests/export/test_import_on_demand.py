"""The PDF library is imported at the first PDF, not at start-up: it takes a quarter second and
some 20 MB (the staff's meetings desk imports the agenda, which makes PDFs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_starting_the_bot_imports_no_pdf_library() -> None:
    check = (
        "import sys, bot.runtime, bot.adapters.telegram.app, bot.__main__; "
        "print(sorted(m for m in sys.modules if m == 'fpdf' or m == 'bot.export.pdf'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
