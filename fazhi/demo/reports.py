"""The annual reports of the demo (DOMAIN.md §12).

2021: the report assembled from the demo's own records, in the seed's part order (measures,
the first responsible persons' duty, shortcomings, next year's plan; no fifth part), approved by
局党委会, submitted, checked for secrets and published. Its figures come from the registry:
5 catalog matters; 5 normative documents issued, 5 filed, 100%; "60余" review matters and
"近200" opinions (phrased approximately); 38 units inspected in the two domains, none with a
problem; no major penalty, reconsideration or lawsuit; the leading group (3 deputies, 18
divisions); the law-exam figure from the law-study app (shown as not available where that app
does not register it). Two figures no record gives are entered by hand with their source: the
local regulations amended and the 七五 publicity awards. The narrative is the project's own
short summary, not the seed's sentences.

The current year: a report in drafting with the divisions' contribution tasks open.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import figures
from fazhi.core.models import Organization, User
from fazhi.demo.constants import BUREAU
from fazhi.reports import actions
from fazhi.reports.models import AnnualReport, Part, Phrasing

D = datetime.date
ARCHIVE_YEAR = 2021
SEED_ORDER = [Part.MEASURES, Part.DUTY, Part.SHORTCOMINGS, Part.PLAN]


def exam_key() -> str:
    """The law-exam figure of the law-study app, under the key it registers."""
    for key in ("learning.exam_passed", "learning.passed"):
        try:
            figures.get(key)
        except KeyError:
            continue
        return key
    return "learning.exam_passed"


def sections_2021() -> list[tuple[str, str, str]]:
    """(part, heading, text) of the 2021 report: short summaries with figure placeholders."""
    return [
        (
            Part.MEASURES,
            "学习贯彻习近平法治思想",
            "局党委通过党委会、理论中心组学习和专题讲座学习习近平法治思想，各处室结合职责传达落实。",
        ),
        (
            Part.MEASURES,
            "依法全面履行政府职能",
            "年度重大行政决策事项目录收录{{decisions.catalog_matters}}个事项，"
            "经局党委会审议后向社会公布，并履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。\n"
            "法律顾问和公职律师全年对{{reviews.matters}}个事项提出{{reviews.opinions}}条法审意见。\n"
            "制定{{services.commitment_matters}}个承诺审批事项的事中事后监管细则；"
            "向滨海新区和功能区下放的市级权力事项{{services.delegated_powers}}项，均开展了培训指导。",
        ),
        (
            Part.MEASURES,
            "完善依法行政制度体系",
            "配合修改科技相关地方性法规{{manual.regulations_amended}}部。\n"
            "全年出台行政规范性文件{{documents.issued}}件，全部经合法性审核和集体审议，"
            "报送市司法局备案{{documents.filed}}件，报备率{{documents.filing_rate}}。",
        ),
        (
            Part.MEASURES,
            "严格规范公正文明执法",
            "围绕实验动物和人类遗传资源两项职责，对{{inspections.units_inspected}}家单位开展“双随机、一公开”"
            "现场检查（实验动物{{inspections.units_lab_animals}}家、人类遗传资源"
            "{{inspections.units_human_genetic_resources}}家），发现问题的单位{{inspections.problems_found}}家，"
            "检查结果按期公示。\n"
            "全年重大行政处罚决定{{enforcement.major_penalties}}件，移送司法机关案件{{enforcement.transferred}}件；"
            "作为被申请人的行政复议案件{{disputes.reconsiderations}}件，作为被告的行政诉讼案件"
            "{{disputes.litigations}}件。组织机关干部旁听庭审{{disputes.court_observations}}次。",
        ),
        (
            Part.MEASURES,
            "落实普法责任制",
            "编制科技系统“八五”普法规划，开展普法活动{{legal_publicity.activities}}次，"
            "其中以案释法{{legal_publicity.cases_explained}}次。\n"
            f"科技系统{{{{{exam_key()}}}}}名国家工作人员通过学法用法考试。"
            "局法治机构和干部获得全国及天津市“七五”普法表彰{{manual.publicity_awards}}项。",
        ),
        (
            Part.DUTY,
            "党政主要负责人履行第一责任人职责",
            "局主要负责人任法治政府建设领导小组组长，{{ledger.group_deputies}}名局领导任副组长，"
            "{{ledger.group_divisions}}个处室为领导小组办公室成员。局党委会专题听取法治建设工作汇报，"
            "年度工作要点对法治政府建设作出部署。",
        ),
        (
            Part.SHORTCOMINGS,
            "存在的不足和原因",
            "运用法治思维推动科技创新的能力有待提高；规范性文件后评估和执法人员培训还需加强。",
        ),
        (
            Part.PLAN,
            "2022年主要安排",
            "继续学习贯彻习近平法治思想；落实重大行政决策程序和规范性文件管理制度；"
            "做好“双随机、一公开”监管和行政执法“三项制度”；推进“八五”普法规划实施。",
        ),
    ]


def _load_2021(bureau: Organization, reviewer: User, director: User) -> None:
    report = actions.create_report(
        actor=reviewer,
        agency=bureau,
        year=ARCHIVE_YEAR,
        part_order=[str(p) for p in SEED_ORDER],
        preamble="2021年，市科技局深入学习贯彻习近平法治思想，落实法治政府建设实施纲要和市委全面依法治市部署，"
        "现将2021年法治政府建设情况报告如下。",
    )
    placeholders = {s.part: s for s in report.sections.all()}
    first_of_part: set[str] = set()
    for part, heading, text in sections_2021():
        if part not in first_of_part and part in placeholders:
            actions.edit_section(placeholders[part], actor=reviewer, heading=heading, text=text)
            first_of_part.add(part)
        else:
            actions.add_section(report, actor=reviewer, part=part, heading=heading, text=text)
    actions.enter_manual_figure(
        report,
        actor=reviewer,
        key="regulations_amended",
        label="配合修改的地方性法规",
        unit="部",
        value=3,
        source="市人大常委会2021年修改决定：天津市科学技术普及条例、天津市科技成果转化条例、天津国家自主创新示范区条例",
    )
    actions.enter_manual_figure(
        report,
        actor=reviewer,
        key="publicity_awards",
        label="“七五”普法表彰",
        unit="项",
        value=6,
        source="全国和天津市“七五”普法表彰文件（单位2项、个人4项），政策法规处汇总",
    )
    for key in ("reviews.matters", "reviews.opinions"):
        actions.set_phrasing(report, actor=reviewer, key=key, phrasing=Phrasing.APPROXIMATE)
    actions.generate_figures(report, actor=reviewer)
    actions.send_to_review(report, actor=reviewer)
    actions.approve_report(
        report, actor=director, meeting="局党委会（2022年第4次）", approved_on=D(2022, 2, 18)
    )
    actions.submit_report(
        report, actor=reviewer, submitted_to="中共天津市委、天津市人民政府", submitted_on=D(2022, 2, 25)
    )
    actions.record_secrecy_check(report, actor=reviewer, checked_by="王审核", checked_on=D(2022, 2, 28))
    actions.publish_report(report, actor=reviewer, published_on=D(2022, 3, 10), channel="“天津科技”官网")


def _load_current(bureau: Organization, reviewer: User, year: int) -> None:
    report = actions.create_report(
        actor=reviewer, agency=bureau, year=year, part_order=[str(p) for p in SEED_ORDER]
    )
    sections = {s.part: s for s in report.sections.all()}
    actions.edit_section(
        sections[Part.MEASURES],
        actor=reviewer,
        heading="依法全面履行政府职能",
        text="年度重大行政决策事项目录收录{{decisions.catalog_matters}}个事项。"
        "法律顾问和公职律师对{{reviews.matters}}个事项提出{{reviews.opinions}}条法审意见。",
    )
    due = timezone.localdate() + datetime.timedelta(days=30)
    for part, division in (
        (Part.MEASURES, "科技监督与诚信建设处"),
        (Part.DUTY, "办公室"),
        (Part.MEASURES, "基础研究处"),
    ):
        actions.assign_contribution(
            sections[part],
            actor=reviewer,
            division=Organization.objects.get(name=division, parent__code=BUREAU[2]),
            due_on=due,
        )
    actions.generate_figures(report, actor=reviewer)
    actions.open_contributions(report, actor=reviewer)


@transaction.atomic
def load_reports() -> list[str]:
    bureau = Organization.objects.get(name=BUREAU[0], parent=None)
    if AnnualReport.objects.filter(agency=bureau).exists():
        return []
    reviewer = User.objects.get(username="reviewer")
    director = User.objects.get(username="director")
    _load_2021(bureau, reviewer, director)
    year = timezone.localdate().year
    if year > ARCHIVE_YEAR:
        _load_current(bureau, reviewer, year)
    return []
