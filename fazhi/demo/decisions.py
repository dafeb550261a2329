"""Major-decision demo data: the bureau's 2021 catalog — five matters, among them the science and
technology innovation plan of the 14th Five-Year period, approved by the Party committee and
published — entered from the archive and carried through every procedure to archive, execution
reports and, for the plan, a post-decision evaluation; and the current year's catalog made
through the live actions, with one draft open for public comment.

The 2021 matters are the major-decision reviews of the reviews demo (ARCHIVE_KINDS); each is
linked to its archived legality review and follows that review's dates and submitting division.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from fazhi.core.agencies import agency_for
from fazhi.core.calendar import CalendarNotCovered, WorkCalendar, compute_deadline
from fazhi.core.models import Organization, User
from fazhi.decisions import actions, history
from fazhi.decisions.experts import save_expert
from fazhi.decisions.models import DecisionCatalog, DecisionExpert, MajorDecision
from fazhi.demo.constants import BUREAU
from fazhi.demo.reviews import ARCHIVE_KINDS
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

K = ReviewRequest.SubjectKind
D = datetime.date.fromisoformat
ARCHIVE_YEAR = 2021
TITLES: list[str] = next(patterns for kind, _n, patterns in ARCHIVE_KINDS if kind == K.MAJOR_DECISION)
CATALOG_APPROVED = D("2021-01-08")
CATALOG_PUBLISHED = D("2021-01-11")

# name, organization, field
EXPERTS = [
    ("吴志远", "南开大学", "科技政策与管理"),
    ("林晓峰", "天津大学", "科技评价"),
    ("何静", "天津财经大学", "财政与科技金融"),
    ("马骏", "中国科学院天津工业生物技术研究所", "生物技术"),
    ("高岩", "河北工业大学", "产业技术创新"),
    ("郑伟", "天津市科学技术发展战略研究院", "科技发展规划"),
]
RISK_ASSESSOR = "天津市社会稳定风险评估中心"
EVALUATOR = "天津市社会科学院"


@dataclass(frozen=True)
class Matter:
    title: str
    division: str  # the lead division when no archived review names one
    submitted: str  # the legality review's dates when none is in the archive
    basis: str
    reason: str
    draft: str
    explanation: str
    decision: str
    comments: tuple[
        tuple[str, str, str, str, int | None], ...
    ]  # text, author, adoption, answer, duplicate of
    experts: tuple[int, ...]
    risk: tuple[str, str, str]  # level, risk points, mitigations
    progress: tuple[str, str]  # 2021, 2022
    excluded: int | None = None  # an expert who declared a direct interest
    hearing: bool = False


BASIS = "《中华人民共和国科学技术进步法》《天津市科学技术进步条例》"

MATTERS = [
    Matter(
        TITLES[0],
        "发展规划处",
        "2021-09-01",
        BASIS + "《天津市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》",
        "全市“十四五”时期科技创新的总体部署，涉及全市科技发展全局和重大资金安排。",
        "一、发展基础与形势\n二、总体要求：到2025年，全社会研发经费投入强度达到3.7%左右……\n"
        "三、主要任务：建设信创、合成生物等海河实验室；实施重大科技专项；培育科技型企业……\n四、保障措施",
        "依据市“十四五”规划纲要起草，经两轮专题调研和处室会商形成；各区、有关部门意见已吸收。",
        "审议通过《天津市科技创新“十四五”规划》，由{division}牵头组织实施，各处室按职责分工落实。",
        (
            (
                "建议增加培育高层次科技人才的量化目标。",
                "某高校教师",
                "adopted",
                "已在第三章增加人才目标。",
                None,
            ),
            ("希望写入引进和培养科技领军人才的指标。", "", "adopted", "", 0),
            (
                "建议设立市级概念验证专项资金。",
                "某科技服务企业",
                "partly_adopted",
                "已写入“支持建设概念验证中心”，资金安排在年度计划中落实。",
                None,
            ),
            (
                "建议将全部区级科技投入纳入考核。",
                "市民",
                "not_adopted",
                "区级科技投入考核属于区政府职责，不宜在本规划中规定。",
                None,
            ),
        ),
        (0, 1, 2),
        ("low", "重大项目资金保障存在不确定性", "分年度安排资金，建立项目动态调整机制"),
        ("完成年度目标任务，研发投入强度达到3.66%。", "海河实验室建设有序推进，科技型企业数量增长12%。"),
        excluded=5,
        hearing=True,
    ),
    Matter(
        TITLES[1],
        "基础研究处",
        "2021-05-26",
        BASIS + "《国务院关于全面加强基础科学研究的若干意见》",
        "涉及未来十年基础研究经费投入机制和重大平台布局。",
        "一、总体思路\n二、重点任务：稳定支持自然科学基金，布局前沿交叉研究……\n三、保障措施",
        "对标国家基础研究十年规划，结合本市高校院所布局起草。",
        "审议通过《天津市基础研究十年行动方案》，由{division}组织实施。",
        (
            (
                "建议加大对青年科研人员的稳定支持。",
                "某研究所研究员",
                "adopted",
                "已增加青年科学基金项目比例。",
                None,
            ),
            (
                "建议自然科学基金评审引入国际同行评议。",
                "",
                "partly_adopted",
                "在重点项目中试点，逐步推开。",
                None,
            ),
        ),
        (0, 3),
        ("low", "财政投入稳定增长存在压力", "建立多元投入机制，引导企业和社会资金投入基础研究"),
        ("自然科学基金资助项目820项。", "新建前沿交叉研究平台3个。"),
    ),
    Matter(
        TITLES[2],
        "成果转化与区域创新处",
        "2021-07-30",
        BASIS + "《中华人民共和国促进科技成果转化法》",
        "涉及高校院所科技成果转化收益分配等重大政策调整。",
        "一、目标：三年内技术合同成交额年均增长10%\n二、重点任务：建设技术转移机构，完善收益分配……\n三、保障措施",
        "在调研12家高校院所和30家企业基础上起草。",
        "审议通过《天津市科技成果转化三年行动计划》，由{division}组织实施。",
        (
            (
                "建议明确科研人员成果转化收益比例不低于70%。",
                "某高校科研人员",
                "adopted",
                "已按促进科技成果转化法的规定写明。",
                None,
            ),
            ("建议简化职务科技成果作价入股审批流程。", "某企业", "adopted", "已增加简化流程的措施。", None),
        ),
        (1, 4),
        ("medium", "收益分配政策调整可能引发单位内部分歧", "出台配套指引，组织政策解读和培训"),
        ("技术合同成交额增长11.2%。", "建成技术转移机构15家。"),
    ),
    Matter(
        TITLES[3],
        "企业创新处",
        "2021-08-12",
        BASIS + "《天津市促进中小企业发展条例》",
        "涉及全市科技型企业培育政策和财政奖补资金。",
        "一、培育体系：科技型中小企业—高新技术企业—雏鹰—瞪羚—领军企业\n二、支持政策\n三、组织实施",
        "梳理现行企业培育政策，按梯度整合奖补措施。",
        "审议通过《天津市科技型企业梯度培育实施方案》，由{division}组织实施。",
        (
            (
                "建议奖补资金实行“免申即享”。",
                "某科技企业",
                "partly_adopted",
                "对高新技术企业认定奖励试行免申即享。",
                None,
            ),
        ),
        (2, 4),
        ("low", "奖补资金使用存在廉政风险", "实行奖补名单公示和第三方审计"),
        ("新增国家高新技术企业1,100家。", "雏鹰、瞪羚企业梯队初步形成。"),
    ),
    Matter(
        TITLES[4],
        "重大科技专项处",
        "2021-02-19",
        BASIS + "《天津市科技计划项目管理办法》",
        "涉及重大科技专项资金的组织方式和管理机制改革。",
        "一、专项设置：聚焦信创、生物医药、新能源等领域\n二、组织方式：“揭榜挂帅”……\n三、管理与监督",
        "总结以往专项组织经验，引入“揭榜挂帅”等新机制。",
        "审议通过《天津市重大科技专项组织实施方案》，由{division}组织实施。",
        (
            (
                "建议“揭榜挂帅”项目向中小企业开放。",
                "某中小企业",
                "adopted",
                "已明确中小企业可以牵头揭榜。",
                None,
            ),
        ),
        (0, 3),
        ("medium", "“揭榜挂帅”项目失败风险", "设置里程碑考核和容错机制"),
        ("组织实施重大科技专项12项。", "首批“揭榜挂帅”项目通过中期评估。"),
    ),
]


def _pdf(name: str, text: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {text}\n%%EOF\n".encode()
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def load_experts(reviewer: User) -> list[DecisionExpert]:
    pool = []
    for name, organization, field in EXPERTS:
        expert = DecisionExpert.objects.filter(
            agency=agency_for(reviewer), name=name, organization=organization
        ).first()
        pool.append(
            expert or save_expert(None, actor=reviewer, name=name, organization=organization, field=field)
        )
    return pool


def _archived_review(
    matter: Matter, division: Organization, reviewer: User, cal: WorkCalendar
) -> ReviewRequest:
    """The 2021 review of the matter from the reviews demo, or one entered from the archive."""
    review = (
        ReviewRequest.objects.concluded_in(ARCHIVE_YEAR)
        .filter(subject_kind=K.MAJOR_DECISION, title=matter.title, subject_id="")
        .order_by("pk")
        .first()
    )
    if review is not None:
        return review
    submitted = D(matter.submitted)
    return review_actions.import_concluded_review(
        actor=reviewer,
        division=division,
        title=matter.title,
        subject_kind=K.MAJOR_DECISION,
        legal_basis=matter.basis,
        submitted_on=submitted,
        accepted_on=cal.add_working_days(submitted, 1),
        concluded_on=cal.add_working_days(submitted, 9),
        conclusion="lawful",
        opinions=[],
        reviewer=reviewer,
    )


def _record(
    matter: Matter,
    review: ReviewRequest,
    division: Organization,
    pool: list[DecisionExpert],
    cal: WorkCalendar,
) -> tuple[history.ArchivedDecision, datetime.date]:
    """The archived matter, its dates arranged around its legality review: the procedures before
    it in order, the meeting and publication after. Also the hand-over date."""
    assert review.submitted_on is not None and review.concluded_on is not None
    submitted, concluded = review.submitted_on, review.concluded_on

    def back(n: int) -> datetime.date:
        return cal.add_working_days(submitted, n, before=True)

    closes = back(8)
    opens = max(closes - datetime.timedelta(days=31), cal.add_working_days(CATALOG_PUBLISHED, 1))
    minimum = compute_deadline(opens, "decision.comment_min")
    short_reason = ""
    if closes < minimum.due:
        short_reason = "为在春节前完成意见征集、按期启动年度重大科技专项，征求意见期限适当缩短"
    days = max((closes - opens).days, 1)
    comments = [
        history.ArchivedComment(
            text=text,
            author_name=author,
            submitted_on=opens + datetime.timedelta(days=days * (i + 1) // (len(matter.comments) + 1)),
            adoption=adoption,
            answer=answer,
            duplicate_of=duplicate,
        )
        for i, (text, author, adoption, answer, duplicate) in enumerate(matter.comments)
    ]
    adopted = sum(1 for c in comments if c.adoption == "adopted")
    partly = sum(1 for c in comments if c.adoption == "partly_adopted")
    report = (
        f"征求意见期间共收到意见{len(comments)}条，其中采纳{adopted}条、部分采纳{partly}条、"
        f"未采纳{len(comments) - adopted - partly}条。未采纳和部分采纳的理由已逐条说明。"
    )
    hearings = []
    if matter.hearing:
        held = cal.add_working_days(closes, 3, before=True)
        hearings.append(
            history.ArchivedHearing(
                held_on=held,
                place="天津市科学技术局三楼报告厅",
                notice_published_on=held - datetime.timedelta(days=10),
                participants="企业代表4名、高校院所代表3名、市民代表3名、人大代表和政协委员各1名",
                record="参加人就研发投入目标、人才政策和资金保障发表意见，听证笔录经参加人确认签字。",
            )
        )
    signed = back(4)
    opinions = [
        history.ArchivedExpertOpinion(
            expert=pool[i],
            signed_on=signed,
            opinion=f"从{pool[i].field}角度论证：{matter.title}目标明确、任务可行，建议进一步细化年度考核指标。",
            signed_copy=_pdf(f"专家论证意见（{pool[i].name}）.pdf", f"{matter.title} {pool[i].name} 签字"),
        )
        for i in matter.experts
    ]
    if matter.excluded is not None:
        expert = pool[matter.excluded]
        opinions.append(
            history.ArchivedExpertOpinion(
                expert=expert,
                signed_on=signed,
                declared_interest=True,
                interest_note=f"{expert.organization}承担了草案起草的研究工作，申请回避。",
            )
        )
    level, points, mitigations = matter.risk
    meeting_on = cal.add_working_days(concluded, 3)
    published_on = cal.add_working_days(meeting_on, 2)
    record = history.ArchivedDecision(
        lead_division=division,
        title=matter.title,
        legal_basis=matter.basis,
        reason=matter.reason,
        draft_text=matter.draft,
        explanation=matter.explanation,
        review=review,
        planned_start=CATALOG_PUBLISHED,
        planned_end=datetime.date(ARCHIVE_YEAR, 12, 31),
        consultation=history.ArchivedConsultation(
            opens_on=opens,
            closes_on=closes,
            short_reason=short_reason,
            report=report,
            report_published_on=back(6),
            comments=comments,
        ),
        hearings=hearings,
        expert_opinions=opinions,
        risk_assessment=history.ArchivedRiskAssessment(
            assessor=RISK_ASSESSOR,
            level=level,
            risk_points=points,
            mitigations=mitigations,
            assessed_on=back(2),
            report=_pdf("风险评估报告.pdf", f"{matter.title} 社会稳定风险评估报告"),
        ),
        meeting=history.ArchivedMeeting(
            name="局长办公会",
            held_on=meeting_on,
            attendees="陈局长、周副局长、各处室主要负责人；政策法规处、法律顾问列席",
            statements=[
                actions.Statement(f"{division.name}负责人", "汇报草案起草、公众参与、专家论证和风险评估情况"),
                actions.Statement("政策法规处负责人", "合法性审查意见：草案合法，审查意见均已采纳"),
                actions.Statement("周副局长", "同意，建议加强督促落实"),
                actions.Statement("陈局长", "同意通过，按程序公布实施", is_head=True),
            ],
            decision_text=matter.decision.format(division=division.name),
            minutes=_pdf("局长办公会会议纪要.pdf", f"{matter.title} 会议纪要"),
        ),
        published_on=published_on,
        publication_channel="天津市科学技术局门户网站",
    )
    return record, cal.add_working_days(meeting_on, 8)


def load_archive_year(reviewer: User, pool: list[DecisionExpert]) -> None:
    """The 2021 catalog and its five matters, entered from the archive through history.py."""
    bureau = Organization.objects.get(name=BUREAU[0])
    if DecisionCatalog.objects.filter(agency=bureau, year=ARCHIVE_YEAR).exists():
        return
    cal = WorkCalendar()
    catalog = history.import_catalog(
        actor=reviewer,
        agency=bureau,
        year=ARCHIVE_YEAR,
        meeting="局党委会（2021年第1次）",
        approved_on=CATALOG_APPROVED,
        published_on=CATALOG_PUBLISHED,
    )
    for matter in MATTERS:
        fallback = Organization.objects.get(name=matter.division, parent=bureau)
        review = _archived_review(matter, fallback, reviewer, cal)
        record, archived_on = _record(matter, review, review.division, pool, cal)
        decision = history.import_decision(catalog, record, actor=reviewer)
        history.record_archive_handover(decision, actor=reviewer, archived_on=archived_on)
        for (period, reported_on), progress in zip(
            (("2021年度", D("2022-01-14")), ("2022年度", D("2023-01-13"))), matter.progress, strict=True
        ):
            history.import_execution_report(
                decision,
                actor=reviewer,
                execution_unit=review.division.name,
                period=period,
                progress=progress,
                reported_on=reported_on,
                problems="部分任务受疫情影响进度滞后" if period == "2022年度" else "",
            )
        if matter.title == TITLES[0]:
            history.import_post_evaluation(
                decision,
                actor=reviewer,
                evaluator=EVALUATOR,
                trigger="规划实施满两年，开展中期评估",
                report="对照规划确定的主要指标逐项评估：研发投入强度、技术合同成交额等指标进展符合预期。",
                conclusion="规划总体实施情况良好，建议对部分指标进行动态调整。",
                evaluated_on=D("2023-11-20"),
            )


def load_current_year(staff: User, reviewer: User, pool: list[DecisionExpert]) -> list[str]:
    """This year's catalog through the live actions, dated today: one matter drafting, one open
    for comment for 31 days with a hearing announced, one at legality review."""
    notes: list[str] = []
    bureau = Organization.objects.get(name=BUREAU[0])
    today = timezone.localdate()
    year = today.year
    if DecisionCatalog.objects.filter(agency=bureau, year=year).exists():
        return notes
    planned_end = today + datetime.timedelta(days=240)

    def propose(title: str, reason: str, waivers: dict[str, str] | None = None) -> MajorDecision:
        return actions.propose_decision(
            actor=staff,
            year=year,
            title=title,
            legal_basis=BASIS,
            reason=reason,
            planned_start=today,
            planned_end=planned_end,
            waivers=waivers,
        )

    consulted = propose("天津市基础研究多元投入实施方案", "涉及财政、企业和社会资金投入基础研究的机制安排。")
    drafting = propose("天津市自然科学基金项目管理改革方案", "涉及自然科学基金资助方式的重大调整。")
    reviewed = propose(
        "天津市重大科研基础设施布局方案",
        "涉及重大科研基础设施的选址和建设资金。",
        waivers={
            "public_participation": "涉及国家秘密，依法不予公开（《重大行政决策程序暂行条例》第十四条至第十八条）"
        },
    )
    catalog = actions.create_catalog(actor=reviewer, agency=bureau, year=year)
    for decision in (consulted, drafting, reviewed):
        actions.add_to_catalog(catalog, decision, actor=reviewer)
    actions.approve_catalog(catalog, actor=reviewer, meeting=f"局党委会（{year}年第1次）", approved_on=today)
    actions.publish_catalog(catalog, actor=reviewer)
    for decision in (consulted, drafting, reviewed):
        decision.refresh_from_db()
        actions.save_draft(
            decision,
            actor=staff,
            draft_text=f"{decision.title}（征求意见稿）\n一、总体要求\n二、主要任务\n三、保障措施",
            explanation="根据年度工作安排起草，已征求相关处室意见。",
        )
    for decision in (consulted, reviewed):
        actions.start_procedures(decision, actor=staff)
        decision.refresh_from_db()
    try:
        consultation = actions.open_consultation(
            consulted, actor=staff, closes_on=today + datetime.timedelta(days=31)
        )
        actions.schedule_hearing(
            consulted,
            actor=staff,
            held_on=today + datetime.timedelta(days=14),
            place="天津市科学技术局三楼报告厅",
            participants="企业代表4名、高校院所代表3名、市民代表3名（报名后随机选取）",
        )
        first = actions.add_public_comment(
            consultation, text="建议明确企业投入基础研究的税收优惠。", author_name="某科技企业"
        )
        again = actions.add_public_comment(consultation, text="希望对企业投入基础研究给予税前扣除支持。")
        actions.mark_duplicate(again, of=first, actor=staff)
    except CalendarNotCovered as exc:
        notes.append(f"重大行政决策征求意见未能开始：{exc}")
    try:
        actions.add_expert_opinion(
            reviewed,
            pool[1],
            actor=staff,
            opinion="布局方案与国家重大科技基础设施规划衔接，建议分期建设。",
            signed_on=today,
            signed_copy=_pdf("专家论证意见.pdf", f"{reviewed.title} {pool[1].name} 签字"),
        )
        actions.complete_expert_argumentation(reviewed, actor=staff)
        actions.record_risk_assessment(
            reviewed,
            actor=staff,
            assessor=RISK_ASSESSOR,
            level="medium",
            risk_points="选址可能涉及周边居民意见",
            mitigations="开展选址论证和周边沟通",
            report=_pdf("风险评估报告.pdf", f"{reviewed.title} 风险评估报告"),
        )
        actions.complete_risk_assessment(reviewed, actor=staff)
        actions.submit_for_legality_review(reviewed, actor=staff)
    except CalendarNotCovered as exc:
        notes.append(f"重大行政决策未能送请合法性审查：{exc}")
    return notes


@transaction.atomic
def load_decisions() -> list[str]:
    reviewer = User.objects.get(username="reviewer")
    pool = load_experts(reviewer)
    load_archive_year(reviewer, pool)
    return load_current_year(User.objects.get(username="staff"), reviewer, pool)
