from __future__ import annotations

import re

from django.test import TestCase
from django.utils import translation

from fazhi.core.audit import register_verbs, verb_label
from fazhi.core.formats import cn_date, date_text

DOTTED = re.compile(r"[a-z_]+\.[a-z_]+")


class VerbLabelTests(TestCase):
    def test_the_verbs_the_issue_named_are_shown_in_words(self) -> None:
        self.assertEqual(verb_label("services.commitment"), "签订告知承诺")
        self.assertEqual(verb_label("document.import"), "据档案录入文件")
        self.assertEqual(verb_label("enforcement.import"), "据档案录入执法案件")

    def test_an_unregistered_verb_is_named_by_its_app_and_its_last_word_never_by_its_code(self) -> None:
        self.assertEqual(verb_label("enforcement.frobnicate.import"), "行政执法：导入")
        self.assertEqual(verb_label("nowhere.thing"), "操作")
        for verb in ("ledger.unknown_step", "x.y.z", "services.publish"):
            with self.subTest(verb=verb):
                self.assertNotRegex(verb_label(verb), DOTTED)

    def test_the_callers_labels_come_first_then_the_registered_ones(self) -> None:
        register_verbs({"testing.only_here": "测试用动作"})
        self.assertEqual(verb_label("testing.only_here"), "测试用动作")
        self.assertEqual(
            verb_label("testing.only_here", {"testing.only_here": "页面自己的说法"}), "页面自己的说法"
        )

    def test_english_pages_read_the_verb_in_english(self) -> None:
        with translation.override("en"):
            self.assertEqual(verb_label("services.commitment"), "Notification and commitment signed")


class DateFormatTests(TestCase):
    def test_a_chinese_date_has_no_zero_padding(self) -> None:
        import datetime

        self.assertEqual(cn_date(datetime.date(2027, 1, 8)), "2027年1月8日")
        with translation.override("zh-hans"):
            self.assertEqual(date_text(datetime.date(2027, 1, 8)), "2027年1月8日")

    def test_english_pages_write_an_english_date(self) -> None:
        import datetime

        with translation.override("en"):
            self.assertEqual(date_text(datetime.date(2027, 1, 8)), "Jan. 8, 2027")
