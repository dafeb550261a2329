"""`fazhi audit verify` and `fazhi audit publish-heads` (DOMAIN.md §9).

verify         recompute the whole chain and check it against the published daily heads;
               prints `ok <count> <head-hash>` and exits 0, or names the first broken event
               (`broken at event #<seq>: <reason>`) on stderr and exits 1, so cron and
               monitoring can alert on the exit code alone.
publish-heads  store the head of every completed day not yet published (run daily from cron,
               shortly after midnight Asia/Shanghai); prints how many days were published.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.audit import publish_daily_heads, verify_chain_and_heads


class Command(BaseCommand):
    help = "Verify the tamper-evident audit chain, or publish the daily chain heads."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,publish-heads}")
        actions.add_parser("verify", help="Recompute the chain; exit 1 naming the first broken event.")
        actions.add_parser("publish-heads", help="Publish the chain head of each completed day.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self.verify()
        else:
            self.publish_heads()

    def verify(self) -> None:
        result = verify_chain_and_heads()
        if result.ok:
            self.stdout.write(f"ok {result.count} {result.head}")
            return
        self.stderr.write(f"broken at event #{result.broken_seq}: {result.reason}")
        sys.exit(1)

    def publish_heads(self) -> None:
        published = publish_daily_heads()
        self.stdout.write(f"published {published} daily head(s)")
