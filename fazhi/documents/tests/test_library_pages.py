"""The public library's pages: the list, a document's page, the feed and the export."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.documents import library
from fazhi.documents.models import NormativeDocument
from fazhi.documents.tests.factories import at
from fazhi.documents.tests.test_library import LibraryTestCase, search_queries


def shown(response: Any) -> list[int]:
    """The documents in the table of a list page, in its order."""
    table = response.content.decode().partition("<tbody>")[2].partition("</tbody>")[0]
    return [int(pk) for pk in re.findall(r'<td class="title"><a href="/policies/(\d+)/">', table)]


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
        self.assertEqual(shown(response), [self.last_year.pk])
        response = self.client.get(self.URL, {"status": "declared_invalid"})
        self.assertEqual(set(shown(response)), {self.invalid.pk, self.apart.pk})

    def test_bad_parameters_are_ignored_with_a_note(self) -> None:
        response = self.client.get(
            self.URL, {"year": "abc", "status": "bogus", "agency": "999999", "page": "x", "q": "伦理"}
        )
        self.assertEqual(response.status_code, 200)
        for note in ("年度须为四位数字", "没有“bogus”这一状态", "没有这一制定机关", "已忽略无效的页码“x”"):
            self.assertContains(response, note)
        self.assertEqual(len(shown(response)), 2)

    def test_absurd_numbers_are_notes_too(self) -> None:
        for params in ({"year": str(2**70)}, {"page": str(2**70)}, {"agency": "-1"}, {"year": "\x00"}):
            with self.subTest(params=params):
                response = self.client.get(self.URL, params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, '<p class="status-banner warn" role="status">已忽略无效的')

    def test_pages_of_results(self) -> None:
        with mock.patch.object(library, "PAGE_SIZE", 5):
            first = self.client.get(self.URL)
            self.assertContains(first, "第 1 / 3 页")
            self.assertContains(first, 'href="?page=2"')
            last = self.client.get(self.URL, {"page": "99"})
            self.assertContains(last, "第 3 / 3 页")
            self.assertEqual(len(shown(last)), len(self.published) - 10)

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
        from fazhi.documents import public_exports

        with mock.patch.object(public_exports, "FEED_SIZE", 3):
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
