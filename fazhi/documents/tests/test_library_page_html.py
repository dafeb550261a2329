"""The library page's parts written in Python (library_page): the same markup as the templates
they replace, every value escaped."""

from __future__ import annotations

import datetime
import html
import re

from django import forms
from django.template import engines
from django.test import RequestFactory, SimpleTestCase
from django.utils import translation

from fazhi.documents.library import Row
from fazhi.documents.library_page import filters_html, form_html, query_string, rows_html, years_html
from fazhi.documents.public_views import LibraryFilterForm
from fazhi.documents.validity import Validity

AGENCIES = [(7, "天津市<科学>技术局"), (12, 'A&B "局"')]


def squeezed(text: str) -> str:
    """White space between tags left out, runs of it made one space."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", text)).strip()


def django_form(form: forms.Form) -> str:
    template = engines["django"].from_string(
        '{% for field in form %}{% include "core/_field.html" %}{% endfor %}'
    )
    return template.render({"form": form})


class FormTests(SimpleTestCase):
    def test_the_form_is_written_as_django_writes_it(self) -> None:
        cases = [
            {},
            {"q": '科技 <b>"创新"</b> & 备案'},
            {"q": "备案", "year": "2021", "status": "in_force", "agency": "12"},
            {"year": "abc", "status": "zz", "agency": "99"},
            {"year": "1800", "status": "repealed", "agency": "7"},
            {"q": "长" * 120},
        ]
        for language in ("zh-hans", "en"):
            for data in cases:
                with self.subTest(language=language, data=data), translation.override(language):
                    form = LibraryFilterForm(data, agencies=AGENCIES)
                    form.is_valid()
                    ours = form_html(form)
                    self.assertEqual(squeezed(ours), squeezed(django_form(form)))
        form = LibraryFilterForm({"q": "<script>", "agency": "7"}, agencies=AGENCIES)
        form.is_valid()
        ours = form_html(form)
        self.assertIn('value="&lt;script&gt;"', ours)
        self.assertIn('<option value="7" selected>天津市&lt;科学&gt;技术局</option>', ours)
        self.assertIn("A&amp;B &quot;局&quot;", ours)
        self.assertNotIn("<script>", ours)


class OtherFieldsForm(forms.Form):
    """Fields the library's form does not have: written by Django, as the template would."""

    note = forms.CharField(widget=forms.Textarea, help_text="<b>说明</b>")
    kind = forms.ChoiceField(choices=[("组", [("a", "甲"), ("b", "乙")]), ("c", "丙")])
    level = forms.ChoiceField(choices=[("1", "一"), ("2", "二")], widget=forms.RadioSelect)


class OtherFieldsTests(SimpleTestCase):
    def test_a_field_of_another_kind_is_written_as_django_writes_it(self) -> None:
        for data in ({}, {"note": "<script>", "kind": "b", "level": "2"}):
            with self.subTest(data=data):
                form = OtherFieldsForm(data)
                form.is_valid()
                self.assertEqual(squeezed(form_html(form)), squeezed(django_form(form)))


class FiltersTests(SimpleTestCase):
    def test_the_filters_kept_once_written_are_the_fields_written_now(self) -> None:
        cases = [
            {},
            {"q": "备案", "year": "2021", "status": "in_force", "agency": "12"},
            {"year": "abc", "status": "zz", "agency": "99"},
            {"q": "科技", "year": "2021", "status": "in_force", "agency": "12"},
        ]
        other = [(7, "天津市科学技术局"), (99, "新设的局")]
        for _round in range(2):  # the second round from what the first kept
            for agencies in (AGENCIES, other):
                for language in ("zh-hans", "en"):
                    for data in cases:
                        with self.subTest(data=data, agencies=agencies, language=language):
                            with translation.override(language):
                                form = LibraryFilterForm(data, agencies=agencies)
                                form.is_valid()
                                written = filters_html(form, filtered=bool(data))
                                fields = squeezed(form_html(form))
                            self.assertTrue(squeezed(written).startswith(fields))
        form = LibraryFilterForm({"agency": "99"}, agencies=other)
        form.is_valid()
        self.assertIn('<option value="99" selected>新设的局</option>', filters_html(form, filtered=True))
        form = LibraryFilterForm({"agency": "99"}, agencies=AGENCIES)
        form.is_valid()
        self.assertIn("没有这一制定机关", filters_html(form, filtered=True))


