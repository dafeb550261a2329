"""The enforcement instruments (执法文书) as .docx in the official layout (fazhi.core.official_docx,
shared with the review opinion letter and the annual report): the notice of the intended penalty
(行政处罚事先告知书), the hearing notice (听证通知书), the decision (行政处罚决定书 / 不予行政处罚
决定书) and the service receipt (送达回证). The officer's copy: the party's name and code are not
masked. Dates are written 2026年12月7日.

The rules stated to the party, each from its source:
- statement and defence, hearing: 行政处罚法 Art 44, 45, 64 (as enforcement.actions cites them);
  the hearing periods from the rule-book rows `enforcement.hearing_request` and
  `enforcement.hearing_notice`;
- remedies: reconsideration within 60 days of knowing of the act (行政复议法 Art 20), for a city
  department before the city government (Art 24(1)); a direct suit within 6 months (行政诉讼法
  Art 46) — research notes §7.1, §7.2.
"""

from __future__ import annotations

import io

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from fazhi.core.calendar import UNIT_WORDS, UnknownRule, current_rule
from fazhi.core.models import DeadlineRule
from fazhi.core.official_docx import S_BODY, S_PLAIN, S_TITLE, chinese_date, new_document, sign
from fazhi.enforcement.models import EnforcementCase

NOTICE, HEARING, DECISION, RECEIPT = "notice", "hearing_notice", "decision", "service_receipt"
LAW = "《中华人民共和国行政处罚法》"
BLANK = "＿＿＿＿＿＿＿＿"
# 行政复议法 Art 20 (60 days), Art 24(1) (a city department → the city government); 行政诉讼法
# Art 46 (6 months): research notes §7.1, §7.2.
RECONSIDERATION_DAYS = "六十日"
LITIGATION_MONTHS = "六个月"


def agency_name(case: EnforcementCase) -> str:
    """The agency that issues the instrument: the case's own agency."""
    return str(case.agency.name)


def _you(case: EnforcementCase) -> str:
    return "你" if case.party_kind == EnforcementCase.PartyKind.PERSON else "你单位"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；…”）)." else text + "。"


def _period(rule: DeadlineRule | None, code: str, day: object) -> tuple[str, str]:
    """(“5个工作日”, “《行政处罚法》第六十四条、第八十五条”) from the rule-book row the case
    stored, or the row in force on `day`."""
    if rule is None:
        try:
            rule = current_rule(code, on=day)  # type: ignore[arg-type]
        except UnknownRule:
            return "", ""
    return f"{rule.amount}{UNIT_WORDS.get(rule.unit, rule.unit)}", rule.basis


def _officers(case: EnforcementCase) -> str:
    officers = case.officers.order_by("certificate_number")
    return "、".join(f"{o.name}（执法证号{o.certificate_number}）" for o in officers)


class _Writer:
    def __init__(self, case: EnforcementCase, title: str) -> None:
        self.case = case
        self.doc: DocxDocument = new_document()
        agency = agency_name(case)
        props = self.doc.core_properties
        props.title = f"{title}（{case.code}）"
        props.author = agency
        props.last_modified_by = agency
        props.language = "zh-CN"
        props.subject = case.title
        self.para(agency, S_TITLE)
        self.para(title, S_TITLE)

    def para(self, text: str = "", style: str = S_BODY) -> Paragraph:
        return self.doc.add_paragraph(text, style=style)

    def centred(self, text: str) -> None:
        self.para(text, S_PLAIN).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def addressee(self) -> None:
        case = self.case
        self.para("", S_PLAIN)
        self.para(f"{case.party_name}：", S_PLAIN)
        if case.party_code:
            self.para(f"（统一社会信用代码或身份证件号码：{case.party_code}）", S_PLAIN)

    def finish(self, day: object) -> bytes:
        sign(self.doc, agency_name(self.case), day)  # type: ignore[arg-type]
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _hearing_right_text(case: EnforcementCase) -> str:
    you = _you(case)
    period, basis = _period(case.hearing_request_rule, "enforcement.hearing_request", case.notified_on)
    text = f"依据{LAW}第六十四条，{you}有权要求听证。"
    if period:
        text += f"{you}要求听证的，应当在本机关告知后{period}内提出（{basis}）"
        if case.hearing_request_due_on:
            text += f"，即最迟于{chinese_date(case.hearing_request_due_on)}提出"
        text += "。"
    return text


def build_notice(case: EnforcementCase) -> bytes:
    """行政处罚事先告知书: the facts, the intended decision with its reasons and basis, the rights
    of statement and defence (Art 44, 45) and, where it applies, the hearing (Art 64)."""
    you = _you(case)
    w = _Writer(case, "行政处罚事先告知书")
    w.centred(f"案件编号：{case.code}")
    w.addressee()
    w.para(f"本机关于{chinese_date(case.filed_on)}对{you}{case.title}一案立案调查。经调查查明：")
    for line in case.facts.splitlines():
        if line.strip():
            w.para(_sentence(line))
    w.para("本机关拟作出的行政处罚内容及理由、依据如下：")
    for line in case.proposed_decision.splitlines():
        if line.strip():
            w.para(_sentence(line))
    w.para(
        f"根据{LAW}第四十四条、第四十五条的规定，{you}依法享有陈述、申辩的权利，"
        f"可以向本机关提出陈述、申辩，本机关将充分听取{you}的意见。"
    )
    if case.hearing_right:
        w.para(_hearing_right_text(case))
    names = _officers(case)
    if names:
        w.para(f"执法人员：{names}。")
    return w.finish(case.notified_on)


