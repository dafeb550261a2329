"""`fazhi audit verify` and `fazhi audit publish-heads` (DOMAIN.md §9).

verify         recompute the whole chain and check it against the published daily heads in
               the database and in the signed heads file (fazhi.core.witness); prints
               `ok <count> <head-hash>` and exits 0, or names the first broken event
               (`broken at event #<seq>: <reason>`) on stderr and exits 1, so cron and
               monitoring can alert on the exit code alone.
               --against FILE_OR_URL  also check against a mirrored copy of the heads file
               (e.g. one an outside witness kept); --key PEM checks that copy's signatures
               with a public key kept outside too, instead of the platform's own.
publish-heads  store the head of every completed day not yet published, verify the chain, and
               append the new days, signed, to the heads file (run daily from cron, shortly
               after midnight Asia/Shanghai); prints how many days were published. A chain that
               does not verify is not signed: the command exits 1 naming the broken event.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.audit import VerifyResult, publish_daily_heads
from fazhi.core.witness import append_signed_heads, verify_witnessed


class Command(BaseCommand):
    help = "Verify the tamper-evident audit chain, or publish the daily chain heads."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,publish-heads}")
        verify = actions.add_parser(
            "verify", help="Recompute the chain; exit 1 naming the first broken event."
        )
        verify.add_argument(
            "--against", metavar="FILE_OR_URL", help="a mirrored copy of the signed heads file"
        )
        verify.add_argument("--key", metavar="PEM", help="the public key to check that copy with")
        actions.add_parser("publish-heads", help="Publish the chain head of each completed day.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            key = Path(options["key"]).read_text(encoding="ascii") if options.get("key") else None
            self.verify(options.get("against"), key)
        else:
            self.publish_heads()

    def verify(self, against: str | None, key: str | None) -> None:
        result, heads = verify_witnessed(against, key_pem=key)
        if not result.ok:
            self.fail(result)
        self.stdout.write(f"ok {result.count} {result.head}")
        if heads:
            source = against or "the local heads file"
            self.stdout.write(f"{heads} signed daily head(s) agree ({source})")

    def publish_heads(self) -> None:
        published = publish_daily_heads()
        result, _heads = verify_witnessed()
        if not result.ok:
            self.fail(result)
        signed = append_signed_heads()
        self.stdout.write(f"published {published} daily head(s); {signed} signed into the heads file")

    def fail(self, result: VerifyResult) -> NoReturn:
        where = f"broken at event #{result.broken_seq}" if result.broken_seq else "broken"
        self.stderr.write(f"{where}: {result.reason}")
        sys.exit(1)
