from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.core.models import ApiToken, User
from fazhi.core.tokens import create_token, end_of_day, revoke_token
from fazhi.core.workflow import DomainError


def _expiry(value: str) -> datetime.datetime | None:
    """`2027-06-30` (through that day) or `90d` (90 days from now); empty: no expiry."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{1,4}d", value):
        return timezone.now() + datetime.timedelta(days=int(value[:-1]))
    try:
        return end_of_day(datetime.date.fromisoformat(value))
    except ValueError as exc:
        raise CommandError(f"有效期“{value}”应为日期（如 2027-06-30）或天数（如 90d）") from exc


class Command(BaseCommand):
    help = "管理 API 令牌：create <用户名> / list [<用户名>] / revoke <前缀>"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="为用户创建令牌；令牌单独打印在最后一行")
        create.add_argument("username")
        create.add_argument("--name", default="", help="用途说明")
        create.add_argument(
            "--expires",
            default="",
            help="有效期：到某日（含当日，如 2027-06-30）或若干天后（如 90d）；不填为长期有效，直至吊销",
        )
        listing = sub.add_parser("list", help="列出令牌（不显示令牌本身）")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="按前缀吊销令牌")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            user = User.objects.filter(username=options["username"], is_active=True).first()
            if user is None:
                raise CommandError(f"用户 {options['username']} 不存在或已停用")
            expires_at = _expiry(options["expires"])
            try:
                token, raw = create_token(
                    user, actor=None, name=options["name"] or "命令行创建", expires_at=expires_at
                )
            except DomainError as exc:
                raise CommandError(str(exc)) from exc
            until = f"，有效期至 {timezone.localtime(expires_at):%Y-%m-%d %H:%M}" if expires_at else ""
            self.stdout.write(f"已为 {user.username} 创建令牌 {token.prefix}…{until}（仅显示这一次）")
            self.stdout.write(raw)
        elif action == "list":
            tokens = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
            if options["username"]:
                tokens = tokens.filter(user__username=options["username"])
            for t in tokens:
                if t.revoked_at:
                    state = f"已吊销 {t.revoked_at:%Y-%m-%d}"
                elif t.expired():
                    state = f"已过期 {timezone.localtime(t.expires_at):%Y-%m-%d}"
                elif t.expires_at:
                    state = f"有效至 {timezone.localtime(t.expires_at):%Y-%m-%d %H:%M}"
                else:
                    state = "有效"
                self.stdout.write(
                    f"{t.prefix}…\t{t.user.username}\t{t.name}\t{t.created_at:%Y-%m-%d}\t{state}"
                )
        elif action == "revoke":
            matches = list(
                ApiToken.objects.filter(prefix__startswith=options["prefix"], revoked_at__isnull=True)
            )
            if len(matches) != 1:
                raise CommandError(f"前缀 {options['prefix']} 匹配 {len(matches)} 个有效令牌，需恰好一个")
            revoke_token(matches[0], actor=None)
            self.stdout.write(f"已吊销 {matches[0].prefix}…")
