"""Law study and exams in the demo, after the 2021 report: the roster of the science and
technology system's 447 state employees, who all passed the 2021 annual law exam (the city's
online exam system; its results imported and matched to the roster), a pre-appointment law exam
for a division-level candidate in 2021 and the confirmed appointment, the leading cadres' 2021
law study (theory group, pre-meeting study, a lecture, 述法), the list of laws to know, and a
2026 annual exam open on the day the demo is loaded, which the demo user `staff` can take.

The bank of 210 questions comes from `learning_bank.py` (provisions from DOMAIN.md, the research
notes and the Constitution). Names of the generated employees and the units' headcounts are the
demo's."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.core import laws as law_register
from fazhi.core.agencies import agencies, agency_of
from fazhi.core.models import Law, Organization, User
from fazhi.demo.constants import DIVISIONS
from fazhi.demo.learning_bank import LAWS, build_questions
from fazhi.learning import actions
from fazhi.learning.models import Employee, Exam, Question

D = datetime.date
TZ = datetime.timezone(datetime.timedelta(hours=8))
PARTICIPANTS_2021 = 447  # the seed report: 447 state employees of the system, all passed
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "晓东",
    "海燕",
    "志强",
    "文博",
    "思远",
    "雪梅",
    "国庆",
]
# Units of the system besides the bureau's divisions (the demo's names).
OTHER_UNITS = ["市科技局所属事业单位（一）", "市科技局所属事业单位（二）", "市科技局所属事业单位（三）"]
# Demo accounts on the roster: username → unit.
ACCOUNT_UNITS = {
    "staff": "基础研究处",
    "divhead": "基础研究处",
    "reviewer": "政策法规处",
    "lawyer": "政策法规处",
    "director": "",
    "deputy": "",
    "officer": "科技监督与诚信建设处",
    "personnel": "人事处",
}


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


def _unit(name: str) -> str:
    """The bureau's leaders are of the bureau itself, the others of a division or unit."""
    return "市科技局" + name


def _laws(reviewer: User) -> dict[str, Law]:
    """The laws the bank tests, with their versions (kept when another loader made them)."""
    made: dict[str, Law] = {}
    for key, (title, kind, body, versions) in LAWS.items():
        law = Law.objects.filter(title=title).first() or law_register.create_law(
            title=title, kind=kind, issuing_body=body, actor=reviewer
        )
        if not law.versions.exists():
            for vkind, adopted, effective, note in versions:
                law_register.record_law_version(
                    law, kind=vkind, adopted_on=adopted, effective_on=effective, note=note, actor=reviewer
                )
        made[key] = law
    return made


def _roster() -> list[Employee]:
    """447 people of the system: the demo accounts, then generated names over the units."""
    people: list[Employee] = []
    bureau = None
    for username, unit in ACCOUNT_UNITS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        bureau = bureau or agency_of(user)
        if bureau is None:
            continue
        division = Organization.objects.filter(name=unit, parent=bureau).first() if unit else None
        people.append(
            Employee.objects.create(
                agency=bureau,
                full_name=user.full_name,
                unit=_unit(unit),
                division=division,
                post=user.title,
                user=user,
            )
        )
    bureau = bureau or agencies().first()
    units = [*DIVISIONS, *OTHER_UNITS]
    divisions = {o.name: o for o in Organization.objects.filter(name__in=DIVISIONS, parent=bureau)}
    seen = {(p.full_name, p.unit) for p in people}
    batch: list[Employee] = []
    i = 0
    while len(people) + len(batch) < PARTICIPANTS_2021:
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES) + i) % len(GIVEN)]
        unit = units[i % len(units)]
        i += 1
        if (name, _unit(unit)) in seen:
            continue
        seen.add((name, _unit(unit)))
        batch.append(Employee(agency=bureau, full_name=name, unit=_unit(unit), division=divisions.get(unit)))
    Employee.objects.bulk_create(batch)
    return list(Employee.objects.order_by("pk"))


def _bank(personnel: User, laws: dict[str, Law]) -> int:
    today = timezone.localdate()
    made = 0
    for row in build_questions():
        law = laws[str(row.pop("law"))]
        actions.create_question(actor=personnel, law=law, law_version=law.version_on(today), **row)  # type: ignore[arg-type]
        made += 1
    return made


BLUEPRINT = [
    ("constitution", "true_false", 5, "2"),
    ("constitution", "single", 2, "2"),
    ("administrative", "single", 8, "2"),
    ("administrative", "multiple", 3, "4"),
    ("administrative", "true_false", 15, "2"),
    ("administrative", "fill", 5, "2"),
    ("science", "true_false", 4, "2"),
    ("science", "single", 1, "2"),
]


def _blueprint(lines: list[tuple[str, str, int, str]]) -> list[actions.BlueprintSpec]:
    return [actions.BlueprintSpec(c, k, n, Decimal(p)) for c, k, n, p in lines]


