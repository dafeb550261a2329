from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

from django.core.cache import cache
from django.db import connection

from fazhi.documents import actions, library
from fazhi.documents.models import NormativeDocument, ValidityEvent
from fazhi.documents.tests.factories import TEXT, at, drafted, minutes, soliciting
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.documents.validity import Validity, status_on
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import LegalCounsel
from fazhi.reviews.tests.factories import make_counsel

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = D(2026, 6, 16)  # the day DocumentTestCase runs on
V = Validity


def search_queries() -> int:
    """Queries of a search beyond those of a plain list: none on SQLite; on PostgreSQL the
    savepoint and the planner settings around the index queries."""
    return 0 if connection.vendor == "sqlite" else 4


class LibraryTestCase(DocumentTestCase):
    """A small library reached through the real actions: documents in every status, a filed
    one, one with answered public comments, drafts in and out of their comment window, and a
    published cleanup."""

    @classmethod
    def reviewed(
        cls, title: str, start: D, comments: tuple[tuple[str, str, str], ...] = (), text: str = TEXT
    ) -> NormativeDocument:
        document = soliciting(cls.drafter, title=title, start=start.isoformat(), text=text)
        for text, adoption, answer in comments:
            with at(start + DAY):
                comment = actions.add_comment(
                    document, text=text, author_name="市民王某", contact="13900000000"
                )
                actions.answer_comment(comment, actor=cls.drafter, adoption=adoption, answer=answer)
        with at(start + 36 * DAY):
            review = actions.submit_for_review(
                document,
                actor=cls.drafter,
                legal_basis="《中华人民共和国科学技术进步法》",
                explanation="起草说明",
            )
            review_actions.accept_review(review, actor=cls.reviewer)
            review_actions.assign_review(
                review, actor=cls.reviewer, reviewers=[cls.reviewer], counsel=[cls.public_lawyer]
            )
        with at(start + 48 * DAY):
            review_actions.conclude_review(review, actor=cls.reviewer, conclusion="lawful")
        document.refresh_from_db()
        return document

    @classmethod
    def publish(
        cls,
        title: str,
        body: str,
        *,
        on: str,
        effective_days: int = 0,
        comments: tuple[tuple[str, str, str], ...] = (),
    ) -> NormativeDocument:
        day = D.fromisoformat(on)
        document = cls.reviewed(title, day - 50 * DAY, comments, text=body)
        with at(day):
            actions.record_deliberation(
                document,
                actor=cls.reviewer,
                meeting_name="局长办公会",
                meeting_on=day,
                outcome="passed",
                minutes=minutes(),
            )
            actions.issue_document(document, actor=cls.reviewer, signed_by="陈局长")
            actions.publish_document(
                document,
                actor=cls.reviewer,
                published_on=day,
                effective_on=day + effective_days * DAY,
                channel="天津市科学技术局网站",
            )
        document.refresh_from_db()
        return document

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Engaged long enough for the documents of 2024 and 2025.
        cls.public_lawyer = make_counsel(
            name="钱律师",
            number="11201200510654321",
            start=D(2023, 1, 1),
            kind=LegalCounsel.Kind.PUBLIC_LAWYER,
        )
        p = cls.publish
        cls.ethics_title = p("天津市科技伦理审查办法", "第一条 为规范审查工作，制定本办法。", on="2026-05-21")
        cls.ethics_body = p(
            "天津市科研诚信管理办法",
            "第一条 科研活动应当遵守伦理规范。\n第二条 伦理审查委员会负责伦理审查。",
            on="2026-05-22",
        )
        cls.together = p("关于支持研发平台建设的通知", "第一条 支持科技创新平台建设。", on="2026-05-25")
        cls.apart = p("关于加强人才队伍建设的意见", "第一条 鼓励科技人员开展创新活动。", on="2026-05-26")
        cls.science = p(
            "天津市科学技术普及办法", "第一条 为了加强科学技术普及工作，制定本办法。", on="2026-05-27"
        )
        cls.html = p("关于<script>alert(1)</script>的通知", "第一条 <b>备案</b>审查。", on="2026-05-28")
        cls.last_year = p("天津市技术合同登记办法", "第一条 技术合同应当登记备案。", on="2025-04-20")
        cls.not_yet = p("天津市科技成果转化办法", "第一条 促进成果转化。", on="2026-06-01", effective_days=60)
        cls.amended = p("天津市重点实验室管理办法", "第一条 重点实验室实行分类管理。", on="2026-05-11")
        cls.repealed = p("天津市科技特派员管理办法", "第一条 科技特派员服务基层。", on="2026-05-12")
        cls.invalid = p("天津市众创空间认定办法", "第一条 众创空间认定。", on="2026-05-13")
        cls.decision = p("关于修改和废止部分规范性文件的决定", "第一条 修改和废止。", on="2026-05-29")
        # Provisional: valid for 24 months from 2024-04-20, so expired by 2026-06-16.
        cls.expired = p("天津市科技创新券管理暂行办法", "第一条 创新券。", on="2024-04-20")
        cls.commented = p(
            "天津市科技型中小企业评价办法",
            "第一条 评价工作。",
            on="2026-05-30",
            comments=(
                ("建议<b>明确</b>评价时限", "adopted", "已采纳"),
                ("建议取消评价", "not_adopted", "评价系上位法要求"),
            ),
        )
        with at("2026-06-01"):
            actions.record_validity_event(
                cls.amended, actor=cls.reviewer, kind="amended", on=D(2026, 6, 1), by_document=cls.decision
            )
        with at("2026-06-05"):
            actions.record_validity_event(
                cls.repealed, actor=cls.reviewer, kind="repealed", on=D(2026, 6, 5), by_document=cls.decision
            )
            actions.record_validity_event(
                cls.invalid,
                actor=cls.reviewer,
                kind="declared_invalid",
                on=D(2026, 6, 5),
                note="与上位法抵触",
            )
        with at("2026-05-25"):
            filing = actions.file_document(cls.ethics_title, actor=cls.reviewer, explanation="起草说明")
        with at("2026-05-30"):
            actions.decide_filing(filing, actor=cls.filing_officer, decision="filed")
        with at("2026-05-26"):
            actions.file_document(cls.ethics_body, actor=cls.reviewer, explanation="起草说明")
        cls.campaign = actions.create_campaign(
            actor=cls.reviewer,
            title="2026年规范性文件专项清理",
            reason="上位法修订",
            scope="现行有效的规范性文件",
        )
        with at("2026-06-10"):
            actions.set_disposition(cls.campaign, cls.science, actor=cls.reviewer, disposition="continue")
            actions.set_disposition(
                cls.campaign, cls.apart, actor=cls.reviewer, disposition="declare_invalid", note="已过时"
            )
            actions.approve_campaign(cls.campaign, actor=cls.reviewer)
            actions.publish_campaign(cls.campaign, actor=cls.reviewer)
        cls.draft_campaign = actions.create_campaign(
            actor=cls.reviewer, title="另一次清理", reason="原因", scope="范围"
        )
        cls.open_draft = soliciting(cls.drafter, title="天津市人工智能产业促进办法", start="2026-06-10")
        cls.closed_draft = soliciting(cls.drafter, title="天津市生物医药创新办法", start="2026-04-01")
        cls.unpublished = drafted(cls.drafter, title="天津市数字经济促进办法")
        cls.published = [
            cls.ethics_title,
            cls.ethics_body,
            cls.together,
            cls.apart,
            cls.science,
            cls.html,
            cls.last_year,
            cls.not_yet,
            cls.amended,
            cls.repealed,
            cls.invalid,
            cls.decision,
            cls.expired,
            cls.commented,
        ]

    def setUp(self) -> None:
        super().setUp()
        cache.clear()

    def ids(self, q: str = "", **filters: Any) -> list[int]:
        return [hit.document.pk for hit in library.search_documents(q, **filters)[0]]


