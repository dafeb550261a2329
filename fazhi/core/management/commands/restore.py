"""`fazhi restore DIR [--force]`: check a backup against its manifest, restore the database and
the files, then prove the result: the restored files' SHA-256s, every attachment against the
hash recorded at upload, and the audit chain against its signed heads (fazhi.core.backup).
Prints `restored: ok <count> <head>` and exits 0, or names what failed and exits 1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `fazhi backup` and verify it (files and audit chain)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="overwrite a database that already has records"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore(options["dir"], force=options["force"])
        except BackupError as exc:
            self.stderr.write(f"restore failed: {exc}")
            sys.exit(1)
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        self.stdout.write(f"files: {report.files} restored file(s) match the manifest")
        self.stdout.write(f"attachments: {report.attachments} match their recorded SHA-256")
        self.stdout.write(f"restored: ok {report.count} {report.head}")
