"""`fazhi backup DIR` and `fazhi restore DIR`: everything needed to bring the platform back.

A backup folder holds
    database.sqlite3   SQLite's online backup (the sqlite3 backup API: a consistent copy of a
                       database that keeps serving while it is copied), or
    database.dump      PostgreSQL's `pg_dump --format=custom` (a consistent snapshot);
    media/             the uploaded files, as stored;
    secret_key         the generated secret key (absent when FAZHI_SECRET_KEY comes from the
                       environment: the operator keeps that one);
    audit_signing_key.pem, audit_heads.jsonl   the audit chain's signing key and signed heads;
    manifest.json      format, time, engine, and the SHA-256 and size of every file above.

`dumpdata`/`loaddata` are no backup: they cut timestamps to milliseconds and the restored
audit chain fails at event 1. The database's own tools copy the values exactly.

A restore first checks every file against the manifest (a damaged backup touches nothing),
then restores the database and the files, and ends with the checks that prove it whole: the
restored files' hashes against the manifest, every attachment's bytes against the SHA-256 the
database recorded for it, and the audit chain verified against its signed heads.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection

FORMAT = "fazhi-backup-v1"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret
KEY_FILE = "audit_signing_key.pem"
HEADS_FILE = "audit_heads.jsonl"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Chinese."""


@dataclass
class RestoreReport:
    files: int = 0
    attachments: int = 0
    count: int = 0
    head: str = ""
    notes: list[str] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"不支持的数据库：{vendor}")
    return vendor


def _secret_key_path() -> Path:
    return Path(settings.VAR_DIR) / "secret_key"


def _secret_key_from_env() -> bool:
    return bool(os.environ.get("FAZHI_SECRET_KEY"))


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


# --- PostgreSQL ----------------------------------------------------------------------------


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args: list[str] = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return [*args, "--dbname", str(db["NAME"])], env


def _run(argv: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} 失败：{result.stderr.strip()[-2000:]}")


# --- backup --------------------------------------------------------------------------------


