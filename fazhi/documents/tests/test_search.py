from __future__ import annotations

from django.db import connection
from django.test import SimpleTestCase, TestCase

from fazhi.documents import actions, library, search
from fazhi.documents.models import NormativeDocument
from fazhi.documents.search import highlight, index_line, index_text, parse_query, search_fields, snippet
from fazhi.documents.tests.factories import published
from fazhi.documents.tests.test_actions import DocumentTestCase


class PairTests(SimpleTestCase):
    def test_each_character_is_paired_with_the_next_latin_folded_the_rest_in_hex(self) -> None:
        self.assertEqual(index_line("科技创新"), "科_技 技_创 创_新 新_")
        self.assertEqual(
            index_line("津科规〔2026〕3号"),
            "津_科 科_规 规_x3014 x3014_2 2_0 0_2 2_6 6_x3015 x3015_3 3_号 号_",
        )
        self.assertEqual(index_line("API  接口"), "a_p p_i i_ 接_口 口_")

    def test_the_title_is_the_first_line_of_the_search_text(self) -> None:
        text = index_text("科技", "津科规〔2026〕3号", "第一条 备案")
        self.assertEqual(text.split("\n")[0], "科_技 技_")
        self.assertEqual(text.split("\n")[2], "第_一 一_条 条_ 备_案 案_")

    def test_an_empty_title_still_has_its_line(self) -> None:
        self.assertEqual(index_text("", "", "备案").split("\n"), ["", "", "备_案 案_"])

    def test_the_postgresql_grams_are_the_tokens_and_their_pairs(self) -> None:
        self.assertEqual(
            search.grams(index_text("科技", "", "技术 创新")).split(" "),
            sorted(["科", "技", "术", "创", "新", "科_技", "技_术", "创_新"]),
        )
        fields = search.search_fields("科技", "", "技术", vendor="sqlite")
        self.assertEqual(fields["search_grams"], "")


class QueryTests(SimpleTestCase):
    def test_a_two_character_query_is_one_pair(self) -> None:
        query = parse_query("备案")
        self.assertEqual(query.phrases, (("备", "案"),))
        self.assertEqual(query.fts5_match, '"备_案"')
        self.assertEqual(query.tsquery, "'备_案'")
        self.assertEqual(query.long_phrases, [])

    def test_a_single_character_is_every_pair_that_begins_with_it(self) -> None:
        query = parse_query("法")
        self.assertEqual((query.terms, query.fts5_match, query.tsquery), (("法",), '"法_" *', "'法'"))

    def test_a_longer_term_is_a_phrase_of_its_pairs_checked_in_the_text_on_postgresql(self) -> None:
        query = parse_query("科技创新")
        self.assertEqual(query.fts5_match, '"科_技 技_创 创_新"')
        self.assertEqual(query.tsquery, "'科_技' & '技_创' & '创_新'")
        self.assertEqual(query.long_phrases, [" 科_技 技_创 创_新 "])

    def test_terms_are_split_on_white_space_only_and_all_are_required(self) -> None:
        query = parse_query("科技创新　备案 API  科技创新 津科规〔2021〕5号")
        self.assertEqual(query.terms, ("科技创新", "备案", "api", "津科规〔2021〕5号"))
        self.assertEqual(
            query.fts5_match,
            '"科_技 技_创 创_新" AND "备_案" AND "a_p p_i" AND '
            '"津_科 科_规 规_x3014 x3014_2 2_0 0_2 2_1 1_x3015 x3015_5 5_号"',
        )

    def test_fts5_syntax_in_a_query_is_plain_text(self) -> None:
        query = parse_query('"科技" OR NEAR(备案) * -创新 ^x:')
        self.assertEqual(query.fts5_match.count('"'), 2 * len(query.terms))
        self.assertNotIn("(", query.fts5_match)
        self.assertEqual(query.terms, ('"科技"', "or", "near(备案)", "-创新", "^x:"))

    def test_a_query_without_letters_is_empty(self) -> None:
        self.assertFalse(parse_query("。，！？ \x00 \ud800"))

    def test_long_queries_are_cut(self) -> None:
        self.assertLessEqual(len(parse_query(" ".join(f"词{i}" for i in range(50))).terms), search.MAX_TERMS)


class HighlightTests(SimpleTestCase):
    def test_html_is_escaped_before_matches_are_marked(self) -> None:
        html = highlight("<script>alert('科技')</script>科技", ["科技"])
        self.assertEqual(
            html,
            "&lt;script&gt;alert(&#x27;<mark>科技</mark>&#x27;)&lt;/script&gt;<mark>科技</mark>",
        )

    def test_a_term_never_matches_inside_an_entity(self) -> None:
        self.assertEqual(highlight("a<b", ["lt"]), "a&lt;b")

    def test_latin_terms_match_in_any_case(self) -> None:
        self.assertEqual(highlight("Fazhi API", ["api"]), "Fazhi <mark>API</mark>")

    def test_the_snippet_shows_about_80_characters_around_the_first_match(self) -> None:
        text = "甲" * 200 + "备案审查" + "乙" * 200
        piece = snippet(text, ["备案"])
        self.assertTrue(piece.startswith("…") and piece.endswith("…"))
        self.assertIn("<mark>备案</mark>审查", piece)
        plain = piece.replace("<mark>", "").replace("</mark>", "").strip("…")
        self.assertEqual(len(plain), 80)

    def test_without_a_match_the_snippet_is_the_beginning(self) -> None:
        self.assertEqual(snippet("第一条 <为了>", ["备案"]), "第一条 &lt;为了&gt;")


