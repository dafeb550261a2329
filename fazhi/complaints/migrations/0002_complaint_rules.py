import datetime

from django.db import migrations

# DOMAIN.md §15: no national handling period for complaints about enforcement is given in the
# sources; rule-book rows the agency confirms (tag U, marked 待确认). Kept equal to the rows of
# fazhi/core/rulebook.py (a test checks it).
RULES = [
    {
        "code": "complaint.acceptance",
        "name": "执法投诉举报受理决定期限（待确认）",
        "amount": 5,
        "unit": "working_days",
        "direction": "after",
        "extend_on_rest_day": True,
        "starts_from": "登记投诉举报之日",
        "basis": "本机关执法投诉举报处理制度（待确认：未查到全国统一期限；可配置默认值）",
        "source_tag": "U",
        "note": "待确认：DOMAIN.md 第15节未载明受理决定期限；本行为默认值，由本机关确认后修改。",
    },
    {
        "code": "complaint.reply",
        "name": "执法投诉举报办理答复期限（待确认）",
        "amount": 30,
        "unit": "calendar_days",
        "direction": "after",
        "extend_on_rest_day": True,
        "starts_from": "决定受理之日",
        "basis": "本机关执法投诉举报处理制度（待确认：未查到全国统一期限；可配置默认值）",
        "source_tag": "U",
        "note": "待确认：DOMAIN.md 第15节未载明办理答复期限；本行为默认值，由本机关确认后修改。",
    },
]


def add_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for rule in RULES:
        if not DeadlineRule.objects.filter(code=rule["code"]).exists():
            DeadlineRule.objects.create(version=1, applies_from=datetime.date(2000, 1, 1), **rule)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial"), ("core", "0002_seed_calendar_rulebook")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
