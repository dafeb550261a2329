"""What every decision action shares: the stage guard and the rules it cites."""

from __future__ import annotations

import datetime

from fazhi.core.models import User
from fazhi.core.workflow import (
    InvalidTransition,
    Transition,
    apply_transition,
)
from fazhi.decisions.models import (
    PRELIMINARY,
    DecisionCatalog,
    MajorDecision,
    Step,
)

G = MajorDecision.Stage
C = DecisionCatalog.Status

CATALOG_TRANSITIONS = {
    "approve": Transition({C.DRAFT}, C.APPROVED, "审议通过目录", rule="目录经党委（党组）会议审议通过后公布"),
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
    """Refuse a procedure the matter cannot run now. The preliminary procedures (public
    participation, expert argumentation, risk assessment) run in any order: 713号 sets none.
    The gates it does set: the request for the legality review accounts for the procedures
    performed (Art 26, 27), and the draft goes to the meeting only after the review (Art 25)."""
    fresh = MajorDecision.objects.get(pk=decision.pk)
    if fresh.may_run(step):
        return
    current = G(fresh.stage).label
    if step in PRELIMINARY and fresh.in_preliminary_procedures:
        state = "本轮已完成" if step.value in (fresh.completed_procedures or []) else "不适用"
        raise InvalidTransition(f"“{step.label}”程序{state}")
    if step == Step.LEGALITY_REVIEW and fresh.in_preliminary_procedures:
        pending = "、".join(str(s.label) for s in fresh.open_procedures())
        raise InvalidTransition(
            f"尚有未完成的决策程序（{pending}）：送请合法性审查，应当提供履行决策法定程序的说明"
            f"（{STEP_RULES[Step.LEGALITY_REVIEW]}；第二十六条、第二十七条）"
        )
    if step == Step.COLLECTIVE_DECISION and fresh.stage != G.COLLECTIVE_DECISION:
        raise InvalidTransition(
            f"该事项当前处于“{current}”阶段：决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论"
            "（《重大行政决策程序暂行条例》第二十五条）"
        )
    raise InvalidTransition(f"该事项当前处于“{current}”阶段，不能办理“{step.label}”")


def _advance(decision: MajorDecision, step: Step, *, actor: User, data: dict | None = None) -> None:
    fresh = MajorDecision.objects.get(pk=decision.pk)
    updates: dict = {}
    if step in PRELIMINARY:
        done = [*(fresh.completed_procedures or []), step.value]
        fresh.completed_procedures = done
        decision.completed_procedures = done
        updates["completed_procedures"] = done
    target = fresh.next_step_after(step)
    apply_transition(
        decision,
        Transition({fresh.stage}, target, f"完成{step.label}"),
        actor=actor,
        verb=f"decision.{step.value}.done",
        data=data,
        status_field="stage",
        **updates,
    )
