from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.laws import apply_effective_versions


class Command(BaseCommand):
    help = "法律法规库定时任务：apply（新版本施行后提示核对引用旧版本的事项，可重复运行）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "apply",
            help="对已到施行日期的新版本，提示核对引用旧版本的文件、期限规则和考试题目；重复运行不会重复提示",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "apply":
            count = apply_effective_versions()
            self.stdout.write(f"已施行并提示核对的新版本 {count} 个")
