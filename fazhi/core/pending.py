"""Checked rows waiting for a person's confirmation (a legacy import), kept in a file of their own
with an expiry — never in the session.

In the session, a 1.6 MB import made every one of that person's requests load and save the
parsed rows (over 2 s each, workers past 1.4 GB) and an abandoned import left a 5.7 MB session
row. Here each pending import is one JSON file under MEDIA_ROOT/private/pending-imports/<kind>/
(never served), named by its owner and a random token, read only when the person confirms.
A person has at most one pending import of a kind (a new upload replaces the previous one);
files older than `keep_seconds` are dropped whenever the store is used.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from fazhi.core.models import User

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
KEEP_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class PendingImports:
    kind: str
    keep_seconds: int = KEEP_SECONDS

    def root(self) -> Path:
        return Path(settings.MEDIA_ROOT) / "private" / "pending-imports" / self.kind

    def _files_of(self, user: User) -> list[Path]:
        root = self.root()
        return sorted(root.glob(f"{int(user.pk)}-*.json")) if root.is_dir() else []

    def purge(self) -> int:
        """Remove expired pending imports of every person; returns how many."""
        root = self.root()
        if not root.is_dir():
            return 0
        removed = 0
        for path in root.glob("*.json"):
            if self._expired(path):
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _expired(self, path: Path) -> bool:
        try:
            saved_at = json.loads(path.read_text(encoding="utf-8"))["saved_at"]
        except (OSError, ValueError, KeyError, TypeError):
            return True
        return time.time() - float(saved_at) > self.keep_seconds

    def save(self, user: User, payload: dict[str, Any]) -> str:
        """Keep `payload` for `user` (replacing any earlier pending import); returns its token."""
        self.purge()
        self.discard(user)
        root = self.root()
        root.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(24)
        data = json.dumps({"saved_at": time.time(), "payload": payload}, ensure_ascii=False)
        fd, temporary = tempfile.mkstemp(dir=root, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(temporary, root / f"{int(user.pk)}-{token}.json")
        return token

    def load(self, user: User, token: str | None = None) -> tuple[str, dict[str, Any]] | None:
        """The person's pending import (the one named by `token`, when given) unless expired."""
        if token is not None and not TOKEN.fullmatch(token):
            return None
        for path in self._files_of(user):
            found = path.stem.split("-", 1)[1]
            if token is not None and found != token:
                continue
            if self._expired(path):
                path.unlink(missing_ok=True)
                return None
            return found, json.loads(path.read_text(encoding="utf-8"))["payload"]
        return None

    def discard(self, user: User) -> None:
        for path in self._files_of(user):
            path.unlink(missing_ok=True)
