from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command

from fazhi.core.workflow import DomainError
from fazhi.documents import actions
from fazhi.documents.models import ValidityEvent
from fazhi.documents.tests.factories import at, published
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.documents.validity import Validity, banner, status_on

D = datetime.date


class PointInTimeTests(DocumentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Published 21 May, in force from 1 June 2026.
        cls.original = published(cls.drafter, cls.reviewer, cls.counsel, on="2026-05-21", effective_days=11)
        cls.amending = published(
            cls.drafter,
            cls.reviewer,
            cls.counsel,
            title="关于修改科技计划项目管理办法的决定",
            on="2026-05-29",
        )

    def test_before_publication_a_document_has_no_legal_effect(self) -> None:
        self.assertEqual(status_on(self.original, D(2026, 5, 20)), Validity.NOT_PUBLISHED)

    def test_between_publication_and_the_effective_date_it_is_not_yet_in_force(self) -> None:
        self.assertEqual(status_on(self.original, D(2026, 5, 31)), Validity.NOT_YET_IN_FORCE)
        self.assertEqual(status_on(self.original, D(2026, 6, 1)), Validity.IN_FORCE)

    def test_status_before_and_after_an_amendment(self) -> None:
        actions.record_validity_event(
            self.original,
            actor=self.reviewer,
            kind="amended",
            on=D(2026, 6, 10),
            by_document=self.amending,
            note="修改第二条",
        )
        self.assertEqual(status_on(self.original, D(2026, 6, 9)), Validity.IN_FORCE)
        self.assertEqual(status_on(self.original, D(2026, 6, 10)), Validity.AMENDED)
        self.assertEqual(banner(self.original, D(2026, 6, 9)), "截至 2026年6月9日 现行有效")

    def test_a_repeal_ends_it_on_its_date_and_names_the_repealing_document(self) -> None:
        actions.record_validity_event(
            self.original, actor=self.reviewer, kind="repealed", on=D(2026, 6, 12), by_document=self.amending
        )
        self.assertEqual(status_on(self.original, D(2026, 6, 11)), Validity.IN_FORCE)
        self.assertEqual(status_on(self.original, D(2026, 6, 12)), Validity.REPEALED)
        with self.assertRaisesMessage(DomainError, "已经失效或废止"):
            actions.record_validity_event(
                self.original, actor=self.reviewer, kind="declared_invalid", on=D(2026, 6, 13)
            )

    def test_amendment_and_repeal_must_name_a_document(self) -> None:
        with self.assertRaisesMessage(DomainError, "应当载明据以修改、废止的文件"):
            actions.record_validity_event(
                self.original, actor=self.reviewer, kind="repealed", on=D(2026, 6, 12)
            )

    def test_only_the_legal_affairs_division_records_validity(self) -> None:
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            actions.record_validity_event(
                self.original, actor=self.drafter, kind="declared_invalid", on=D(2026, 6, 12)
            )

    def test_after_the_expiry_date_it_is_expired_even_before_the_command_runs(self) -> None:
        self.assertEqual(status_on(self.original, D(2031, 6, 1)), Validity.IN_FORCE)
        self.assertEqual(status_on(self.original, D(2031, 6, 2)), Validity.EXPIRED)


class AutoExpiryTests(DocumentTestCase):
    def test_the_expiry_command_records_once_however_often_it_runs(self) -> None:
        document = published(
            self.drafter, self.reviewer, self.counsel, title="科技创新券管理暂行办法", on="2026-05-21"
        )
        self.assertEqual(document.expires_on, D(2028, 5, 21))
        with at("2028-05-21"):
            self.assertEqual(actions.expire_documents(), 0)
        with at("2028-05-22"):
            out = StringIO()
            call_command("documents", "expire", stdout=out)
            self.assertIn("已记录失效 1 件", out.getvalue())
            call_command("documents", "expire", stdout=StringIO())
        events = ValidityEvent.objects.filter(document=document, kind="expired")
        self.assertEqual([e.on for e in events], [D(2028, 5, 22)])
        self.assertEqual(status_on(document, D(2028, 5, 22)), Validity.EXPIRED)


class CleanupTests(DocumentTestCase):
    def test_a_campaign_disposes_of_documents_and_its_publication_changes_their_status(self) -> None:
        keep = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        drop = published(
            self.drafter, self.reviewer, self.counsel, title="天津市科技创新券管理办法", on="2026-05-22"
        )
        campaign = actions.create_campaign(
            actor=self.reviewer,
            title="2026年规范性文件专项清理",
            reason="《中华人民共和国科学技术进步法》修订",
            scope="现行有效的规范性文件",
        )
        actions.set_disposition(campaign, keep, actor=self.reviewer, disposition="continue")
        with self.assertRaisesMessage(DomainError, "应当说明理由"):
            actions.set_disposition(campaign, drop, actor=self.reviewer, disposition="repeal")
        actions.set_disposition(
            campaign, drop, actor=self.reviewer, disposition="repeal", note="与上位法不一致"
        )
        actions.approve_campaign(campaign, actor=self.reviewer)
        with at("2026-06-20"):
            actions.publish_campaign(campaign, actor=self.reviewer)
        self.assertEqual(status_on(drop, D(2026, 6, 20)), Validity.REPEALED)
        self.assertEqual(status_on(keep, D(2026, 6, 20)), Validity.IN_FORCE)
        event = ValidityEvent.objects.get(document=drop)
        self.assertEqual(event.campaign, campaign)

    def test_a_campaign_cannot_be_published_before_approval(self) -> None:
        from fazhi.core.workflow import InvalidTransition

        campaign = actions.create_campaign(actor=self.reviewer, title="清理", reason="原因", scope="范围")
        with self.assertRaises(InvalidTransition):
            actions.publish_campaign(campaign, actor=self.reviewer)

    def test_an_unpublished_document_is_not_in_a_cleanup(self) -> None:
        from fazhi.documents.tests.factories import drafted

        campaign = actions.create_campaign(actor=self.reviewer, title="清理", reason="原因", scope="范围")
        with self.assertRaisesMessage(DomainError, "不是现行有效的文件"):
            actions.set_disposition(
                campaign, drafted(self.drafter), actor=self.reviewer, disposition="continue"
            )
