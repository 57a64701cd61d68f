"""The cost and financing plan and the work steps as guided, optional questions of the sketch
(issue 16, point 3).

Each answer is read with the plan parser of the case menu (`procedure/plan_text.py`) and checked
with its checks (`core/plan.py`): cost items against the total costs answered before,
financing against the same total, work steps against the duration. A mismatch is answered in
plain words and nothing is stored; what is taken is shown back item by item. The answers' values
are the parts of a `Plan` as JSON (`{"costs": […]}`, `{"financing": […]}`,
`{"work_steps": […]}`), so the Projektskizze and, after a handoff, the case's plan start from
them (decoded in `core/answers.py`).
"""

from __future__ import annotations

from bot.core.answers import plan_of, read_answers
from bot.core.plan import FundingRate, Plan, check_plan
from bot.core.state import Answer
from bot.core.steps import Accepted, ParseOutcome, Rejected, StepContext
from bot.procedure.plan_text import TypedPlan, read_plan
from bot.texts.catalog import Msg
from bot.texts.formats import Eur, Lines

_COSTS = ("procedure.plan.costs_short", "procedure.plan.costs_over")
_FINANCING = (
    "procedure.plan.financing_short",
    "procedure.plan.financing_over",
    "procedure.plan.grant_missing",
    "procedure.plan.third_party_unnamed",
)
_STEPS = ("procedure.plan.step_order", "procedure.plan.step_beyond")


def _read(text: str, step: str) -> TypedPlan | Rejected:
    """The plan typed; lines not understood are named, never dropped unseen."""
    if not text.strip():
        return Rejected(Msg("sponsor.error.empty"))
    if len(text) > 4000:
        return Rejected(Msg("sponsor.error.too_long", {"length": len(text), "max": 4000}))
    typed = read_plan(text)
    if typed.unread:
        return Rejected(Msg(f"plan16.{step}.unread", {"line": typed.unread[0]}))
    return typed


def _problems(check: tuple[Msg, ...], keys: tuple[str, ...], step: str) -> Rejected | None:
    wrong = [msg for msg in check if msg.key in keys]
    if not wrong:
        return None
    return Rejected(Msg(f"plan16.{step}.mismatch", {"problem": wrong[0]}))


def parse_plan_costs(text: str, ctx: StepContext) -> ParseOutcome:
    """Cost items by category ("Personal 300.000"), adding up to the total costs."""
    typed = _read(text, "plan_costs")
    if isinstance(typed, Rejected):
        return typed
    costs = typed.plan.costs
    if not costs:
        return Rejected(Msg("plan16.plan_costs.none"))
    plan = Plan(costs=costs)
    check = check_plan(plan, read_answers(ctx.answers).costs_eur, None)
    if (rejected := _problems(check.problems, _COSTS, "plan_costs")) is not None:
        problem = rejected.reason.params["problem"]
        if isinstance(problem, Msg) and problem.key == "procedure.plan.costs_short":
            # items sent one a message, as on a phone: those so far are kept, the next join
            said = Msg("plan16.plan_costs.short_kept", {"problem": problem})
            return Rejected(said, keep_partial=text.strip())
        return rejected
    items = tuple(
        Msg(
            "plan16.item",
            {
                "label": Msg(f"procedure.plan.category.{item.category.value}"),
                "amount": Eur(item.amount_eur),
                "detail": f" ({item.description})" if item.description else "",
            },
        )
        for item in costs
    )
    note = Msg("plan16.plan_costs.taken", {"items": Lines(items), "sum": Eur(plan.cost_sum)})
    value = plan.model_dump(mode="json", include={"costs"})
    return Accepted(Answer(text=text.strip(), value=value), note)


def extend_plan_costs(kept: str, addition: str, ctx: StepContext) -> ParseOutcome:
    """Further cost items after some that fell short of the total: the items of both; all of
    them sent again (adding up by themselves) replace those kept."""
    alone = parse_plan_costs(addition, ctx)
    if isinstance(alone, Accepted):
        return alone
    return parse_plan_costs(f"{kept}\n{addition}", ctx)


def parse_plan_financing(text: str, ctx: StepContext) -> ParseOutcome:
    """Sources of financing (grant, own contribution, third parties with their name), adding up
    to the total costs (or, without a total, to the cost items)."""
    typed = _read(text, "plan_financing")
    if isinstance(typed, Rejected):
        return typed
    financing = typed.plan.financing
    if not financing:
        return Rejected(Msg("plan16.plan_financing.none"))
    before = plan_of(ctx.answers) or Plan()
    plan = Plan(costs=before.costs, financing=financing)
    total = read_answers(ctx.answers).costs_eur
    if total is None and not before.costs:
        total = plan.financing_sum  # nothing to compare with: the sources are the total
    funding = ctx.advisor.kb.rules.funding
    check = check_plan(plan, total, None, FundingRate(funding.max_rate_percent, funding.source))
    if (rejected := _problems(check.problems, _FINANCING, "plan_financing")) is not None:
        return rejected
    items = tuple(
        Msg(
            "plan16.item",
            {
                "label": Msg(f"procedure.plan.source.{source.kind.value}"),
                "amount": Eur(source.amount_eur),
                "detail": f" ({source.name})" if source.name else "",
            },
        )
        for source in financing
    )
    note = Msg(
        "plan16.plan_financing.taken", {"items": Lines(items), "sum": Eur(plan.financing_sum)}
    )
    # The grant rate only with its source (#13): the check's own note says it.
    rate = [msg for msg in check.notes if msg.key == "procedure.plan.grant_rate"]
    if rate:
        note = Msg("sponsor.notes", {"first": note, "second": rate[0]})
    value = plan.model_dump(mode="json", include={"financing"})
    return Accepted(Answer(text=text.strip(), value=value), note)


def parse_plan_work_steps(text: str, ctx: StepContext) -> ParseOutcome:
    """Work steps with their project months ("Monat 1–6 Aufbau"), within the duration."""
    typed = _read(text, "plan_work_steps")
    if isinstance(typed, Rejected):
        return typed
    steps = typed.plan.work_steps
    if not steps:
        return Rejected(Msg("plan16.plan_work_steps.none"))
    plan = Plan(work_steps=steps)
    check = check_plan(plan, None, read_answers(ctx.answers).duration_months)
    if (rejected := _problems(check.problems, _STEPS, "plan_work_steps")) is not None:
        return rejected
    items = tuple(
        Msg(
            "plan16.work_step",
            {"first": step.first_month, "last": step.last_month, "title": step.title},
        )
        for step in steps
    )
    note = Msg("plan16.plan_work_steps.taken", {"items": Lines(items)})
    value = plan.model_dump(mode="json", include={"work_steps"})
    return Accepted(Answer(text=text.strip(), value=value), note)
