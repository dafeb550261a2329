"""Reconsideration, litigation and mediation in the demo.

2021: the report says the bureau had no new reconsideration or lawsuit, organised its staff to
observe court hearings, and screened for disputes; the 2021 records are an observation and two
screening rounds (their details are the demo's), and the figures count no case.

2026: a reconsideration whose application copy arrived recently (the reply is due), and a civil
dispute under mediation after its first meeting.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.calendar import CalendarNotCovered
from fazhi.core.models import User
from fazhi.core.workflow import DomainError
from fazhi.disputes import actions
from fazhi.disputes.models import CourtObservation, Reconsideration
from fazhi.enforcement.models import EnforcementCase

D = datetime.date


@transaction.atomic
def load_disputes() -> list[str]:
    notes: list[str] = []
    if CourtObservation.objects.exists() or Reconsideration.objects.exists():
        return notes
    reviewer = User.objects.get(username="reviewer")
    actions.record_observation(
        actor=reviewer,
        held_on=D(2021, 9, 16),
        court="天津市第二中级人民法院",
        case_name="某行政许可纠纷案件（演示）",
        attendees=18,
        leaders=4,
        note="组织机关干部旁听庭审，以案释法。",
    )
    actions.record_screening(
        actor=reviewer, screened_on=D(2021, 6, 28), scope="科技计划项目、科技成果转化", found=3, resolved=3
    )
    actions.record_screening(
        actor=reviewer,
        screened_on=D(2021, 12, 20),
        scope="实验动物许可、人类遗传资源管理",
        found=1,
        resolved=1,
    )
    today = timezone.localdate()
    received = D(2026, 11, 23)
    if today < received:
        return notes
    penalty = EnforcementCase.objects.filter(decision_number="津科罚〔2026〕1号").first()
    try:
        actions.register_reconsideration(
            actor=reviewer,
            applicant=penalty.party_name if penalty else "天津市某实验动物繁育有限公司",
            challenged_act="津科罚〔2026〕1号行政处罚决定",
            received_on=received,
            case_number="津政复〔2026〕（演示）",
            enforcement_case=penalty,
        )
        mediation = actions.request_mediation(
            actor=reviewer,
            kind="civil",
            parties="天津某科技有限公司、某高校技术转移中心",
            summary="技术合同约定的成果转化收益分配发生争议，双方申请科技行政部门调解。",
            requested_on=D(2026, 11, 16),
        )
        actions.accept_mediation(mediation, actor=reviewer, accepted_on=D(2026, 11, 18))
        actions.add_meeting(
            mediation,
            actor=reviewer,
            held_on=D(2026, 11, 25),
            participants="双方代表、政策法规处调解人员",
            note="双方陈述意见，约定补充材料后再次调解。",
        )
    except (CalendarNotCovered, DomainError) as exc:
        notes.append(f"复议、调解演示数据未能全部建立：{exc}")
    return notes
