from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.core import digest


class Command(BaseCommand):
    help = "每日待办提醒邮件：send [--dry-run] [--date YYYY-MM-DD]（需配置 FAZHI_EMAIL_HOST）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send", help="向有到期或逾期事项的用户发送今日提醒（每人每天一次）")
        send.add_argument("--dry-run", action="store_true", help="只统计，不发送")
        send.add_argument("--date", help="按该日计算（默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from None
        else:
            today = timezone.localdate()
        if not digest.enabled() and not options["dry_run"]:
            self.stdout.write("邮件提醒未启用（未设置 FAZHI_EMAIL_HOST），未发送任何邮件")
            return
        counts = digest.send_digests(today=today, dry_run=options["dry_run"])
        verb = "应发送" if options["dry_run"] else "已发送"
        self.stdout.write(
            f"{today.isoformat()}：{counts['users']} 名有邮箱的用户，{verb} {counts['sent']} 封，"
            f"无到期事项 {counts['nothing_due']} 名，今日已发送过 {counts['already_sent']} 名"
        )
