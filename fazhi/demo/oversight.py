"""Evaluations and inspections in the demo: the 2021 third-party evaluation of rule-of-law
government and the 2021 central rule-of-law inspection, in which, as the 2021 report says, the
principal heads gave instructions, directed the work and reported in person; their findings
rectified through the task ledger and both closed with a rectification report.

The report gives neither the dates, the teams nor the findings: they are the demo's own,
plausible for 2021 and not verified.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core.models import Organization, User
from fazhi.demo.constants import BUREAU, LEGAL_AFFAIRS
from fazhi.oversight import actions
from fazhi.oversight.models import HeadPart, Oversight

D = datetime.date


@transaction.atomic
def load_oversight() -> list[str]:
    if Oversight.objects.filter(year=2021).exists():
        return []
    reviewer = User.objects.get(username="reviewer")
    director, deputy = User.objects.get(username="director"), User.objects.get(username="deputy")
    legal = Organization.objects.get(name=LEGAL_AFFAIRS, parent__code=BUREAU[2])
    supervision = Organization.objects.get(name="科技监督与诚信建设处", parent__code=BUREAU[2])
    research = Organization.objects.get(name="基础研究处", parent__code=BUREAU[2])

    evaluation = actions.create_oversight(
        actor=reviewer,
        kind=Oversight.Kind.THIRD_PARTY,
        year=2021,
        title="2021年度法治政府建设第三方评估",
        conducted_by="市委全面依法治市委员会办公室委托的第三方评估机构",
        team="评估组3人",
        started_on=D(2021, 9, 14),
        ended_on=D(2021, 9, 15),
        scope="依法全面履行政府职能、行政规范性文件管理、行政执法、政务公开和法治政府建设组织领导情况",
        method="查阅资料、网站测评、问卷调查、座谈",
    )
    actions.record_head_part(
        evaluation,
        actor=reviewer,
        kind=HeadPart.Kind.INSTRUCTION,
        leader=director,
        on=D(2021, 9, 6),
        content="局党政主要负责人亲自批示，要求全面梳理法治政府建设工作，做好迎检准备。",
    )
    actions.record_head_part(
        evaluation,
        actor=reviewer,
        kind=HeadPart.Kind.REPORT_IN_PERSON,
        leader=director,
        on=D(2021, 9, 14),
        content="向评估组当面汇报本局法治政府建设工作情况。",
    )
    actions.record_feedback(
        evaluation,
        actor=reviewer,
        feedback_on=D(2021, 10, 20),
        result="总体情况良好；政务公开和规范性文件管理方面有改进空间。",
    )
    actions.enter_rectified_finding(
        evaluation,
        actor=reviewer,
        text="网站“政策文件”栏目部分规范性文件未标注有效性状态",
        measures="逐件核对并标注有效、失效、废止状态，建立更新机制",
        division=legal,
        lead=deputy,
        due_on=D(2021, 11, 30),
        completed_on=D(2021, 11, 19),
        evidence="网站栏目更新截图及规范性文件有效性状态清单",
    )
    actions.enter_rectified_finding(
        evaluation,
        actor=reviewer,
        text="重大行政决策事项目录公开不够及时",
        measures="目录经局党委会审定后及时在门户网站公开",
        division=legal,
        lead=deputy,
        due_on=D(2021, 12, 15),
        completed_on=D(2021, 12, 10),
        evidence="局党委会纪要及门户网站公开页面",
    )
    actions.close_oversight(
        evaluation,
        actor=reviewer,
        report="关于2021年度法治政府建设第三方评估反馈问题整改情况的报告：反馈问题2个，已全部整改完成。",
        closed_on=D(2021, 12, 20),
        report_to="市委全面依法治市委员会办公室",
    )

    inspection = actions.create_oversight(
        actor=reviewer,
        kind=Oversight.Kind.CENTRAL_INSPECTION,
        year=2021,
        title="2021年中央法治督察",
        conducted_by="中央全面依法治国委员会办公室督察组",
        started_on=D(2021, 10, 25),
        ended_on=D(2021, 10, 26),
        scope="党政主要负责人履行推进法治建设第一责任人职责、法治政府建设重点任务落实、行政执法“三项制度”执行情况",
        method="听取汇报、查阅资料、抽查执法案卷",
    )
    for kind, on, content in (
        (HeadPart.Kind.INSTRUCTION, D(2021, 10, 12), "局党政主要负责人亲自批示，明确迎检工作分工。"),
        (HeadPart.Kind.MEETING, D(2021, 10, 15), "主持召开专题会议，亲自部署推动迎检和整改工作。"),
        (HeadPart.Kind.REPORT_IN_PERSON, D(2021, 10, 25), "向督察组当面汇报履行法治建设第一责任人职责情况。"),
    ):
        actions.record_head_part(
            inspection, actor=reviewer, kind=kind, leader=director, on=on, content=content
        )
    actions.record_feedback(
        inspection,
        actor=reviewer,
        feedback_on=D(2021, 11, 10),
        result="第一责任人职责履行到位；个别执法案卷制作不够规范，学法制度执行记录不完整。",
    )
    actions.enter_rectified_finding(
        inspection,
        actor=reviewer,
        text="个别行政执法案卷文书制作不够规范",
        measures="开展执法案卷评查，修订执法文书范本，组织执法人员培训",
        division=supervision,
        lead=deputy,
        due_on=D(2021, 12, 31),
        completed_on=D(2021, 12, 24),
        evidence="案卷评查报告、修订后的执法文书范本、培训签到表",
    )
    actions.enter_rectified_finding(
        inspection,
        actor=reviewer,
        text="领导干部会前学法记录不完整",
        measures="建立会前学法台账，逐次记录学习内容和参加人员",
        division=research,
        lead=director,
        due_on=D(2021, 12, 31),
        completed_on=D(2021, 12, 17),
        evidence="2021年第四季度会前学法台账",
    )
    actions.close_oversight(
        inspection,
        actor=reviewer,
        report="关于2021年中央法治督察反馈问题整改情况的报告：反馈问题2个，已全部整改完成，建立长效机制。",
        closed_on=D(2021, 12, 28),
        report_to="市委全面依法治市委员会办公室",
    )
    return []
