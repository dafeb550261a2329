from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.documents import actions, library
from fazhi.documents.models import CleanupCampaign, NormativeDocument, ValidityEvent
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


class ListPageTests(LibraryTestCase):
    URL = "/policies/"

    def test_anyone_sees_the_library_with_each_documents_status(self) -> None:
        response = self.client.get(self.URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, f'<a href="/policies/{self.ethics_title.pk}/">天津市科技伦理审查办法</a>', html=True
        )
        self.assertContains(response, self.ethics_title.number)
        self.assertContains(response, '<span class="badge badge-bad">废止</span>', html=True)
        self.assertContains(response, '<span class="badge badge-warn">尚未生效</span>', html=True)
        self.assertContains(response, "2025年（1）")
        self.assertNotContains(response, "数字经济")

    def test_a_search_marks_the_matches_and_escapes_the_titles(self) -> None:
        response = self.client.get(self.URL, {"q": "通知"})
        content = response.content.decode()
        self.assertIn("关于&lt;script&gt;alert(1)&lt;/script&gt;的<mark>通知</mark>", content)
        self.assertNotIn("<script>alert", content)
        self.assertContains(response, "检索到 2 件文件")

    def test_filters_by_year_and_status(self) -> None:
        response = self.client.get(self.URL, {"year": "2025"})
        self.assertEqual([h.document.pk for h in response.context["hits"]], [self.last_year.pk])
        response = self.client.get(self.URL, {"status": "declared_invalid"})
        self.assertEqual({h.document.pk for h in response.context["hits"]}, {self.invalid.pk, self.apart.pk})

    def test_bad_parameters_are_ignored_with_a_note(self) -> None:
        response = self.client.get(
            self.URL, {"year": "abc", "status": "bogus", "agency": "999999", "page": "x", "q": "伦理"}
        )
        self.assertEqual(response.status_code, 200)
        for note in ("年度须为四位数字", "没有“bogus”这一状态", "没有这一制定机关", "已忽略无效的页码“x”"):
            self.assertContains(response, note)
        self.assertEqual(len(response.context["hits"]), 2)

    def test_absurd_numbers_are_notes_too(self) -> None:
        for params in ({"year": str(2**70)}, {"page": str(2**70)}, {"agency": "-1"}, {"year": "\x00"}):
            with self.subTest(params=params):
                response = self.client.get(self.URL, params)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["notes"])

    def test_pages_of_results(self) -> None:
        with mock.patch.object(library, "PAGE_SIZE", 5):
            first = self.client.get(self.URL)
            self.assertContains(first, "第 1 / 3 页")
            self.assertContains(first, 'href="?page=2"')
            last = self.client.get(self.URL, {"page": "99"})
            self.assertContains(last, "第 3 / 3 页")
            self.assertEqual(len(last.context["hits"]), len(self.published) - 10)

    def test_the_list_takes_six_queries_with_or_without_a_search(self) -> None:
        self.client.get(self.URL)  # warm the content-type cache
        for params, extra in (
            ({}, 0),
            ({"year": "2026", "status": "in_force"}, 0),
            ({"q": "办法"}, search_queries()),
            ({"q": "办法", "year": "2026", "status": "in_force"}, search_queries()),
        ):
            with self.subTest(params=params), self.assertNumQueries(6 + extra):
                self.assertEqual(self.client.get(self.URL, params).status_code, 200)

    def test_nothing_to_show(self) -> None:
        self.assertContains(self.client.get(self.URL, {"q": "不存在的词语"}), "没有符合条件的文件。")


