"""Legislation in the demo: the register with the three local regulations the 2021 report says
the bureau helped amend (《天津市科学技术普及条例》《天津市科技成果转化条例》《天津国家自主创新示范区
条例》), their 2021 amendments carried through the project steps (the bureau joined: 配合市人大、
市司法局), and the 2026 revision of the popularisation regulation, which the bureau leads, open for
public comment from the day the demo is built.

Dates: /work/shared names the three amendments and their year but gives no dates. Every date
below (the first adoption of each regulation and the 2021 steps) is a plausible date chosen for
the demo, not a verified one; each version says so in its note.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import laws
from fazhi.core.models import Law, Organization, User
from fazhi.demo.constants import BUREAU, LEGAL_AFFAIRS
from fazhi.legislation import actions
from fazhi.legislation.models import Deliberation, LegislativeProject

D = datetime.date
P = LegislativeProject
SC = "天津市人民代表大会常务委员会"
UNVERIFIED = "演示数据：日期未经核实"
POPULARISATION = "天津市科学技术普及条例"
# (title, the division that follows it, first adoption: adopted, in force — illustrative)
REGULATIONS = [
    (POPULARISATION, "社会发展科技处", D(2015, 6, 5), D(2015, 9, 1)),
    ("天津市科技成果转化条例", "成果转化与区域创新处", D(2016, 9, 29), D(2017, 1, 1)),
    ("天津国家自主创新示范区条例", "成果转化与区域创新处", D(2017, 11, 28), D(2018, 1, 1)),
]
# The 2021 amendment, the same illustrative days for the three (a package amendment).
SUBMITTED, REVIEWED, GOVERNMENT, ADOPTED, IN_FORCE = (
    D(2021, 4, 15),
    D(2021, 5, 20),
    D(2021, 6, 23),
    D(2021, 7, 30),
    D(2021, 7, 30),
)


def _amend_2021(law: Law, division: Organization, reviewer: User) -> None:
    project = actions.create_project(
        actor=reviewer,
        title=f"《{law.title}》修正",
        law_kind=P.LawKind.LOCAL_REGULATION,
        change=P.Change.AMENDMENT,
        law=law,
        plan_year=2021,
        plan_kind=P.PlanKind.FORMAL,
        part=P.Part.JOIN,
        division=division,
        partners="市人大常委会、市司法局（牵头）",
    )
    actions.start_drafting(project, actor=reviewer)
    actions.save_draft(
        project,
        actor=reviewer,
        draft_text=f"关于修改《{law.title}》的决定（草案）\n一、……",
        explanation="配合起草单位提出修改建议，按上位法调整相关条款。",
    )
    actions.submit_for_review(project, actor=reviewer, submitted_on=SUBMITTED)
    actions.conclude_review(
        project, actor=reviewer, concluded_on=REVIEWED, opinion="草案合法，建议提请审议。"
    )
    actions.record_deliberation(
        project,
        actor=reviewer,
        body=Deliberation.Body.GOVERNMENT_MEETING,
        held_on=GOVERNMENT,
        outcome=Deliberation.Outcome.PASSED,
        note="讨论通过，提请市人大常委会审议。",
    )
    actions.record_deliberation(
        project,
        actor=reviewer,
        body=Deliberation.Body.STANDING_COMMITTEE,
        held_on=ADOPTED,
        outcome=Deliberation.Outcome.PASSED,
        note="以修改决定方式一并修改。",
    )
    actions.promulgate(
        project,
        actor=reviewer,
        promulgated_on=ADOPTED,
        effective_on=IN_FORCE,
        number=f"2021年修正（{UNVERIFIED}）",
        issuing_body=SC,
    )


def _current(law: Law, reviewer: User) -> list[str]:
    """The 2026 revision the bureau leads, open for comment from today for 45 days."""
    division = Organization.objects.get(name=LEGAL_AFFAIRS, parent__code=BUREAU[2])
    project = actions.create_project(
        actor=reviewer,
        title=f"《{law.title}》修订",
        law_kind=P.LawKind.LOCAL_REGULATION,
        change=P.Change.REVISION,
        law=law,
        plan_year=2026,
        plan_kind=P.PlanKind.FORMAL,
        part=P.Part.LEAD,
        division=division,
        partners="市人大教科文卫委、市司法局",
    )
    actions.start_drafting(project, actor=reviewer)
    actions.save_draft(
        project,
        actor=reviewer,
        draft_text=(
            f"{law.title}（修订草案征求意见稿）\n第一章 总则\n第二章 组织管理\n第三章 社会责任\n"
            "第四章 科普活动\n第五章 保障措施\n第六章 法律责任\n第七章 附则"
        ),
        explanation="为适应科普工作新形势，拟对条例进行全面修订。",
    )
    actions.create_project(
        actor=reviewer,
        title="科技伦理治理地方立法调研",
        law_kind=P.LawKind.GOVERNMENT_RULE,
        change=P.Change.NEW,
        plan_year=2026,
        plan_kind=P.PlanKind.RESEARCH,
        part=P.Part.LEAD,
        division=Organization.objects.get(name="科技监督与诚信建设处", parent__code=BUREAU[2]),
    )
    today = timezone.localdate()
    # Opens whatever the day: a minimum reaching a year the calendar lacks is pending (core.deadlines).
    actions.open_comment(project, actor=reviewer, closes_on=today + datetime.timedelta(days=45))
    first = actions.add_comment(
        project, text="建议明确科普场馆向公众免费或优惠开放的要求。", author_name="某市民"
    )
    actions.add_comment(
        project,
        text="建议增加鼓励科研人员参与科普并计入绩效评价的规定。",
        author_name="某高校",
        contact="022-0000000",
    )
    actions.answer_comment(first, actor=reviewer, adoption="adopted", answer="已在第四章增加相关规定。")
    return []


@transaction.atomic
def load_legislation() -> list[str]:
    if Law.objects.filter(title=POPULARISATION).exists():
        return []
    reviewer = User.objects.get(username="reviewer")
    created: dict[str, Law] = {}
    for title, division, adopted_on, effective_on in REGULATIONS:
        law = laws.create_law(title=title, kind=Law.Kind.LOCAL_REGULATION, issuing_body=SC, actor=reviewer)
        laws.record_law_version(
            law,
            kind="adopted",
            adopted_on=adopted_on,
            effective_on=effective_on,
            note=UNVERIFIED,
            actor=reviewer,
        )
        _amend_2021(law, Organization.objects.get(name=division, parent__code=BUREAU[2]), reviewer)
        created[title] = law
    return _current(created[POPULARISATION], reviewer)
