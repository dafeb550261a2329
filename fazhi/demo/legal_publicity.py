"""Legal publicity in the demo, after the 2021 report: the system's 八五 plan (drafted in 2021,
adopted in 2022), the 习近平法治思想
web column, the leaflets on 习近平法治思想 and the Civil Code, lectures combined with science
popularisation, and explaining the law through cases (the figures of each activity are the
demo's). 2026: the responsibility list of the year and some of its activities."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.models import Organization, User
from fazhi.demo.constants import LEGAL_AFFAIRS
from fazhi.legal_publicity import actions
from fazhi.legal_publicity.models import Activity, PublicityPlan

D = datetime.date


@transaction.atomic
def load_legal_publicity() -> list[str]:
    if PublicityPlan.objects.exists() or Activity.objects.exists():
        return []
    reviewer = User.objects.get(username="reviewer")
    legal = Organization.objects.get(name=LEGAL_AFFAIRS)
    supervision = Organization.objects.get(name="科技监督与诚信建设处")
    actions.adopt_plan(
        actor=reviewer,
        title="科技系统“八五”普法规划（2021—2025年）",
        start_year=2021,
        end_year=2025,
        # The 2021 report: “研究编制科技系统‘八五’普法规划”; its 2022 plan: “科学编制……并积极推动
        # 实施” — researched and drafted in 2021, adopted in 2022 (the dates are the demo's).
        drafting_started_on=D(2021, 5, 10),
        adopted_on=D(2022, 6, 20),
        summary="依据天津市“八五”普法规划，学习宣传习近平法治思想、宪法、民法典和科技相关法律法规，落实“谁执法谁普法”普法责任制。",
    )
    for held_on, division, kind, audience, title, laws, reach, case in [
        (
            D(2021, 3, 10),
            legal,
            "web",
            "public",
            "“天津科技”官网开设“习近平法治思想”专栏",
            "习近平法治思想",
            0,
            "",
        ),
        (
            D(2021, 4, 15),
            legal,
            "materials",
            "public",
            "编印习近平法治思想、民法典宣传折页",
            "《中华人民共和国民法典》",
            2000,
            "",
        ),
        (
            D(2021, 5, 22),
            legal,
            "lecture",
            "public",
            "结合科技活动周开展普法宣传",
            "《中华人民共和国宪法》《中华人民共和国民法典》",
            600,
            "",
        ),
        (
            D(2021, 9, 16),
            legal,
            "case",
            "internal",
            "旁听庭审后以案释法",
            "《中华人民共和国行政诉讼法》",
            18,
            "某行政许可纠纷案件（演示）",
        ),
        (
            D(2021, 11, 9),
            supervision,
            "lecture",
            "public",
            "实验动物、生物安全法律法规宣讲",
            "《中华人民共和国生物安全法》《实验动物管理条例》",
            150,
            "",
        ),
        (
            D(2021, 12, 3),
            legal,
            "event",
            "internal",
            "“12·4”国家宪法日学习活动",
            "《中华人民共和国宪法》",
            447,
            "",
        ),
    ]:
        actions.record_activity(
            actor=reviewer,
            held_on=held_on,
            division=division,
            kind=kind,
            audience=audience,
            title=title,
            laws=laws,
            reach=reach,
            case_used=case,
        )
    today = timezone.localdate()
    if today.year != 2026:
        return []
    item = actions.add_responsibility(
        actor=reviewer,
        year=2026,
        division=supervision,
        content="《中华人民共和国行政处罚法》《实验动物管理条例》",
        audience="实验动物生产、使用单位",
        standard="结合双随机抽查开展以案释法不少于 1 次",
        due_on=D(2026, 12, 15),
    )
    actions.add_responsibility(
        actor=reviewer,
        year=2026,
        division=legal,
        content="《中华人民共和国宪法》《中华人民共和国民法典》",
        audience="机关干部",
        standard="国家宪法日组织集中学习",
        due_on=D(2026, 12, 4),
    )
    if today >= D(2026, 6, 12):
        actions.record_activity(
            actor=reviewer,
            held_on=D(2026, 6, 12),
            division=supervision,
            kind="case",
            audience="public",
            title="实验动物许可条件检查以案释法",
            laws="《中华人民共和国行政处罚法》《实验动物管理条例》",
            reach=85,
            case_used="实验动物生产许可证有效期届满未延续仍从事生产案（津科罚〔2026〕1号）",
            responsibility=item,
        )
    return []
