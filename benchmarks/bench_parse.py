"""Time ``yusuan parse`` against pdfplumber's word extraction and bare PDFium, per corpus PDF.

Baselines: pdfplumber's ``page.extract_words()`` over all pages (what the reader used to be
built on), and bare ``pypdfium2`` character extraction (every character's unicode and box:
the least a text-layer reader must do). Target: the whole parse (recognition included)
≤ 0.25 × pdfplumber's word extraction. All three are measured in the same run, best of
``--repeat`` runs each, alternating, so machine load hits them alike.

``--office`` also renders the Korla and synthetic examples as XLSX and DOCX and times their
readers against the least each must do: python-calamine reading every sheet's values (XLSX),
python-docx opening the document and walking its paragraphs and table cells (DOCX). These
ratios are reported, not held to the PDF target (the baselines do much less work).

    .venv/bin/python benchmarks/bench_parse.py [--repeat 3] [--office] [FILE.pdf ...]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "fixtures").glob("*.pdf"))
TARGET_RATIO = 0.25


def words_only(path: Path) -> tuple[float, int]:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_words()
    return time.perf_counter() - start, pages


def pdfium_chars(path: Path) -> float:
    import pypdfium2 as pdfium

    start = time.perf_counter()
    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            textpage.get_text_range(i, 1)
            textpage.get_charbox(i, loose=True)
    return time.perf_counter() - start


def parse_only(path: Path) -> float:
    """Seconds to parse; a file parse refuses (a narrative-only part, a 决算 template) is
    timed up to its refusal, which also reads every page."""
    from yusuan.model.errors import InputError
    from yusuan.parse import parse_file

    start = time.perf_counter()
    with contextlib.suppress(InputError):  # a refused file is timed up to its refusal
        parse_file(path)
    return time.perf_counter() - start


def calamine_only(path: Path) -> float:
    import python_calamine as pc

    start = time.perf_counter()
    book = pc.CalamineWorkbook.from_path(str(path))
    for i in range(len(book.sheet_names)):
        book.get_sheet_by_index(i).to_python()
    return time.perf_counter() - start


def python_docx_only(path: Path) -> float:
    import docx

    start = time.perf_counter()
    document = docx.Document(str(path))
    for p in document.paragraphs:
        p.text  # noqa: B018  (the access is the work measured)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text  # noqa: B018
    return time.perf_counter() - start


def office(repeat: int) -> None:
    import tempfile

    from yusuan.compose import build_disclosure
    from yusuan.render.docx import render_docx
    from yusuan.render.xlsx import render_xlsx

    print(f"\n{'office file':40} {'base s':>8} {'parse s':>8} {'ratio':>6}  baseline")
    with tempfile.TemporaryDirectory() as tmp:
        for example in ("korla-2024", "synthetic-2024"):
            d = build_disclosure(ROOT / "examples" / example)
            for ext, render, base_fn, name in (
                    ("xlsx", render_xlsx, calamine_only, "calamine values"),
                    ("docx", render_docx, python_docx_only, "python-docx walk")):
                path = Path(tmp) / f"{example}.{ext}"
                path.write_bytes(render(d))
                parse_only(path)  # warm
                base, yus = float("inf"), float("inf")
                for _ in range(repeat):
                    base = min(base, base_fn(path))
                    yus = min(yus, parse_only(path))
                print(f"{path.name:40} {base:8.3f} {yus:8.3f} {yus / base:6.2f}  {name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--office", action="store_true", help="also time the XLSX and DOCX readers")
    args = ap.parse_args()
    files = args.files or CORPUS
    parse_only(files[0])  # warm imports and profile loading once, outside the timings
    print(f"{'file':52} {'pages':>5} {'plumber':>8} {'pdfium':>7} {'parse s':>8}"
          f" {'÷plumber':>8} {'÷pdfium':>7}")
    worst = 0.0
    for f in files:
        base, bare, yus, pages = float("inf"), float("inf"), float("inf"), 0
        for _ in range(args.repeat):
            t, pages = words_only(f)
            base = min(base, t)
            bare = min(bare, pdfium_chars(f))
            yus = min(yus, parse_only(f))
        ratio = yus / base
        worst = max(worst, ratio)
        per30 = yus / pages * 30
        print(f"{f.name[:52]:52} {pages:5d} {base:8.3f} {bare:7.3f} {yus:8.3f}"
              f" {ratio:8.2f} {yus / bare:7.2f}   (30 pages ≈ {per30:.2f} s)")
    verdict = "ok" if worst <= TARGET_RATIO else "SLOWER THAN TARGET"
    print(f"worst ratio {worst:.2f} (target ≤ {TARGET_RATIO}): {verdict}")
    if args.office:
        office(args.repeat)
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
