"""`fazhi complaints deadlines`: store the due dates that waited for a year's calendar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.complaints.actions import fill_pending_deadlines


class Command(BaseCommand):
    help = "执法投诉举报定时任务：deadlines（工作日历录入后计算待定的期限，可重复运行）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("deadlines", help="为因工作日历未录入而待定的受理决定期限、答复期限计算届满日")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "deadlines":
            self.stdout.write(f"已计算 {fill_pending_deadlines()} 个待定期限")
