"""Complaints about enforcement in the demo. 2021 had none (the report: "未发生执法投诉、群众举报
违法行政行为"); 2026 has a handful at every stage — a 12345 report about unlicensed animal
experiments that led to the enforcement case of the demo, a letter answered by its division, a
visit passed to the competent authority, a hotline transfer being handled, and a portal
submission of today awaiting registration. Names, tickets and dates are the demo's.

Run on an earlier day (as tests do), a complaint whose steps are not all past yet is left out.
The complaint handled by 科技监督与诚信建设处 needs a staff member of that division: the loader
adds the demo account `jdstaff` (马监督) with the demo password.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from fazhi.complaints import actions, receipt
from fazhi.complaints.models import Complaint
from fazhi.core.calendar import CalendarNotCovered
from fazhi.core.models import Organization, User
from fazhi.core.roles import Role
from fazhi.core.workflow import DomainError
from fazhi.demo.constants import BUREAU, DEMO_PASSWORD
from fazhi.enforcement.models import EnforcementCase

D = datetime.date
SUPERVISION = "科技监督与诚信建设处"
CASE_TITLE = "举报未经许可使用实验动物开展实验"


def _division_staff() -> User:
    user = User.objects.filter(username="jdstaff").first()
    if user is None:
        user = User(
            username="jdstaff",
            full_name="马监督",
            organization=Organization.objects.get(name=SUPERVISION, parent__code=BUREAU[2]),
            title="一级主任科员",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name=Role.DIVISION_STAFF.value))
    return user


def _accept(
    complaint: Complaint, reviewer: User, day: D, division: str, notice_method: str = "phone"
) -> None:
    actions.accept_complaint(
        complaint,
        actor=reviewer,
        decided_on=day,
        division=Organization.objects.get(name=division, parent__code=BUREAU[2]),
        reason="反映的问题属于本局行政执法职责范围。",
        notice=f"您反映的问题已受理，由{division}调查核实并答复。",
        notice_method=notice_method,
    )


DEMO_RECEIPT_CODE = "2026-FAZH-TJKJ-1234-5678"


@transaction.atomic
def load_complaints() -> list[str]:
    if Complaint.objects.exists():
        return []
    today = timezone.localdate()
    reviewer = User.objects.get(username="reviewer")
    staff = User.objects.get(username="staff")  # 基础研究处
    notes: list[str] = []
    try:
        if today >= D(2026, 6, 19):
            report, _code = actions.enter_complaint(
                actor=reviewer,
                channel="hotline",
                hotline_ticket="TJ12345-20260528-0173",
                kind="report",
                subject="举报某工作室未经许可使用实验动物开展实验",
                content="来电人反映，南开区某个人工作室未取得实验动物使用许可证，长期在居民楼内开展小鼠实验。",
                respondent="未取得实验动物使用许可证的工作室",
                received_on=D(2026, 5, 28),
                registered_on=D(2026, 5, 28),
                contact_name="李先生",
                contact_phone="13800001111",
            )
            _accept(report, reviewer, D(2026, 5, 29), SUPERVISION)
            actions.answer_complaint(
                report,
                actor=_division_staff(),
                replied_on=D(2026, 6, 19),
                findings="6月2日现场核查属实，6月4日立案调查。",
                reply="您举报的问题经现场核查属实，我局已依法立案查处，感谢您的监督。",
                reply_method="phone",
            )
            # The demo's one known receipt code (README, demo section), instead of the random
            # one: a real complainant's code is only ever shown to them, once.
            Complaint.objects.filter(pk=report.pk).update(receipt_digest=receipt.digest(DEMO_RECEIPT_CODE))
            case = EnforcementCase.objects.filter(title=CASE_TITLE).first()
            if case is not None:
                actions.link_enforcement_case(report, actor=reviewer, case=case)
            else:
                notes.append("投诉举报演示数据：未找到由举报立案的执法案件")
        if today >= D(2026, 8, 10):
            letter, _code = actions.enter_complaint(
                actor=reviewer,
                channel="letter",
                kind="complaint",
                subject="科技计划项目现场检查时检查人员未出示执法证件",
                content="7月8日两名检查人员到我单位检查科技计划项目执行情况，未出示执法证件，也未说明检查依据。",
                respondent="科技计划项目现场检查",
                received_on=D(2026, 7, 13),
                registered_on=D(2026, 7, 13),
                contact_name="天津某新材料研究院 赵女士",
                contact_address="天津市西青区某路1号",
            )
            _accept(letter, reviewer, D(2026, 7, 14), "基础研究处", notice_method="letter")
            actions.answer_complaint(
                letter,
                actor=staff,
                replied_on=D(2026, 8, 10),
                findings="经调取执法记录仪视频，检查人员进门时出示了执法证件，但未向在场人员说明检查依据。",
                reply="经核实，检查人员出示了执法证件，但未说明检查依据；我局已对检查人员进行提醒教育，并在检查通知中载明检查依据。",
                reply_method="letter",
            )
        if today >= D(2026, 9, 16):
            visit, _code = actions.enter_complaint(
                actor=reviewer,
                channel="visit",
                kind="complaint",
                subject="反映市场监管部门检查时扣押设备",
                content="来访人反映某区市场监管局检查时扣押其实验室设备，要求返还。",
                received_on=D(2026, 9, 15),
                registered_on=D(2026, 9, 15),
                contact_name="孙先生",
                contact_phone="13900002222",
            )
            actions.transfer_complaint(
                visit,
                actor=reviewer,
                decided_on=D(2026, 9, 16),
                authority="天津市市场监督管理委员会",
                reason="反映的是市场监管部门的行政强制措施，不属于本局职责。",
                notice="您反映的问题不属于本局职责，已转交天津市市场监督管理委员会处理，请与其联系。",
                notice_method="in_person",
            )
        if today >= D(2026, 11, 24):
            hotline, _code = actions.enter_complaint(
                actor=reviewer,
                channel="hotline",
                hotline_ticket="TJ12345-20261123-0459",
                kind="complaint",
                subject="反映双随机抽查结果公示有误",
                content="来电企业反映，其在双随机抽查结果公示中被列为“未发现问题”以外的结果，与实际不符。",
                respondent="双随机抽查结果公示",
                received_on=D(2026, 11, 23),
                registered_on=D(2026, 11, 23),
                anonymous=True,
            )
            _accept(hotline, reviewer, D(2026, 11, 24), SUPERVISION, notice_method="portal")
        if today.year == 2026:
            actions.submit_public_complaint(
                kind="report",
                subject="举报执法检查走过场",
                content="某次实验动物检查只看台账不看现场。",
                anonymous=True,
            )
    except (CalendarNotCovered, DomainError) as exc:
        notes.append(f"投诉举报演示数据未能全部建立：{exc}")
    return notes
