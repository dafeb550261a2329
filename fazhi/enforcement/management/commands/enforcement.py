"""`fazhi enforcement deadlines`: the former enforcement-only command, now an alias of
`fazhi deadlines fill` (every app's pending due dates)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "行政执法定时任务：deadlines（同 fazhi deadlines fill：工作日历录入后计算各系统待定的期限，可重复运行）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("deadlines", help="同 fazhi deadlines fill；重复运行不会重复记录")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "deadlines":
            call_command("deadlines", "fill", stdout=self.stdout)
