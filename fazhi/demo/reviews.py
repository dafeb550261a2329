"""Legality review demo data: the counsel register, the 2021 year from the archive (60余个事项、
近200条法审意见 in the annual report: 63 matters and 196 opinions here, on the subjects the report
names — the five normative documents issued in 2021, the five catalogued major decisions,
contracts and other matters; no major enforcement decision, as 2021 had no major penalty) and
live requests of the current year so that every workbench has something to do."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from fazhi.core.agencies import agency_of
from fazhi.core.attachments import attach_file
from fazhi.core.calendar import CalendarNotCovered, add_working_days
from fazhi.core.models import Organization, User
from fazhi.reviews import actions
from fazhi.reviews.models import LegalCounsel, ReviewRequest

K = ReviewRequest.SubjectKind
ARCHIVE_YEAR = 2021
# Each 2021 normative document and the day it was published: its review concluded before it.
DOCUMENTS_2021 = {
    "天津市科技计划项目管理办法": datetime.date(2021, 3, 1),
    "天津市科技创新券管理办法": datetime.date(2021, 5, 14),
    "天津市新型研发机构认定管理办法": datetime.date(2021, 8, 20),
    "天津市实验动物许可证管理办法": datetime.date(2021, 10, 29),
    "天津市人类遗传资源管理工作规程": datetime.date(2021, 12, 10),
}
ARCHIVE_MATTERS = 63
ARCHIVE_OPINIONS = 196

COUNSEL = [
    # kind, name, firm, certificate, start, end, fields, username
    (
        "legal_advisor",
        "赵律师",
        "天津津法律师事务所",
        "11201201010123456",
        "2020-01-01",
        "2027-12-31",
        "行政法、科技法",
        "advisor",
    ),
    (
        "legal_advisor",
        "钱明远",
        "天津海河律师事务所",
        "11201201110234567",
        "2019-07-01",
        "2022-06-30",
        "合同、知识产权",
        None,
    ),
    (
        "legal_advisor",
        "孙丽华",
        "北方联合律师事务所天津分所",
        "11201201210345678",
        "2021-01-01",
        "2026-12-31",
        "行政诉讼、政府信息公开",
        None,
    ),
    (
        "public_lawyer",
        "刘公职",
        "天津市科学技术局政策法规处",
        "31201202000000011",
        "2020-03-01",
        None,
        "行政法",
        "lawyer",
    ),
    (
        "public_lawyer",
        "周法正",
        "天津市科学技术局科技监督与诚信建设处",
        "31201202000000012",
        "2021-05-01",
        None,
        "行政处罚、行政许可",
        None,
    ),
]

# (kind, how many in 2021, title patterns)
# The division that drafts each named document or leads each named decision; matters without a
# name of their own (contracts, letters …) come from a division drawn at random.
LEAD_DIVISIONS = {
    "天津市科技计划项目管理办法": "资源配置与管理处",
    "天津市科技创新券管理办法": "科技服务业处",
    "天津市新型研发机构认定管理办法": "成果转化与区域创新处",
    "天津市实验动物许可证管理办法": "行政审批处",
    "天津市人类遗传资源管理工作规程": "社会发展科技处",
    "天津市科技创新“十四五”规划": "发展规划处",
    "天津市基础研究十年行动方案": "基础研究处",
    "天津市科技成果转化三年行动计划": "成果转化与区域创新处",
    "天津市科技型企业梯度培育实施方案": "企业创新处",
    "天津市重大科技专项组织实施方案": "重大科技专项处",
}


def lead_division(title: str, by_name: dict[str, Organization], drawn: Organization) -> Organization:
    # The draw happens either way, so that every later date of the archive stays the same.
    return by_name.get(LEAD_DIVISIONS.get(title, ""), drawn)


ARCHIVE_KINDS: list[tuple[str, int, list[str]]] = [
    # The five normative documents issued and filed in 2021 (津科规〔2021〕1–5号, demo/documents.py).
    (K.NORMATIVE_DOCUMENT, 5, list(DOCUMENTS_2021)),
    (
        K.MAJOR_DECISION,
        5,
        [
            "天津市科技创新“十四五”规划",
            "天津市基础研究十年行动方案",
            "天津市科技成果转化三年行动计划",
            "天津市科技型企业梯度培育实施方案",
            "天津市重大科技专项组织实施方案",
        ],
    ),
    (K.CONTRACT, 28, ["{}合作框架协议", "{}委托服务合同", "{}政府采购合同", "{}技术开发合同"]),
    (K.OTHER, 7, ["{}战略合作备忘录", "关于{}科研诚信案件处理的意见"]),
    (K.OTHER, 18, ["关于{}的复函", "关于{}的请示", "{}政府信息公开答复"]),
]
PARTIES = [
    "天津大学",
    "南开大学",
    "天津医科大学",
    "中国科学院天津工业生物技术研究所",
    "天津市科技金融服务中心",
    "天津滨海高新区管委会",
    "某生物科技有限公司",
    "某实验动物中心",
    "某医药研发企业",
    "天津市科学技术发展战略研究院",
    "某信息技术有限公司",
    "某检测认证机构",
    "天津经济技术开发区管委会",
    "某基因检测企业",
]
OPINIONS = [
    ("must_change", "第{n}条设定的义务缺乏法律、法规依据，应当删除", "《中华人民共和国立法法》第九十一条"),
    (
        "must_change",
        "违约责任条款约定不明确，应当补充明确违约情形和责任承担方式",
        "《中华人民共和国民法典》第五百七十七条",
    ),
    ("must_change", "应当告知当事人依法享有的陈述、申辩和听证权利", "《中华人民共和国行政处罚法》第四十四条"),
    ("suggestion", "建议对“重大事项”作出界定，增强可操作性", ""),
    ("suggestion", "建议增加过渡期安排", "《优化营商环境条例》第六十五条"),
    ("suggestion", "建议统一文中用语，与上位法表述保持一致", ""),
    (
        "suggestion",
        "建议明确争议解决方式为向甲方所在地人民法院起诉",
        "《中华人民共和国民事诉讼法》第三十五条",
    ),
]


def _working_days_of(year: int) -> list[datetime.date]:
    day, days = datetime.date(year, 1, 4), []
    while day.year == year and day.month <= 11:
        days.append(day)
        day = add_working_days(day, 1)
    return days


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` opinions over `parts` matters, each between 0 and 8, summing exactly."""
    counts = [total // parts] * parts
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    for _ in range(parts * 4):
        a, b = rng.randrange(parts), rng.randrange(parts)
        if counts[a] > 0 and counts[b] < 8:
            counts[a] -= 1
            counts[b] += 1
    return counts


def load_counsel(agency: Any = None) -> list[LegalCounsel]:
    """The bureau's counsel register (engaged by `agency`, the reviewer's agency)."""
    rows = []
    for kind, name, firm, cert, start, end, fields, username in COUNSEL:
        counsel, _created = LegalCounsel.objects.get_or_create(
            agency=agency,
            certificate_number=cert,
            defaults={
                "kind": kind,
                "name": name,
                "firm": firm,
                "term_start": datetime.date.fromisoformat(start),
                "term_end": datetime.date.fromisoformat(end) if end else None,
                "fields": fields,
                "user": User.objects.filter(username=username).first() if username else None,
            },
        )
        rows.append(counsel)
    return rows


def load_archive_year(reviewer: User, counsel: list[LegalCounsel]) -> None:
    """The 2021 reviews, entered from the paper archive through `import_concluded_review`."""
    if ReviewRequest.objects.filter(concluded_on__year=ARCHIVE_YEAR).exists():
        return
    rng = random.Random(ARCHIVE_YEAR)
    divisions = list(Organization.objects.filter(kind=Organization.Kind.DIVISION).exclude(name="政策法规处"))
    days = _working_days_of(ARCHIVE_YEAR)
    by_name = {d.name: d for d in divisions}
    kinds = [(kind, i, patterns) for kind, n, patterns in ARCHIVE_KINDS for i in range(n)]
    assert len(kinds) == ARCHIVE_MATTERS
    counts = _split(ARCHIVE_OPINIONS, ARCHIVE_MATTERS, rng)
    for (kind, i, patterns), n_opinions in zip(kinds, counts, strict=True):
        pattern = patterns[i % len(patterns)]
        title = pattern.format(rng.choice(PARTIES)) if "{}" in pattern else pattern
        engaged = [
            c
            for c in counsel
            if c.term_start.year <= ARCHIVE_YEAR and (c.term_end is None or c.term_end.year >= ARCHIVE_YEAR)
        ]
        heard = rng.sample(engaged, k=rng.choice([1, 1, 2]))
        start = rng.randrange(len(days) - 20)
        submitted, accepted = days[start], days[start + 1]
        concluded = days[start + 1 + rng.randint(5, 14)]
        if title in DOCUMENTS_2021:
            # Reviewed before deliberation and publication: concluded 15 working days before it.
            concluded = add_working_days(DOCUMENTS_2021[title], 15, before=True)
            accepted = add_working_days(concluded, 8, before=True)
            submitted = add_working_days(accepted, 1, before=True)
        opinions = []
        for j in range(n_opinions):
            o_kind, text, basis = OPINIONS[rng.randrange(len(OPINIONS))]
            response = rng.choices(["adopted", "partly_adopted", "not_adopted"], weights=[8, 1, 1])[0]
            if o_kind == "must_change":
                response = "adopted"
            opinions.append(
                {
                    "kind": o_kind,
                    "text": text.format(n=rng.randint(2, 20)),
                    "legal_basis": basis,
                    "counsel": heard[j % len(heard)] if j % 2 == 0 else None,
                    "response": response,
                    "reason": "" if response == "adopted" else "已在实施细则中另行规定",
                }
            )
        if not opinions:
            conclusion = "lawful"
        elif any(o["kind"] == "must_change" for o in opinions):
            conclusion = "lawful_with_changes"
        else:
            conclusion = "lawful"
        actions.import_concluded_review(
            actor=reviewer,
            division=lead_division(title, by_name, rng.choice(divisions)),
            title=title,
            subject_kind=kind,
            legal_basis="《中华人民共和国科学技术进步法》等",
            submitted_on=submitted,
            accepted_on=accepted,
            concluded_on=concluded,
            conclusion=conclusion,
            opinions=opinions,
            counsel=heard,
            reviewer=reviewer,
        )


def _draft(staff: User, title: str, kind: str) -> ReviewRequest:
    review = actions.create_review(
        actor=staff,
        title=title,
        subject_kind=kind,
        legal_basis="《中华人民共和国科学技术进步法》第九十一条",
        explanation="根据年度工作安排起草，已在处内讨论。",
    )
    attach_file(
        review,
        SimpleUploadedFile("送审稿.txt", f"{title}（送审稿）\n第一条 ……".encode()),
        actor=staff,
        purpose="送审稿",
    )
    return review


def load_current_requests(staff: User, head: User, reviewer: User, counsel: list[LegalCounsel]) -> list[str]:
    """Requests of the current year in every state of the workflow, made through the actions."""
    notes: list[str] = []
    if ReviewRequest.objects.filter(concluded_on__isnull=True).exists():
        return notes
    advisor = next(c for c in counsel if c.user and c.user.username == "advisor")
    _draft(staff, "天津市基础研究项目管理办法（修订）", K.NORMATIVE_DOCUMENT)
    submitted = _draft(staff, "与南开大学共建联合实验室合作协议", K.CONTRACT)
    actions.submit_review(submitted, actor=staff)
    returned = _draft(head, "关于调整科技创新券兑付标准的通知", K.OTHER)
    actions.submit_review(returned, actor=head)
    actions.return_review(returned, actor=reviewer, reason="请补充兑付标准测算依据和征求意见情况")
    try:
        under = _draft(staff, "天津市基础研究十年行动方案（2026—2035年）", K.MAJOR_DECISION)
        actions.submit_review(under, actor=staff)
        actions.accept_review(under, actor=reviewer)
        actions.assign_review(under, actor=reviewer, reviewers=[reviewer], counsel=[advisor])
        actions.add_opinion(
            under,
            actor=reviewer,
            text="第三部分“保障措施”涉及财政资金安排，应当与市财政局会签",
            kind="must_change",
            legal_basis="《中华人民共和国预算法》第三十二条",
        )
        concluded = _draft(head, "天津市科技型企业评价办法", K.NORMATIVE_DOCUMENT)
        actions.submit_review(concluded, actor=head)
        actions.accept_review(concluded, actor=reviewer)
        actions.assign_review(concluded, actor=reviewer, reviewers=[reviewer], counsel=[advisor])
        actions.add_opinion(
            concluded,
            actor=reviewer,
            text="第八条“取消评价资格”属于减损权利的规定，应当明确依据或删除",
            kind="must_change",
            legal_basis="《优化营商环境条例》第六十四条",
        )
        assert advisor.user is not None
        actions.add_opinion(concluded, actor=advisor.user, text="建议明确评价结果的有效期", kind="suggestion")
        actions.conclude_review(
            concluded,
            actor=reviewer,
            conclusion="lawful_with_changes",
            text="按意见修改后合法",
            short_review_reason="演示数据：当日出具意见",
        )
    except CalendarNotCovered as exc:
        notes.append(f"部分演示审核未能受理：{exc}")
    return notes


@transaction.atomic
def load_reviews() -> list[str]:
    reviewer = User.objects.get(username="reviewer")
    counsel = load_counsel(agency_of(reviewer))
    load_archive_year(reviewer, counsel)
    return load_current_requests(
        User.objects.get(username="staff"), User.objects.get(username="divhead"), reviewer, counsel
    )
