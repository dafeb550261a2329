"""The audit chain's outside witness: the signed, append-only heads file, `fazhi audit verify
--against`, and the standalone verify_heads.py (issue 15, point 3)."""

from __future__ import annotations

import datetime
import functools
import http.server
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from fazhi.core import verify_heads, witness
from fazhi.core.audit import chain_hash, payload_of, record_event
from fazhi.core.models import AuditChainHead, AuditEvent, PublishedChainHead

SHANGHAI = ZoneInfo("Asia/Shanghai")
VERIFIER = Path(verify_heads.__file__)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


class WitnessTestCase(TestCase):
    """Three events on 2 March and two on 3 March, both days published and signed on 4 March;
    a mirror of the heads file kept in a folder of the test's own."""

    def setUp(self) -> None:
        for day, n in ((2, 3), (3, 2)):
            with time_machine.travel(datetime.datetime(2026, 3, day, 10, tzinfo=SHANGHAI), tick=False):
                for i in range(n):
                    record_event("demo.step", actor=None, object_type="demo", object_id=f"{day}-{i}")
        with time_machine.travel(datetime.datetime(2026, 3, 4, 0, 30, tzinfo=SHANGHAI), tick=False):
            code, out, err = run("publish-heads")
        self.assertEqual((code, err), (0, ""))
        self.assertIn("published 2 daily head(s); 2 signed", out)
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        self.folder = Path(folder)
        self.mirror = self.folder / "heads.jsonl"
        shutil.copyfile(witness.heads_path(), self.mirror)
        (self.folder / "heads-key.pem").write_text(witness.public_key_pem(), encoding="ascii")

    def verify(self, *extra: str) -> tuple[int, str, str]:
        return run("verify", *extra)

    def assert_fails(self, reason_part: str, *extra: str) -> str:
        code, out, err = self.verify(*extra)
        self.assertEqual(code, 1, out)
        self.assertIn(reason_part, err)
        return err

    def truncate_to(self, seq: int) -> None:
        """Cut the tail and fix the head row so that the stored chain is consistent again."""
        AuditEvent.objects.filter(seq__gt=seq)._raw_delete(connection.alias)
        AuditChainHead.objects.update(seq=seq, hash=AuditEvent.objects.get(seq=seq).hash)

    def rewrite_published_heads(self) -> None:
        """Make the stored published heads agree with the (tampered) chain, or drop those past it."""
        count = AuditChainHead.objects.get().seq
        PublishedChainHead.objects.filter(seq__gt=count).delete()
        for head in PublishedChainHead.objects.all():
            PublishedChainHead.objects.filter(pk=head.pk).update(
                hash=AuditEvent.objects.get(seq=head.seq).hash
            )

    def resign_local_file(self) -> None:
        """The worst case: whoever tampers also holds the key and rewrites the local heads file."""
        witness.heads_path().unlink()
        witness.append_signed_heads()


class HeadsFileTests(WitnessTestCase):
    def test_each_published_day_is_one_signed_line_naming_the_line_before(self) -> None:
        lines = witness.heads_path().read_text(encoding="utf-8").splitlines()
        self.assertEqual(len(lines), 2)
        key = verify_heads.public_key_bytes(witness.public_key_pem())
        heads = verify_heads.check_lines(
            lines, lambda message, signature: verify_heads.ed25519_verify(key, message, signature)
        )
        self.assertEqual([(h.day, h.count) for h in heads], [("2026-03-02", 3), ("2026-03-03", 5)])
        self.assertEqual(heads[1].head, AuditEvent.objects.get(seq=5).hash)
        self.assertIn(f'"prev":"{verify_heads.line_hash(lines[0])}"', lines[1])

    def test_publishing_again_appends_only_new_days_and_keeps_earlier_lines_byte_for_byte(self) -> None:
        before = witness.heads_path().read_bytes()
        with time_machine.travel(datetime.datetime(2026, 3, 5, 10, tzinfo=SHANGHAI), tick=False):
            record_event("demo.step", actor=None)
        with time_machine.travel(datetime.datetime(2026, 3, 6, 1, tzinfo=SHANGHAI), tick=False):
            self.assertEqual(run("publish-heads")[0], 0)
            self.assertEqual(
                run("publish-heads")[1].strip(), "published 0 daily head(s); 0 signed into the heads file"
            )
        after = witness.heads_path().read_bytes()
        self.assertTrue(after.startswith(before))
        self.assertEqual(after.count(b"\n"), 3)

    def test_a_chain_that_does_not_verify_is_not_signed(self) -> None:
        with time_machine.travel(datetime.datetime(2026, 3, 5, 10, tzinfo=SHANGHAI), tick=False):
            record_event("demo.step", actor=None)
        AuditEvent.objects.filter(seq=6).update(verb="forged")
        with time_machine.travel(datetime.datetime(2026, 3, 6, 1, tzinfo=SHANGHAI), tick=False):
            code, _out, err = run("publish-heads")
        self.assertEqual(code, 1)
        self.assertIn("broken at event #6", err)
        self.assertEqual(witness.heads_path().read_text(encoding="utf-8").count("\n"), 2)

    def test_the_key_lives_in_its_file_outside_the_database_and_is_generated_once(self) -> None:
        path = Path(settings.FAZHI_AUDIT_KEY_FILE)
        self.assertEqual(path.stat().st_mode & 0o777, 0o600)
        pem = witness.public_key_pem()
        self.assertEqual(witness.public_key_pem(), pem)
        self.assertNotIn(b"PRIVATE", witness.heads_path().read_bytes())


