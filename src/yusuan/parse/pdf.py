"""PDF reader (PDFium, text layer): words → positioned lines → ``document.assemble``.

Where it sits: ``pdf_words.page_words`` per page (characters and boxes from PDFium); words are
clustered into lines by their vertical position and neighbouring words merged into cells
(``1.`` + ``一般公共预算资金``, ``合   计``) unless either is a figure or a code. Page numbers
in the bottom margin are dropped, and so is a running head (the same text in the top or
bottom margin of most pages) after its first print. Everything else — titles, header columns,
wrapped labels, continued tables — is recognised from these lines by ``tables.py``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pypdfium2 as pdfium

from yusuan.model.errors import InputError
from yusuan.model.finding import Finding, Location
from yusuan.parse.limits import check_lines, check_pages, check_pdf_streams
from yusuan.parse.lines import Cell, Line
from yusuan.parse.pdf_words import Word, displayed_size, page_words

LINE_TOLERANCE = 0.45  # share of the word height within which two words are on one line
MERGE_GAP = 1.05  # share of the character height below which two words are one cell
SPACED_GAP = 3.0
FOOTER_ZONE = 0.9


def _spaced(text: str) -> bool:
    return len(text) == 1 and "\u4e00" <= text <= "\u9fff"


def _is_figure(text: str) -> bool:
    return Cell(text, 0, 0).is_number


_FIGURE = r"-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})"
_GROUPED = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?"
_UNIT_CHARS = "元万亿千百个人次份项辆台套张件分度天年月日倍"
_CENTS = r"-?\d{1,3}(?:,\d{3})*\.\d{2}"  # a figure printed to the cent
_GLUED = (  # figures overflowing a narrow column into the next: 16,567.991,456.82 and
    # 18,024.81201一般公共服务支出 (a figure to the cent, then a figure or a code and name)
    re.compile(rf"^({_CENTS})((?:{_CENTS})+|\d{{3}}(?:\d{{2}}){{0,2}}(?:[\u4e00-\u9fff].*)?)$"),
    re.compile(r"^(-?\d{1,3}(?:,\d{3})+)(-?\d{1,3}(?:,\d{3})+)$"),  # 2,976,8002,976,800
    re.compile(rf"^({_FIGURE})([\u4e00-\u9fff].{{3,}})$"),  # 91,016,775.35一、一般…
    re.compile(rf"^(.*[\u4e00-\u9fff）)])({_GROUPED})$"))  # 行政运行1,000.00


def _width(text: str) -> float:
    """Printed width in character heights: figures and Latin half, CJK whole."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _unglued(words: list[Word]) -> list[Word]:
    """A figure and a label of the next column printed touching are one word: split them
    where their widths say (a figure is never part of a label in a table cell)."""
    out: list[Word] = []
    todo = list(reversed(words))
    while todo:
        w = todo.pop()
        m = next((m for g in _GLUED if (m := g.match(w.text))), None)
        if m is None or m.group(2)[0] in _UNIT_CHARS:  # 90.00分, 500.00万元: a value
            out.append(w)
            continue
        left, right = m.group(1), m.group(2)
        cut = w.x0 + (w.x1 - w.x0) * _width(left) / _width(w.text)
        out.append(Word(left, w.x0, cut, w.top, w.bottom))
        todo.append(Word(right, cut, w.x1, w.top, w.bottom))  # three figures run together
    return out


def _cells(words: list[Word]) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    prev: Word | None = None
    for w in sorted(_unglued(words), key=lambda w: w.x0):
        size = max(w.bottom - w.top, 1.0)
        gap = MERGE_GAP * size
        if prev is not None and _spaced(prev.text) and _spaced(w.text):
            gap = SPACED_GAP * size  # 合   计, 金   额: one label printed letter-spaced
        if (prev is not None and cells and w.x0 - prev.x1 < gap
                and not _is_figure(w.text) and not _is_figure(prev.text)
                and not w.text.isdigit() and not prev.text.isdigit()):
            last = cells[-1]
            parts = last.words or ((last.text, last.x0, last.x1),)
            cells[-1] = Cell(last.text + w.text, last.x0, w.x1, min(last.top, w.top),
                             (*parts, (w.text, w.x0, w.x1)))
        else:
            cells.append(Cell(w.text, w.x0, w.x1, w.top))
        prev = w
    return tuple(cells)


