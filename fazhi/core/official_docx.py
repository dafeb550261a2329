"""The page layout of an official document (公文) as a .docx, GB/T 9704-2012 《党政机关公文格式》:

- A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
- 22 lines of 28 characters: fixed line spacing 28.95 pt on a line grid, characters 0.25 pt
  closer than their width;
- the title in 小标宋 二号 (22 pt), centred; the body in 仿宋_GB2312 三号 (16 pt), first line
  indented two characters;
- headings numbered 一、 (黑体), （一） (楷体), 1. and （1） (仿宋) — §7.3.3;
- page numbers "— 1 —" in 宋体 四号, right on odd pages and left on even pages — §7.5.

Shared by the review opinion letter (reviews.letter) and the annual report (reports.docx).
Chinese font names go in the `w:eastAsia` attribute of `w:rFonts`, which python-docx's
`font.name` leaves alone; a machine without the official fonts substitutes its own CJK fonts.
"""

from __future__ import annotations

import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = ("黑体", "楷体_GB2312", BODY_FONT)  # 一、 / （一） / 1.
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE_PITCH = Pt(28.95)  # 225 mm of 版心 / 22 lines
CHAR = BODY_SIZE  # one character of body text, the unit of indents
CHAR_SPACING = Pt(-0.25)  # 28 characters a line (see _set_defaults)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)

# Style names of an official document.
S_TITLE, S_BODY, S_PLAIN = "Fazhi Title", "Normal", "Fazhi Plain"
S_HEADINGS = ("Fazhi Heading 1", "Fazhi Heading 2", "Fazhi Heading 3")

_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals, as written in dates and headings: 十, 十六, 二十, 三十一."""
    if not 0 < n < 100:
        raise ValueError(f"{n} is outside 1–99")
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def chinese_date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


# ---------------------------------------------------------------------------------------------
# Layout


def set_fonts(rpr_owner: object, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the fonts of a style or run: Latin letters and digits, and — the one that matters
    here — the East-Asian font, with any theme font that would override it removed."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def _first_line_chars(paragraph_format_element: object, chars: int) -> None:
    """Word's character-unit indent (w:firstLineChars, hundredths of a character), next to the
    equivalent w:firstLine in points, so that the indent stays two characters if the size changes."""
    ind = paragraph_format_element.get_or_add_ind()  # type: ignore[attr-defined]
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _paragraph_style(
    doc: DocxDocument,
    name: str,
    *,
    font: str,
    size: Pt,
    align: int | None = None,
    indent_chars: int = 0,
    bold: bool = False,
    outline_level: int | None = None,
) -> None:
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != S_BODY:
        style.base_style = styles[S_BODY]
        style.quick_style = True
    style.font.size = size
    style.font.bold = bold
    set_fonts(style.element, font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(CHAR.pt * indent_chars)
    _first_line_chars(style.element.get_or_add_pPr(), indent_chars)
    if align is not None:
        fmt.alignment = align
    fmt.widow_control = False  # fixed 22-line pages; Word would otherwise move lines
    if outline_level is not None:
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline_level))
        ppr.append(level)


def _set_defaults(doc: DocxDocument) -> None:
    """Document defaults: body font and size, Chinese language, no spacing between paragraphs."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    # 28 characters of 16 pt fill the 156 mm line only 0.25 pt apart closer than their width:
    # 28 × 15.75 pt = 441 pt ≤ 442.2 pt (w:spacing in twentieths of a point).
    char_spacing = OxmlElement("w:spacing")
    char_spacing.set(qn("w:val"), str(round(CHAR_SPACING.pt * 20)))
    rpr.find(qn("w:sz")).addprevious(char_spacing)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(round(LINE_PITCH.pt * 20)))
    spacing.set(qn("w:lineRule"), "exact")


def _set_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(15)
    # The page number's dash sits 7 mm below the text block (§7.5): 35 − 7 − one 四号 line.
    section.footer_distance = Mm(23)
    # 22 lines: a line grid at the line pitch. The 28 characters come from the character
    # spacing set in the defaults, not from a character grid: LibreOffice draws a 16 pt glyph
    # in a 15.8 pt grid cell as two cells wide, 14 characters a line.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.pop(qn("w:charSpace"), None)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: Paragraph, align: int) -> None:
    """— 7 — : a PAGE field between one-em dashes, one character in from the outer edge."""
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Pt(0)
    _first_line_chars(paragraph._p.get_or_add_pPr(), 0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = PAGE_NUMBER_SIZE
    else:
        fmt.left_indent = PAGE_NUMBER_SIZE

    def run(text: str = "") -> object:
        r = paragraph.add_run(text)
        r.font.size = PAGE_NUMBER_SIZE
        set_fonts(r._r, PAGE_NUMBER_FONT, latin=PAGE_NUMBER_FONT)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        r = run("1" if kind is None and instr is None else "")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)  # type: ignore[attr-defined]
        elif instr:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instr
            r._r.append(text)  # type: ignore[attr-defined]
    run(" —")


def new_document() -> DocxDocument:
    doc = Document()
    _set_defaults(doc)
    _paragraph_style(
        doc, S_BODY, font=BODY_FONT, size=BODY_SIZE, indent_chars=2, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    )
    _paragraph_style(doc, S_PLAIN, font=BODY_FONT, size=BODY_SIZE)
    _paragraph_style(
        doc, S_TITLE, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, outline_level=0
    )
    for level, (name, font) in enumerate(zip(S_HEADINGS, HEADING_FONTS, strict=True), start=1):
        _paragraph_style(
            doc,
            name,
            font=font,
            size=BODY_SIZE,
            indent_chars=2,
            outline_level=level,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
    _set_page(doc)
    return doc


def sign(doc: DocxDocument, issuer: str, day: datetime.date) -> None:
    """Signature and date of an unsealed document (§7.3.5.2): one blank line, the signature two
    characters in from the right, the date below it starting two characters right of the
    signature; the date in Arabic numerals, year, month and day written out (§7.3.5.1)."""
    doc.add_paragraph("", style=S_PLAIN)
    signature = doc.add_paragraph(issuer, style=S_PLAIN)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.right_indent = Pt(CHAR.pt * 2)
    date_text = chinese_date(day)
    date = doc.add_paragraph(date_text, style=S_PLAIN)
    date.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.paragraph_format.right_indent = Pt(CHAR.pt * max(0, 2 + len(issuer) - 2 - len(date_text)))
