import datetime

from django.db import migrations

# The review time limit for subjects without a rule of their own (contracts, major enforcement
# decisions, other matters) and the longest time for a major decision, whose statute sets only
# a minimum. No source fixes these figures: an unverified, configurable default (tag U).
RULES = [
    {
        "code": "review.general_max",
        "name": "合法性审核办理期限（合同、重大执法决定、其他事项、重大行政决策）",
        "amount": 15,
        "unit": "working_days",
        "direction": "after",
        "extend_on_rest_day": True,
        "starts_from": "受理合法性审核之日",
        "basis": "本机关合法性审核工作规则（参照规范性文件审核最长15个工作日；可配置默认值）",
        "source_tag": "U",
        "note": "法律、法规未规定统一期限；按本机关制度设定，管理员可调整。",
    },
]


def add_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for rule in RULES:
        if not DeadlineRule.objects.filter(code=rule["code"]).exists():
            DeadlineRule.objects.create(version=1, applies_from=datetime.date(2000, 1, 1), **rule)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial"), ("core", "0002_seed_calendar_rulebook")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