@transaction.atomic
def load_learning() -> list[str]:
    if Question.objects.exists() or Exam.objects.exists():
        return []
    reviewer = User.objects.get(username="reviewer")
    personnel = User.objects.get(username="personnel")
    laws = _laws(reviewer)
    _bank(personnel, laws)
    roster = _roster()

    # 2021: the annual exam on the city's online system; every one of the 447 passed.
    annual = actions.create_exam(
        actor=personnel,
        title="2021年度全市国家工作人员学法用法考试（科技系统）",
        kind=Exam.Kind.ANNUAL,
        year=2021,
        source=Exam.Source.CITY,
        opens_at=at(2021, 10, 11, 8),
        closes_at=at(2021, 11, 30, 18),
        time_limit_minutes=90,
        blueprint=[],
    )
    actions.add_candidates(annual, roster, actor=personnel)
    rows = [
        actions.ResultRow(n, e.full_name, e.unit, Decimal(80 + (n * 7) % 21), True)
        for n, e in enumerate(roster, start=2)
    ]
    actions.import_results(annual, rows, actor=personnel, graded_at=at(2021, 12, 3, 10))

    # 2021: a pre-appointment exam for a division-level candidate, sat and passed on the platform;
    # the appointment confirmed after it.
    candidate = Employee.objects.get(user__username="divhead")
    pre = actions.create_exam(
        actor=personnel,
        title="2021年任前法律知识考试（拟任基础研究处处长）",
        kind=Exam.Kind.PRE_APPOINTMENT,
        year=2021,
        opens_at=at(2021, 6, 7, 9),
        closes_at=at(2021, 6, 7, 17),
        time_limit_minutes=60,
        blueprint=_blueprint(
            [
                ("administrative", "single", 10, "4"),
                ("constitution", "true_false", 10, "3"),
                ("administrative", "true_false", 10, "3"),
            ]
        ),
    )
    actions.add_candidates(pre, [candidate], actor=personnel)
    divhead = User.objects.get(username="divhead")
    sitting = actions.open_attempt(pre, divhead, now=at(2021, 6, 7, 9, 30))
    by_id = Question.objects.in_bulk(sitting.question_ids)
    wrong = next(qid for qid in sitting.question_ids if by_id[qid].kind == "single")
    for qid in sitting.question_ids:
        q = by_id[qid]
        # One answer wrong, the rest right: a pass, not a perfect paper.
        value = ("B" if q.answer == "A" else "A") if qid == wrong else q.answer
        actions.save_answer(sitting, actor=divhead, question_id=qid, value=value, now=at(2021, 6, 7, 9, 40))
    actions.submit_attempt(sitting, actor=divhead, now=at(2021, 6, 7, 10, 15))
    promotion = actions.propose_promotion(
        actor=personnel, employee=candidate, post="基础研究处处长", appointed_on=D(2021, 6, 28)
    )
    actions.confirm_promotion(promotion, actor=personnel)

    # 2021: the leading cadres' law study.
    leaders = "陈局长\n周副局长\n李处长\n王审核"
    for kind, held_on, topic, laws_text in [
        ("theory_group", D(2021, 3, 25), "党组理论学习中心组专题学习习近平法治思想", "习近平法治思想"),
        (
            "theory_group",
            D(2021, 9, 16),
            "党组理论学习中心组学习《中华人民共和国民法典》",
            "中华人民共和国民法典",
        ),
        (
            "pre_meeting",
            D(2021, 7, 12),
            "局长办公会会前学法：新修订的行政处罚法",
            "中华人民共和国行政处罚法（2021年修订）",
        ),
        ("pre_meeting", D(2021, 11, 8), "局长办公会会前学法：重大行政决策程序", "重大行政决策程序暂行条例"),
        (
            "lecture",
            D(2021, 12, 28),
            "法治讲座：科学技术进步法修订解读",
            "中华人民共和国科学技术进步法（2021年修订）",
        ),
        ("account", D(2021, 12, 30), "2021年度领导干部述法", "本年度学法用法情况"),
    ]:
        actions.record_session(
            actor=personnel, kind=kind, held_on=held_on, topic=topic, attendees=leaders, laws_text=laws_text
        )
    for post, key in [
        ("处级领导干部", "XF"),
        ("处级领导干部", "XFY"),
        ("执法人员", "XCF"),
        ("执法人员", "XK"),
        ("科研管理岗位", "KJ"),
        ("科研管理岗位", "HGR"),
    ]:
        actions.add_required_law(actor=personnel, post=post, law=laws[key])

    # 2026: the annual exam on the platform, open on the day the demo is loaded whatever the day.
    now = timezone.now()
    opens = min(at(2026, 11, 2, 8), now - datetime.timedelta(days=1))
    closes = max(at(2026, 12, 31, 18), now + datetime.timedelta(days=30))
    current = actions.create_exam(
        actor=personnel,
        title="2026年度学法用法考试",
        kind=Exam.Kind.ANNUAL,
        year=2026,
        opens_at=opens,
        closes_at=closes,
        time_limit_minutes=60,
        blueprint=_blueprint(BLUEPRINT),
    )
    actions.add_candidates(current, [e for e in roster if e.is_active], actor=personnel)
    return []
