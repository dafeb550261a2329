"""The review opinion letter (法律审核意见书) as a .docx, in the official-document layout of
GB/T 9704-2012 (the page, fonts, headings and page numbers: fazhi.core.official_docx), signed
unsealed by the issuing division two characters from the right, the date below it moved two
characters right of the signature's first character — §7.3.5.2.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from fazhi.core.official_docx import (
    HEADING_FONTS,
    S_BODY,
    S_HEADINGS,
    S_PLAIN,
    S_TITLE,
    chinese_date,
    chinese_number,
    new_document,
    set_fonts,
    sign,
)
from fazhi.reviews.models import ReviewOpinion, ReviewRequest

__all__ = ["build_opinion_letter", "chinese_number", "issuer", "letter_filename", "letter_number"]

TITLE = "法律审核意见书"


def issuer(review: ReviewRequest) -> str:
    """The issuing division: the review's department and its legal affairs division (法制机构),
    e.g. 天津市教育委员会政策法规处; its letter numbers come from the department's own series
    (fazhi.reviews.numbering). The department's name alone when no division is marked."""
    agency = review.agency
    division = agency.legal_affairs_division()
    return f"{agency.name}{division.name}" if division is not None else agency.name


def letter_number(review: ReviewRequest) -> str:
    """津科法审〔2026〕68号: the number issued with the conclusion from the letters' own gap-free
    yearly series (fazhi.reviews.numbering); never the review's internal code."""
    return review.letter_number


def letter_filename(review: ReviewRequest) -> str:
    return f"{TITLE}-{review.code}.docx"


# ---------------------------------------------------------------------------------------------
# Content


def _sentence(text: str) -> str:
    """The text as a sentence of the letter: ended with 。 unless it already ends a sentence."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；…”）)." else text + "。"


def _matter(review: ReviewRequest) -> str:
    title = review.title.strip()
    return title if title.startswith("《") else f"《{title}》"


def _conclusion_sentence(review: ReviewRequest) -> str:
    return f"经审核，{_matter(review)}的审核结论为：{review.get_conclusion_display()}。"


def _opening(review: ReviewRequest) -> str:
    submitted = f"于{chinese_date(review.submitted_on)}" if review.submitted_on else ""
    accepted = f"我处于{chinese_date(review.accepted_on)}受理后" if review.accepted_on else "我处"
    return (
        f"你处{submitted}送审的{_matter(review)}（{review.get_subject_kind_display()}）收悉。"
        f"{accepted}依照合法性审核的有关规定进行了审核，现将审核意见函告如下。"
    )


def _response_sentence(opinion: ReviewOpinion) -> str:
    text = f"送审处室答复：{opinion.get_response_display()}。"
    if opinion.response_reason.strip():
        text += f"理由：{_sentence(opinion.response_reason)}"
    return text


def build_opinion_letter(review: ReviewRequest) -> bytes:
    """The letter of a concluded review, with its opinions, the counsel heard and the answers."""
    opinions = list(review.opinions.select_related("counsel").order_by("number"))
    counsel = list(review.counsel.order_by("kind", "name"))
    doc = new_document()

    def para(text: str = "", style: str = S_BODY) -> Paragraph:
        return doc.add_paragraph(text, style=style)

    def heading_with_text(lead: str, text: str) -> Paragraph:
        """A second-level heading run in with its text: （一）必须修改。 in 楷体, then 仿宋."""
        p = doc.add_paragraph(style=S_BODY)
        set_fonts(p.add_run(lead)._r, HEADING_FONTS[1])
        p.add_run(text)
        return p

    doc.core_properties.title = f"{TITLE}（{review.code}）"
    signed_by = issuer(review)
    doc.core_properties.author = signed_by
    doc.core_properties.last_modified_by = signed_by
    doc.core_properties.language = "zh-CN"
    doc.core_properties.subject = review.title

    para(TITLE, S_TITLE)
    number = para(letter_number(review), S_PLAIN)
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para("", S_PLAIN)
    para(f"{review.division.name}：", S_PLAIN)
    para(_opening(review))

    para("一、审核结论", S_HEADINGS[0])
    para(_conclusion_sentence(review))
    if review.conclusion_text.strip():
        para(_sentence(review.conclusion_text))
    if review.short_review_reason.strip():
        para(f"本次审核时间少于最短审核期限，理由是：{_sentence(review.short_review_reason)}")

    para("二、审核意见", S_HEADINGS[0])
    if not opinions:
        para("本次审核未提出修改意见。")
    for opinion in opinions:
        lead = f"（{chinese_number(opinion.number)}）{opinion.get_kind_display()}。"
        heading_with_text(lead, _sentence(opinion.text))
        if opinion.legal_basis.strip():
            para(f"依据：{opinion.legal_basis.strip()}")
        if opinion.counsel_id:
            assert opinion.counsel is not None
            para(f"提出人：{opinion.counsel.name}（{opinion.counsel.get_kind_display()}）")
        if opinion.response:
            para(_response_sentence(opinion))

    para("三、听取法律顾问、公职律师意见情况", S_HEADINGS[0])
    if counsel:
        para("本次审核听取了以下法律顾问、公职律师的意见：")
        for i, c in enumerate(counsel, start=1):
            para(f"{i}. {c.name}（{c.get_kind_display()}，{c.firm}）", S_HEADINGS[2])
    else:
        para("本次审核未听取法律顾问、公职律师的意见。")

    if review.status == ReviewRequest.Status.CONCLUDED and opinions:
        para("请你处对上述意见逐条研究办理，并将采纳情况反馈我处；部分采纳或者未采纳的，请说明理由。")
    para("特此函告。")

    # Signature and date (§7.3.5.2, unsealed).
    sign(doc, signed_by, review.concluded_on or review.created_at.date())

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
