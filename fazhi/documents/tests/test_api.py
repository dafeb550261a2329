from __future__ import annotations

from typing import Any, get_args

from fazhi.documents import api as documents_api
from fazhi.documents import library
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.documents.stats import filing_stats
from fazhi.documents.tests.test_library import LibraryTestCase, search_queries

BASE = "/api/v1/documents"


class ApiTestCase(LibraryTestCase):
    def get(self, path: str, **params: Any) -> Any:
        response = self.client.get(path, params)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        return response


class ListApiTests(ApiTestCase):
    def test_the_status_literal_is_the_librarys_statuses(self) -> None:
        self.assertEqual(
            list(get_args(documents_api.StatusValue)), [s.value for s in library.LIBRARY_STATUSES]
        )

    def test_anyone_lists_the_published_documents_newest_first(self) -> None:
        response = self.get(BASE)
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual((data["count"], data["limit"], data["offset"]), (len(self.published), 20, 0))
        self.assertEqual(data["items"][0]["id"], self.not_yet.pk)
        item = next(i for i in data["items"] if i["id"] == self.ethics_title.pk)
        self.assertEqual(
            item,
            {
                "id": self.ethics_title.pk,
                "number": self.ethics_title.number,
                "title": "天津市科技伦理审查办法",
                "agency": {"code": "tjkjj", "name": "天津市科学技术局"},
                "status": "in_force",
                "status_label": "现行有效",
                "published_on": "2026-05-21",
                "effective_on": "2026-05-21",
                "expires_on": self.ethics_title.expires_on.isoformat(),  # type: ignore[union-attr]
                "filed_on": "2026-05-25",
                "url": f"http://testserver/policies/{self.ethics_title.pk}/",
            },
        )
        unfiled = next(i for i in data["items"] if i["id"] == self.science.pk)
        self.assertIsNone(unfiled["filed_on"])

    def test_search_and_filters(self) -> None:
        self.assertEqual(
            [i["id"] for i in self.get(BASE, q="伦理").json()["items"]],
            [self.ethics_title.pk, self.ethics_body.pk],
        )
        self.assertEqual([i["id"] for i in self.get(BASE, year=2025).json()["items"]], [self.last_year.pk])
        repealed = self.get(BASE, status="repealed").json()
        self.assertEqual((repealed["count"], repealed["items"][0]["status_label"]), (1, "废止"))
        page = self.get(BASE, limit=3, offset=3).json()
        self.assertEqual((page["count"], len(page["items"])), (len(self.published), 3))
        self.assertEqual(self.get(BASE, q="。，").json()["count"], len(self.published))  # no term: everything

    def test_the_list_takes_three_queries_with_or_without_a_search(self) -> None:
        with self.assertNumQueries(3):
            self.get(BASE)
        with self.assertNumQueries(3 + search_queries()):
            self.get(BASE, q="办法", status="in_force")

    def test_input_of_the_wrong_shape_is_422_never_500(self) -> None:
        for params in (
            {"year": "abc"},
            {"year": 1800},
            {"year": 2**63},
            {"status": "bogus"},
            {"limit": 0},
            {"limit": 101},
            {"offset": -1},
            {"offset": 2**64},
            {"agency": 2**63},
            {"q": "长" * 101},
        ):
            with self.subTest(params=params):
                response = self.get(BASE, **params)
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response.json()["detail"], "请求参数格式不正确")

    def test_odd_text_in_a_query_is_harmless(self) -> None:
        for q in ("\x00", '" OR 1=1 --', "NEAR(科技 创新)", "科技*", "'; DROP TABLE x; --"):
            with self.subTest(q=q):
                self.assertEqual(self.client.get(BASE, {"q": q}).status_code, 200)
        self.assertEqual(self.client.get(f"{BASE}?q=%ED%A0%80%FF").status_code, 200)  # not UTF-8


class StatsApiTests(ApiTestCase):
    def test_the_figures_match_a_count_taken_straight_from_the_database(self) -> None:
        data = self.get(f"{BASE}/stats", year=2026).json()
        issued = NormativeDocument.objects.filter(published_on__year=2026).count()
        filed = Filing.objects.filter(document__published_on__year=2026)
        self.assertEqual((data["issued"], data["filed"]), (issued, filed.count()))
        self.assertEqual((data["issued"], data["filed"], data["accepted"]), (12, 2, 1))
        self.assertEqual(data["filed_on_time"], sum(f.on_time for f in filed))
        self.assertEqual(data["filing_rate"], round(2 / 12, 4))
        self.assertEqual(data, filing_stats(2026).as_dict())

    def test_the_year_defaults_to_this_year_and_must_be_sensible(self) -> None:
        self.assertEqual(self.get(f"{BASE}/stats").json()["year"], 2026)
        self.assertEqual(self.get(f"{BASE}/stats", year=2024).json()["filing_rate"], 0.0)
        self.assertIsNone(self.get(f"{BASE}/stats", year=2000).json()["filing_rate"])
        for year in ("abc", -1, 2**63):
            with self.subTest(year=year):
                self.assertEqual(self.get(f"{BASE}/stats", year=year).status_code, 422)


class DetailApiTests(ApiTestCase):
    def test_a_document_with_its_validity_events(self) -> None:
        data = self.get(f"{BASE}/{self.repealed.pk}").json()
        self.assertEqual((data["status"], data["banner"]), ("repealed", "截至 2026年6月16日 废止"))
        self.assertEqual(data["body"], "第一条 科技特派员服务基层。")
        self.assertFalse(data["filing_accepted"])
        self.assertEqual(
            data["events"],
            [
                {
                    "kind": "repealed",
                    "kind_label": "废止",
                    "on": "2026-06-05",
                    "by_document": {
                        "id": self.decision.pk,
                        "number": self.decision.number,
                        "title": self.decision.title,
                    },
                    "note": "",
                }
            ],
        )
        self.assertTrue(self.get(f"{BASE}/{self.ethics_title.pk}").json()["filing_accepted"])

    def test_anything_not_in_the_library_is_404(self) -> None:
        for pk in (self.unpublished.pk, self.open_draft.pk, 999999):
            with self.subTest(pk=pk):
                response = self.get(f"{BASE}/{pk}")
                self.assertEqual((response.status_code, response.json()["detail"]), (404, "未找到"))

    def test_an_impossible_id_is_422(self) -> None:
        for pk in ("0", "-1", str(2**63), str(2**70), "abc"):
            with self.subTest(pk=pk):
                self.assertIn(self.client.get(f"{BASE}/{pk}").status_code, (404, 422))

    def test_the_detail_takes_two_queries(self) -> None:
        with self.assertNumQueries(2):
            self.get(f"{BASE}/{self.repealed.pk}")
