"""The published text is the reviewed text (issue 15): every version has a SHA-256; the review,
the deliberation, the signing, the publication and the filing record the hash of the version
they concern; after the review a new version goes back to review with the diff; publication
takes the signed version and nothing else; the public page shows the hash and the exact text."""

from __future__ import annotations

import datetime
import hashlib
import inspect

from django.core.exceptions import PermissionDenied

from fazhi.core.models import Attachment, AuditEvent
from fazhi.core.workflow import LegalGateClosed
from fazhi.documents import actions
from fazhi.documents.forms import PublishForm
from fazhi.documents.models import NormativeDocument
from fazhi.documents.tests.factories import TEXT, at, minutes, published, reviewed, soliciting
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

S = NormativeDocument.Status
D = datetime.date
REVISED = TEXT + "\n第三条 本办法自公布之日起施行。"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event(verb: str) -> AuditEvent:
    return AuditEvent.objects.filter(verb=verb).order_by("-seq").first()  # type: ignore[return-value]


class ReviewedTextTests(DocumentTestCase):
    def deliberate(self, document: NormativeDocument, day: str = "2026-05-21") -> None:
        with at(day):
            actions.record_deliberation(
                document,
                actor=self.reviewer,
                meeting_name="局长办公会",
                meeting_on=D.fromisoformat(day),
                outcome="passed",
                minutes=minutes(),
            )
        document.refresh_from_db()

    def review_again(self, document: NormativeDocument, day: str = "2026-06-10") -> ReviewRequest:
        review = ReviewRequest.objects.filter(status=ReviewRequest.Status.SUBMITTED).get()
        with at(day):
            review_actions.accept_review(review, actor=self.reviewer)
            review_actions.assign_review(
                review, actor=self.reviewer, reviewers=[self.reviewer], counsel=[self.counsel]
            )
            review_actions.conclude_review(
                review, actor=self.reviewer, conclusion="lawful", short_review_reason="仅文字修改"
            )
        return review

    def test_every_version_has_the_sha256_of_its_utf8_text_in_the_record_and_the_event(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-04-02"):
            version = actions.add_version(document, actor=self.drafter, text=REVISED, note="增加施行日期")
        first = document.versions.get(number=1)
        self.assertEqual((first.sha256, version.sha256), (sha(TEXT), sha(REVISED)))
        self.assertEqual(event("document.create").data["sha256"], sha(TEXT))
        self.assertEqual(event("document.version").data["sha256"], sha(REVISED))

    def test_review_deliberation_signing_publication_and_filing_record_the_same_hash(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel)
        digest = sha(TEXT)
        review = ReviewRequest.objects.get()
        self.assertEqual(review.text_sha256, digest)
        draft = Attachment.objects.get(purpose="送审稿")
        self.assertEqual(draft.sha256, digest)
        self.assertEqual(event("review.conclude").data["text_sha256"], digest)
        for verb in (
            "document.submit_for_review",
            "document.deliberate",
            "document.issue",
            "document.publish",
        ):
            with self.subTest(verb=verb):
                self.assertEqual(event(verb).data["sha256"], digest)
        self.assertEqual((document.body, document.body_sha256), (TEXT, digest))
        self.assertEqual(document.adopted_version.sha256, digest)
        with at("2026-05-25"):
            filing = actions.file_document(document, actor=self.reviewer, explanation="起草说明")
        self.assertEqual(filing.text_sha256, digest)
        self.assertEqual(event("filing.submit").data["sha256"], digest)

    def test_a_version_after_the_conclusion_goes_back_to_review_with_the_diff(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        first_review = ReviewRequest.objects.get()
        with at("2026-05-20"):
            version = actions.add_version(document, actor=self.drafter, text=REVISED, note="按审核意见修改")
        document.refresh_from_db()
        self.assertEqual(document.status, S.UNDER_REVIEW)
        again = ReviewRequest.objects.exclude(pk=first_review.pk).get()
        self.assertEqual((again.status, again.text_sha256), (ReviewRequest.Status.SUBMITTED, version.sha256))
        diff = Attachment.objects.get(purpose="修改对照", object_id=str(again.pk))
        with diff.file.open("rb") as handle:
            text = handle.read().decode("utf-8")
        self.assertIn(f"--- 第1版 sha256:{sha(TEXT)}", text)
        self.assertIn("+第三条 本办法自公布之日起施行。", text)
        self.assertEqual(event("document.back_to_review").data["reviewed_sha256"], sha(TEXT))
        # The first review cleared the first version, not this one: no deliberation yet.
        with at("2026-05-21"), self.assertRaisesMessage(LegalGateClosed, "文本在合法性审核后已修改"):
            actions.record_deliberation(
                document,
                actor=self.reviewer,
                meeting_name="局长办公会",
                meeting_on=D(2026, 5, 21),
                outcome="passed",
                minutes=minutes(),
            )
        self.review_again(document, "2026-05-22")
        self.deliberate(document, "2026-05-25")
        self.assertEqual((document.status, document.adopted_version_id), (S.DELIBERATED, version.pk))

    def test_a_version_after_deliberation_sends_the_document_back_to_review_and_it_cannot_be_signed(
        self,
    ) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.deliberate(document)
        self.assertEqual(document.adopted_version.number, 1)
        with at("2026-05-22"):
            actions.add_version(document, actor=self.drafter, text=REVISED, note="审议后修改")
        document.refresh_from_db()
        self.assertEqual(
            (document.status, document.adopted_version, document.outcome), (S.UNDER_REVIEW, None, "")
        )
        with at("2026-05-22"), self.assertRaises(PermissionDenied):
            actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")
        self.assertEqual(ReviewRequest.objects.filter(status=ReviewRequest.Status.SUBMITTED).count(), 1)

    def test_the_text_cannot_change_while_it_is_being_reviewed(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-05-07"):
            actions.submit_for_review(document, actor=self.drafter, legal_basis="依据", explanation="说明")
        document.refresh_from_db()
        with self.assertRaises(PermissionDenied):
            actions.add_version(document, actor=self.drafter, text=REVISED)

    def test_publication_publishes_exactly_the_signed_version_and_takes_no_other_text(self) -> None:
        self.assertNotIn("body", inspect.signature(actions.publish_document).parameters)
        self.assertNotIn("body", PublishForm.base_fields)
        document = published(self.drafter, self.reviewer, self.counsel)
        self.assertEqual(document.body, document.adopted_version.text)

    def test_the_public_page_shows_the_hash_and_the_download_is_the_exact_text(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        with at("2026-06-01"):
            page = self.client.get(f"/policies/{document.pk}/")
            self.assertContains(page, f'<code class="hash" id="text-sha256">{sha(TEXT)}</code>', html=False)
            download = self.client.get(f"/policies/{document.pk}/text.txt")
        self.assertEqual(download["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("attachment", download["Content-Disposition"])
        self.assertEqual(hashlib.sha256(download.content).hexdigest(), sha(TEXT))
        self.assertEqual(event("document.publish").data["sha256"], sha(TEXT))

    def test_an_unpublished_documents_text_is_not_downloadable(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        with at("2026-06-01"):
            self.assertEqual(self.client.get(f"/policies/{document.pk}/text.txt").status_code, 404)
            self.assertEqual(self.client.get("/policies/999999/text.txt").status_code, 404)


class AbandonedDraftTests(DocumentTestCase):
    def test_an_abandoned_draft_is_no_longer_public(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-04-03"):
            self.assertEqual(self.client.get(f"/policies/drafts/{document.pk}/").status_code, 200)
            actions.abandon_document(document, actor=self.drafter, reason="并入其他文件")
            self.assertEqual(self.client.get(f"/policies/drafts/{document.pk}/").status_code, 404)
            self.assertNotContains(self.client.get("/policies/drafts/"), document.title)
            response = self.client.post(f"/policies/drafts/{document.pk}/", {"text": "意见"})
            self.assertEqual(response.status_code, 404)


class BackToReviewPageTests(DocumentTestCase):
    def test_the_drafter_saves_a_version_after_the_conclusion_on_the_page_and_it_goes_back_to_review(
        self,
    ) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.login(self.drafter)
        with at("2026-05-20"):
            page = self.client.get(f"/work/documents/{document.pk}/")
            self.assertContains(page, 'id="step-edit"')
            self.assertContains(page, "此后保存新版本的，文件将连同修改对照重新送审")
            response = self.client.post(
                f"/work/documents/{document.pk}/action/edit/",
                {"edit-text": REVISED, "edit-note": "按意见修改"},
            )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ReviewRequest.objects.filter(status=ReviewRequest.Status.SUBMITTED).count(), 1)
        self.assertEqual(event("document.back_to_review").data["sha256"], sha(REVISED))
