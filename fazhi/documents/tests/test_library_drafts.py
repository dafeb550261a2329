"""The public library's drafts for comment and the cleanup campaigns' pages."""

from __future__ import annotations

from fazhi.documents.models import CleanupCampaign
from fazhi.documents.tests.test_library import LibraryTestCase


class CleanupPageTests(LibraryTestCase):
    def test_a_published_cleanup_lists_each_document_with_its_disposition(self) -> None:
        response = self.client.get(f"/policies/cleanups/{self.campaign.pk}/")
        self.assertContains(response, "2026年规范性文件专项清理")
        self.assertContains(
            response, f'<a href="/policies/{self.science.pk}/">天津市科学技术普及办法</a>', html=True
        )
        self.assertContains(response, "继续有效")
        self.assertContains(response, "宣布失效")
        self.assertContains(response, "已过时")

    def test_an_unpublished_cleanup_is_not_found(self) -> None:
        self.assertEqual(self.draft_campaign.status, CleanupCampaign.Status.DRAFT)
        self.assertEqual(self.client.get(f"/policies/cleanups/{self.draft_campaign.pk}/").status_code, 404)
        self.assertEqual(self.client.get("/policies/cleanups/999999/").status_code, 404)
