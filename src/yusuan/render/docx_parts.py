"""Building blocks of the DOCX renderer: fonts and styles, fields, page setup, tables.

Used by ``docx.py`` only. python-docx covers paragraphs and tables; what it lacks (East
Asian fonts on styles, repeated header rows, PAGE/TOC fields) is set here on the XML.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from yusuan.model.dates import build_time
from yusuan.model.disclosure import Disclosure
from yusuan.render.properties import comments

BODY_FONT = "宋体"  # SimSun
HEADING_FONT = "黑体"  # SimHei
LATIN_FONT = "Times New Roman"
A4 = (Mm(210), Mm(297))


def set_fonts(element: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Explicit fonts on a style's or run's ``rPr`` (theme fonts removed: they would win)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def setup_styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal.element, BODY_FONT)
    normal.font.size = Pt(12)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, size, align in (("Heading 1", 16, WD_ALIGN_PARAGRAPH.CENTER),
                              ("Heading 2", 14, None), ("Heading 3", 12, None),
                              ("Title", 22, WD_ALIGN_PARAGRAPH.CENTER)):
        style = doc.styles[name]
        set_fonts(style.element, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before = Pt(12)
        fmt.space_after = Pt(6)
        if align is not None:
            fmt.alignment = align
    title = doc.styles["Title"].element.get_or_add_pPr()
    for border in title.findall(qn("w:pBdr")):
        title.remove(border)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (``PAGE``, ``TOC …``); Word computes its result when it lays out."""
    def char(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def update_fields_on_open(doc: Document) -> None:
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    doc.settings.element.append(el)


def page_setup(section: Section, landscape: bool) -> None:
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(18)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        section.left_margin, section.right_margin = Mm(25), Mm(22)


def text_width(section: Section) -> int:
    width, left, right = section.page_width, section.left_margin, section.right_margin
    assert width is not None and left is not None and right is not None  # set by page_setup
    return int(width - left - right)


def set_core_properties(doc: Document, disclosure: Disclosure, draft: str = "") -> None:
    """File → Properties in Word: title, the department as author, when it was made
    (python-docx's template would say "python-docx", 2013)."""
    props = doc.core_properties
    made = build_time()
    props.title = disclosure.title
    props.author = props.last_modified_by = disclosure.department
    props.created = props.modified = made
    props.revision = 1
    props.language = "zh-CN"
    props.subject = f"{disclosure.year}年{disclosure.edition}公开"
    props.comments = comments(draft)
    if draft:
        props.category = "草稿"
    props.keywords = "；".join((disclosure.department, f"{disclosure.year}年", disclosure.edition))
