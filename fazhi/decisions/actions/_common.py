"""What every decision action shares: the stage guard and the rules it cites."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.workflow import (
    InvalidTransition,
    Transition,
    apply_transition,
)
from fazhi.decisions.models import (
    DecisionCatalog,
    MajorDecision,
    Step,
)

G = MajorDecision.Stage
C = DecisionCatalog.Status

CATALOG_TRANSITIONS = {
    "approve": Transition({C.DRAFT}, C.APPROVED, "审议通过目录", rule="目录经局党委会审议通过后公布"),
    "publish": Transition({C.APPROVED}, C.PUBLISHED, "公布目录", rule="目录经审议通过后方可公布"),
}

# Where each procedure's rule comes from, cited when a step is refused.
STEP_RULES = {
    Step.PUBLIC_PARTICIPATION: "《重大行政决策程序暂行条例》第十四条至第十八条",
    Step.EXPERT_ARGUMENTATION: "《重大行政决策程序暂行条例》第十九条至第二十一条",
    Step.RISK_ASSESSMENT: "《重大行政决策程序暂行条例》第二十二条至第二十四条",
    Step.LEGALITY_REVIEW: "《重大行政决策程序暂行条例》第二十五条至第二十八条",
    Step.COLLECTIVE_DECISION: "《重大行政决策程序暂行条例》第三十条、第三十一条",
}


def _today() -> datetime.date:
    return timezone.localdate()


def round_start(decision: MajorDecision) -> datetime.date | None:
    """The day the current round of procedures began: the latest adjustment (713号 Art 37).
    A procedure re-run after an adjustment must rest on records made on or after that day."""
    from fazhi.decisions.models import Adjustment

    return (
        Adjustment.objects.filter(decision=decision, kind=Adjustment.Kind.ADJUST)
        .order_by("-on", "-pk")
        .values_list("on", flat=True)
        .first()
    )


def in_round(day: datetime.date | None, start: datetime.date | None) -> bool:
    return day is not None and (start is None or day >= start)


def _at_step(decision: MajorDecision, step: Step) -> None:
    """Refuse a procedure that is not the one the matter is at, naming what comes first."""
    fresh = MajorDecision.objects.get(pk=decision.pk)
    if fresh.stage != step:
        current = G(fresh.stage).label
        raise InvalidTransition(
            f"该事项当前处于“{current}”阶段，不能办理“{step.label}”：决策应当依次履行公众参与、专家论证、"
            f"风险评估、合法性审查和集体讨论决定程序（{STEP_RULES[step]}）"
        )


def _advance(decision: MajorDecision, step: Step, *, actor: User, data: dict | None = None) -> None:
    target = decision.next_step_after(step)
    apply_transition(
        decision,
        Transition({step}, target, f"完成{step.label}"),
        actor=actor,
        verb=f"decision.{step.value}.done",
        data=data,
        status_field="stage",
    )
