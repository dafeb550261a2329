"""The cleanup pages."""

from __future__ import annotations

from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.documents import actions
from fazhi.documents.models import CleanupCampaign, ValidityEvent
from fazhi.documents.tests.factories import published
from fazhi.documents.tests.test_views import CLEANUPS, ViewTestCase


class CleanupPageTests(ViewTestCase):
    def test_a_campaign_is_created_disposed_approved_and_published(self) -> None:
        keep = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        drop = published(self.drafter, self.reviewer, self.counsel, title="过时的管理办法", on="2026-05-22")
        self.login(self.reviewer)
        response = self.client.post(
            reverse("documents:cleanup_create"),
            {"title": "2026 年专项清理", "reason": "上位法修改", "scope": "现行有效的规范性文件"},
        )
        campaign = CleanupCampaign.objects.get()
        self.assertRedirects(
            response, reverse("documents:cleanup_detail", args=[campaign.pk]), fetch_redirect_response=False
        )
        page = self.client.get(reverse("documents:cleanup_detail", args=[campaign.pk]))
        self.assertContains(page, keep.title)
        self.assertContains(page, "过时的管理办法")
        dispose = reverse("documents:cleanup_action", args=[campaign.pk, "dispose"])
        response = self.client.post(
            dispose, {"document": drop.pk, f"doc-{drop.pk}-disposition": "repeal"}, follow=True
        )
        self.assertContains(response, f'id="id_doc-{drop.pk}-note_error"')
        self.assertFalse(campaign.items.exists())
        self.client.post(
            dispose,
            {"document": drop.pk, f"doc-{drop.pk}-disposition": "repeal", f"doc-{drop.pk}-note": "已被取代"},
        )
        self.client.post(dispose, {"document": keep.pk, f"doc-{keep.pk}-disposition": "continue"})
        self.assertEqual(campaign.items.count(), 2)
        response = self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "publish"]))
        self.assertIn("当前状态为“清理中”，不能公布清理结果", self.messages_of(response))
        self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "approve"]))
        self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "publish"]))
        campaign.refresh_from_db()
        self.assertEqual(campaign.status, CleanupCampaign.Status.PUBLISHED)
        self.assertTrue(
            ValidityEvent.objects.filter(document=drop, kind="repealed", campaign=campaign).exists()
        )
        self.assertFalse(ValidityEvent.objects.filter(document=keep).exists())
        page = self.client.get(reverse("documents:cleanup_detail", args=[campaign.pk]))
        self.assertContains(page, reverse("library:cleanup_result", args=[campaign.pk]))
        self.assertContains(self.client.get(CLEANUPS), "2026 年专项清理")
        verbs = set(
            AuditEvent.objects.filter(object_type="documents.cleanupcampaign").values_list("verb", flat=True)
        )
        self.assertEqual(
            verbs, {"cleanup.create", "cleanup.disposition", "cleanup.approve", "cleanup.publish"}
        )

    def test_an_empty_campaign_form_is_refused_next_to_the_fields(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            reverse("documents:cleanup_create"), {"title": "", "reason": "", "scope": ""}
        )
        self.assertContains(response, '<p class="field-error" role="alert">请填写清理名称</p>', html=True)
        self.assertContains(response, '<p class="field-error" role="alert">请填写清理原因</p>', html=True)
        self.assertFalse(CleanupCampaign.objects.exists())

    def test_drafters_get_404_on_the_cleanup_pages(self) -> None:
        campaign = actions.create_campaign(actor=self.reviewer, title="清理", reason="原因", scope="范围")
        self.login(self.drafter)
        self.assertEqual(self.client.get(CLEANUPS).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("documents:cleanup_detail", args=[campaign.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "approve"])).status_code,
            404,
        )


# ---------------------------------------------------------------------------------------------
# "我的工作"
