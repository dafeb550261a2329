"""A broad listing is counted only up to library.COUNT_CAP: the page says "N+" and numbers its
pages without a last one, and still knows whether the next page exists."""

from __future__ import annotations

from unittest import mock

from fazhi.documents import library
from fazhi.documents.models import NormativeDocument
from fazhi.documents.tests.test_library import LibraryTestCase


class CountCapTests(LibraryTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.in_library = NormativeDocument.objects.filter(published_on__isnull=False).count()
        self.assertGreater(self.in_library, 4)

    def test_past_the_cap_the_count_reads_n_plus(self) -> None:
        with mock.patch.object(library, "COUNT_CAP", 2), mock.patch.object(library, "PAGE_SIZE", 1):
            response = self.client.get("/policies/")
        self.assertContains(response, "共 2+ 件文件，按公布日期排列")
        self.assertContains(response, "第 1 页")
        self.assertNotContains(response, "第 1 / ")
        self.assertContains(response, 'rel="next"')

    def test_the_last_page_past_the_cap_is_found(self) -> None:
        last = self.in_library
        with mock.patch.object(library, "COUNT_CAP", 2), mock.patch.object(library, "PAGE_SIZE", 1):
            response = self.client.get(f"/policies/?page={last}")
            beyond = self.client.get(f"/policies/?page={last + 5}")
        self.assertContains(response, f"第 {last} 页")
        self.assertNotContains(response, 'rel="next"')
        self.assertContains(beyond, f"第 {last} 页")  # past the end: the last page

    def test_under_the_cap_the_count_is_exact(self) -> None:
        response = self.client.get("/policies/")
        self.assertContains(response, f"共 {self.in_library} 件文件，按公布日期排列")

    def test_the_api_counts_exactly(self) -> None:
        with mock.patch.object(library, "COUNT_CAP", 2):
            data = self.client.get("/api/v1/documents").json()
        self.assertEqual(data["count"], self.in_library)
