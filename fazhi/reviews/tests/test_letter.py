from __future__ import annotations

import io

from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.reviews import actions
from fazhi.reviews.letter import build_opinion_letter, chinese_number
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import accepted_review
from fazhi.reviews.tests.test_actions import ReviewTestCase

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def east_asian_font(style_or_run_element: object) -> str | None:
    rpr = style_or_run_element.rPr  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


class ChineseNumberTests(ReviewTestCase):
    def test_numbers_of_headings_up_to_99(self) -> None:
        self.assertEqual(
            [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99)],
            ["一", "九", "十", "十一", "二十", "二十一", "九十九"],
        )
        with self.assertRaises(ValueError):
            chinese_number(100)


class LetterTestCase(ReviewTestCase):
    """A concluded review (修改后合法) with a reviewer's opinion and an advisor's."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.review = accepted_review(cls.drafter, cls.reviewer, cls.counsel, title="天津市科技型企业评价办法")
        cls.must = actions.add_opinion(
            cls.review,
            actor=cls.reviewer,
            kind="must_change",
            text="第八条“取消评价资格”属于减损权利的规定，应当明确依据或删除",
            legal_basis="《优化营商环境条例》第六十四条",
        )
        cls.hint = actions.add_opinion(
            cls.review, actor=cls.advisor, kind="suggestion", text="建议明确评价结果的有效期"
        )
        actions.conclude_review(
            cls.review, actor=cls.reviewer, conclusion="lawful_with_changes", text="按意见修改后合法"
        )
        cls.review.refresh_from_db()


class OpinionLetterTests(LetterTestCase):
    def letter(self, review: ReviewRequest | None = None) -> Document:
        return Document(io.BytesIO(build_opinion_letter(review or self.review)))

    def text(self, doc: Document) -> str:
        return "\n".join(p.text for p in doc.paragraphs)

    def test_page_is_a4_with_the_margins_of_gbt_9704(self) -> None:
        section = self.letter().sections[0]
        for value, mm in (
            (section.page_width, 210),
            (section.page_height, 297),
            (section.top_margin, 37),
            (section.bottom_margin, 35),
            (section.left_margin, 28),
            (section.right_margin, 26),
        ):
            self.assertAlmostEqual(value.mm, mm, delta=0.1)

    def test_the_grid_is_22_lines_of_28_characters(self) -> None:
        grid = self.letter().sections[0]._sectPr.find(qn("w:docGrid"))
        self.assertEqual(grid.get(qn("w:type")), "lines")
        self.assertEqual(grid.get(qn("w:linePitch")), "579")  # 28.95 pt in twentieths of a point

    def test_title_is_centred_in_xiaobiaosong_22_pt(self) -> None:
        title = self.letter().paragraphs[0]
        self.assertEqual(title.text, "法律审核意见书")
        self.assertEqual(title.style.font.size, Pt(22))
        self.assertEqual(east_asian_font(title.style.element), "方正小标宋简体")
        self.assertEqual(title.style.paragraph_format.alignment, WD_ALIGN_PARAGRAPH.CENTER)

    def test_body_is_fangsong_16_pt_with_fixed_28_95_pt_lines_and_a_two_character_indent(self) -> None:
        doc = self.letter()
        body = next(p for p in doc.paragraphs if p.text.startswith("你处于"))
        fmt = body.style.paragraph_format
        self.assertEqual(body.style.font.size, Pt(16))
        self.assertEqual(east_asian_font(body.style.element), "仿宋_GB2312")
        self.assertEqual(fmt.line_spacing_rule, WD_LINE_SPACING.EXACTLY)
        self.assertEqual(fmt.line_spacing, Pt(28.95))
        self.assertEqual(fmt.first_line_indent, Pt(32))
        self.assertEqual(fmt.element.pPr.ind.get(qn("w:firstLineChars")), "200")

    def test_headings_are_numbered_and_set_in_heiti_and_kaiti(self) -> None:
        doc = self.letter()
        first = next(p for p in doc.paragraphs if p.text == "一、审核结论")
        self.assertEqual(east_asian_font(first.style.element), "黑体")
        second = next(p for p in doc.paragraphs if p.text.startswith("（一）必须修改。"))
        self.assertEqual(east_asian_font(second.runs[0]._r), "楷体_GB2312")
        self.assertTrue(any(p.text.startswith("（二）建议。") for p in doc.paragraphs))
        third = next(p for p in doc.paragraphs if p.text.startswith("1. 赵律师"))
        self.assertEqual(east_asian_font(third.style.element), "仿宋_GB2312")

    def test_the_letter_carries_the_record(self) -> None:
        text = self.text(self.letter())
        review = self.review
        self.assertIn("\n津科法审〔2026〕1号\n", text)
        self.assertNotIn(review.code, text)
        self.assertIn("\n基础研究处：\n", text)
        self.assertIn("《天津市科技型企业评价办法》（行政规范性文件）", text)
        self.assertIn(
            f"{review.submitted_on.year}年{review.submitted_on.month}月{review.submitted_on.day}日送审", text
        )
        self.assertIn(
            f"我处于{review.accepted_on.year}年{review.accepted_on.month}月{review.accepted_on.day}日受理",
            text,
        )
        self.assertIn("审核结论为：修改后合法", text)
        self.assertIn("按意见修改后合法", text)
        for opinion in (self.must, self.hint):
            self.assertIn(opinion.text, text)
        self.assertIn("依据：《优化营商环境条例》第六十四条", text)
        self.assertIn("提出人：赵律师（法律顾问）", text)
        self.assertIn("1. 赵律师（法律顾问，天津某律师事务所）", text)
        self.assertTrue(text.endswith("天津市科学技术局政策法规处\n2026年6月16日"))

    def test_the_answers_are_in_the_letter_once_given(self) -> None:
        self.assertNotIn("送审处室答复", self.text(self.letter()))
        actions.answer_opinion(self.must, actor=self.drafter, response="adopted")
        actions.answer_opinion(self.hint, actor=self.drafter, response="not_adopted", reason="有效期另行规定")
        self.review.refresh_from_db()
        self.assertEqual(self.review.status, ReviewRequest.Status.CLOSED)
        text = self.text(self.letter())
        self.assertIn("送审处室答复：采纳。", text)
        self.assertIn("送审处室答复：未采纳。理由：有效期另行规定。", text)

    def test_a_lawful_review_without_opinions_says_so(self) -> None:
        review = accepted_review(
            self.drafter,
            self.reviewer,
            self.counsel,
            title="与南开大学合作协议",
            kind=ReviewRequest.SubjectKind.CONTRACT,
        )
        actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
        review.refresh_from_db()
        text = self.text(self.letter(review))
        self.assertIn("审核结论为：合法", text)
        self.assertIn("本次审核未提出修改意见", text)


class OpinionLetterViewTests(LetterTestCase):
    def url(self, review: ReviewRequest | None = None) -> str:
        return reverse("reviews:letter", args=[(review or self.review).pk])

    def test_reviewer_downloads_the_letter_as_an_attachment(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], DOCX)
        disposition = response["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"))
        self.assertIn(
            "filename*=UTF-8''%E6%B3%95%E5%BE%8B%E5%AE%A1%E6%A0%B8%E6%84%8F%E8%A7%81%E4%B9%A6-"
            f"{self.review.code}.docx",
            disposition,
        )
        doc = Document(io.BytesIO(response.content))
        self.assertEqual(doc.paragraphs[0].text, "法律审核意见书")

    def test_the_submitting_division_and_the_assigned_advisor_may_download(self) -> None:
        for user in (self.drafter, self.division_head, self.advisor, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, 200)

    def test_those_who_cannot_see_the_review_get_404(self) -> None:
        for user in (self.outsider, self.officer, self.filing_officer):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_a_review_not_yet_concluded_has_no_letter(self) -> None:
        pending = accepted_review(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        self.assertEqual(self.client.get(self.url(pending)).status_code, 404)
        self.assertEqual(
            self.client.get(f"/work/reviews/{self.review.pk + 1000}/letter.docx").status_code, 404
        )

    def test_anonymous_is_sent_to_log_in(self) -> None:
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/login/"))
