"""The rule book of legal time limits (DOMAIN.md §2): the defaults as data, and the one way to
change a rule — a new version, audited.

A value tagged R (second-hand) or U (unverified) is a configurable default, never a constant
in code: an administrator corrects it with `create_rule_version` once the source is read.
`commitment.verification` has no national figure and is set per matter, so it has no row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit import record_event
from fazhi.core.calendar import MAX_DAYS, MAX_MONTHS, UnknownRule
from fazhi.core.models import DeadlineRule
from fazhi.core.permissions import can_manage_rulebook
from fazhi.core.workflow import DomainError

CALENDAR_DAYS = DeadlineRule.Unit.CALENDAR_DAYS.value
WORKING_DAYS = DeadlineRule.Unit.WORKING_DAYS.value
MONTHS = DeadlineRule.Unit.MONTHS.value
ANNUAL_DATE = DeadlineRule.Unit.ANNUAL_DATE.value
AFTER = DeadlineRule.Direction.AFTER.value
BEFORE = DeadlineRule.Direction.BEFORE.value


def _rule(
    code: str,
    name: str,
    amount: int,
    unit: str,
    starts_from: str,
    basis: str,
    source_tag: str,
    *,
    direction: str = AFTER,
    extend_on_rest_day: bool = True,
    note: str = "",
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "amount": amount,
        "unit": unit,
        "direction": direction,
        "extend_on_rest_day": extend_on_rest_day,
        "starts_from": starts_from,
        "basis": basis,
        "source_tag": source_tag,
        "note": note,
    }


# Every row of DOMAIN.md §2, one code per alternative the table gives.
DEFAULT_RULES: list[dict[str, Any]] = [
    _rule(
        "document.comment_min",
        "规范性文件征求意见最短期限",
        7,
        WORKING_DAYS,
        "公开征求意见之日",
        "法治政府建设示范指标体系第24项",
        "R",
    ),
    _rule(
        "document.comment_min_market",
        "与市场主体密切相关的规范性文件征求意见最短期限",
        30,
        CALENDAR_DAYS,
        "公开征求意见之日",
        "《优化营商环境条例》第六十二条",
        "V",
        note="与市场主体生产经营活动密切相关的，一般不少于30日。",
    ),
    _rule(
        "document.legality_review_max",
        "规范性文件合法性审核最长期限",
        15,
        WORKING_DAYS,
        "收到送审材料之日",
        "国办发〔2018〕115号",
        "U",
    ),
    _rule(
        "document.legality_review_floor",
        "规范性文件合法性审核最短时间",
        5,
        WORKING_DAYS,
        "收到送审材料之日",
        "国办发〔2018〕115号",
        "U",
        note="合法性审核时间一般不少于5个工作日。",
    ),
    _rule(
        "document.filing",
        "规范性文件报送备案期限",
        30,
        CALENDAR_DAYS,
        "公布之日",
        "《天津市行政规范性文件管理规定》（2019年天津市人民政府令第15号）；报送备案期限待确认",
        "U",
        note="待确认：现行规定的报送备案期限未能查阅原文，30日为可配置默认值，请管理员核实后修改。"
        "2019年12月1日起已废止的津政令第125号不再援引。",
    ),
    _rule(
        "document.validity",
        "规范性文件有效期",
        60,
        MONTHS,
        "施行之日",
        "天津市行政规范性文件管理规定",
        "R",
        extend_on_rest_day=False,
        note="有效期一般为5年。",
    ),
    _rule(
        "document.validity_max",
        "规范性文件有效期上限",
        120,
        MONTHS,
        "施行之日",
        "天津市行政规范性文件管理规定",
        "R",
        extend_on_rest_day=False,
        note="有效期最长不超过10年。",
    ),
    _rule(
        "document.validity_provisional",
        "“暂行”“试行”规范性文件有效期",
        24,
        MONTHS,
        "施行之日",
        "天津市行政规范性文件管理规定",
        "R",
        extend_on_rest_day=False,
    ),
    _rule(
        "document.evaluation_before_expiry",
        "规范性文件有效期届满前评估",
        6,
        MONTHS,
        "有效期届满之日",
        "天津市行政规范性文件管理规定",
        "R",
        direction=BEFORE,
        extend_on_rest_day=False,
    ),
    _rule(
        "decision.comment_min",
        "重大行政决策公开征求意见最短期限",
        30,
        CALENDAR_DAYS,
        "公开征求意见之日",
        "《重大行政决策程序暂行条例》（国务院令第713号）第十五条",
        "V",
        note="因情况紧急等原因需要缩短期限的，应当予以说明。",
    ),
    _rule(
        "decision.hearing_materials_min",
        "重大行政决策听证会材料送达期限",
        7,
        CALENDAR_DAYS,
        "召开听证会之日",
        "《重大行政决策程序暂行条例》（国务院令第713号）第十六条第三款",
        "V",
        direction=BEFORE,
        extend_on_rest_day=False,
        note="听证会材料应当于召开听证会7日前送达听证参加人；听证会的公告本身没有法定的提前期限。",
    ),
    _rule(
        "decision.legality_review_min",
        "重大行政决策合法性审查最短时间",
        7,
        WORKING_DAYS,
        "送请合法性审查之日",
        "《重大行政决策程序暂行条例》（国务院令第713号）第二十六条",
        "V",
    ),
    _rule(
        "decision.archive_handover",
        "重大行政决策档案移交期限",
        30,
        CALENDAR_DAYS,
        "作出决策之日",
        "津政办发〔2022〕24号",
        "R",
    ),
    _rule(
        "inspection.result_publicity",
        "双随机抽查结果公示期限",
        20,
        WORKING_DAYS,
        "抽查检查结束之日",
        "国家市场监督管理总局2018年6月介绍的做法（新华社报道，转引）",
        "R",
        note="抽查检查结果通过国家企业信用信息公示系统在检查结束后20个工作日内公示；未查阅到规定原文，为可配置默认值。",
    ),
    _rule(
        "enforcement.publicity_penalty",
        "行政许可、行政处罚决定公示期限",
        7,
        WORKING_DAYS,
        "作出决定之日",
        "国办发〔2018〕118号",
        "R",
    ),
    _rule(
        "enforcement.publicity_other",
        "其他行政执法决定公示期限",
        20,
        WORKING_DAYS,
        "作出决定之日",
        "国办发〔2018〕118号",
        "R",
    ),
    _rule(
        "enforcement.publicity_withdrawal",
        "撤回已公开的行政处罚决定信息期限",
        3,
        WORKING_DAYS,
        "变更、撤销或者确认违法、无效的决定或者裁判发生法律效力之日",
        "《行政处罚法》第四十八条、第八十五条",
        "V",
        note="第八十五条：“三日”指工作日，不含法定节假日。行政复议决定书送达之日生效；"
        "一审判决在上诉期满未上诉时生效，或者以二审判决生效。",
    ),
    _rule(
        "enforcement.decision_max",
        "行政处罚决定期限",
        90,
        CALENDAR_DAYS,
        "立案之日",
        "《行政处罚法》第六十条",
        "V",
        note="法律、法规、规章另有规定的，从其规定：逾期作出决定须写明该规定的名称和条文。",
    ),
    # The penalty procedure's other limits (research notes §4, 行政处罚法 2021): Art 85 makes
    # its 3-, 5- and 7-day periods working days.
    _rule(
        "enforcement.hearing_request",
        "当事人要求听证期限",
        5,
        WORKING_DAYS,
        "行政机关告知听证权利之日",
        "《行政处罚法》第六十四条、第八十五条",
        "V",
        note="第八十五条：“五日”指工作日，不含法定节假日。",
    ),
    _rule(
        "enforcement.hearing_notice",
        "听证通知最迟期限（听证七日前）",
        7,
        WORKING_DAYS,
        "举行听证之日",
        "《行政处罚法》第六十四条、第八十五条",
        "V",
        direction=BEFORE,
        note="行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点；“七日”指工作日。",
    ),
    _rule(
        "enforcement.service",
        "行政处罚决定书送达期限（当事人不在场）",
        7,
        WORKING_DAYS,
        "作出行政处罚决定之日",
        "《行政处罚法》第六十一条、第八十五条",
        "V",
        note="当事人在场的，当场交付；不在场的，七日内送达。“七日”指工作日。",
    ),
    _rule(
        "enforcement.limitation",
        "行政处罚追责期限",
        24,
        MONTHS,
        "违法行为发生之日（有连续或者继续状态的，行为终了之日）",
        "《行政处罚法》第三十六条",
        "V",
        extend_on_rest_day=False,
        note="违法行为在二年内未被发现的，不再给予行政处罚。",
    ),
    _rule(
        "enforcement.limitation_grave",
        "行政处罚追责期限（涉及公民生命健康安全、金融安全且有危害后果）",
        60,
        MONTHS,
        "违法行为发生之日（有连续或者继续状态的，行为终了之日）",
        "《行政处罚法》第三十六条",
        "V",
        extend_on_rest_day=False,
        note="涉及公民生命健康安全、金融安全且有危害后果的，期限延长至五年。",
    ),
    _rule(
        "reconsideration.reply",
        "行政复议书面答复期限",
        10,
        WORKING_DAYS,
        "收到申请书副本或申请笔录复印件之日",
        "《行政复议法》第四十八条、第八十八条",
        "V",
        note="第八十八条：“十日”指工作日，不含法定休假日。",
    ),
    _rule(
        "reconsideration.opinion_report",
        "行政复议意见书整改情况报送期限",
        60,
        CALENDAR_DAYS,
        "收到行政复议意见书之日",
        "《行政复议法》第七十六条",
        "V",
    ),
    _rule(
        "litigation.defence",
        "行政诉讼提交答辩状期限",
        15,
        CALENDAR_DAYS,
        "收到起诉状副本之日",
        "《行政诉讼法》第六十七条",
        "V",
    ),
    _rule(
        "annual_report.submit",
        "法治政府建设年度报告报送期限",
        301,
        ANNUAL_DATE,
        "报告年度",
        "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）",
        "R",
        extend_on_rest_day=False,
        note="每年3月1日前报送上一年度报告。",
    ),
    _rule(
        "annual_report.publish",
        "法治政府建设年度报告公开期限",
        401,
        ANNUAL_DATE,
        "报告年度",
        "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）",
        "R",
        extend_on_rest_day=False,
        note="每年4月1日前向社会公开上一年度报告。",
    ),
    # DOMAIN.md §15: public comment on a draft rule "generally not less than 30 days"
    # (规章制定程序条例, second-hand). The sources fix no period for a draft local regulation at the
    # drafting department's stage: a configurable default, to be confirmed.
    _rule(
        "legislation.comment_min_rule",
        "政府规章草案公开征求意见最短期限",
        30,
        CALENDAR_DAYS,
        "公开征求意见之日",
        "《规章制定程序条例》（转引，待核对原文）",
        "R",
        note="规章草案公开征求意见的期限一般不少于30日。",
    ),
    _rule(
        "legislation.comment_min_regulation",
        "地方性法规草案（起草阶段）公开征求意见最短期限",
        30,
        CALENDAR_DAYS,
        "公开征求意见之日",
        "待确认：现有资料未规定起草部门征求意见的期限（参照规章草案设定的可配置默认值）",
        "U",
        note="待确认。管理员核实依据后调整。",
    ),
    # Not in DOMAIN.md §2: the review time for contracts, major enforcement decisions and other
    # matters, and the longest time for a decision (whose statute sets only a minimum). No
    # source fixes it: an unverified, configurable default.
    _rule(
        "review.general_max",
        "合法性审核办理期限（合同、重大执法决定、其他事项、重大行政决策）",
        15,
        WORKING_DAYS,
        "受理合法性审核之日",
        "本机关合法性审核工作规则（参照规范性文件审核最长15个工作日；可配置默认值）",
        "U",
        note="法律、法规未规定统一期限；按本机关制度设定，管理员可调整。",
    ),
    # DOMAIN.md §15: no national handling period for complaints and public reports about
    # enforcement is given in the sources. Configurable defaults the agency confirms (tag U).
    _rule(
        "complaint.acceptance",
        "执法投诉举报受理决定期限（待确认）",
        5,
        WORKING_DAYS,
        "登记投诉举报之日",
        "本机关执法投诉举报处理制度（待确认：未查到全国统一期限；可配置默认值）",
        "U",
        note="待确认：DOMAIN.md 第15节未载明受理决定期限；本行为默认值，由本机关确认后修改。",
    ),
    _rule(
        "complaint.reply",
        "执法投诉举报办理答复期限（待确认）",
        30,
        CALENDAR_DAYS,
        "决定受理之日",
        "本机关执法投诉举报处理制度（待确认：未查到全国统一期限；可配置默认值）",
        "U",
        note="待确认：DOMAIN.md 第15节未载明办理答复期限；本行为默认值，由本机关确认后修改。",
    ),
]

# The fields a version carries over from its predecessor, and that a new version may change.
VERSIONED_FIELDS = (
    "name",
    "amount",
    "unit",
    "direction",
    "extend_on_rest_day",
    "starts_from",
    "basis",
    "source_tag",
    "applies_from",
    "note",
)

# Caps that keep every computation inside the date range Python can represent.
MAX_AMOUNT = {CALENDAR_DAYS: MAX_DAYS, WORKING_DAYS: MAX_DAYS, MONTHS: MAX_MONTHS}


def seed_rulebook(rule_model: Any = None) -> int:
    """Create version 1 of every default rule whose code is missing; return how many.

    Idempotent. `rule_model` lets a data migration pass its historical model.
    """
    model = rule_model or DeadlineRule
    existing = set(model.objects.values_list("code", flat=True))
    rows = [
        model(version=1, applies_from=datetime.date(2000, 1, 1), **row)
        for row in DEFAULT_RULES
        if row["code"] not in existing
    ]
    model.objects.bulk_create(rows)
    return len(rows)


def validate_rule_values(values: dict[str, Any]) -> None:
    """Raise ValidationError (field → Chinese message) for a combination that cannot be computed."""
    errors: dict[str, str] = {}
    unit, amount, direction = values.get("unit"), values.get("amount"), values.get("direction")
    if unit not in DeadlineRule.Unit.values:
        errors["unit"] = "期限单位无效。"
    if direction not in DeadlineRule.Direction.values:
        errors["direction"] = "方向无效。"
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        errors["amount"] = "期限须为非负整数。"
    elif unit == ANNUAL_DATE:
        month, day = divmod(amount, 100)
        if not (1 <= month <= 12 and 1 <= day <= _days_in_month_leap(month)):
            errors["amount"] = "次年固定日期须写作月日，如 301 表示 3 月 1 日。"
        if direction == BEFORE:
            errors["direction"] = "次年固定日期只能是“之后”。"
    elif unit in MAX_AMOUNT and amount > MAX_AMOUNT[unit]:
        errors["amount"] = f"期限过长：{DeadlineRule.Unit(unit).label}不得超过 {MAX_AMOUNT[unit]}。"
    if values.get("source_tag") not in DeadlineRule.SourceTag.values:
        errors["source_tag"] = "核实程度无效。"
    for name in ("name", "starts_from", "basis"):
        if not str(values.get(name) or "").strip():
            errors[name] = "此项不能为空。"
    if errors:
        raise ValidationError(errors)


def _days_in_month_leap(month: int) -> int:
    return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def create_rule_version(code: str, *, actor: Any, **changes: Any) -> DeadlineRule:
    """Write the next version of rule `code` with `changes` applied, and audit it.

    The only way to change a rule: rows are never edited, so every computed deadline can name
    the version that produced it. Only holders of core.manage_rulebook may do it.
    """
    if not can_manage_rulebook(actor):
        raise PermissionDenied
    unknown = set(changes) - set(VERSIONED_FIELDS)
    if unknown:
        raise ValueError(f"unknown rule fields: {sorted(unknown)}")
    latest = DeadlineRule.objects.filter(code=code).order_by("-version").first()
    if latest is None:
        raise UnknownRule(code)
    values = {name: getattr(latest, name) for name in VERSIONED_FIELDS}
    # A new version applies from today unless told otherwise, never silently from the old date.
    values["applies_from"] = timezone.localdate()
    values.update(changes)
    validate_rule_values(values)
    diff = {
        name: [_jsonable(getattr(latest, name)), _jsonable(values[name])]
        for name in VERSIONED_FIELDS
        if getattr(latest, name) != values[name]
    }
    rule = DeadlineRule(code=code, version=latest.version + 1, created_by=actor, **values)
    rule.full_clean(exclude=["created_by"])
    try:
        with transaction.atomic():
            rule.save(force_insert=True)
            record_event(
                "rule.new_version",
                actor=actor,
                obj=rule,
                data={
                    "code": code,
                    "version": rule.version,
                    "previous_version": latest.version,
                    "changes": diff,
                },
            )
    except IntegrityError as exc:
        # Two administrators saved a version of the same rule at once: the unique
        # (code, version) constraint let only one of them through.
        raise DomainError("该规则刚被他人修改，请刷新后重试。") from exc
    return rule


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value
