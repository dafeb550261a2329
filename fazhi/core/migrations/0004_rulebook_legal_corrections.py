"""Corrections of an administrative-law review to the seeded rule book (issue 10; DOMAIN.md §2,
§14). A database seeded before them gets each corrected row as a new version, with the same
period and the same `applies_from` (the law did not change, its citation did), so that every
deadline computed earlier keeps naming the version that produced it. A row an administrator has
already versioned is left to the administrator.

- `document.filing`: 津政令第125号 was repealed on 1 December 2019 by 2019年天津市人民政府令第15号,
  whose filing period could not be read: the row cites the 2019 rule and is marked 待确认.
- `inspection.result_publicity`: the "2018 监管工作细则" cited could not be found; the row cites
  the 2018 statement of 国家市场监督管理总局 the research notes give.
- `enforcement.publicity_withdrawal`: the 3 working days run from the day the reversing decision
  or judgment takes legal effect (行政处罚法第四十八条).
- `enforcement.limitation(_grave)`: the period runs from the day the act occurred; from the day
  it ended only for a continuing or repeated act (行政处罚法第三十六条).
- `enforcement.decision_max`: "法律、法规、规章另有规定的，从其规定" (行政处罚法第六十条).
- `decision.hearing_notice_min` → `decision.hearing_materials_min`: 713号第十六条第三款 fixes the
  delivery of the hearing materials 7 days before the hearing, not a notice period.

And a number series kind for the legality review's opinion letters.
"""

import datetime

from django.db import migrations, models

TEXT_FIELDS = ("name", "starts_from", "basis", "source_tag", "note")

CORRECTED = {
    "document.filing": {
        "name": "规范性文件报送备案期限",
        "starts_from": "公布之日",
        "basis": "《天津市行政规范性文件管理规定》（2019年天津市人民政府令第15号）；报送备案期限待确认",
        "source_tag": "U",
        "note": "待确认：现行规定的报送备案期限未能查阅原文，30日为可配置默认值，请管理员核实后修改。"
        "2019年12月1日起已废止的津政令第125号不再援引。",
    },
    "inspection.result_publicity": {
        "name": "双随机抽查结果公示期限",
        "starts_from": "抽查检查结束之日",
        "basis": "国家市场监督管理总局2018年6月介绍的做法（新华社报道，转引）",
        "source_tag": "R",
        "note": "抽查检查结果通过国家企业信用信息公示系统在检查结束后20个工作日内公示；未查阅到规定原文，为可配置默认值。",
    },
    "enforcement.publicity_withdrawal": {
        "name": "撤回已公开的行政处罚决定信息期限",
        "starts_from": "变更、撤销或者确认违法、无效的决定或者裁判发生法律效力之日",
        "basis": "《行政处罚法》第四十八条、第八十五条",
        "source_tag": "V",
        "note": "第八十五条：“三日”指工作日，不含法定节假日。行政复议决定书送达之日生效；"
        "一审判决在上诉期满未上诉时生效，或者以二审判决生效。",
    },
    "enforcement.limitation": {
        "name": "行政处罚追责期限",
        "starts_from": "违法行为发生之日（有连续或者继续状态的，行为终了之日）",
        "basis": "《行政处罚法》第三十六条",
        "source_tag": "V",
        "note": "违法行为在二年内未被发现的，不再给予行政处罚。",
    },
    "enforcement.limitation_grave": {
        "name": "行政处罚追责期限（涉及公民生命健康安全、金融安全且有危害后果）",
        "starts_from": "违法行为发生之日（有连续或者继续状态的，行为终了之日）",
        "basis": "《行政处罚法》第三十六条",
        "source_tag": "V",
        "note": "涉及公民生命健康安全、金融安全且有危害后果的，期限延长至五年。",
    },
    "enforcement.decision_max": {
        "name": "行政处罚决定期限",
        "starts_from": "立案之日",
        "basis": "《行政处罚法》第六十条",
        "source_tag": "V",
        "note": "法律、法规、规章另有规定的，从其规定：逾期作出决定须写明该规定的名称和条文。",
    },
}

HEARING_MATERIALS = {
    "code": "decision.hearing_materials_min",
    "name": "重大行政决策听证会材料送达期限",
    "amount": 7,
    "unit": "calendar_days",
    "direction": "before",
    "extend_on_rest_day": False,
    "starts_from": "召开听证会之日",
    "basis": "《重大行政决策程序暂行条例》（国务院令第713号）第十六条第三款",
    "source_tag": "V",
    "note": "听证会材料应当于召开听证会7日前送达听证参加人；听证会的公告本身没有法定的提前期限。",
}


def correct(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for code, texts in CORRECTED.items():
        latest = DeadlineRule.objects.filter(code=code).order_by("-version").first()
        if latest is None or latest.created_by_id is not None:
            continue
        if all(getattr(latest, name) == value for name, value in texts.items()):
            continue
        DeadlineRule.objects.create(
            code=code,
            version=latest.version + 1,
            amount=latest.amount,
            unit=latest.unit,
            direction=latest.direction,
            extend_on_rest_day=latest.extend_on_rest_day,
            applies_from=latest.applies_from,
            **texts,
        )
    if not DeadlineRule.objects.filter(code=HEARING_MATERIALS["code"]).exists():
        DeadlineRule.objects.create(version=1, applies_from=datetime.date(2000, 1, 1), **HEARING_MATERIALS)
    old = DeadlineRule.objects.filter(code="decision.hearing_notice_min")
    # Nothing stores a deadline of the old row; it goes unless an administrator versioned it.
    if not old.filter(created_by__isnull=False).exists():
        old.delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_alter_numberseries_kind")]

    operations = [
        migrations.RunPython(correct, migrations.RunPython.noop),
        # The legality review's opinion letters: their own gap-free yearly series (津科法审〔2026〕68号).
        migrations.AlterField(
            model_name="numberseries",
            name="kind",
            field=models.CharField(
                choices=[
                    ("normative", "行政规范性文件"),
                    ("ordinary", "一般公文"),
                    ("penalty", "行政处罚决定书"),
                    ("review_letter", "法律审核意见书"),
                ],
                max_length=20,
                verbose_name="文种",
            ),
        ),
    ]
