"""`fazhi backup` / `fazhi restore`: a demo-like database backed up, restored elsewhere by a
separate process, and verified there (issue 15, point 4)."""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event, verify_chain
from fazhi.core.backup import MANIFEST, sha256_of
from fazhi.core.models import AuditChainHead, AuditEvent, CalendarYear
from fazhi.core.roles import Role
from fazhi.core.testing import make_user

PROJECT_DIR = Path(__file__).resolve().parents[3]
SHANGHAI = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fazhi(*args: str, var_dir: Path, database_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """The `fazhi` command in a process of its own, on another FAZHI_VAR_DIR ("elsewhere")."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DATABASE_URL"))}
    env["FAZHI_VAR_DIR"] = str(var_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "fazhi.cli", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


class BackupTestCase(TransactionTestCase):
    """Events over two published days and today, with two uploaded PDFs (their bytes in media/,
    their SHA-256 in the database and the audit chain), the heads signed: a small demo."""

    def setUp(self) -> None:
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        self.tmp = Path(folder)
        # The city administrator keeps the calendar and attaches its notices.
        self.admin = make_user("cityadmin", org=None, roles=[Role.CITY_ADMIN], full_name="全市管理")
        year, _created = CalendarYear.objects.get_or_create(year=2026, defaults={"source": "国办发明电"})
        for day in (2, 3):
            with time_machine.travel(
                datetime.datetime(2026, 3, day, 10, 0, 0, 123456, tzinfo=SHANGHAI), tick=False
            ):
                record_event("demo.step", actor=self.admin, obj=year, data={"说明": f"3月{day}日", "n": day})
                attach_file(year, SimpleUploadedFile(f"通知{day}.pdf", PDF + bytes([day])), actor=self.admin)
        with time_machine.travel(datetime.datetime(2026, 3, 4, 0, 30, tzinfo=SHANGHAI), tick=False):
            call_command("audit", "publish-heads", stdout=io.StringIO())
            record_event("demo.step", actor=self.admin, data={"today": True})
        self.chain = verify_chain()
        self.assertTrue(self.chain.ok)

    def back_up(self) -> Path:
        target = self.tmp / "backup"
        out = io.StringIO()
        call_command("backup", str(target), stdout=out)
        self.assertIn("backed up", out.getvalue())
        return target


class SqliteBackupTests(BackupTestCase):
    def setUp(self) -> None:
        if connection.vendor != "sqlite":
            self.skipTest("the SQLite backup; PostgresBackupTests covers pg_dump")
        super().setUp()

    def test_a_backup_restored_elsewhere_verifies_files_attachments_and_the_chain(self) -> None:
        backup = self.back_up()
        manifest = json.loads((backup / MANIFEST).read_text(encoding="utf-8"))
        self.assertEqual((manifest["format"], manifest["engine"]), ("fazhi-backup-v1", "sqlite"))
        self.assertEqual(
            {name for name in manifest["files"] if not name.startswith("media/")},
            {"database.sqlite3", "audit_signing_key.pem", "audit_heads.jsonl"}
            | ({"secret_key"} if (Path(settings.VAR_DIR) / "secret_key").exists() else set()),
        )
        self.assertEqual(sum(name.startswith("media/attachments/") for name in manifest["files"]), 2)
        for name, entry in manifest["files"].items():
            self.assertEqual(sha256_of(backup / name), entry["sha256"])
        self.assertEqual((backup / "audit_signing_key.pem").stat().st_mode & 0o777, 0o600)

        elsewhere = self.tmp / "elsewhere"
        result = fazhi("restore", str(backup), var_dir=elsewhere)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("attachments: 2 match their recorded SHA-256", result.stdout)
        self.assertIn(f"restored: ok {self.chain.count} {self.chain.head}", result.stdout)
        self.assertEqual(
            (elsewhere / "audit_heads.jsonl").read_bytes(), Path(settings.FAZHI_AUDIT_HEADS_FILE).read_bytes()
        )
        verify = fazhi("audit", "verify", var_dir=elsewhere)
        self.assertEqual(verify.returncode, 0, verify.stderr)
        self.assertIn("2 signed daily head(s) agree", verify.stdout)
        # The restored platform is the same platform: the same signing key.
        self.assertEqual(
            (elsewhere / "audit_signing_key.pem").read_bytes(),
            Path(settings.FAZHI_AUDIT_KEY_FILE).read_bytes(),
        )
        # A database that has records is overwritten only on purpose.
        again = fazhi("restore", str(backup), var_dir=elsewhere)
        self.assertEqual(again.returncode, 1)
        self.assertIn("--force", again.stderr)

    def test_a_damaged_backup_is_refused_before_anything_is_restored(self) -> None:
        backup = self.back_up()
        pdf = next(p for p in (backup / "media").rglob("*") if p.is_file())
        pdf.write_bytes(b"%PDF-1.7 forged")
        (Path(settings.MEDIA_ROOT) / "attachments").rename(self.tmp / "moved-away")
        err = io.StringIO()
        # In this process: the check comes before anything is written (--force skips only
        # the question whether a database with records may be overwritten).
        with self.assertRaises(SystemExit):
            call_command("restore", str(backup), "--force", stderr=err)
        self.assertIn("备份文件已损坏或被改动（SHA-256 不符）：media/attachments/", err.getvalue())
        self.assertFalse((Path(settings.MEDIA_ROOT) / "attachments").exists())
        self.assertEqual(verify_chain(), self.chain)

    def test_a_forged_file_with_a_forged_manifest_fails_the_attachment_check(self) -> None:
        backup = self.back_up()
        pdf = next(p for p in (backup / "media").rglob("*") if p.is_file())
        pdf.write_bytes(b"%PDF-1.7 forged")
        manifest = json.loads((backup / MANIFEST).read_text(encoding="utf-8"))
        manifest["files"][pdf.relative_to(backup).as_posix()]["sha256"] = sha256_of(pdf)
        (backup / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        result = fazhi("restore", str(backup), var_dir=self.tmp / "elsewhere")
        self.assertEqual(result.returncode, 1)
        self.assertIn("与登记的 SHA-256 不符", result.stderr)

    def test_a_backup_never_overwrites_a_folder_with_files(self) -> None:
        target = self.tmp / "backup"
        target.mkdir()
        (target / "x").write_text("x")
        err = io.StringIO()
        with self.assertRaises(SystemExit):
            call_command("backup", str(target), stderr=err)
        self.assertIn("不是空目录", err.getvalue())


@pytest.mark.postgres
class PostgresBackupTests(BackupTestCase):
    def test_pg_dump_and_pg_restore_bring_back_a_database_that_verifies(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL only")
        backup = self.back_up()
        self.assertIn("database.dump", json.loads((backup / MANIFEST).read_text(encoding="utf-8"))["files"])
        name = f"fazhi_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        try:
            db = settings.DATABASES["default"]
            url = (
                f"postgresql://{db.get('USER') or ''}@/{name}?host={db.get('HOST') or '/var/run/postgresql'}"
            )
            result = fazhi("restore", str(backup), var_dir=self.tmp / "elsewhere", database_url=url)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(f"restored: ok {self.chain.count} {self.chain.head}", result.stdout)
            with psycopg.connect(url) as restored:
                # Planner statistics gathered (a dump carries none; index builds set only counts).
                columns = restored.execute(
                    "SELECT count(*) FROM pg_stats WHERE tablename = %s", [AuditEvent._meta.db_table]
                ).fetchone()
            self.assertEqual(columns, (len(AuditEvent._meta.concrete_fields),))
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.assertTrue(AuditChainHead.objects.exists())
