"""A search is counted on the pages only up to library.COUNT_CAP — PHRASE_COUNT_CAP with a term
of three or more characters — and the page says "N+"; the API and search_documents without a
cap count exactly. The rows of a search page carry their status read from documents_library.
The order of a search: within the window, the titles that hold every term
first, then the rest, each newest first; past it, newest first."""

from __future__ import annotations

from unittest import mock

from django.test import SimpleTestCase

from fazhi.documents import library
from fazhi.documents.models import NormativeDocument
from fazhi.documents.search.index import ID_BLOCKS, id_block_tokens
from fazhi.documents.tests import test_library
from fazhi.documents.tests.test_library import LibraryTestCase
from fazhi.documents.validity import status_on


class SearchCountCapTests(LibraryTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.matches = library.search_documents("办法", limit=100)[1]
        self.assertGreater(self.matches, 4)

    def test_past_the_cap_a_search_reads_n_plus(self) -> None:
        with mock.patch.object(library, "COUNT_CAP", 2), mock.patch.object(library, "PAGE_SIZE", 1):
            response = self.client.get("/policies/", {"q": "办法"})
        self.assertContains(response, "检索到 2+ 件文件，按相关程度排列")
        self.assertContains(response, "第 1 页")
        self.assertNotContains(response, "第 1 / ")
        self.assertContains(response, 'rel="next"')

    def test_a_search_under_the_cap_is_counted_exactly(self) -> None:
        response = self.client.get("/policies/", {"q": "办法"})
        self.assertContains(response, f"检索到 {self.matches} 件文件，按相关程度排列")

    def test_the_last_page_of_a_capped_search_is_found(self) -> None:
        last = self.matches
        with mock.patch.object(library, "COUNT_CAP", 2), mock.patch.object(library, "PAGE_SIZE", 1):
            response = self.client.get("/policies/", {"q": "办法", "page": last})
            beyond = self.client.get("/policies/", {"q": "办法", "page": last + 5})
        self.assertContains(response, f"第 {last} 页")
        self.assertNotContains(response, 'rel="next"')
        self.assertContains(beyond, f"第 {last} 页")

    def test_a_term_of_three_characters_or_more_is_counted_to_the_phrase_cap(self) -> None:
        self.assertEqual(library.search_count_cap("办法"), library.COUNT_CAP)
        self.assertEqual(library.search_count_cap("管理办法"), library.PHRASE_COUNT_CAP)
        self.assertEqual(library.search_count_cap("天津 管理办法"), library.PHRASE_COUNT_CAP)
        phrase = library.search_documents("天津市", limit=100)[1]
        self.assertGreater(phrase, 3)
        with mock.patch.object(library, "PHRASE_COUNT_CAP", 2), mock.patch.object(library, "PAGE_SIZE", 1):
            response = self.client.get("/policies/", {"q": "天津市"})
            short = self.client.get("/policies/", {"q": "办法"})
        self.assertContains(response, "检索到 2+ 件文件，按相关程度排列")
        self.assertContains(short, f"检索到 {self.matches} 件文件")

    def test_search_documents_with_a_cap_stops_one_past_it_or_past_the_page(self) -> None:
        self.assertEqual(library.search_documents("办法", count_cap=2, limit=1)[1], 3)
        hits, total = library.search_documents("办法", count_cap=2, limit=2, offset=3)
        self.assertEqual((len(hits), total), (2, 6))
        self.assertEqual(library.search_documents("办法", count_cap=100)[1], self.matches)

    def test_the_api_counts_a_search_exactly(self) -> None:
        with mock.patch.object(library, "COUNT_CAP", 2), mock.patch.object(library, "PHRASE_COUNT_CAP", 2):
            data = self.client.get("/api/v1/documents", {"q": "办法"}).json()
            phrase = self.client.get("/api/v1/documents", {"q": "天津市"}).json()
        self.assertEqual(data["count"], self.matches)
        self.assertEqual(phrase["count"], library.search_documents("天津市", limit=1)[1])


class SearchOrderTests(LibraryTestCase):
    def test_titles_holding_every_term_come_first_then_the_rest_newest_first(self) -> None:
        ids = self.ids("审查", limit=100)
        documents = NormativeDocument.objects.in_bulk(ids)
        in_title = [pk for pk in ids if "审查" in documents[pk].title]
        self.assertTrue(in_title)
        self.assertEqual(ids[: len(in_title)], sorted(in_title, reverse=True))
        self.assertEqual(ids[len(in_title) :], sorted(ids[len(in_title) :], reverse=True))

    def test_every_page_of_a_capped_search_holds_the_same_documents_as_one_long_page(self) -> None:
        everything = self.ids("办法", limit=100)
        for window in (1, 3, 100):
            with self.subTest(window=window), mock.patch.object(library, "RANK_WINDOW", window):
                paged = [
                    hit.document.pk
                    for offset in range(0, len(everything), 2)
                    for hit in library.search_documents("办法", limit=2, offset=offset, count_cap=2)[0]
                ]
                self.assertEqual(sorted(paged), sorted(everything))
                self.assertEqual(len(paged), len(everything))


class FactsStatusTests(LibraryTestCase):
    def test_the_status_read_from_the_facts_is_status_on(self) -> None:
        for day in test_library.StatusTests.DAYS:
            documents = library.library_documents(day).annotate(status_today=library.facts_status(day))
            self.assertTrue(documents)
            for document in documents:
                with self.subTest(day=day, title=document.title):
                    self.assertEqual(document.status_today, status_on(document, day))  # type: ignore[attr-defined]

    def test_a_search_page_shows_the_status_on_its_day(self) -> None:
        for day in test_library.StatusTests.DAYS:
            for hit in library.search_documents("第一条", day=day, limit=100)[0]:
                with self.subTest(day=day, title=hit.document.title):
                    self.assertEqual(hit.status, status_on(hit.document, day))


class IdBlockTests(SimpleTestCase):
    """PostgreSQL's index names the blocks of ids a document is in; a range of ids is asked as
    the blocks that cover it."""

    def covered(self, tokens: list[str]) -> set[int]:
        ids: set[int] = set()
        for token in tokens:
            for bits, prefix in ID_BLOCKS:
                if token.startswith(prefix):
                    block = int(token[len(prefix) :])
                    ids |= set(range(block << bits, (block + 1) << bits))
        return ids

    def test_the_blocks_cover_the_range_with_few_tokens(self) -> None:
        for low, high in [(0, 0), (1, 5000), (1023, 1024), (16384, 32767), (95879, 116384), (5, 200_000)]:
            with self.subTest(low=low, high=high):
                tokens = id_block_tokens(low, high)
                self.assertLessEqual(set(range(low, high + 1)), self.covered(tokens))
                self.assertLessEqual(len(tokens), 2 * (1 << 4) + (high >> 14) + 2)

    def test_a_document_names_its_blocks(self) -> None:
        self.assertEqual(id_block_tokens(98_000, 98_000), ["#i95"])
        self.assertEqual(id_block_tokens(16384, 32767), ["#j1"])
