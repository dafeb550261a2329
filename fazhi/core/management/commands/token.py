from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.models import ApiToken, User
from fazhi.core.tokens import create_token, revoke_token


class Command(BaseCommand):
    help = "管理 API 令牌：create <用户名> / list [<用户名>] / revoke <前缀>"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="为用户创建令牌；令牌单独打印在最后一行")
        create.add_argument("username")
        create.add_argument("--name", default="", help="用途说明")
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
            token, raw = create_token(user, actor=None, name=options["name"] or "命令行创建")
            self.stdout.write(f"已为 {user.username} 创建令牌 {token.prefix}…（仅显示这一次）")
            self.stdout.write(raw)
        elif action == "list":
            tokens = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
            if options["username"]:
                tokens = tokens.filter(user__username=options["username"])
            for t in tokens:
                state = f"已吊销 {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "有效"
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