def build_hearing_notice(case: EnforcementCase) -> bytes:
    """听证通知书: the day of the hearing, told to the party at least the rule book's period
    before it (Art 64)."""
    you = _you(case)
    period, basis = _period(case.hearing_notice_rule, "enforcement.hearing_notice", case.hearing_on)
    w = _Writer(case, "听证通知书")
    w.centred(f"案件编号：{case.code}")
    w.addressee()
    requested = f"于{chinese_date(case.hearing_requested_on)}" if case.hearing_requested_on else ""
    w.para(
        f"根据{you}{requested}提出的听证申请，依据{LAW}第六十四条，本机关定于"
        f"{chinese_date(case.hearing_on)}就{you}{case.title}一案举行听证。"
    )
    w.para(f"听证时间：{chinese_date(case.hearing_on)}{BLANK}时")
    w.para(f"听证地点：{BLANK}")
    w.para(f"本机关拟作出的行政处罚内容及理由、依据：{_sentence(case.proposed_decision)}")
    if period:
        w.para(f"本机关于举行听证的{period}前通知{you}听证的时间、地点（{basis}）。")
    return w.finish(case.hearing_notified_on or case.hearing_on)


def decision_title(case: EnforcementCase) -> str:
    if case.outcome == EnforcementCase.Outcome.NO_PENALTY:
        return "不予行政处罚决定书"
    return "行政处罚决定书"


def remedies_text(case: EnforcementCase) -> str:
    """The party's remedies: reconsideration and litigation (research notes §7.1, §7.2)."""
    you = _you(case)
    agency = agency_name(case)
    organ = "天津市人民政府" if agency.startswith("天津市") else "本机关的本级人民政府"
    return (
        f"{you}如不服本决定，可以在知道本决定之日起{RECONSIDERATION_DAYS}内向{organ}申请行政复议"
        f"（《中华人民共和国行政复议法》第二十条、第二十四条），"
        f"也可以在知道本决定之日起{LITIGATION_MONTHS}内依法向人民法院提起行政诉讼"
        f"（《中华人民共和国行政诉讼法》第四十六条）。"
    )


def _heard(case: EnforcementCase) -> str:
    you = _you(case)
    rights = "陈述、申辩、要求听证" if case.hearing_right else "陈述、申辩"
    text = (
        f"本机关于{chinese_date(case.notified_on)}告知{you}拟作出的行政处罚内容及事实、理由、依据"
        f"和依法享有的{rights}的权利（{LAW}第四十四条）。"
    )
    if case.waived:
        text += f"{you}明确放弃陈述、申辩和听证的权利。"
    elif case.statement:
        text += f"{you}提出了陈述、申辩意见，本机关已充分听取（第四十五条）。"
    if case.hearing_held_on:
        text += f"本机关于{chinese_date(case.hearing_held_on)}举行了听证。"
    return text


def build_decision(case: EnforcementCase) -> bytes:
    """行政处罚决定书 (or 不予行政处罚决定书): its number, the facts, the hearing of the party, the
    decision and the remedies."""
    you = _you(case)
    w = _Writer(case, decision_title(case))
    w.centred(case.decision_number)
    w.addressee()
    w.para(f"本机关于{chinese_date(case.filed_on)}对{you}{case.title}一案立案调查。经调查查明：")
    for line in case.facts.splitlines():
        if line.strip():
            w.para(_sentence(line))
    w.para(_heard(case))
    w.para("本机关决定如下：")
    for line in case.decision_text.splitlines():
        if line.strip():
            w.para(_sentence(line))
    if case.fine_amount is not None:
        w.para(f"罚款金额：人民币{case.fine_amount}元。")
    if case.extension_basis:
        w.para(f"本决定依据{case.extension_basis}的规定延长决定期限。")
    w.para(remedies_text(case))
    return w.finish(case.decided_on)


RECEIPT_ROWS = (
    "送达文书名称及文号",
    "受送达人",
    "送达地点",
    "送达方式",
    "送达时间",
    "受送达人签名或者盖章",
    "送达人",
    "见证人",
    "备注",
)


def build_receipt(case: EnforcementCase) -> bytes:
    """送达回证: the decision served, the party, the method and day once served (blank for the
    officers to fill in on service otherwise), the officers as the servers."""
    w = _Writer(case, "送达回证")
    w.centred(f"案件编号：{case.code}")
    w.para("", S_PLAIN)
    values = {
        "送达文书名称及文号": f"{decision_title(case)}（{case.decision_number}）",
        "受送达人": case.party_name,
        "送达方式": case.service_method,
        "送达时间": chinese_date(case.served_on) if case.served_on else "年　　月　　日",
        "送达人": "、".join(o.name for o in case.officers.order_by("certificate_number")),
    }
    table = w.doc.add_table(rows=len(RECEIPT_ROWS), cols=2)
    table.style = "Table Grid"
    for row, label in zip(table.rows, RECEIPT_ROWS, strict=True):
        for cell, text in zip(row.cells, (label, values.get(label, "")), strict=True):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = w.doc.styles[S_PLAIN]
    return w.finish(case.decided_on)


BUILDERS = {
    NOTICE: build_notice,
    HEARING: build_hearing_notice,
    DECISION: build_decision,
    RECEIPT: build_receipt,
}