class TamperingTests(WitnessTestCase):
    """The four tamperings that passed `fazhi audit verify` before (issue 15, point 3)."""

    def test_an_untouched_chain_verifies_against_the_local_file_and_a_mirror(self) -> None:
        code, out, _err = self.verify("--against", str(self.mirror))
        self.assertEqual(code, 0)
        self.assertIn(f"ok 5 {AuditEvent.objects.get(seq=5).hash}", out)
        self.assertIn("2 signed daily head(s) agree", out)

    def test_deleting_every_event_and_the_head_is_an_empty_chain_where_heads_were_published(self) -> None:
        AuditEvent.objects.all()._raw_delete(connection.alias)
        AuditChainHead.objects.all().delete()
        PublishedChainHead.objects.all().delete()
        self.assert_fails("审计链为空，但本机链头文件记载已公布 2 个链头")
        witness.heads_path().unlink()
        self.assert_fails("审计链为空，但链头副本记载已公布 2 个链头", "--against", str(self.mirror))

    def test_cutting_the_tail_and_fixing_the_head_row_is_a_truncation(self) -> None:
        self.truncate_to(4)
        # Behind a published day: the stored published head names an event that is gone.
        self.assert_fails(
            "broken at event #5: 2026-03-03 公布的链头所指事件已不存在", "--against", str(self.mirror)
        )
        # Those rows dropped too: the signed heads file still counts five events.
        PublishedChainHead.objects.filter(seq__gt=4).delete()
        err = self.assert_fails("链尾被截去", "--against", str(self.mirror))
        self.assertIn("2026-03-03 时已有 5 条事件，现仅有 4 条", err)

    def test_rewriting_an_event_and_recomputing_every_hash_after_it_is_a_rewrite(self) -> None:
        AuditEvent.objects.filter(seq=2).update(data={"forged": True})
        prev = AuditEvent.objects.get(seq=1).hash
        for seq in range(2, 6):
            digest = chain_hash(prev, payload_of(AuditEvent.objects.get(seq=seq)))
            AuditEvent.objects.filter(seq=seq).update(prev_hash=prev, hash=digest)
            prev = digest
        AuditChainHead.objects.update(hash=prev)
        self.rewrite_published_heads()
        err = self.assert_fails("历史被改写", "--against", str(self.mirror))
        self.assertIn("第 3 号事件的哈希与本机链头文件中 2026-03-02 公布的链头不符", err)
        self.resign_local_file()
        self.assert_fails(
            "第 3 号事件的哈希与链头副本中 2026-03-02 公布的链头不符", "--against", str(self.mirror)
        )

    def test_cutting_the_tail_and_rewriting_the_stored_published_heads_is_still_a_truncation(self) -> None:
        self.truncate_to(3)
        self.rewrite_published_heads()
        self.assertEqual(PublishedChainHead.objects.count(), 1)
        self.assert_fails("链尾被截去：本机链头文件记载 2026-03-03 时已有 5 条事件，现仅有 3 条")
        self.resign_local_file()
        # With the key and the local file rewritten too, the chain agrees with everything the
        # operator controls; only the mirror an outsider kept still tells.
        self.assertEqual(self.verify()[0], 0)
        self.assert_fails(
            "链尾被截去：链头副本记载 2026-03-03 时已有 5 条事件，现仅有 3 条", "--against", str(self.mirror)
        )

    def test_a_rewritten_published_head_in_the_database_alone_is_caught(self) -> None:
        PublishedChainHead.objects.filter(day=datetime.date(2026, 3, 2)).update(seq=2)
        self.assert_fails("公布的链头")

    def test_a_mirror_altered_or_signed_with_another_key_fails_its_signature(self) -> None:
        text = self.mirror.read_text(encoding="utf-8").replace('"count":3', '"count":2')
        self.mirror.write_text(text, encoding="utf-8")
        self.assert_fails("链头副本第 1 行：签名无效", "--against", str(self.mirror))

    def test_a_local_file_that_lost_a_line_no_longer_matches_the_mirror(self) -> None:
        lines = witness.heads_path().read_text(encoding="utf-8").splitlines(keepends=True)
        witness.heads_path().write_text(lines[0], encoding="utf-8")
        self.assert_fails("本机链头文件与副本不符", "--against", str(self.mirror))

    def test_a_mirror_is_read_from_a_url(self) -> None:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(self.folder))
        handler.log_message = lambda *args: None  # type: ignore[attr-defined]
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        url = f"http://127.0.0.1:{server.server_address[1]}/heads.jsonl"
        self.assertEqual(self.verify("--against", url, "--key", str(self.folder / "heads-key.pem"))[0], 0)
        self.truncate_to(4)
        self.rewrite_published_heads()
        self.resign_local_file()
        self.assert_fails("链尾被截去：链头副本记载", "--against", url)


