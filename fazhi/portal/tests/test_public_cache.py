"""The public pages' cache (core.publiccache): served without a query the second time, renewed
by a publication and by the date, validators and 304, and never a page with a token, a captcha,
a message or a signed-in user's view."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from fazhi.core import publiccache
from fazhi.decisions.tests.factories import at as decisions_at
from fazhi.decisions.tests.test_public import PublicTestCase
from fazhi.documents import actions
from fazhi.documents.tests.factories import at, published, soliciting
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.documents.tests.test_library import search_queries

D = datetime.date


def queries_of(client: Client, path: str, **headers: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers)
    return response, len(captured.captured_queries)


@override_settings(FAZHI_PUBLIC_CACHE=True)
class PublicCacheTests(DocumentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.first = published(cls.drafter, cls.reviewer, cls.counsel, title="天津市科技计划项目管理办法")

    def setUp(self) -> None:
        super().setUp()
        caches["public"].clear()

    def test_the_second_anonymous_request_is_served_without_a_query(self) -> None:
        with at("2026-06-16"):
            first, n_first = queries_of(self.client, "/policies/")
            second, n_second = queries_of(self.client, "/policies/")
        self.assertGreater(n_first, 0)
        self.assertEqual(n_second, 0)
        self.assertEqual(first.content, second.content)
        self.assertContains(second, "天津市科技计划项目管理办法")
        self.assertEqual(first["ETag"], second["ETag"])
        self.assertTrue(second["ETag"].startswith('"'))
        self.assertIn("Last-Modified", second)
        self.assertRegex(second["Cache-Control"], r"^public, max-age=([1-9]|[1-5][0-9]|60)$")
        self.assertIn("Cookie", second["Vary"])
        self.assertIn("Accept-Language", second["Vary"])
        self.assertNotIn("Set-Cookie", second)

    def test_a_visitors_page_carries_no_csrf_token_and_sets_no_cookie(self) -> None:
        with at("2026-06-16"):
            response = self.client.get("/policies/")
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertNotContains(response, "X-CSRFToken")
        self.assertEqual(response.cookies, {})
        self.assertContains(response, 'action="/i18n/public/"')

    def test_a_visitor_switches_the_language_without_a_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post("/i18n/public/", {"language": "en", "next": "/policies/"})
        self.assertRedirects(response, "/policies/", fetch_redirect_response=False)
        with at("2026-06-16"):
            english = client.get("/policies/")
            chinese = self.client.get("/policies/")
        self.assertEqual(english["Content-Language"], "en")
        self.assertEqual(chinese["Content-Language"], "zh-hans")
        self.assertNotEqual(english.content, chinese.content)

    def test_publishing_a_document_renews_the_library(self) -> None:
        with at("2026-06-16"):
            before = self.client.get("/policies/")
        self.assertNotContains(before, "天津市科技成果转化办法")
        with self.captureOnCommitCallbacks(execute=True):
            published(
                self.drafter, self.reviewer, self.counsel, title="天津市科技成果转化办法", on="2026-06-16"
            )
        with at("2026-06-16"):
            after, n_after = queries_of(self.client, "/policies/")
        self.assertGreater(n_after, 0)
        self.assertContains(after, "天津市科技成果转化办法")
        self.assertNotEqual(before["ETag"], after["ETag"])

    def test_declaring_invalid_renews_the_document_page(self) -> None:
        path = f"/policies/{self.first.pk}/"
        with at("2026-06-16"):
            self.assertContains(self.client.get(path), "现行有效")
            with self.captureOnCommitCallbacks(execute=True):
                actions.record_validity_event(
                    self.first,
                    actor=self.reviewer,
                    kind="declared_invalid",
                    on=D(2026, 6, 16),
                    note="宣布失效",
                )
            self.assertContains(self.client.get(path), "宣布失效")

    def test_the_date_is_part_of_the_key(self) -> None:
        # Not yet in force the day before it takes effect; in force, and rendered anew, on the day.
        later = published(
            self.drafter, self.reviewer, self.counsel, title="天津市科技创新券办法", effective_days=30
        )
        assert later.effective_on is not None
        path = f"/policies/{later.pk}/"
        with at(later.effective_on - datetime.timedelta(days=1)):
            self.assertContains(self.client.get(path), "尚未生效")
        with at(later.effective_on):
            response, n = queries_of(self.client, path)
        self.assertGreater(n, 0)
        self.assertNotContains(response, "尚未生效")

    def test_a_matching_etag_or_date_gets_304(self) -> None:
        with at("2026-06-16"):
            first = self.client.get("/policies/")
            etag = first["ETag"]
            unchanged, n = queries_of(self.client, "/policies/", if_none_match=etag)
            since = self.client.get("/policies/", headers={"if-modified-since": first["Last-Modified"]})
            changed = self.client.get("/policies/", headers={"if-none-match": '"something-else"'})
        self.assertEqual((unchanged.status_code, n), (304, 0))
        self.assertEqual(unchanged["ETag"], etag)
        self.assertEqual(unchanged.content, b"")
        self.assertEqual(since.status_code, 304)
        self.assertEqual(changed.status_code, 200)

    def test_head_is_answered_from_the_cache_without_the_content(self) -> None:
        with at("2026-06-16"):
            page = self.client.get("/policies/")
            with CaptureQueriesContext(connection) as captured:
                head = self.client.head("/policies/")
        self.assertEqual((head.status_code, len(captured.captured_queries)), (200, 0))
        self.assertEqual(head.content, b"")
        self.assertEqual(head["ETag"], page["ETag"])
        self.assertEqual(head["Content-Type"], page["Content-Type"])

    def test_an_entry_of_another_shape_is_a_miss(self) -> None:
        with at("2026-06-16"):
            key = publiccache.page_key(
                RequestFactory().get("/policies/"), D(2026, 6, 16), publiccache.generation()
            )
            caches["public"].set(key, {"content": b"x", "old_field": 1})
            response, n = queries_of(self.client, "/policies/")
            self.assertIn("etag", caches["public"].get(key))  # the same key, stored anew
        self.assertEqual(response.status_code, 200)
        self.assertGreater(n, 0)
        self.assertContains(response, "天津市科技计划项目管理办法")

    def test_a_signed_in_user_never_gets_the_visitors_page(self) -> None:
        with at("2026-06-16"):
            anonymous = self.client.get("/policies/")
            self.client.get("/policies/")  # now from the cache
            staff = Client()
            staff.force_login(self.drafter)
            response, n = queries_of(staff, "/policies/")
            again = self.client.get("/policies/")
        self.assertGreater(n, 0)
        self.assertContains(response, "张起草")
        self.assertNotIn("public", response.get("Cache-Control", ""))
        self.assertNotEqual(response.content, anonymous.content)
        self.assertNotContains(again, "张起草")
        self.assertEqual(again.content, anonymous.content)

    def test_the_transparency_page_is_kept_ten_seconds_and_only_for_visitors(self) -> None:
        with at("2026-06-16"):
            self.client.get("/transparency/")
            visitor, n = queries_of(self.client, "/transparency/")
            staff = Client()
            staff.force_login(self.drafter)
            signed_in = staff.get("/transparency/")
        self.assertEqual((visitor.status_code, n), (200, 0))
        self.assertRegex(visitor["Cache-Control"], r"^public, max-age=([1-9]|10)$")
        self.assertNotIn("Cache-Control", signed_in)

    def test_error_pages_are_never_cached(self) -> None:
        with at("2026-06-16"):
            self.client.get("/policies/999999/")
            response, n = queries_of(self.client, "/policies/999999/")
        self.assertEqual(response.status_code, 404)
        self.assertGreater(n, 0)
        self.assertNotIn("ETag", response)

    def test_a_request_with_a_message_is_neither_served_nor_stored(self) -> None:
        with at("2026-06-16"):
            self.client.get("/policies/")
            self.client.cookies["messages"] = "anything"
            response, n = queries_of(self.client, "/policies/")
        self.assertGreater(n, 0)
        self.assertNotIn("ETag", response)

    def test_a_draft_with_its_comment_form_is_never_cached(self) -> None:
        draft = soliciting(self.drafter, title="天津市科技伦理审查办法（征求意见稿）", start="2026-06-10")
        path = f"/policies/drafts/{draft.pk}/"
        with at("2026-06-16"):
            first = self.client.get(path)
            second, n = queries_of(self.client, path)
        self.assertContains(first, "csrfmiddlewaretoken")
        self.assertGreater(n, 0)
        self.assertNotIn("ETag", second)

    def test_the_public_api_is_cached_for_anonymous_readers_only(self) -> None:
        with at("2026-06-16"):
            self.client.get("/api/v1/documents")
            response, n = queries_of(self.client, "/api/v1/documents")
            _bearer, n_bearer = queries_of(self.client, "/api/v1/documents", authorization="Bearer nothing")
        self.assertEqual((response.status_code, n), (200, 0))
        self.assertEqual(response.json()["items"][0]["title"], "天津市科技计划项目管理办法")
        self.assertGreater(n_bearer, 0)

    def test_a_search_is_not_kept_but_the_page_around_it_is(self) -> None:
        with at("2026-06-16"):
            self.client.get("/policies/?q=科技")
            response, n = queries_of(self.client, "/policies/?q=科技")
        self.assertContains(response, "计划项目管理办法")
        self.assertEqual(n, 3 + search_queries())  # the search's own, not the years' or bodies'
        self.assertNotIn("ETag", response)

    def test_the_year_counts_are_computed_once_per_publication(self) -> None:
        with at("2026-06-16"):
            self.client.get("/policies/?q=科技")
            with CaptureQueriesContext(connection) as captured:
                self.client.get("/policies/?q=项目")
        sql = [q["sql"] for q in captured.captured_queries]
        self.assertFalse(
            [q for q in sql if "min(published_on)" in q or "count(*) FROM documents_library" in q]
        )
        self.assertFalse([q for q in sql if q.startswith('SELECT "core_organization"')])
        self.assertEqual(len(sql), 3 + search_queries())  # the search's own

    def test_the_generation_changes_only_after_the_commit(self) -> None:
        before = publiccache.generation()
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            published(self.drafter, self.reviewer, self.counsel, title="天津市科技奖励办法", on="2026-06-16")
        self.assertEqual(publiccache.generation(), before)
        for callback in callbacks:
            callback()
        self.assertNotEqual(publiccache.generation(), before)

    def test_the_public_verbs(self) -> None:
        for verb in (
            "document.publish",
            "document.validity.repealed",
            "document.validity.expired",
            "document.validity.declared_invalid",
            "filing.filed",
            "cleanup.publish",
            "catalog.publish",
            "decision.publish",
            "inspection.plan_publish",
            "inspection.result_publish",
            "enforcement.publish",
            "enforcement.withdraw_publicity",
            "report.publish",
            "legislation.open_comment",
        ):
            self.assertTrue(publiccache.changes_public_pages(verb), verb)
        for verb in ("review.accept", "ledger.report", "token.create", "learning.submit"):
            self.assertFalse(publiccache.changes_public_pages(verb), verb)


@override_settings(FAZHI_PUBLIC_CACHE=True)
class CaptchaPagesTests(PublicTestCase):
    def setUp(self) -> None:
        super().setUp()
        caches["public"].clear()

    def test_a_consultation_with_its_captcha_is_never_cached(self) -> None:
        consultation = self.open_consultation()
        with decisions_at("2026-01-20"):
            first = self.client.get(self.url(consultation))
            self.client.cookies.clear()
            second, n = queries_of(self.client, self.url(consultation))
        self.assertGreater(n, 0)
        self.assertNotIn("ETag", second)
        self.assertNotEqual(first.context["challenge"].key, second.context["challenge"].key)
        self.assertIn("sessionid", second.cookies)
