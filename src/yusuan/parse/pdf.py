"""PDF reader (pdfplumber, text layer): words → positioned lines → ``document.assemble``.

Where it sits: one ``extract_words`` per page (the expensive step, done once); words are
clustered into lines by their vertical position and neighbouring words merged into cells
(``1.`` + ``一般公共预算资金``, ``合   计``) unless either is a figure or a code. Page numbers
in the bottom margin are dropped. Everything else — titles, header columns, wrapped labels,
continued tables — is recognised from these lines by ``tables.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yusuan.model.disclosure import Disclosure
from yusuan.model.errors import InputError
from yusuan.model.finding import Finding, Location
from yusuan.parse.limits import bound_pdfminer, check_lines, check_pages
from yusuan.parse.lines import Cell, Line

LINE_TOLERANCE = 0.45  # share of the word height within which two words are on one line
MERGE_GAP = 1.05  # share of the character height below which two words are one cell
SPACED_GAP = 3.0
FOOTER_ZONE = 0.9


def _spaced(text: str) -> bool:
    return len(text) == 1 and "\u4e00" <= text <= "\u9fff"


def _is_figure(text: str) -> bool:
    return Cell(text, 0, 0).is_number


def _cells(words: list[dict[str, Any]]) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    prev: dict[str, Any] | None = None
    for w in sorted(words, key=lambda w: w["x0"]):
        size = max(w["bottom"] - w["top"], 1.0)
        gap = MERGE_GAP * size
        if prev is not None and _spaced(prev["text"]) and _spaced(w["text"]):
            gap = SPACED_GAP * size  # 合   计, 金   额: one label printed letter-spaced
        if (prev is not None and cells and w["x0"] - prev["x1"] < gap
                and not _is_figure(w["text"]) and not _is_figure(prev["text"])
                and not w["text"].isdigit() and not prev["text"].isdigit()):
            last = cells[-1]
            cells[-1] = Cell(last.text + w["text"], last.x0, w["x1"], min(last.top, w["top"]))
        else:
            cells.append(Cell(w["text"], w["x0"], w["x1"], w["top"]))
        prev = w
    return tuple(cells)


def page_lines(words: list[dict[str, Any]], page: int, height: float) -> list[Line]:
    """Cluster one page's words into lines top to bottom."""
    groups: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        size = max(w["bottom"] - w["top"], 1.0)
        if groups:
            ref = groups[-1]
            mid = sum((g["top"] + g["bottom"]) / 2 for g in ref) / len(ref)
            if abs((w["top"] + w["bottom"]) / 2 - mid) <= LINE_TOLERANCE * size:
                ref.append(w)
                continue
        groups.append([w])
    out: list[Line] = []
    for g in groups:
        top = min(w["top"] for w in g)
        cells = _cells(g)
        if top > FOOTER_ZONE * height and all(c.label.isdigit() or c.label in "-—" for c in cells):
            continue  # page number
        size = statistics_median([w["bottom"] - w["top"] for w in g])
        out.append(Line(cells=cells, page=page, top=top, height=size))
    return out


def statistics_median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 10.0


def pdf_lines(path: Path) -> tuple[tuple[Line, ...], int, tuple[int, ...]]:
    """All lines of the PDF, the page count and the pages without a text layer."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    name = str(path)
    if not path.exists():
        raise InputError("文件不存在", file=name)
    with path.open("rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise InputError("不是 PDF 文件（文件头不是 %PDF）", file=name)
    lines: list[Line] = []
    empty: list[int] = []
    bound_pdfminer()
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            check_pages(count, name)
            for n, page in enumerate(pdf.pages, 1):
                words = page.extract_words()
                if not words:
                    empty.append(n)
                    continue
                lines.extend(page_lines(words, n, float(page.height)))
    except InputError as exc:  # a bound (limits.py) met inside pdfminer
        raise InputError(exc.message, file=name) if exc.file is None else exc from None
    except Exception as exc:  # pdfplumber wraps pdfminer's many private error types
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, InputError):  # a bound met inside pdfminer, wrapped by pdfplumber
            raise InputError(cause.message, file=name) from None
        if isinstance(cause, PDFPasswordIncorrect) or "Encrypt" in type(cause).__name__ \
                or _declares_encryption(path):
            raise InputError("PDF 已加密，需要密码才能读取；请提供未加密的文件",
                             file=name) from None
        if isinstance(exc, (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError)) \
                or type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
            raise InputError(f"PDF 文件已损坏或不完整，无法读取（{type(cause).__name__}）",
                             file=name) from None
        raise
    return check_lines(tuple(lines), name), count, tuple(empty)


def _declares_encryption(path: Path) -> bool:
    data = path.read_bytes()
    return b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]


def parse(path: Path, profile: str | None = None) -> tuple[Disclosure, list[Finding]]:
    from yusuan.parse.document import assemble

    lines, count, empty = pdf_lines(path)
    if count == 0 or len(empty) == count:
        raise InputError("PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字；"
                         "请先做文字识别（OCR）或提供带文字的 PDF", file=str(path))
    disclosure, findings = assemble(lines, str(path), profile)
    for page in empty:
        findings.append(Finding("parse.page-without-text", "warning", "parse",
                                f"第 {page} 页没有文字层（扫描件或图片），其内容未读取",
                                Location(file=str(path), page=page)))
    return disclosure, findings