def page_lines(words: list[Word], page: int, height: float, width: float = 0.0) -> list[Line]:
    """Cluster one page's words into lines top to bottom."""
    groups: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        size = max(w.bottom - w.top, 1.0)
        if groups:
            ref = groups[-1]
            mid = sum((g.top + g.bottom) / 2 for g in ref) / len(ref)
            if abs((w.top + w.bottom) / 2 - mid) <= LINE_TOLERANCE * size:
                ref.append(w)
                continue
        groups.append([w])
    out: list[Line] = []
    for g in groups:
        top = min(w.top for w in g)
        cells = _cells(g)
        if top > FOOTER_ZONE * height and all(c.label.isdigit() or c.label in "-—" for c in cells):
            continue  # page number
        size = statistics_median([w.bottom - w.top for w in g])
        out.append(Line(cells=cells, page=page, top=top, height=size, page_width=width))
    return out


def statistics_median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 10.0


def pdf_lines(path: Path) -> tuple[tuple[Line, ...], int, tuple[int, ...]]:
    """All lines of the PDF, the page count and the pages without a text layer."""
    name = str(path)
    if not path.exists():
        raise InputError("文件不存在", file=name)
    with path.open("rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise InputError("不是 PDF 文件（文件头不是 %PDF）", file=name)
    check_pdf_streams(path)
    pages: list[tuple[list[Line], float]] = []
    empty: list[int] = []
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower() or _declares_encryption(path):
            raise InputError("PDF 已加密，需要密码才能读取；请提供未加密的文件",
                             file=name) from None
        raise InputError("PDF 文件已损坏或不完整，无法读取（PDFium 无法打开）",
                         file=name) from None
    try:
        count = len(pdf)
        check_pages(count, name)
        for n in range(1, count + 1):
            page = pdf[n - 1]
            try:
                words = page_words(page)
                width, height = displayed_size(page)
            finally:
                page.close()
            if not words:
                empty.append(n)
                continue
            pages.append((page_lines(words, n, height, width), height))
    except pdfium.PdfiumError:
        raise InputError(f"PDF 文件已损坏或不完整，第 {n} 页无法读取", file=name) from None
    finally:
        pdf.close()
    lines = without_running_heads(pages)
    return check_lines(tuple(lines), name), count, tuple(empty)


RUNNING_ZONE = 0.1  # share of the page height at the top and bottom where running heads sit
RUNNING_SHARE = 0.8  # share of the pages after the cover a running head is printed on


def without_running_heads(pages: list[tuple[list[Line], float]]) -> list[Line]:
    """The pages' lines without running heads and feet: a line printed the same in the top
    (or the bottom) margin zone of nearly every page after the cover (at least
    three; both pages of a two-page file) — ``某部门2024年部门预算公开`` above every table
    page is no row of the table it stands above. The cover (page 1) keeps its lines."""
    seen: dict[tuple[str, bool], set[int]] = {}
    zone: dict[int, bool] = {}  # line → at the top (True) or at the bottom (False)
    for lines, height in pages:
        for line in lines:
            if line.top < RUNNING_ZONE * height or line.top > (1 - RUNNING_ZONE) * height:
                zone[id(line)] = line.top < height / 2
                seen.setdefault((line.label, zone[id(line)]), set()).add(line.page or 0)
    # on nearly every page: a title printed at the top of each of a run of performance
    # tables (财政项目支出绩效目标填报表) is content, not a running head
    least = max(3, math.ceil(RUNNING_SHARE * (len(pages) - 1))) if len(pages) > 2 else 2
    running = {key for key, on in seen.items() if len(on) >= least}
    return [line for lines, _ in pages for line in lines
            if line.page == 1 or id(line) not in zone or (line.label, zone[id(line)]) not in running]


def _declares_encryption(path: Path) -> bool:
    data = path.read_bytes()
    return b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]


def read_lines(path: Path, profile: str | None = None) -> tuple[
        tuple[Line, ...], list[Finding], str | None]:
    """The PDF's lines, a warning per page without a text layer, and the profile asked for;
    a PDF with no text at all is an ``InputError``."""
    lines, count, empty = pdf_lines(path)
    if count == 0 or len(empty) == count:
        raise InputError("PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字；"
                         "请先做文字识别（OCR）或提供带文字的 PDF", file=str(path))
    return lines, [Finding("parse.page-without-text", "warning", "parse",
                           f"第 {page} 页没有文字层（扫描件或图片），其内容未读取",
                           Location(file=str(path), page=page)) for page in empty], profile