class IndexTests(DocumentTestCase):
    """The index is kept by the database: whatever writes search_text is searchable at once."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.document = published(cls.drafter, cls.reviewer, cls.counsel, title="天津市实验动物管理办法")

    def ids(self, q: str) -> list[int]:
        return [hit.document.pk for hit in library.search_documents(q)[0]]

    def test_publishing_indexes_the_document(self) -> None:
        self.assertEqual(self.ids("实验动物"), [self.document.pk])
        self.assertEqual(self.ids(self.document.number), [self.document.pk])

    def test_a_draft_is_not_indexed(self) -> None:
        from fazhi.documents.tests.factories import drafted

        drafted(self.drafter, title="天津市人类遗传资源管理办法")
        self.assertEqual(self.ids("遗传资源"), [])

    def test_a_changed_text_is_indexed_again(self) -> None:
        # The text and what is indexed of it change together, as every writer of a document does.
        NormativeDocument.objects.filter(pk=self.document.pk).update(
            title="天津市科研诚信管理办法",
            body="",
            **search_fields("天津市科研诚信管理办法", self.document.number, ""),
        )
        self.assertEqual(self.ids("实验动物"), [])
        self.assertEqual(self.ids("科研诚信"), [self.document.pk])

    def test_a_deleted_document_leaves_the_index(self) -> None:
        from fazhi.core.models import IssuedNumber

        NormativeDocument.objects.filter(pk=self.document.pk).update(issued_number=None)
        self.document.validity_events.all().delete()
        NormativeDocument.objects.filter(pk=self.document.pk).delete()
        IssuedNumber.objects.all().delete()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"SELECT count(*) FROM {search.SEARCH_TABLE} WHERE {search.SEARCH_TABLE} MATCH %s",  # noqa: S608 - constant names, values as parameters
                    ['"实_验"'],
                )
            else:
                cursor.execute(f"SELECT count(*) FROM {search.SEARCH_TABLE}")  # noqa: S608 - constant names, values as parameters
            self.assertEqual(cursor.fetchone()[0], 0)

    def test_the_triggers_that_keep_the_index_exist(self) -> None:
        """Django drops them when a migration rebuilds the documents or the events table on
        SQLite: such a migration must end with RunPython(search.reinstall_search_index)."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                self.assertLessEqual(set(search.SQLITE_TRIGGERS), {row[0] for row in cursor.fetchall()})
                return
            for table, triggers in search.PG_TRIGGERS.items():
                cursor.execute(
                    "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table]
                )
                self.assertLessEqual(set(triggers), {row[0] for row in cursor.fetchall()})

    def test_reinstalling_the_index_is_harmless(self) -> None:
        search.install_search_index(connection)
        self.assertEqual(self.ids("实验动物"), [self.document.pk])

    def test_an_issue_and_publication_by_the_actions_is_found_by_its_body(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, title="天津市技术合同登记办法")
        self.assertIn(document.pk, self.ids("备案管理"))
        self.assertEqual(actions.current_text(document)[:3], "第一条")

    def test_a_legacy_import_is_found_by_one_character_and_by_its_number(self) -> None:
        import datetime

        from fazhi.documents.excel import ImportRow, import_rows

        row = ImportRow(
            line=2,
            number="津科规〔2021〕5号",
            title="天津市兽医管理办法",
            published_on=datetime.date(2021, 3, 1),
            effective_on=datetime.date(2021, 4, 1),
            expires_on=None,
            status="现行有效",
            status_on=None,
            filed_on=None,
            filing_result="",
            body="第一条　规范兽医工作。",
        )
        self.assertEqual(import_rows([row], actor=self.reviewer, filename="历史文件.xlsx"), 1)
        imported = NormativeDocument.objects.get(number="津科规〔2021〕5号")
        self.assertEqual(self.ids("兽"), [imported.pk])
        self.assertEqual(self.ids("津科规〔2021〕5号"), [imported.pk])
        self.assertEqual(self.ids("〔2021〕15号"), [])


class SearchIndexRepairTests(TestCase):
    def test_the_post_migrate_check_restores_a_dropped_trigger(self) -> None:
        from django.db import connection

        from fazhi.documents.search import SQLITE_TRIGGERS, ensure_search_index, missing_triggers

        self.assertEqual(missing_triggers(connection), set())
        self.assertFalse(ensure_search_index(connection))
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {SQLITE_TRIGGERS[0]}")
        self.assertEqual(missing_triggers(connection), {SQLITE_TRIGGERS[0]})
        self.assertTrue(ensure_search_index(connection))
        self.assertEqual(missing_triggers(connection), set())