class StandaloneVerifierTests(WitnessTestCase):
    def verifier(self, *args: str) -> subprocess.CompletedProcess[str]:
        # -I: isolated from the platform's packages and settings; the standard library only.
        return subprocess.run(  # noqa: S603
            [sys.executable, "-I", str(VERIFIER), *args], capture_output=True, text=True, check=False
        )

    def test_anyone_checks_the_signatures_with_the_standard_library_alone(self) -> None:
        result = self.verifier(str(self.mirror), "--key", str(self.folder / "heads-key.pem"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("ok 2 lines, last 2026-03-03: 5 events", result.stdout)

    def test_a_newer_file_must_begin_with_every_line_of_the_older_copy(self) -> None:
        key = str(self.folder / "heads-key.pem")
        older = self.folder / "older.jsonl"
        shutil.copyfile(self.mirror, older)
        self.truncate_to(3)
        self.rewrite_published_heads()
        self.resign_local_file()
        newer = self.folder / "newer.jsonl"
        shutil.copyfile(witness.heads_path(), newer)
        self.assertEqual(self.verifier(str(newer), "--key", key).returncode, 0)
        result = self.verifier(str(newer), "--key", key, "--previous", str(older))
        self.assertEqual(result.returncode, 1)
        self.assertIn("published line(s) removed", result.stderr)

    def test_a_removed_or_reordered_line_breaks_the_links(self) -> None:
        lines = self.mirror.read_text(encoding="utf-8").splitlines(keepends=True)
        key = str(self.folder / "heads-key.pem")
        self.mirror.write_text(lines[1], encoding="utf-8")
        self.assertIn("line 1", self.verifier(str(self.mirror), "--key", key).stderr)
        self.mirror.write_text(lines[1] + lines[0], encoding="utf-8")
        self.assertEqual(self.verifier(str(self.mirror), "--key", key).returncode, 1)

    def test_the_reference_ed25519_agrees_with_the_cryptography_library(self) -> None:
        key = witness.signing_key()
        public = verify_heads.public_key_bytes(witness.public_key_pem())
        for n in range(0, 200, 17):
            message = bytes(range(n % 256)) * 3
            signature = key.sign(message)
            self.assertTrue(verify_heads.ed25519_verify(public, message, signature))
            self.assertFalse(verify_heads.ed25519_verify(public, message + b"!", signature))
            self.assertFalse(
                verify_heads.ed25519_verify(
                    public, message, signature[:40] + bytes([signature[40] ^ 1]) + signature[41:]
                )
            )


class TransparencyDownloadsTests(WitnessTestCase):
    def test_the_page_explains_the_check_and_offers_the_file_the_key_and_the_verifier(self) -> None:
        response = self.client.get("/transparency/")
        self.assertContains(response, "您可以核验什么、怎样核验")
        self.assertContains(response, witness.key_fingerprint())
        for url in (
            "/transparency/heads.jsonl",
            "/transparency/heads-key.pem",
            "/transparency/verify_heads.py",
        ):
            self.assertContains(response, f'href="{url}"')
        heads = self.client.get("/transparency/heads.jsonl")
        self.assertEqual(heads.content, witness.heads_path().read_bytes())
        self.assertEqual(
            self.client.get("/transparency/heads-key.pem").content.decode(), witness.public_key_pem()
        )
        verifier = self.client.get("/transparency/verify_heads.py")
        self.assertEqual(b"".join(verifier.streaming_content), VERIFIER.read_bytes())  # type: ignore[attr-defined]

    def test_the_english_page_explains_it_too(self) -> None:
        response = self.client.get("/transparency/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "What you can check, and how")
