"""Enforcement cases of the demo.

2021: none. The bureau's report says it had no major penalty, no reconsideration and no case to
transfer to the judicial organs that year; the enforcement figures of 2021 count zero from the
records, as they should.

2026: two cases closed and published (entered from the archive with their paper dates), one
waiting for the party's hearing request, and one major case whose proposed decision goes to the
legal affairs division for its legality check (Art 58) — the last step taken live today.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.calendar import CalendarNotCovered
from fazhi.core.models import User
from fazhi.core.workflow import DomainError
from fazhi.enforcement import actions
from fazhi.enforcement.history import ArchivedCase, ArchivedRecord, import_case
from fazhi.enforcement.models import CaseRecord, EnforcementCase

D = datetime.date
Step = CaseRecord.Step
Kind = CaseRecord.Kind
# 孙执法 (the `officer` account) and 马振华 of the inspector registry (demo/inspections.py).
OFFICERS = ("12011020101", "12011020102")

CASES = [
    ArchivedCase(
        title="实验动物生产许可证有效期届满未申请延续仍从事实验动物生产",
        category=EnforcementCase.Category.PENALTY,
        party_name="天津市某实验动物繁育有限公司",
        party_kind=EnforcementCase.PartyKind.ORGANIZATION,
        party_code="91120116MA06XK3L26",
        facts="2026年第1批双随机抽查中发现，该公司实验动物生产许可证已于2026年2月届满，未申请延续仍在生产小鼠。",
        officers=OFFICERS,
        discovered_on=D(2026, 4, 9),
        violation_occurred_on=D(2026, 4, 9),
        filed_on=D(2026, 4, 14),
        records=(
            ArchivedRecord(Step.FILING, "立案审批表", D(2026, 4, 14)),
            ArchivedRecord(Step.INVESTIGATION, "现场检查笔录", D(2026, 4, 15)),
            ArchivedRecord(Step.INVESTIGATION, "现场检查录像", D(2026, 4, 15), kind=Kind.AUDIO_VIDEO),
            ArchivedRecord(Step.INVESTIGATION, "询问笔录", D(2026, 4, 20)),
            ArchivedRecord(Step.NOTICE, "行政处罚事先告知书及送达回证", D(2026, 4, 28)),
            ArchivedRecord(Step.DECISION, "行政处罚决定书", D(2026, 5, 12)),
            ArchivedRecord(Step.SERVICE, "送达回证", D(2026, 5, 13)),
            ArchivedRecord(Step.EXECUTION, "整改报告及复查记录", D(2026, 5, 20)),
        ),
        notified_on=D(2026, 4, 28),
        proposed_decision="违法事实清楚，拟责令限期改正，给予警告。",
        statement="当事人承认事实，表示已提交延续申请。",
        decided_on=D(2026, 5, 12),
        outcome=EnforcementCase.Outcome.PENALTY,
        decision_text="责令于2026年5月31日前改正，给予警告。",
        served_on=D(2026, 5, 13),
        service_method="直接送达",
        executed_on=D(2026, 5, 20),
        execution_note="当事人已取得延续后的许可证，复查合格。",
        closed_on=D(2026, 5, 22),
        published_on=D(2026, 5, 15),
    ),
    ArchivedCase(
        title="举报未经许可使用实验动物开展实验",
        category=EnforcementCase.Category.PENALTY,
        party_name="王建军",
        party_kind=EnforcementCase.PartyKind.PERSON,
        party_code="120101198001011234",
        facts="接群众举报，某个人工作室未取得实验动物使用许可证开展动物实验。",
        officers=OFFICERS,
        discovered_on=D(2026, 6, 2),
        filed_on=D(2026, 6, 4),
        records=(
            ArchivedRecord(Step.INVESTIGATION, "现场检查笔录", D(2026, 6, 5)),
            ArchivedRecord(Step.INVESTIGATION, "现场照片", D(2026, 6, 5), kind=Kind.AUDIO_VIDEO),
            ArchivedRecord(Step.NOTICE, "不予行政处罚事先告知书", D(2026, 6, 24)),
            ArchivedRecord(Step.DECISION, "不予行政处罚决定书", D(2026, 7, 8)),
            ArchivedRecord(Step.SERVICE, "送达回证", D(2026, 7, 9)),
        ),
        notified_on=D(2026, 6, 24),
        proposed_decision="经查，当事人使用的为教学标本，不属于实验动物，违法事实不能成立，拟不予行政处罚。",
        waived=True,
        decided_on=D(2026, 7, 8),
        outcome=EnforcementCase.Outcome.NO_PENALTY,
        decision_text="违法事实不能成立，不予行政处罚。",
        served_on=D(2026, 7, 9),
        service_method="直接送达",
        closed_on=D(2026, 7, 10),
        published_on=D(2026, 7, 20),
    ),
    ArchivedCase(
        title="实验动物使用单位未按规定处理实验动物尸体",
        category=EnforcementCase.Category.PENALTY,
        party_name="天津某生物医药研究院有限公司",
        party_kind=EnforcementCase.PartyKind.ORGANIZATION,
        party_code="91120118MA07LQ8N5U",
        facts="日常检查发现实验动物尸体未按规定交由有资质单位处理。",
        officers=OFFICERS,
        discovered_on=D(2026, 9, 24),
        violation_occurred_on=D(2026, 9, 24),
        filed_on=D(2026, 9, 28),
        records=(
            ArchivedRecord(Step.INVESTIGATION, "现场检查笔录", D(2026, 9, 29)),
            ArchivedRecord(Step.INVESTIGATION, "现场检查录像", D(2026, 9, 29), kind=Kind.AUDIO_VIDEO),
            ArchivedRecord(Step.NOTICE, "行政处罚事先告知书（含听证权利）", D(2026, 11, 24)),
        ),
        notified_on=D(2026, 11, 24),
        proposed_decision="拟责令改正，并处罚款。",
        hearing_right=True,
    ),
    ArchivedCase(
        title="伪造实验动物质量合格证明",
        category=EnforcementCase.Category.PENALTY,
        party_name="天津某动物科技有限公司",
        party_kind=EnforcementCase.PartyKind.ORGANIZATION,
        party_code="91120222MA05RT2W74",
        facts="抽检发现当事人出具的实验动物质量合格证明与检测机构记录不符，涉及多家使用单位。",
        officers=OFFICERS,
        discovered_on=D(2026, 9, 25),
        violation_occurred_on=D(2026, 9, 25),
        filed_on=D(2026, 9, 29),
        records=(
            ArchivedRecord(Step.INVESTIGATION, "调取检测机构原始记录", D(2026, 10, 12)),
            ArchivedRecord(Step.INVESTIGATION, "询问笔录（三家使用单位）", D(2026, 10, 20)),
            ArchivedRecord(Step.NOTICE, "行政处罚事先告知书", D(2026, 11, 20)),
        ),
        notified_on=D(2026, 11, 20),
        proposed_decision="拟责令改正，并处罚款。",
        waived=True,
    ),
]


def _last_day(record: ArchivedCase) -> datetime.date:
    days = [getattr(record, f.name) for f in dataclasses.fields(record)]
    days += [r.recorded_on for r in record.records]
    return max(d for d in days if isinstance(d, datetime.date))


@transaction.atomic
def load_enforcement() -> list[str]:
    notes: list[str] = []
    if EnforcementCase.objects.exists():
        return notes
    officer = User.objects.get(username="officer")
    today = timezone.localdate()
    # Run on an earlier day (as tests do), the demo enters only the cases whose file is complete by then.
    cases = [import_case(record, actor=officer) for record in CASES if _last_day(record) <= today]
    if len(cases) < len(CASES):
        return notes
    major = cases[-1]
    try:
        actions.set_major_grounds(major, actor=officer, grounds=[EnforcementCase.MajorGround.COMPLEX])
        actions.submit_for_review(
            major,
            actor=officer,
            explanation="涉及多家使用单位，法律关系复杂，属于重大执法决定，请予法制审核。",
        )
    except (CalendarNotCovered, DomainError) as exc:
        notes.append(f"重大执法决定未能送法制审核：{exc}")
    return notes
