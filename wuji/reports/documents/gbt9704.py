"""A .docx in the layout of GB/T 9704-2012 (党政机关公文格式), on python-docx.

A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm type area);
22 lines of 28 characters (a document grid and a fixed line pitch); the title in 小标宋 二号,
the body in 仿宋_GB2312 三号, headings 黑体 (一、), 楷体_GB2312 （一）, 仿宋_GB2312 bold (1.);
page numbers in 4号 宋体 "— 1 —" on the outer side (odd pages right, even pages left).

Every run names its East-Asian font (w:eastAsia) as well as the Latin one: Word and WPS pick
the Chinese font from that attribute, and without it they fall back to 宋体 or Calibri.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Font names as Word and WPS know them on a government PC.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

# Chinese font sizes (字号) in points.
ER_HAO = Pt(22)  # 二号: the title
SAN_HAO = Pt(16)  # 三号: the body
SI_HAO = Pt(14)  # 四号: page numbers, table headers
XIAO_SI = Pt(12)  # 小四: table cells

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
TYPE_AREA_WIDTH_MM = 156
TYPE_AREA_HEIGHT_MM = 225
# 225 mm / 22 lines = 579.8 twentieths of a point (28.95 pt); 156 mm / 28 chars = 15.79 pt per character.
# Rounded down: 22 lines of 579 twips fit in 225 mm; of 580 they would not.
LINE_PITCH_TWIPS = int(TYPE_AREA_HEIGHT_MM / 25.4 * 1440 / LINES_PER_PAGE)
LINE_PITCH = Pt(LINE_PITCH_TWIPS / 20)
# w:charSpace is the difference between the grid's character pitch and the body font size, in 1/4096 pt.
CHAR_SPACE = round((TYPE_AREA_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE - 16) * 4096)
# The 28 characters come from the characters themselves: 三号 (16 pt) narrowed by 0.25 pt is 15.75 pt, and
# 28 × 15.75 pt = 441 pt fits the 442.2 pt line where 29 do not. A "linesAndChars" grid would do it in Word,
# but LibreOffice gives every 16 pt character two cells of a 15.79 pt grid (14 a line), so the grid is
# "lines" (the line pitch) and the character pitch is carried by the runs (w:spacing, in 1/20 pt).
BODY_CHAR_SPACING_TWIPS = -5

# Successors of w:spacing in w:rPr and of w:snapToGrid in w:pPr (the schema's order; Word refuses others).
_RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_PPR_AFTER_SNAP = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def set_char_spacing(rpr: BaseOxmlElement, twips: int) -> None:
    """w:spacing of a run or style: the extra space after each character, in 1/20 pt."""
    old = rpr.find(qn("w:spacing"))
    if old is not None:
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twips))
    rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)


def set_run_font(run: Run, name: str, size: Pt | None = None, *, bold: bool | None = None, latin: str = "") -> None:
    """Name the font for every script of the run, East-Asian included."""
    run.font.name = latin or name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), latin or name)
    fonts.set(qn("w:hAnsi"), latin or name)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:cs"), latin or name)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold
    # Only body-size text keeps the style's narrowing (titles, tables, page numbers set their own).
    if size is not None and size != SAN_HAO:
        set_char_spacing(rpr, 0)


def _page_field(paragraph: Paragraph, font: str, size: Pt) -> None:
    """ "— N —": the page number is a PAGE field, so every page shows its own number."""

    def text_run(text: str) -> Run:
        run = paragraph.add_run(text)
        set_run_font(run, font, size)
        return run

    text_run("— ")
    begin = text_run("")
    begin._element.append(_fld_char("begin"))
    instr = text_run("")
    instr_text = OxmlElement("w:instrText")
    instr_text.set(qn("xml:space"), "preserve")
    instr_text.text = " PAGE "
    instr._element.append(instr_text)
    separate = text_run("")
    separate._element.append(_fld_char("separate"))
    text_run("1")
    end = text_run("")
    end._element.append(_fld_char("end"))
    text_run(" —")


def _fld_char(kind: str) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


@dataclass(frozen=True)
class Cell:
    """A table cell: text and how it is aligned."""

    text: str
    align: str = "center"  # center, left, right


class OfficialDocument:
    """A 公文-layout document being written, paragraph by paragraph."""

    def __init__(self) -> None:
        self.doc = Document()
        self._setup_styles()
        self._setup_page()

    # --- set-up -----------------------------------------------------------------------------------------------

    def _setup_styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = SAN_HAO
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), BODY_FONT)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        set_char_spacing(rpr, BODY_CHAR_SPACING_TWIPS)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.widow_control = False

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width = Mm(210)
        section.page_height = Mm(297)
        section.top_margin = Mm(37)
        section.bottom_margin = Mm(35)
        section.left_margin = Mm(28)
        section.right_margin = Mm(26)
        section.header_distance = Mm(15)
        # The page number's 一字线 sits 7 mm below the type area.
        section.footer_distance = Mm(24)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        grid.set(qn("w:charSpace"), str(CHAR_SPACE))
        # Outer-side page numbers need different footers for odd and even pages.
        self.doc.settings.odd_and_even_pages_header_footer = True
        odd = section.footer.paragraphs[0]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = Pt(14)  # 右空一字
        self._footer_paragraph(odd)
        even = section.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = Pt(14)  # 左空一字
        self._footer_paragraph(even)

    def _footer_paragraph(self, paragraph: Paragraph) -> None:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _page_field(paragraph, PAGE_NUMBER_FONT, SI_HAO)

    # --- writing ----------------------------------------------------------------------------------------------

    def _paragraph(
        self, *, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, keep: bool = False
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = Pt(32) if indent else Pt(0)  # 首行空二字
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def title(self, *lines: str) -> Paragraph:
        """The title: 小标宋 二号, centred, broken where the words break (梯形 or 菱形), then one empty line."""
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, keep=True)
        paragraph.paragraph_format.line_spacing = Pt(35)
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            set_run_font(run, TITLE_FONT, ER_HAO)
            if index < len(lines) - 1:
                run.add_break()
        self.blank()
        return paragraph

    def blank(self) -> Paragraph:
        paragraph = self._paragraph(indent=False)
        set_run_font(paragraph.add_run(""), BODY_FONT, SAN_HAO, latin=LATIN_FONT)
        return paragraph

    def label(self, text: str) -> Paragraph:
        """“附件” over an attachment: 黑体 三号, flush left."""
        paragraph = self._paragraph(indent=False, keep=True)
        set_run_font(paragraph.add_run(text), HEADING1_FONT, SAN_HAO, latin=HEADING1_FONT)
        return paragraph

    def addressee(self, text: str) -> Paragraph:
        """主送机关: flush left, ending with a full-width colon."""
        paragraph = self._paragraph(indent=False)
        self._body_run(paragraph, text)
        return paragraph

    def _body_run(self, paragraph: Paragraph, text: str, *, bold: bool = False) -> Run:
        run = paragraph.add_run(text)
        set_run_font(run, BODY_FONT, SAN_HAO, bold=bold, latin=LATIN_FONT)
        return run

    def para(self, text: str, *, keep: bool = False) -> Paragraph:
        """A body paragraph: 仿宋_GB2312 三号, first line indented two characters."""
        paragraph = self._paragraph(keep=keep)
        self._body_run(paragraph, text)
        return paragraph

    def heading1(self, text: str) -> Paragraph:
        """一、…: 黑体 三号."""
        paragraph = self._paragraph(keep=True)
        set_run_font(paragraph.add_run(text), HEADING1_FONT, SAN_HAO, latin=HEADING1_FONT)
        return paragraph

    def heading2(self, text: str, body: str = "", *, keep: bool = False) -> Paragraph:
        """（一）…: 楷体_GB2312 三号, optionally followed by body text in the same paragraph."""
        paragraph = self._paragraph(keep=keep or not body)
        set_run_font(paragraph.add_run(text), HEADING2_FONT, SAN_HAO, latin=HEADING2_FONT)
        if body:
            self._body_run(paragraph, body)
        return paragraph

    def heading3(self, text: str, body: str = "") -> Paragraph:
        """1. …: 仿宋_GB2312 三号 bold, optionally followed by body text."""
        paragraph = self._paragraph(keep=not body)
        self._body_run(paragraph, text, bold=True)
        if body:
            self._body_run(paragraph, body)
        return paragraph

    def placeholder(self, text: str) -> Paragraph:
        """A place the officer fills in with their own words: bracketed and highlighted."""
        paragraph = self._paragraph()
        run = self._body_run(paragraph, f"【{text}】")
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return paragraph

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str | Cell]], widths_mm: Sequence[float] | None = None
    ) -> Table:
        """A bordered table: headers 黑体 小四, cells 仿宋 小四, single line spacing, headers repeated on each page."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header_row = table.rows[0]
        trpr = header_row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        trpr.append(repeat)
        for cell, text in zip(header_row.cells, headers, strict=True):
            self._cell(cell, Cell(text), header=True)
        for row, values in zip(table.rows[1:], rows, strict=True):
            cant_split = OxmlElement("w:cantSplit")
            row._tr.get_or_add_trPr().append(cant_split)
            for cell, value in zip(row.cells, values, strict=True):
                self._cell(cell, value if isinstance(value, Cell) else Cell(str(value)))
        if widths_mm:
            # Word reads the cells' widths, LibreOffice the table grid's: set both.
            table.autofit = False
            for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
                column.set(qn("w:w"), str(round(width / 25.4 * 1440)))
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=True):
                    cell.width = Mm(width)
        self.blank()
        return table

    def _cell(self, cell: _Cell, value: Cell, *, header: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }.get(value.align, WD_ALIGN_PARAGRAPH.CENTER)
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(20 if header else 18)
        fmt.space_before = Pt(2)
        fmt.space_after = Pt(2)
        # Outside the document grid: a cell's text keeps its own pitch.
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        paragraph._p.get_or_add_pPr().insert_element_before(snap, *_PPR_AFTER_SNAP)
        run = paragraph.add_run(value.text)
        if header:
            set_run_font(run, HEADING1_FONT, XIAO_SI, latin=HEADING1_FONT)
        else:
            set_run_font(run, BODY_FONT, XIAO_SI, latin=LATIN_FONT)

    def signature(self, issuer: str, date_text: str) -> None:
        """发文机关署名 and 成文日期: right-aligned, the date 右空四字, the name centred over the date.

        The last body line goes with them to a new page rather than leave the signature alone on one.
        """
        if self.doc.paragraphs:
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        for _ in range(2):
            self.blank().paragraph_format.keep_with_next = True
        # The issuer centred over the date: both right-aligned, the issuer indented by half the length difference.
        name = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, keep=True)
        gap = max(0, len(date_text) - len(issuer))
        name.paragraph_format.right_indent = Pt(16 * 4 + 16 * gap / 2)
        self._body_run(name, issuer)
        date = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        date.paragraph_format.right_indent = Pt(16 * 4)
        self._body_run(date, date_text)

    def page_break(self) -> None:
        paragraph = self._paragraph(indent=False)
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def date_text(day: dt.date) -> str:
    """成文日期 in Arabic numerals (GB/T 9704-2012 §7.3.5.3): 2010年10月31日, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"
