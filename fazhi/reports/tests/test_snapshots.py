"""Every figure traceable: the snapshot of each generation (value, records, SHA-256 of their
canonical JSON, the audit-chain head), the diff after a record changes, figures entered by hand,
and a figure no app registers shown as not available."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.attachments import attachments_of
from fazhi.core.models import AuditChainHead
from fazhi.core.testing import BaseTestCase
from fazhi.core.workflow import LegalGateClosed
from fazhi.documents.models import NormativeDocument
from fazhi.reports import actions, render, snapshots
from fazhi.reports.models import FigureSnapshot, Phrasing
from fazhi.reports.tests.factories import D, approved, at, drafted, issue_document


class SnapshotTests(BaseTestCase):
    def setUp(self) -> None:
        self.docs = [issue_document(self, D(2021, m, 1)) for m in (3, 6)]
        issue_document(self, D(2022, 1, 1))  # another year
        with at("2022-01-10"):
            self.report = drafted(self)

    def test_generating_stores_value_records_hash_and_chain_head(self) -> None:
        with at("2022-01-10"):
            actions.generate_figures(self.report, actor=self.reviewer)
        snap = FigureSnapshot.objects.get(report=self.report, key="documents.issued")
        self.assertEqual(snap.value, 2)
        self.assertEqual([r[1] for r in snap.records], [d.pk for d in self.docs])
        self.assertEqual(snap.records_sha256, snapshots.records_sha256((r[0], r[1]) for r in snap.records))
        self.assertEqual(len(snap.records_sha256), 64)
        head = AuditChainHead.objects.get(pk=1)
        # The head as it was before the generation's own event.
        self.assertEqual(snap.chain_seq, head.seq - 1)

    def test_the_hash_changes_when_a_record_changes_though_the_count_does_not(self) -> None:
        refs = [("documents.NormativeDocument", d.pk) for d in self.docs]
        before = snapshots.records_sha256(refs)
        NormativeDocument.objects.filter(pk=self.docs[0].pk).update(title="改了标题")
        self.assertNotEqual(snapshots.records_sha256(refs), before)

    def test_regenerating_after_records_changed_shows_which_figures_moved_and_by_how_much(self) -> None:
        with at("2022-01-10"):
            actions.generate_figures(self.report, actor=self.reviewer)
            issue_document(self, D(2021, 12, 31))
            actions.generate_figures(self.report, actor=self.reviewer)
        changes = {c.key: c for c in snapshots.diff_generations(self.report)}
        self.assertEqual(changes["documents.issued"].delta, 1)
        self.assertTrue(changes["documents.issued"].records_changed)
        # The filing rate stays 0 (nothing filed), but the documents it divides by changed.
        self.assertEqual(set(changes), {"documents.issued", "documents.filing_rate"})
        self.assertEqual(changes["documents.filing_rate"].delta, 0)
        self.assertTrue(changes["documents.filing_rate"].records_changed)

    def test_an_approved_report_never_changes_silently(self) -> None:
        with at("2022-02-20"):
            approved(self, self.report)
            issue_document(self, D(2021, 12, 31))
            with self.assertRaisesMessage(LegalGateClosed, "不得静默改变"):
                actions.generate_figures(self.report, actor=self.reviewer)
        said = render.said_figures(self.report)
        self.assertEqual(said["documents.issued"].text, "2")
        moved = {c.key: c for c in snapshots.diff_with_records(self.report)}
        self.assertEqual((moved["documents.issued"].before, moved["documents.issued"].after), (2, 3))

    def test_a_figure_no_app_registers_is_shown_as_not_available(self) -> None:
        with at("2022-01-10"):
            actions.generate_figures(self.report, actor=self.reviewer)
        said = render.said_figures(self.report)
        self.assertFalse(said["learning.not_registered"].available)
        section = self.report.sections.get(heading="完善依法行政制度体系")
        self.assertIn("学法考试（数据暂缺）人", render.plain_text(section.text, said))

    def test_approximate_phrasing_keeps_the_traced_value_exact(self) -> None:
        for _ in range(61):
            issue_document(self, D(2021, 5, 1))
        with at("2022-01-10"):
            actions.set_phrasing(
                self.report, actor=self.reviewer, key="documents.issued", phrasing=Phrasing.APPROXIMATE
            )
            actions.generate_figures(self.report, actor=self.reviewer)
        said = render.said_figures(self.report)
        self.assertEqual(said["documents.issued"].text, "60余")
        self.assertEqual(said["documents.issued"].snapshot.value, 63)  # type: ignore[union-attr]

    def test_a_manual_figure_has_its_source_and_evidence_and_is_marked_manual(self) -> None:
        evidence = SimpleUploadedFile("表彰决定.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
        with at("2022-01-10"):
            figure = actions.enter_manual_figure(
                self.report,
                actor=self.reviewer,
                key="awards",
                label="普法表彰",
                unit="项",
                value="6",
                source="表彰文件",
                evidence=evidence,
            )
            actions.generate_figures(self.report, actor=self.reviewer)
        snap = FigureSnapshot.objects.get(report=self.report, key="manual.awards")
        self.assertTrue(snap.manual)
        self.assertEqual((snap.value, snap.source), (Decimal("6"), "表彰文件"))
        self.assertEqual(attachments_of(figure).count(), 1)
