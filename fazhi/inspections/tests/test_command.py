"""`fazhi draw verify bundle.json` and `fazhi draw export PLAN_ID`."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command

from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import draft_plan, drawn, make_entities, make_inspector, publish


class DrawCommandTests(InspectionTestCase):
    def setUp(self) -> None:
        make_entities(6)
        make_inspector(self.reviewer, 1)
        make_inspector(self.reviewer, 2)
        make_inspector(self.reviewer, 3)
        self.plan = publish(self.reviewer, draft_plan(self.reviewer, self.item, strata={"high": "0.5"}))
        self.draw = drawn(self.reviewer, self.plan)
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def export(self) -> Path:
        path = self.folder / "bundle.json"
        call_command("draw", "export", str(self.plan.pk), "-o", str(path))
        return path

    def test_export_writes_the_bundle_and_verify_accepts_it_with_the_published_digests(self) -> None:
        path = self.export()
        self.assertEqual(json.loads(path.read_text(encoding="utf-8")), self.draw.bundle)
        # Byte for byte what was published: its digest is the draw's bundle digest.
        self.assertEqual(hashlib.sha256(path.read_bytes()).hexdigest(), self.draw.bundle_sha256)
        out = io.StringIO()
        call_command(
            "draw",
            "verify",
            str(path),
            "--pool-digest",
            self.plan.pool_digest,
            "--conflict-digest",
            self.plan.conflict_digest,
            stdout=out,
        )
        self.assertIn("OK: everything matches", out.getvalue())
        self.assertIn("与公布值一致", out.getvalue())

    def test_verify_exits_1_on_a_tampered_bundle(self) -> None:
        path = self.export()
        bundle = json.loads(path.read_text(encoding="utf-8"))
        bundle["secrets"][0] = "2" * 64
        path.write_text(json.dumps(bundle), encoding="utf-8")
        out = io.StringIO()
        with self.assertRaises(SystemExit) as exit_:
            call_command("draw", "verify", str(path), stdout=out)
        self.assertEqual(exit_.exception.code, 1)
        self.assertIn("MISMATCH: 第 1 个秘密值与其承诺值不符", out.getvalue())

    def test_export_to_standard_output_adds_nothing(self) -> None:
        out = io.StringIO()
        call_command("draw", "export", str(self.plan.pk), stdout=out)
        self.assertEqual(out.getvalue(), self.draw.bundle_json)

    def test_export_of_an_undrawn_plan_is_an_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "尚未抽取"):
            call_command("draw", "export", "999999")
