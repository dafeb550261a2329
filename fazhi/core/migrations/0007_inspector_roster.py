"""The roster of enforcement officers moves to core (a shared fact: the draw and the cases both
use it). State only: the table keeps its name, `inspections_inspector`, and no row moves;
`inspections/0004` and `enforcement/0005` point their references here."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_merge_token_expiry"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Inspector",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=50, verbose_name="姓名")),
                        (
                            "certificate_number",
                            models.CharField(
                                error_messages={"unique": "该执法证号已登记"},
                                max_length=40,
                                unique=True,
                                verbose_name="执法证号",
                            ),
                        ),
                        ("certificate_expires_on", models.DateField(verbose_name="执法证有效期至")),
                        (
                            "domains",
                            models.JSONField(
                                default=list, help_text="Domain 代码的列表", verbose_name="执法领域"
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True, verbose_name="在册")),
                        (
                            "user",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="inspector",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="平台账户",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "执法检查人员",
                        "verbose_name_plural": "执法检查人员名录库",
                        "db_table": "inspections_inspector",
                        "ordering": ["certificate_number"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
