"""The `advise --jsonl` contract: other tools read it, so its shape is checked exactly."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.advise_cli import advise_line
from bot.advice.advise import ANSWER_KEYS, Advisor

CONTRACT_KEYS = {
    "district",
    "subregion",
    "alliance",
    "referral",
    "costs_eur",
    "duration_months",
    "start",
    "end",
    "action_fields",
    "similar_projects",
    "eligibility",
}

ROW = {
    "region": "Sarstedt",
    "target_group": "Geflüchtete Frauen",
    "description": "Praktikum in Pflegeheimen mit begleitendem Deutschkurs für geflüchtete Frauen",
    "costs": "ca. 380.000 Euro",
    "duration": "2 Jahre",
    "start": "01/2027",
    "unknown_key": "is ignored",
}


def _run(lines: list[str], *args: str) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "advise", "--jsonl", "--today", "2026-11-25", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_object_per_line_in_order_with_errors_inline() -> None:
    out = _run(
        [
            json.dumps(ROW),
            "",
            "not json",
            "[1, 2]",
            json.dumps({"region": 42}),
            json.dumps({"region": "Celle", "costs": "1,5 Mio. €", "duration": "zweieinhalb Jahre"}),
            json.dumps({"region": "Bremen"}),
        ]
    )
    assert len(out) == 6  # the blank line is skipped
    first = out[0]
    assert set(first) == CONTRACT_KEYS
    assert first["district"] == "Landkreis Hildesheim"
    assert first["subregion"] == "Landkreis Hildesheim"
    assert first["alliance"]["name"]  # type: ignore[index]
    assert first["referral"] is None
    assert (first["costs_eur"], first["duration_months"]) == (380_000, 24)
    assert (first["start"], first["end"]) == ("2027-01", "2028-12")
    fields = first["action_fields"]  # the fitting ones, best first
    assert 1 <= len(fields) <= 2  # type: ignore[arg-type]
    assert fields[0]["id"] == "III"  # type: ignore[index]
    assert "III.6" in fields[0]["why"]  # type: ignore[index]
    scores = [f["score"] for f in fields]  # type: ignore[union-attr]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    projects = first["similar_projects"]  # real look-alikes only
    assert 1 <= len(projects) <= 3  # type: ignore[arg-type]
    assert projects[0]["id"] == "care" and projects[0]["same_district"] is True  # type: ignore[index]
    assert set(projects[0]) == {"id", "title", "score", "why", "same_district"}  # type: ignore[index]
    assert first["eligibility"] == {  # type: ignore[comparison-overlap]
        "status": "eligible",
        "reasons": [],
        "hints": first["eligibility"]["hints"],  # type: ignore[index]
    }
    assert set(out[1]) == {"error"} and set(out[2]) == {"error"} and set(out[3]) == {"error"}
    celle = out[4]
    assert celle["district"] is None and celle["alliance"] is None
    assert celle["referral"]["id"] == "nordost-niedersachsen"  # type: ignore[index]
    assert celle["eligibility"]["status"] == "out_of_region"  # type: ignore[index]
    assert (celle["costs_eur"], celle["duration_months"]) == (1_500_000, 30)
    bremen = out[5]
    assert bremen["referral"] is None and bremen["eligibility"]["status"] == "out_of_region"  # type: ignore[index]


def test_implausible_amount_gives_null_and_a_reason() -> None:
    (out,) = _run([json.dumps({"region": "Hameln", "costs": "0 €"})])
    assert out["costs_eur"] is None
    reasons = out["eligibility"]["reasons"]  # type: ignore[index]
    assert out["eligibility"]["status"] == "incomplete"  # type: ignore[index]
    assert any("Gesamtkosten" in reason for reason in reasons)  # type: ignore[union-attr]


def test_a_period_in_duration_sets_start_and_wins() -> None:
    (out,) = _run(
        [json.dumps({"region": "Rinteln", "start": "05/2027", "duration": "01/2027 bis 12/2028"})]
    )
    assert (out["start"], out["duration_months"], out["end"]) == ("2027-01", 24, "2028-12")


def test_quarter_and_season_mean_their_first_month() -> None:
    out = _run([json.dumps({"start": "Q2/2027"}), json.dumps({"start": "Herbst 2027"})])
    assert [o["start"] for o in out] == ["2027-04", "2027-09"]


def test_values_must_be_strings_null_included_but_unknown_keys_are_ignored() -> None:
    out: Any = _run(
        [
            json.dumps({"region": None}),
            json.dumps({"costs": 500000}),
            json.dumps({"start": ["03/2027"]}),
            json.dumps({"region": "Rinteln", "note": None, "priority": 3}),
            "   ",
            json.dumps("Rinteln"),
            "null",
        ]
    )
    assert len(out) == 6
    assert out[0] == {"error": out[0]["error"]} and "„region“" in str(out[0]["error"])
    assert set(out[1]) == {"error"} and "„costs“" in str(out[1]["error"])
    assert set(out[2]) == {"error"} and "„start“" in str(out[2]["error"])
    assert out[3]["district"] == "Landkreis Schaumburg"
    assert set(out[4]) == {"error"} and set(out[5]) == {"error"}


def test_types_of_every_key_for_a_complete_and_an_empty_line() -> None:
    full: Any
    empty: Any
    full, empty = _run([json.dumps(ROW), "{}"])
    out: Any
    for out in (full, empty):
        for key in ("district", "subregion", "start", "end"):
            assert out[key] is None or isinstance(out[key], str)
        for key in ("costs_eur", "duration_months"):
            assert out[key] is None or type(out[key]) is int
        assert out["alliance"] is None or isinstance(out["alliance"]["name"], str)
        assert len(out["action_fields"]) <= 2
        for field in out["action_fields"]:
            assert field["id"] in {"I", "II", "III", "IV"} and isinstance(field["why"], str)
            assert isinstance(field["title"], str) and 0 <= field["score"] <= 1
        assert len(out["similar_projects"]) <= 5
        for project in out["similar_projects"]:
            assert type(project["same_district"]) is bool and 0 <= project["score"] <= 1
        eligibility = out["eligibility"]
        assert set(eligibility) == {"status", "reasons", "hints"}
        assert all(isinstance(r, str) for r in eligibility["reasons"])
        assert all(isinstance(h, str) for h in eligibility["hints"])
    assert empty["eligibility"]["status"] == "incomplete"
    assert (empty["district"], empty["costs_eur"], empty["start"]) == (None, None, None)


def test_a_place_to_ask_back_names_the_choices_in_the_reason() -> None:
    out: Any = _run([json.dumps({"region": "Gronau"})])[0]
    assert out["district"] is None
    reason = out["eligibility"]["reasons"][0]
    assert "Gronau (Leine) (Landkreis Hildesheim)" in reason
    assert "Gronau (Westf.) (Nordrhein-Westfalen)" in reason


def test_several_places_keep_the_contract_with_the_place_named_first(advisor: Advisor) -> None:
    """One district, sub-region and alliance as before: those of the place named first (the
    alliance to approach first); the others stand in the spatial-effect hint."""
    line = json.dumps({**ROW, "region": "Sarstedt und Garbsen"})
    out: Any = advise_line(line, advisor, date(2026, 11, 25), "de")
    assert set(out) == CONTRACT_KEYS
    assert out["district"] == "Landkreis Hildesheim"
    assert out["alliance"] == {"id": "farehi", "name": "Fachkräfte für die Region Hildesheim"}
    assert out["eligibility"]["status"] == "eligible"
    spatial = [h for h in out["eligibility"]["hints"] if "Räumliche Wirkung" in h]
    assert spatial and "Landkreis Hildesheim, Region Hannover" in spatial[0]


def test_control_and_invisible_characters_are_no_answer(advisor: Advisor) -> None:
    """Cleaned like the dialog's answers: "\x00\x01" is a missing place, not an unknown one
    quoted back with its control characters; a bidi override inside an amount is dropped."""
    line = json.dumps({"region": "\x00\x01", "costs": "380.000\u202e €", "duration": "\u200b"})
    out: Any = advise_line(line, advisor, date(2026, 11, 25), "de")
    assert out["costs_eur"] == 380_000
    reasons = out["eligibility"]["reasons"]
    assert "Es fehlt noch: Ort bzw. Landkreis." in reasons
    assert "Es fehlt noch: Laufzeit." in reasons
    assert not any(c in json.dumps(out) for c in ("\\u0000", "\\u0001", "\\u200b", "\\u202e"))


def test_each_answer_is_flushed_before_the_next_line_is_read() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "advise", "--jsonl", "--today", "2026-11-25"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A piped stdout is block-buffered unless this is set: the flush must be the bot's own.
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for region, district in (("Hameln", "Landkreis Hameln-Pyrmont"), ("Sarstedt", None)):
            process.stdin.write(json.dumps({"region": region}) + "\n")
            process.stdin.flush()
            # Without a flush per line the answer would sit in the pipe buffer until stdin
            # closes; the generous limit only keeps a broken build from hanging the suite.
            ready, _, _ = select.select([process.stdout], [], [], 60)
            assert ready, f"no answer for {region} while stdin is still open"
            answer = json.loads(process.stdout.readline())
            assert answer["district"] == (district or "Landkreis Hildesheim")
    finally:
        process.stdin.close()
        assert process.wait(timeout=60) == 0
        process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
lines = st.one_of(
    st.dictionaries(st.sampled_from([*ANSWER_KEYS, "other"]), json_values).map(json.dumps),
    st.dictionaries(st.sampled_from(ANSWER_KEYS), st.text(max_size=60)).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=80),
)


@given(lines)
def test_no_line_ever_raises_and_every_answer_has_the_contract_shape(
    advisor: Advisor, line: str
) -> None:
    answer = advise_line(line, advisor, date(2026, 11, 25), "de")
    if set(answer) == {"error"}:
        assert isinstance(answer["error"], str) and answer["error"]
    else:
        assert set(answer) == CONTRACT_KEYS
        json.dumps(answer, ensure_ascii=False).encode("utf-8")  # writable as UTF-8
