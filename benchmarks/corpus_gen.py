"""Many distinct, valid disclosures as PDF, cheaply: what ``bench_ingest.py`` ingests.

Rendering a disclosure to PDF costs yusuan about 2 s of CPU, too much for 10,000. So:

1. **Bases** (rendered by yusuan, kept in a cache folder): the synthetic examples built from
   their line items (``lines.csv``: every total derived, so any scaling stays consistent),
   each under a department named ``基准测试局0123456789`` (its units named after it), some a
   year earlier, and (where every amount derives from the lines) its line amounts multiplied
   by a factor of its own; rendered without
   compression so their text can be edited in place.
2. **Derived documents**: a base with the ten digits of its department name permuted
   (``基准测试局3108297564``) wherever the name is printed, by swapping glyph ids of the same
   font in the page content (the digits are in every font subset that prints the name, and a
   swap keeps every byte offset); then the streams are compressed. Each derived document is
   another department's budget: distinct text, distinct hash, as valid as its base (checked:
   ``verify``), and the ingest stores it as a department of its own.
"""

from __future__ import annotations

import itertools
import math
import re
import shutil
import zlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

NAME = "基准测试局0123456789"
DIGITS = "0123456789"
EXAMPLES = ("synthetic-2024", "water-2025", "shanghai-dept-2025", "jiangsu-dept-2019")
# whose every amount derives from its line items (the others state project allocations and
# performance targets in budget.yaml, which a factor on the lines would contradict)
SCALED = ("shanghai-dept-2025", "jiangsu-dept-2019")

_CMAP = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>")
_TJ = re.compile(rb"\[([^\]]*)\]\s*TJ")
_HEX = re.compile(rb"<([0-9a-fA-F]*)>")
_XREF = re.compile(rb"(\d{10}) (\d{5}) n")
_LENGTH = re.compile(rb"/Length (\d+)")


def base_source(example: Path, folder: Path, factor: Decimal, year_back: int) -> Path:
    """``example`` as a source folder of department ``NAME``: every line amount times
    ``factor`` (to the cent), and ``year_back`` years earlier."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(example, folder)
    budget = (folder / "budget.yaml").read_text(encoding="utf-8")
    old = re.search(r"^department: (.+)$", budget, re.M)
    year = re.search(r"^year: (\d{4})$", budget, re.M)
    assert old and year, f"{example}: no department or year line"
    budget = budget.replace(old.group(1), NAME)
    if year_back:
        budget = budget.replace(f"year: {year.group(1)}", f"year: {int(year.group(1)) - year_back}")
        budget = re.sub(r'^published_on: .*$', "", budget, flags=re.M)
    (folder / "budget.yaml").write_text(budget, encoding="utf-8")
    lines = (folder / "lines.csv").read_text(encoding="utf-8").replace(old.group(1), NAME)
    out = []
    for line in lines.splitlines():
        head, _, amount = line.rpartition(",")
        if head and not line.startswith("#") and re.fullmatch(r"-?\d+(\.\d+)?", amount):
            line = f"{head},{(Decimal(amount) * factor).quantize(Decimal('0.01'))}"
        out.append(line)
    (folder / "lines.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def render_uncompressed(folder: Path) -> bytes:
    """The source folder built and rendered to PDF by yusuan, streams left uncompressed."""
    import weasyprint

    from yusuan.compose import build_disclosure
    from yusuan.render.pdf import _font_config, print_html

    data = weasyprint.HTML(string=print_html(build_disclosure(folder))).write_pdf(
        font_config=_font_config(), uncompressed_pdf=True)
    assert data is not None
    return bytes(data)


def _glyph_maps(pdf: bytes) -> list[dict[str, bytes]]:
    """Each font's character → glyph id (4 hex digits), from its ToUnicode map."""
    return [{chr(int(u, 16)): g.lower() for g, u in _PAIR.findall(m.group(1))}
            for m in _CMAP.finditer(pdf)]


