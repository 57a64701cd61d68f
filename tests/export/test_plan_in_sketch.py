"""The cost and financing plan and the work steps in the Projektskizze: costs by category,
the sources of financing, the work steps with their months, and what does not add up yet;
without a plan both stay open as before."""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.core.plan import (
    CostCategory,
    CostItem,
    FinancingSource,
    Plan,
    SourceKind,
    WorkStep,
)
from bot.core.state import DialogState
from bot.export.markdown import render_markdown
from bot.export.pdf import render_pdf
from bot.export.sketch import Bullets, Item, Paragraph, Section, Sketch, build_sketch
from bot.texts.catalog import Language
from tests.export.conftest import TODAY, advice_for, pdf_text

PLAN = Plan(
    costs=(
        CostItem(category=CostCategory.PERSONNEL, amount_eur=900_000, description="4 Coaches"),
        CostItem(category=CostCategory.MATERIAL, amount_eur=300_000),
    ),
    financing=(
        FinancingSource(kind=SourceKind.GRANT, amount_eur=840_000),
        FinancingSource(kind=SourceKind.THIRD_PARTY, amount_eur=360_000, name="Landkreis"),
    ),
    work_steps=(
        WorkStep(title="Akquise der Pflegeheime", first_month=1, last_month=4),
        WorkStep(title="Praktika mit Sprachkurs", first_month=5, last_month=24),
    ),
)


def texts(section: Section) -> list[str]:
    """Every text of a section: labels, values, paragraphs, list titles, items, details."""
    found: list[str] = []
    for block in section.blocks:
        if isinstance(block, Item):
            found += [block.label, block.value]
        elif isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Bullets):
            found += [block.title or ""] + [b.text for b in block.items]
            found += [d for b in block.items for d in b.details]
    return found


def sketch(
    advisor: Advisor, state: DialogState, plan: Plan | None, language: Language = "de"
) -> Sketch:
    advice = advice_for(advisor, state)
    return build_sketch(state, advice, advisor.kb, language, created=TODAY, plan=plan)


def test_the_plan_and_the_work_steps_fill_their_sections(
    advisor: Advisor, complete_state: DialogState
) -> None:
    shown = sketch(advisor, complete_state, PLAN)
    costs = texts(shown.section("costs"))
    assert "Kosten nach Kategorien" in costs
    assert "Personal: 900.000 €" in costs and "4 Coaches" in costs
    assert "beantragte Zuwendung: 840.000 €" in costs
    assert "Drittmittel: 360.000 €" in costs and "Landkreis" in costs
    assert "Noch zu klären" not in costs, "the plan adds up"
    timeline = texts(shown.section("timeline"))
    assert "Monat 5–24: Praktika mit Sprachkurs" in timeline
    markdown = render_markdown(shown)
    assert "Monat 1–4: Akquise der Pflegeheime" in markdown
    text, _ = pdf_text(render_pdf(sketch(advisor, complete_state, PLAN, "en")))
    assert "Month 1–4: Akquise der Pflegeheime" in text
    assert "grant requested: EUR 840,000" in text


def test_what_does_not_add_up_is_listed_in_the_sketch(
    advisor: Advisor, complete_state: DialogState
) -> None:
    short = PLAN.model_copy(update={"costs": PLAN.costs[:1]})
    costs = texts(sketch(advisor, complete_state, short).section("costs"))
    assert "Noch zu klären" in costs
    assert (
        "Die Kostenpositionen ergeben 900.000 €, die Gesamtkosten betragen 1.200.000 €: "
        "Es fehlen 300.000 €." in costs
    )


def test_without_a_plan_both_stay_open(advisor: Advisor, complete_state: DialogState) -> None:
    shown = sketch(advisor, complete_state, None)
    assert "Kosten- und Finanzierungsplan (Anlage)" in texts(shown.section("costs"))
    assert shown.open_marker in texts(shown.section("timeline"))
