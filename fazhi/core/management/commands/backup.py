"""`fazhi backup DIR`: the database (SQLite online backup / pg_dump), the uploaded files, the
secret key and the audit signing key and heads, with a manifest of SHA-256s (fazhi.core.backup).
Safe while the platform serves. Prints the folder and the number of files; exits 1 on failure."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database, uploaded files and keys into DIR (new or empty), with a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(options["dir"])
        except BackupError as exc:
            self.stderr.write(f"backup failed: {exc}")
            sys.exit(1)
        for note in manifest["notes"]:
            self.stdout.write(f"note: {note}")
        self.stdout.write(
            f"backed up {len(manifest['files'])} file(s) into {options['dir']} ({manifest['engine']})"
        )
