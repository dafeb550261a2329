"""The leading group and the task ledger of the demo.

The leading group as the 2021 report describes it: the principal leader as head, three bureau
leaders as deputies, the heads of the 18 divisions as the office's members (2021 and 2026; the
names of the two deputies and of the division heads without a demo account are the demo's).
The 2026 ledger: key tasks after the report's own "next year" plan (一是…四是), owned by
divisions under a leader, at different stages.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.models import Organization, User
from fazhi.demo.constants import BUREAU, DIVISIONS, LEGAL_AFFAIRS
from fazhi.ledger import actions
from fazhi.ledger.models import LeadingGroupMember, LedgerItem

D = datetime.date
EXTRA_DEPUTIES = ("王副局长", "刘副局长")


def _group(year: int, reviewer: User) -> None:
    bureau = Organization.objects.get(name=BUREAU[0])
    director, deputy = User.objects.get(username="director"), User.objects.get(username="deputy")
    divhead = User.objects.get(username="divhead")
    members: list[tuple[str, str, Organization, User | None]] = []
    for name in DIVISIONS:
        division = Organization.objects.get(name=name)
        if divhead.organization_id == division.pk:
            members.append((divhead.display_name, f"{name}处长", division, divhead))
        else:
            members.append((f"{name}负责同志", f"{name}主要负责同志", division, None))
    actions.set_leading_group(
        year,
        actor=reviewer,
        head=(director.display_name, "局长（党政主要负责人）", bureau, director),
        deputies=[(deputy.display_name, "副局长", bureau, deputy)]
        + [(name, "副局长", bureau, None) for name in EXTRA_DEPUTIES],
        members=members,
    )


@transaction.atomic
def load_ledger() -> list[str]:
    if LeadingGroupMember.objects.exists() or LedgerItem.objects.exists():
        return []
    reviewer = User.objects.get(username="reviewer")
    director, deputy = User.objects.get(username="director"), User.objects.get(username="deputy")
    staff, divhead = User.objects.get(username="staff"), User.objects.get(username="divhead")
    for year in (2021, 2026):
        _group(year, reviewer)
    today = timezone.localdate()
    if today.year != 2026:
        return ["任务台账演示数据按 2026 年编排，今天不在 2026 年，未建立台账"]
    legal = Organization.objects.get(name=LEGAL_AFFAIRS)
    research = staff.organization  # 基础研究处: the demo accounts `staff` and `divhead`
    assert research is not None
    source = "局党委2026年工作要点（法治政府建设专章）"
    lead = actions.create_item(
        actor=reviewer,
        year=2026,
        title="发挥科技法治建设领导小组统筹作用，专题听取法治建设重点工作进展",
        division=legal,
        lead=director,
        due_on=D(2026, 12, 31),
        source=source,
    )
    law = actions.create_item(
        actor=reviewer,
        year=2026,
        title="配合完成《天津市科技进步促进条例》修改工作",
        description="按市人大常委会立法计划，提出修改建议稿，组织征求意见。",
        division=research,
        lead=deputy,
        due_on=D(2026, 10, 31),
        source=source,
    )
    publicity = actions.create_item(
        actor=reviewer,
        year=2026,
        title="实施科技系统“八五”普法规划年度任务",
        division=research,
        lead=deputy,
        due_on=D(2026, 12, 15),
        source=source,
    )
    actions.create_item(
        actor=reviewer,
        year=2026,
        title="公开年度重大行政决策事项目录并跟踪执行",
        division=legal,
        lead=director,
        due_on=D(2026, 12, 31),
        source=source,
        blocked_by=[lead],
    )
    actions.report_progress(law, actor=staff, progress=100, note="修改建议稿已报送市人大常委会法工委。")
    actions.submit_for_signoff(law, actor=divhead)
    actions.sign_off(law, actor=deputy)
    actions.report_progress(publicity, actor=staff, progress=70, note="已开展宪法、民法典专题宣讲 6 场。")
    actions.supervise(
        publicity,
        actor=deputy,
        instruction="年底前完成普法基地建设，报送完成情况。",
        respond_by=max(today, D(2026, 12, 10)),
    )
    return []