class DocumentPageTests(LibraryTestCase):
    def get(self, document: NormativeDocument) -> Any:
        return self.client.get(f"/policies/{document.pk}/")

    def test_a_published_document_with_its_data_status_and_text(self) -> None:
        response = self.get(self.ethics_title)
        self.assertEqual(response.status_code, 200)
        for text in (
            self.ethics_title.number,
            "天津市科学技术局",
            "2026年5月21日",
            "截至 2026年6月16日 现行有效",
            "<p>第一条 为规范审查工作，制定本办法。</p>",
            "已备案",
            "天津市司法局予以备案",
        ):
            self.assertContains(response, text)

    def test_the_text_is_escaped(self) -> None:
        response = self.get(self.html)
        self.assertContains(response, "第一条 &lt;b&gt;备案&lt;/b&gt;审查。")
        self.assertNotContains(response, "<b>备案</b>")

    def test_the_history_names_the_repealing_document_with_a_link(self) -> None:
        response = self.get(self.repealed)
        self.assertContains(response, "截至 2026年6月16日 废止")
        self.assertContains(
            response, f'<a href="/policies/{self.decision.pk}/">{self.decision}</a>', html=True
        )
        decision = self.get(self.decision)
        self.assertContains(decision, "本文件修改或废止的文件")
        self.assertContains(
            decision, f'<a href="/policies/{self.repealed.pk}/">{self.repealed}</a>', html=True
        )

    def test_a_cleanup_decision_links_to_the_published_result(self) -> None:
        self.assertContains(self.get(self.apart), f'href="/policies/cleanups/{self.campaign.pk}/"')

    def test_a_filing_not_yet_decided_is_shown_as_submitted(self) -> None:
        response = self.get(self.ethics_body)
        self.assertContains(response, "报送备案")
        self.assertNotContains(response, "予以备案")

    def test_answered_public_comments_are_shown_once_the_window_has_closed(self) -> None:
        response = self.get(self.commented)
        self.assertContains(response, "征求意见采纳情况")
        self.assertContains(response, "建议&lt;b&gt;明确&lt;/b&gt;评价时限")
        self.assertContains(response, "评价系上位法要求")
        self.assertNotContains(response, "13900000000")
        self.assertNotContains(self.get(self.ethics_title), "征求意见采纳情况")

    def test_anything_not_published_is_not_found(self) -> None:
        for document in (self.unpublished, self.open_draft, self.closed_draft):
            with self.subTest(title=document.title):
                self.assertEqual(self.get(document).status_code, 404)
        self.assertEqual(self.client.get("/policies/999999/").status_code, 404)
        self.assertEqual(self.client.get(f"/policies/{2**63}/").status_code, 404)

    def test_a_document_whose_publication_date_is_still_to_come_is_not_found(self) -> None:
        with at("2026-05-20"):
            self.assertEqual(self.get(self.ethics_title).status_code, 404)

    def test_the_page_takes_four_queries(self) -> None:
        self.get(self.repealed)
        with self.assertNumQueries(4):
            self.get(self.repealed)


class FeedAndExportTests(LibraryTestCase):
    def test_the_atom_feed_has_the_latest_documents(self) -> None:
        response = self.client.get("/policies/feed.atom")
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        content = response.content.decode()
        self.assertIn('xmlns="http://www.w3.org/2005/Atom"', content)
        self.assertIn('<feed xml:lang="zh-cn"', content)
        self.assertEqual(content.count("<entry>"), len(self.published))
        self.assertIn(f"http://testserver/policies/{self.ethics_title.pk}/", content)
        self.assertIn("关于&lt;script&gt;alert(1)&lt;/script&gt;的通知", content)
        self.assertNotIn("数字经济", content)

    def test_the_feed_holds_at_most_fifty(self) -> None:
        from fazhi.documents import public_views

        with mock.patch.object(public_views, "FEED_SIZE", 3):
            self.assertEqual(self.client.get("/policies/feed.atom").content.decode().count("<entry>"), 3)

    def test_the_csv_export_starts_with_a_byte_order_mark_for_excel(self) -> None:
        response = self.client.get("/policies/export.csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        body = b"".join(response.streaming_content)
        self.assertTrue(body.startswith("\ufeff".encode()))
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        self.assertEqual(
            rows[0],
            ["文号", "文件名称", "制定机关", "公布日期", "施行日期", "有效期届满日", "效力状态", "网址"],
        )
        self.assertEqual(len(rows), 1 + len(self.published))
        by_number = {row[0]: row for row in rows[1:]}
        row = by_number[self.repealed.number]
        self.assertEqual(row[1:4], ["天津市科技特派员管理办法", "天津市科学技术局", "2026-05-12"])
        self.assertEqual((row[6], row[7]), ("废止", f"http://testserver/policies/{self.repealed.pk}/"))

    def test_a_title_that_looks_like_a_formula_is_quoted(self) -> None:
        NormativeDocument.objects.filter(pk=self.science.pk).update(title="=HYPERLINK(1)")
        body = b"".join(self.client.get("/policies/export.csv").streaming_content).decode("utf-8-sig")
        self.assertIn("'=HYPERLINK(1)", body)

    def test_the_json_export_has_every_document_with_its_status_today(self) -> None:
        response = self.client.get("/policies/export.json")
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        data = json.loads(b"".join(response.streaming_content))
        self.assertEqual(data["generated_on"], "2026-06-16")
        self.assertEqual(len(data["documents"]), len(self.published))
        item = next(d for d in data["documents"] if d["number"] == self.not_yet.number)
        self.assertEqual(
            item,
            {
                "number": self.not_yet.number,
                "title": "天津市科技成果转化办法",
                "agency": "天津市科学技术局",
                "published_on": "2026-06-01",
                "effective_on": "2026-07-31",
                "expires_on": self.not_yet.expires_on.isoformat(),  # type: ignore[union-attr]
                "status": "not_yet_in_force",
                "status_label": "尚未生效",
                "url": f"http://testserver/policies/{self.not_yet.pk}/",
            },
        )

    def test_the_exports_read_the_library_in_one_query(self) -> None:
        with CaptureQueriesContext(connection) as queries:
            b"".join(self.client.get("/policies/export.json").streaming_content)
        self.assertEqual(len([q for q in queries if "documents_normativedocument" in q["sql"]]), 1)


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
