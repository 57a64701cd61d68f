"""The cost and financing plan typed in chat, one line per item, German or English."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.plan import CostCategory, SourceKind
from bot.procedure.plan_text import read_plan


def test_german_lines() -> None:
    typed = read_plan(
        "Personal 300.000 €\nSachkosten 50.000\n- Gemeinkosten 30000\nZuwendung 266.000\n"
        "Eigenmittel 84.000\nDrittmittel 30.000 Landkreis\nirgendwas"
    )
    plan = typed.plan
    assert [(c.category, c.amount_eur) for c in plan.costs] == [
        (CostCategory.PERSONNEL, 300_000),
        (CostCategory.MATERIAL, 50_000),
        (CostCategory.OVERHEAD, 30_000),
    ]
    assert [(f.kind, f.amount_eur, f.name) for f in plan.financing] == [
        (SourceKind.GRANT, 266_000, ""),
        (SourceKind.OWN, 84_000, ""),
        (SourceKind.THIRD_PARTY, 30_000, "Landkreis"),
    ]
    assert typed.unread == ("irgendwas",)
    assert plan.cost_sum == plan.financing_sum == 380_000


def test_work_steps_with_their_months() -> None:
    typed = read_plan("Monat 1–6 Aufbau der Kooperation\nMonths 7 to 24: internships\n3-2 nix")
    assert [(s.first_month, s.last_month, s.title) for s in typed.plan.work_steps] == [
        (1, 6, "Aufbau der Kooperation"),
        (7, 24, "internships"),
    ]
    assert typed.unread == ("3-2 nix",)


def test_english_lines_and_cents() -> None:
    typed = read_plan("Personnel 300,000\nThird party 30,000 district\nTravel 1.200,50 €")
    assert [(c.category, c.amount_eur) for c in typed.plan.costs] == [
        (CostCategory.PERSONNEL, 300_000),
        (CostCategory.TRAVEL, 1_200),
    ]
    assert typed.plan.financing[0].name == "district"


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=9_999_999))
def test_any_amount_written_with_dots_is_read_back(amount: int) -> None:
    written = f"{amount:,}".replace(",", ".")
    assert read_plan(f"Personal {written}").plan.costs[0].amount_eur == amount


def test_several_items_on_one_line_as_typed_on_a_phone() -> None:
    """review11: "Personal 60.000, Sachkosten 30.000" read the first item only and took the
    second as its description; the terminal and a phone's one-line messages write them so."""
    typed = read_plan("Personal 60.000 €, Sachkosten 30.000; Reisekosten 2.000 + Honorare 8.000")
    assert [(c.category, c.amount_eur) for c in typed.plan.costs] == [
        (CostCategory.PERSONNEL, 60_000),
        (CostCategory.MATERIAL, 30_000),
        (CostCategory.TRAVEL, 2_000),
        (CostCategory.FEES, 8_000),
    ]
    assert all(c.description == "" for c in typed.plan.costs)
    financing = read_plan("Zuwendung 63.000 und Eigenmittel 27.000").plan.financing
    assert [(f.kind, f.amount_eur) for f in financing] == [
        (SourceKind.GRANT, 63_000),
        (SourceKind.OWN, 27_000),
    ]
    steps = read_plan("Monat 1-6 Aufbau, Monat 7-18 Kurse und Praktika").plan.work_steps
    assert [(s.first_month, s.last_month, s.title) for s in steps] == [
        (1, 6, "Aufbau"),
        (7, 18, "Kurse und Praktika"),
    ]


def test_a_comma_in_an_amount_or_a_name_splits_nothing() -> None:
    typed = read_plan("Personnel 300,000\nDrittmittel 30.000 Landkreis, Stadt Hameln")
    assert [(c.category, c.amount_eur) for c in typed.plan.costs] == [
        (CostCategory.PERSONNEL, 300_000)
    ]
    assert [(f.amount_eur, f.name) for f in typed.plan.financing] == [
        (30_000, "Landkreis, Stadt Hameln")
    ]
