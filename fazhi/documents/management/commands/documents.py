from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.documents.actions import expire_documents


class Command(BaseCommand):
    help = "规范性文件定时任务：expire（有效期届满自动失效，可重复运行）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("expire", help="为有效期已届满的文件记录“失效”；重复运行不会重复记录")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "expire":
            count = expire_documents()
            self.stdout.write(f"已记录失效 {count} 件")
