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