class LinkTests(SimpleTestCase):
    def querystring_tag(self, url: str, **changes: object) -> str:
        request = RequestFactory().get(url)
        arguments = " ".join(f"{name}={name}_value" for name in changes)
        template = engines["django"].from_string(f"{{% querystring {arguments} %}}")
        written = template.render({f"{name}_value": value for name, value in changes.items()}, request)
        return html.unescape(written)

    def test_links_change_one_parameter_as_the_querystring_tag_does(self) -> None:
        urls = [
            "/policies/",
            "/policies/?q=%E7%A7%91",
            "/policies/?page=3&q=%E7%A7%91&status=in_force",
            "/policies/?year=2020&q=a%26b&page=2&status=",
            "/policies/?q=x&q=y&year=2020&dept=kj",
        ]
        years = [(2026, 5), (2021, 1), (2020, 3)]
        for url in urls:
            get = RequestFactory().get(url).GET
            with self.subTest(url=url):
                for number in (1, 2, 5):
                    self.assertEqual(query_string(get, page=number), self.querystring_tag(url, page=number))
                written = years_html(get, years, 2021)
                expected = [self.querystring_tag(url, year=y, page=None) for y, _n in years if y != 2021]
                found = re.findall(r'href="([^"]*)"', written)
                everything = self.querystring_tag(url, year=None, page=None)
                self.assertEqual([html.unescape(h) for h in found], [everything, *expected])
                self.assertIn('<span class="current" aria-current="true">2021年（1）</span>', written)
                self.assertIn("2026年（5）", written)

    def test_without_a_year_every_year_is_a_link(self) -> None:
        get = RequestFactory().get("/policies/?q=1").GET
        written = years_html(get, [(2026, 5)], None)
        self.assertEqual(
            squeezed(written),
            '<li><span class="current" aria-current="true">全部年度</span></li>'
            '<li><a href="?q=1&amp;year=2026">2026年（5）</a></li>',
        )


class RowTests(SimpleTestCase):
    def row(self, **changes: object) -> Row:
        values: dict[str, object] = {
            "pk": 41,
            "number": "津科规〔2021〕5号",
            "title": "关于<script>科技</script>的通知",
            "body": "第一条 为了规范科技 & 创新工作……",
            "agency": "市<科>局",
            "published_on": datetime.date(2021, 3, 4),
            "effective_on": None,
            "status": Validity.REPEALED,
        }
        values.update(changes)
        return Row(**values)  # type: ignore[arg-type]

    def test_a_row_shows_what_the_table_shows_escaped(self) -> None:
        written = rows_html([self.row()], ["科技"])
        self.assertIn('<td class="nowrap">津科规〔2021〕5号</td>', written)
        self.assertIn(
            '<a href="/policies/41/">关于&lt;script&gt;<mark>科技</mark>&lt;/script&gt;的通知</a>'
            "<br><small>第一条 为了规范<mark>科技</mark> &amp; 创新工作……</small>",
            written,
        )
        self.assertIn("<td>市&lt;科&gt;局</td>", written)
        self.assertIn('<td class="nowrap"><time datetime="2021-03-04">2021年3月4日</time></td>', written)
        self.assertIn('<td class="nowrap">—</td>', written)
        self.assertIn('<span class="badge badge-bad">废止</span>', written)
        self.assertNotIn("<script>", written)

    def test_a_list_without_a_search_has_no_snippet_and_no_marks(self) -> None:
        written = rows_html([self.row(number="", status=Validity.IN_FORCE)], [])
        self.assertNotIn("<small>", written)
        self.assertNotIn("<mark>", written)
        self.assertIn('<td class="nowrap">—</td>', written)
        self.assertIn('<span class="badge badge-ok">现行有效</span>', written)

    def test_dates_follow_the_language(self) -> None:
        with translation.override("en"):
            written = rows_html([self.row()], [])
        self.assertIn('<time datetime="2021-03-04">', written)
        self.assertNotIn("2021年3月4日", written)