class SearchTests(LibraryTestCase):
    def test_a_two_character_word_is_found_in_titles_and_bodies_the_title_first(self) -> None:
        self.assertEqual(self.ids("伦理"), [self.ethics_title.pk, self.ethics_body.pk])

    def test_a_four_character_phrase_needs_its_characters_together(self) -> None:
        found = self.ids("科技创新")
        self.assertIn(self.together.pk, found)
        self.assertIn(self.expired.pk, found)  # 科技创新券
        self.assertNotIn(self.apart.pk, found)  # 科技人员开展创新活动

    def test_a_word_does_not_match_other_characters_between_its_own(self) -> None:
        self.assertNotIn(self.science.pk, self.ids("科技"))  # 科学技术 holds 科学 学技 技术, not 科技
        self.assertEqual(self.ids("科学技术"), [self.science.pk])

    def test_a_single_character_is_looked_for_in_the_text(self) -> None:
        self.assertEqual(self.ids("普"), [self.science.pk])
        self.assertEqual(self.ids("普 科学"), [self.science.pk])

    def test_the_number_is_searchable(self) -> None:
        self.assertEqual(self.ids(self.last_year.number), [self.last_year.pk])

    def test_hits_carry_escaped_titles_and_snippets_with_the_matches_marked(self) -> None:
        self.assertEqual(library.search_documents("备案审查")[1], 0)  # the tag stands between them
        [hit], total = library.search_documents("备案 审查")
        self.assertEqual(total, 1)
        self.assertEqual(hit.title_html, "关于&lt;script&gt;alert(1)&lt;/script&gt;的通知")
        self.assertEqual(hit.snippet, "第一条 &lt;b&gt;<mark>备案</mark>&lt;/b&gt;<mark>审查</mark>。")
        self.assertEqual(hit.status, V.IN_FORCE)

    def test_filters_narrow_a_search(self) -> None:
        self.assertEqual(set(self.ids("备案")), {self.html.pk, self.last_year.pk})
        self.assertEqual(self.ids("备案", year=2025), [self.last_year.pk])
        self.assertEqual(self.ids("备案", year=2024), [])
        self.assertEqual(self.ids("办法", status=V.REPEALED), [self.repealed.pk])
        self.assertEqual(self.ids("办法", agency=self.bureau.pk, year=2024), [self.expired.pk])
        self.assertEqual(self.ids("办法", agency=self.justice_bureau.pk), [])

    def test_without_a_query_the_newest_come_first(self) -> None:
        hits, total = library.search_documents()
        self.assertEqual(total, len(self.published))
        days = [hit.document.published_on for hit in hits]
        self.assertEqual(days, sorted(days, reverse=True))
        self.assertIsNone(hits[0].snippet)

    def test_pages_go_on_past_the_ranked_window_newest_first_without_gaps(self) -> None:
        everything = self.ids("办法", limit=100)
        with mock.patch.object(library, "RANK_WINDOW", 3):
            paged = [pk for offset in range(0, 12, 2) for pk in self.ids("办法", limit=2, offset=offset)]
            self.assertEqual(paged, self.ids("办法", limit=100))
        self.assertEqual(sorted(paged), sorted(everything))
        self.assertEqual(paged[-4:], sorted(paged[-4:], reverse=True))  # past the window: newest first

    def test_an_offset_past_the_end_is_an_empty_page(self) -> None:
        self.assertEqual(library.search_documents("办法", offset=1000)[0], [])
        self.assertEqual(library.search_documents(offset=1000)[0], [])

    def test_drafts_and_unpublished_documents_are_never_found(self) -> None:
        self.assertEqual(self.ids("数字经济"), [])
        self.assertEqual(self.ids("人工智能"), [])


