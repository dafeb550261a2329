"""`fazhi deadlines fill`: store every due date that waited for a year's calendar (all apps)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.deadlines import fill_all


class Command(BaseCommand):
    help = "期限定时任务：fill（工作日历录入后，为各系统因日历未录入而待定的期限计算届满日，可重复运行）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("fill", help="计算所有系统中待定的期限；重复运行不会重复记录")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "fill":
            counts = fill_all()
            for name, count in counts.items():
                self.stdout.write(f"{name}: 已计算 {count} 条记录的待定期限")
            self.stdout.write(f"合计 {sum(counts.values())} 条")
