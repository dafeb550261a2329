"""The opinion letter's number: its own gap-free yearly series (津科法审〔2026〕68号)."""

from __future__ import annotations

import datetime

from fazhi.core.models import IssuedNumber, NumberSeries
from fazhi.reviews import actions
from fazhi.reviews.letter import letter_number
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import accepted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase

D = datetime.date


class LetterNumberTests(ReviewTestCase):
    def conclude(self, title: str) -> ReviewRequest:
        review = accepted_review(self.drafter, self.reviewer, self.counsel, title=title)
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        review.refresh_from_db()
        return review

    def test_each_year_numbers_its_letters_from_one_without_gaps_codes_or_padding(self) -> None:
        """GB/T 9704-2012 §7.2.5: 发文字号由发文机关代字、年份、发文顺序号组成……年份应标全称，用六角
        括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1不编为01）. A letter's number is its own
        series — not the review's internal code (DOMAIN.md §4, §12)."""
        archived = actions.import_concluded_review(
            actor=self.reviewer,
            division=self.sci_division,
            title="关于某事项的复函",
            subject_kind=ReviewRequest.SubjectKind.OTHER,
            legal_basis="《中华人民共和国科学技术进步法》",
            submitted_on=D(2021, 3, 1),
            accepted_on=D(2021, 3, 2),
            concluded_on=D(2021, 3, 12),
            conclusion="lawful",
            opinions=[],
            reviewer=self.reviewer,
        )
        first = self.conclude("天津市科技型企业评价办法")
        second = self.conclude("与南开大学共建联合实验室合作协议")
        year = first.concluded_on.year
        self.assertEqual(archived.letter_number, "津科法审〔2021〕1号")
        self.assertEqual(
            [letter_number(first), letter_number(second)],
            [f"津科法审〔{year}〕1号", f"津科法审〔{year}〕2号"],
        )
        self.assertNotIn("HF", first.letter_number)
        series = NumberSeries.objects.get(kind=NumberSeries.Kind.REVIEW_LETTER)
        self.assertEqual(series.prefix, "津科法审")
        self.assertEqual(
            list(IssuedNumber.objects.filter(series=series, year=year).values_list("sequence", "subject_id")),
            [(2, str(second.pk)), (1, str(first.pk))],
        )


class ArchiveLinkTests(ReviewTestCase):
    def test_an_archived_review_is_linked_once_to_the_record_it_reviewed_and_audited(self) -> None:
        from django.core.exceptions import PermissionDenied

        from fazhi.core.models import AuditEvent
        from fazhi.core.workflow import DomainError

        review = actions.import_concluded_review(
            actor=self.reviewer,
            division=self.sci_division,
            title="天津市科技计划项目管理办法",
            subject_kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT,
            legal_basis="《中华人民共和国科学技术进步法》",
            submitted_on=D(2021, 1, 20),
            accepted_on=D(2021, 1, 21),
            concluded_on=D(2021, 2, 1),
            conclusion="lawful",
            opinions=[],
            reviewer=self.reviewer,
        )
        with self.assertRaises(PermissionDenied):
            actions.link_archived_review(review, self.sci_division, actor=self.drafter)
        actions.link_archived_review(review, self.sci_division, actor=self.reviewer)
        review.refresh_from_db()
        self.assertEqual(review.subject_id, str(self.sci_division.pk))
        self.assertEqual(AuditEvent.objects.filter(verb="review.link_subject").count(), 1)
        with self.assertRaisesMessage(DomainError, "已关联"):
            actions.link_archived_review(review, self.sci_division, actor=self.reviewer)