class StatusTests(LibraryTestCase):
    DAYS = [D(2024, 5, 1), D(2026, 5, 31), TODAY, D(2026, 8, 1), D(2029, 1, 1), D(2031, 12, 31)]

    def test_the_status_in_sql_is_status_on(self) -> None:
        for day in self.DAYS:
            for document in library.with_status(library.library_documents(day), day):
                with self.subTest(day=day, title=document.title):
                    self.assertEqual(document.status_today, status_on(document, day))  # type: ignore[attr-defined]

    def test_each_status_filter_selects_exactly_the_documents_with_that_status(self) -> None:
        for day in self.DAYS:
            expected: dict[str, set[int]] = {s: set() for s in library.LIBRARY_STATUSES}
            for document in library.library_documents(day):
                expected[status_on(document, day)].add(document.pk)
            for status in library.LIBRARY_STATUSES:
                with self.subTest(day=day, status=status):
                    found = library.filter_by_status(library.library_documents(day), status, day)
                    self.assertEqual(set(found.values_list("pk", flat=True)), expected[status])
                    searched = self.ids("第一条", status=status, day=day, limit=100)
                    self.assertEqual(set(searched), expected[status])

    def test_the_first_of_several_terminal_events_decides(self) -> None:
        actions.expire_documents(today=TODAY)  # 失效 recorded for the provisional document
        with at("2026-06-10"):
            actions.record_validity_event(
                self.last_year,
                actor=self.reviewer,
                kind="repealed",
                on=D(2026, 6, 10),
                by_document=self.decision,
            )
        # Recorded out of order, as an import might: 失效 after the repeal, and on the same day.
        ValidityEvent.objects.create(document=self.last_year, kind="expired", on=D(2026, 6, 12))
        ValidityEvent.objects.create(document=self.together, kind="expired", on=D(2026, 6, 14))
        ValidityEvent.objects.create(document=self.together, kind="declared_invalid", on=D(2026, 6, 14))
        self.assertEqual(status_on(self.last_year, TODAY), V.REPEALED)
        self.assertEqual(status_on(self.together, TODAY), V.EXPIRED)
        self.test_the_status_in_sql_is_status_on()
        self.test_each_status_filter_selects_exactly_the_documents_with_that_status()

    def test_the_filters_follow_every_change_of_events_and_dates(self) -> None:
        def in_force() -> set[int]:
            return set(
                library.filter_by_status(library.library_documents(TODAY), V.IN_FORCE, TODAY).values_list(
                    "pk", flat=True
                )
            )

        self.assertNotIn(self.repealed.pk, in_force())
        ValidityEvent.objects.filter(document=self.repealed).delete()
        self.assertIn(self.repealed.pk, in_force())
        ValidityEvent.objects.create(document=self.ethics_title, kind="repealed", on=D(2026, 6, 1))
        self.assertNotIn(self.ethics_title.pk, in_force())
        ValidityEvent.objects.filter(document=self.amended).update(on=D(2026, 7, 1))
        NormativeDocument.objects.filter(pk=self.not_yet.pk).update(effective_on=D(2026, 6, 2))
        self.assertLessEqual({self.amended.pk, self.not_yet.pk}, in_force())
        NormativeDocument.objects.filter(pk=self.not_yet.pk).update(published_on=None)
        self.assertNotIn(self.not_yet.pk, in_force())
        self.test_the_status_in_sql_is_status_on()
        self.test_each_status_filter_selects_exactly_the_documents_with_that_status()

    def test_today_each_status_is_present(self) -> None:
        statuses = {d.pk: s for d in self.published if (s := status_on(d, TODAY))}
        self.assertEqual(
            {statuses[d.pk] for d in (self.not_yet, self.amended, self.repealed, self.invalid, self.expired)},
            {V.NOT_YET_IN_FORCE, V.AMENDED, V.REPEALED, V.DECLARED_INVALID, V.EXPIRED},
        )

    def test_the_years_are_counted(self) -> None:
        self.assertEqual(library.year_counts(TODAY), [(2026, 12), (2025, 1), (2024, 1)])
        self.assertEqual(library.year_counts(D(2025, 12, 31)), [(2025, 1), (2024, 1)])
