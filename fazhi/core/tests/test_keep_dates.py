"""A record's name that carries an ISO date wraps between words, never inside the date."""

from __future__ import annotations

from django.test import SimpleTestCase

from fazhi.core.templatetags.fazhi import keep_dates


class KeepDatesTests(SimpleTestCase):
    def test_each_iso_date_is_kept_on_one_line_and_the_rest_escaped(self) -> None:
        self.assertEqual(
            keep_dates("<b>甲公司</b>申请行政复议（2026-11-23）"),
            '&lt;b&gt;甲公司&lt;/b&gt;申请行政复议（<span class="nowrap">2026-11-23</span>）',
        )

    def test_a_text_without_a_date_is_only_escaped(self) -> None:
        self.assertEqual(keep_dates("超过答复期限 & 未报送"), "超过答复期限 &amp; 未报送")