def renamed(pdf: bytes, new: str) -> tuple[bytes, int]:
    """``pdf`` (uncompressed) with ``NAME`` printed as ``new`` (the same length, made of
    characters the fonts printing the name have); and how many times it was printed. Where
    the name is printed in two fonts (the digits from a fallback font that has no Chinese),
    the digits' font has its run of ``DIGITS`` replaced on its own."""
    out = bytearray(pdf)
    found = 0
    for glyphs_of in _glyph_maps(pdf):
        if all(c in glyphs_of for c in NAME + new):
            old_text, new_text = NAME, new
        elif all(c in glyphs_of for c in DIGITS):
            old_text, new_text = DIGITS, new[-len(DIGITS):]
        else:
            continue
        want = [glyphs_of[c] for c in old_text]
        for tj in _TJ.finditer(pdf):
            glyphs = [(tj.start(1) + h.start(1) + k, h.group(1)[k:k + 4].lower())
                      for h in _HEX.finditer(tj.group(1)) for k in range(0, len(h.group(1)), 4)]
            ids = [g for _, g in glyphs]
            for i in range(len(ids) - len(want) + 1):
                if ids[i:i + len(want)] == want:
                    found += 1
                    for (at, _), ch in zip(glyphs[i:i + len(want)], new_text, strict=True):
                        out[at:at + 4] = glyphs_of[ch]
    return bytes(out), found


def compact(pdf: bytes) -> bytes:
    """An uncompressed PDF (classic cross-reference table, direct stream lengths) with its
    streams Flate-compressed and the cross-reference table rewritten."""
    header = pdf[:pdf.index(b"1 0 obj")]
    xref_at = pdf.rindex(b"\nxref\n") + 1
    offsets = [int(m.group(1)) for m in _XREF.finditer(pdf, xref_at)]
    ends = [*sorted(offsets)[1:], xref_at]
    end_of = dict(zip(sorted(offsets), ends, strict=True))
    out = bytearray(header)
    new_offsets = []
    for off in offsets:
        obj = pdf[off:end_of[off]]
        at = obj.find(b"stream\n")
        if at >= 0 and (length := _LENGTH.search(obj, 0, at)):
            body = obj[at + 7:at + 7 + int(length.group(1))]
            packed = zlib.compress(body, 6)
            head = obj[:length.start()] + b"/Filter /FlateDecode/Length %d" % len(packed) \
                + obj[length.end():at]
            obj = head + b"stream\n" + packed + b"\nendstream\nendobj\n"
        new_offsets.append(len(out))
        out += obj
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in new_offsets)
    trailer = pdf[pdf.index(b"trailer", xref_at):pdf.index(b"startxref", xref_at)]
    return bytes(out + trailer + b"startxref\n%d\n%%%%EOF\n" % start)


def permutation(n: int) -> str:
    """The ``n``-th permutation of the ten digits (distinct for n < 10!)."""
    digits = list(DIGITS)
    out = []
    for k in range(len(digits), 0, -1):
        i, n = divmod(n, math.factorial(k - 1))
        out.append(digits.pop(i))
    return "".join(out)


def bases(root: Path, cache: Path, count: int) -> Iterator[Path]:
    """``count`` base PDFs (rendered once, then read from ``cache``)."""
    cache.mkdir(parents=True, exist_ok=True)
    for i, example in zip(range(count), itertools.cycle(EXAMPLES)):
        path = cache / f"base-{i:04d}.pdf"
        if not path.exists():
            factor = Decimal(1000 + 37 * i) / 1000 if example in SCALED else Decimal(1)
            folder = base_source(root / "examples" / example, cache / f"src-{i:04d}", factor,
                                 (i // 4) % 3)
            path.write_bytes(render_uncompressed(folder))
            shutil.rmtree(folder)
        yield path


def derived(base: bytes, n: int) -> tuple[str, bytes]:
    """The ``n``-th department made from ``base``: its name and its compressed PDF."""
    name = NAME[:-len(DIGITS)] + permutation(n)
    data, found = renamed(base, name)
    assert found, "the department name is not printed in the base PDF"
    return name, compact(data)