def backup(folder: Path) -> dict[str, Any]:
    """Write a backup into `folder` (new or empty); returns the manifest."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} 不是空目录：备份不覆盖已有文件")
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)  # it holds the secret key and the signing key
    engine = _engine()
    notes: list[str] = []
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        args, env = _pg_args()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / PG_FILE),
                *args,
            ],
            env,
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.copytree(media_root, folder / MEDIA_DIR)
    if _secret_key_from_env():
        notes.append("FAZHI_SECRET_KEY 来自环境变量，未写入备份，请另行保管")
    elif _secret_key_path().exists():
        shutil.copy2(_secret_key_path(), folder / SECRET_KEY_FILE)
    for source, name in (
        (Path(settings.FAZHI_AUDIT_KEY_FILE), KEY_FILE),
        (Path(settings.FAZHI_AUDIT_HEADS_FILE), HEADS_FILE),
    ):
        if source.exists():
            shutil.copy2(source, folder / name)
    for name in (SECRET_KEY_FILE, KEY_FILE):
        if (folder / name).exists():
            (folder / name).chmod(0o600)
    files = {
        path.relative_to(folder).as_posix(): {"sha256": sha256_of(path), "size": path.stat().st_size}
        for path in _walk(folder)
    }
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database": SQLITE_FILE if engine == "sqlite" else PG_FILE,
        "notes": notes,
        "files": files,
    }
    (folder / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


# --- restore -------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder / MANIFEST} 无法读取：{exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{folder / MANIFEST} 不是 {FORMAT} 格式的备份清单")
    return manifest


def check_files(folder: Path, manifest: dict[str, Any]) -> int:
    """Every file of the manifest present with its SHA-256, and no file the manifest lacks."""
    listed: dict[str, dict[str, Any]] = manifest["files"]
    present = {p.relative_to(folder).as_posix() for p in _walk(folder)} - {MANIFEST}
    extra = sorted(present - set(listed))
    if extra:
        raise BackupError(f"备份中有清单未列出的文件：{extra[0]}")
    for name, entry in sorted(listed.items()):
        path = folder / name
        if not path.is_file():
            raise BackupError(f"备份缺少文件：{name}")
        if sha256_of(path) != entry["sha256"]:
            raise BackupError(f"备份文件已损坏或被改动（SHA-256 不符）：{name}")
    return len(listed)


def _target_in_use() -> bool:
    from fazhi.core.models import AuditEvent

    try:
        return AuditEvent.objects.exists()
    except DatabaseError:
        return False


def _restore_database(folder: Path, manifest: dict[str, Any]) -> None:
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"备份来自 {manifest['engine']} 数据库，不能恢复到 {engine}")
    if engine == "sqlite":
        connection.close()
        source = sqlite3.connect(folder / SQLITE_FILE)
        target = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        connection.close()
        args, env = _pg_args()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                *args,
                str(folder / PG_FILE),
            ],
            env,
        )
        # A dump carries no planner statistics. Without them the first verification reads
        # every page of the chain by a sequential scan and a sort (8 times slower per page).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _copy_file(source: Path, target: Path, *, private: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    if private:
        target.chmod(0o600)


def _restored_places(folder: Path, manifest: dict[str, Any]) -> dict[str, Path]:
    """Where each file of the backup goes (the database itself aside)."""
    places: dict[str, Path] = {}
    media_root = Path(settings.MEDIA_ROOT)
    for name in manifest["files"]:
        if name.startswith(MEDIA_DIR + "/"):
            places[name] = media_root / name[len(MEDIA_DIR) + 1 :]
    if SECRET_KEY_FILE in manifest["files"] and not _secret_key_from_env():
        places[SECRET_KEY_FILE] = _secret_key_path()
    if KEY_FILE in manifest["files"]:
        places[KEY_FILE] = Path(settings.FAZHI_AUDIT_KEY_FILE)
    if HEADS_FILE in manifest["files"]:
        places[HEADS_FILE] = Path(settings.FAZHI_AUDIT_HEADS_FILE)
    return places


def check_attachments() -> int:
    """Every attachment's stored bytes against the SHA-256 the database recorded at upload."""
    from fazhi.core.models import Attachment

    media_root = Path(settings.MEDIA_ROOT)
    checked = 0
    for pk, name, digest in Attachment.objects.order_by("pk").values_list("pk", "file", "sha256").iterator():
        path = media_root / name
        if not path.is_file():
            raise BackupError(f"附件 {pk} 的文件缺失：{name}")
        if sha256_of(path) != digest:
            raise BackupError(f"附件 {pk} 的文件与登记的 SHA-256 不符：{name}")
        checked += 1
    return checked


def restore(folder: Path, *, force: bool = False) -> RestoreReport:
    from fazhi.core.witness import verify_witnessed

    manifest = read_manifest(folder)
    check_files(folder, manifest)
    if _target_in_use() and not force:
        raise BackupError("目标数据库已有记录；确认要覆盖时加 --force")
    _restore_database(folder, manifest)
    places = _restored_places(folder, manifest)
    for name, target in places.items():
        _copy_file(folder / name, target, private=name in {SECRET_KEY_FILE, KEY_FILE})
    report = RestoreReport(notes=list(manifest.get("notes", [])))
    for name, target in places.items():
        if sha256_of(target) != manifest["files"][name]["sha256"]:
            raise BackupError(f"恢复后的文件与备份清单不符：{name}")
        report.files += 1
    report.attachments = check_attachments()
    result, _heads = verify_witnessed()
    if not result.ok:
        where = f"第 {result.broken_seq} 号事件：" if result.broken_seq else ""
        raise BackupError(f"恢复后的全过程记录校验失败：{where}{result.reason}")
    report.count, report.head = result.count, result.head
    return report
