from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from fazhi.demo.constants import ACCOUNTS, DEMO_PASSWORD
from fazhi.demo.data import load_demo


class Command(BaseCommand):
    help = "建立演示数据库（迁移并载入演示数据），不启动服务"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="删除现有 SQLite 演示数据库后重建")

    def handle(self, *args: Any, **options: Any) -> None:
        db = settings.DATABASES["default"]
        if options["reset"]:
            if db["ENGINE"].endswith("sqlite3"):
                for suffix in ("", "-wal", "-shm"):
                    path = settings.SQLITE_PATH.with_name(settings.SQLITE_PATH.name + suffix)
                    path.unlink(missing_ok=True)
            else:
                self.stderr.write("--reset 只适用于内嵌 SQLite 数据库")
        call_command("migrate", interactive=False, verbosity=0)
        counts = load_demo()
        where = db["NAME"]
        self.stdout.write(
            f"演示数据已就绪：{where}（{counts['organizations']} 个组织，{counts['users']} 个用户）"
        )
        for note in counts["notes"]:
            self.stdout.write(f"注意：{note}")
        self.stdout.write(f"演示账户（密码均为 {DEMO_PASSWORD}）：")
        for account in ACCOUNTS:
            roles = "、".join(str(r.label) for r in account.roles)
            self.stdout.write(f"  {account.username:<13} {account.full_name}（{roles}）")
