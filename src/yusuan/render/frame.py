"""The document frame of a region and edition, as data: cover, 目录, parts, page.

Every profile file (``reference/profiles/<id>.yaml``) has a ``frame`` that says how that
region's published document is framed around its tables and text: the cover lines, the 目录
(title, whether it prints page numbers), the parts in print order (each a heading, a 目录 line
and blocks: 职能, 机构设置, the tables, narrative sections by key, performance tables, 名词解释),
the numbering of list items, and the page (text pages portrait or landscape, tables by width or
all landscape, a table per page or flowing, running title, page number style, signature).
The HTML/PDF, DOCX and XLSX renderers all lay the document out from ``document_frame`` — the
frame resolved for one disclosure, every heading already worded — so the formats agree.

A profile without a frame is refused (``MissingFrameError``), never printed in another
region's frame.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from yusuan.model.dates import chinese_date
from yusuan.model.disclosure import Disclosure, Section
from yusuan.reference.numerals import chinese_number, strip_numbering
from yusuan.render.frame_data import (
    BLOCK_KINDS,
    Block,
    CoverLine,
    Frame,
    MissingFrameError,
    Page,
    Part,
    frame_error,
    load_frame,
)

__all__ = ["BLOCK_KINDS", "Block", "CoverLine", "DocumentFrame", "Frame", "MissingFrameError",
           "Page", "Part", "PlacedBlock", "PlacedPart", "TocLine", "document_frame",
           "frame_of", "load_frame", "print_css", "style_css", "words"]

# -- the frame resolved for one disclosure -------------------------------------------------

@dataclass(frozen=True)
class TocLine:
    text: str
    target: str  # the anchor it links to
    children: tuple[TocLine, ...] = ()


@dataclass(frozen=True)
class PlacedBlock:
    block: Block
    heading: str  # worded
    toc: str = ""  # its 目录 line, worded (the heading unless the block gives its own)
    sections: tuple[tuple[int, Section], ...] = ()  # narrative: (1-based index, section)


@dataclass(frozen=True)
class PlacedPart:
    part: Part
    heading: str
    toc: TocLine | None
    blocks: tuple[PlacedBlock, ...]


@dataclass(frozen=True)
class DocumentFrame:
    frame: Frame
    cover: tuple[CoverLine, ...]  # worded; lines that came out empty left out
    toc: tuple[TocLine, ...]
    parts: tuple[PlacedPart, ...]
    words: Mapping[str, str]
    table_owner: str = "编制部门"  # worded: 上海 单位预算 编制单位

    def item(self, block: Block, n: int, **fields: str) -> str:
        """A numbered item of a block (a function, a glossary term, a table in the 目录)."""
        return block.item.format(n=n, cn=chinese_number(n), **{**self.words, **fields})


def words(frame: Frame, d: Disclosure) -> dict[str, str]:
    """What the frame's templates may name: the disclosure's and the edition's words."""
    match = re.match(frame.area, d.department) if frame.area else None
    out = {"department": d.department, "year": str(d.year), "prior": str(d.year - 1),
           "edition": d.edition, "area": match.group(0) if match else "",
           "published_on": chinese_date(d.published_on) if d.published_on else ""}
    edition = dict(frame.editions)
    if frame.editions and d.edition not in edition:
        raise frame_error(frame.profile, f"没有“{d.edition}”版本的用词（frame.editions），"
                    f"已有：{'、'.join(edition)}", "edition")
    out.update(edition.get(d.edition, ()))
    return out


def _say(frame: Frame, template: str, fields: Mapping[str, str]) -> str:
    try:
        return template.format(**fields)
    except (KeyError, IndexError) as exc:
        raise frame_error(frame.profile, f"的“{template}”用了未知的占位符 {exc}") from None


def _sections(block: Block, d: Disclosure, claimed: set[str]) -> tuple[tuple[int, Section], ...]:
    if block.sections == ("*",):
        return tuple((i, s) for i, s in enumerate(d.narrative, 1) if s.key not in claimed)
    wanted = set(block.sections)
    return tuple((i, s) for i, s in enumerate(d.narrative, 1) if s.key in wanted)


def _present(block: Block, d: Disclosure, sections: tuple[tuple[int, Section], ...]) -> bool:
    """Whether a block has anything to print for this disclosure."""
    if block.kind == "narrative":
        return bool(sections)
    if block.kind == "performance":
        return bool(d.overall_performance or d.project_performance)
    if block.kind == "glossary":
        return bool(d.glossary)
    if block.kind == "tables":
        return bool(d.tables)
    if block.kind in ("tasks", "basis"):
        return bool(getattr(d.overview, block.kind))
    return True


def _children(placed: tuple[PlacedBlock, ...], fr: DocumentFrame, d: Disclosure,
              tables: list[tuple[str, str]]) -> Iterator[TocLine]:
    for pb in placed:
        b = pb.block
        if b.kind == "tables":
            for n, (table_id, title) in enumerate(tables, 1):
                # a title printed with its own number (一、收支预算总表) is numbered once
                yield TocLine(fr.item(b, n, title=strip_numbering(title).strip()),
                              f"table-{table_id}")
        elif b.kind == "narrative":
            for i, s in pb.sections:
                yield TocLine(f"{s.number}、{s.title}" if s.number else s.title, f"section-{i}")
        elif pb.toc and b.id:
            yield TocLine(pb.toc, b.id)


def _printed_cover(printed: tuple[CoverLine, ...], frame: Frame) -> tuple[CoverLine, ...]:
    """A published document's own cover (written again: none where it printed none), in the
    region's type: its large lines (``dept``) in the style of the region's first cover line,
    the others in that of its next one that is no date."""
    styles = [c.style for c in frame.cover if c.style != "date"]
    if not styles:
        return printed
    large, small = styles[0], styles[1] if len(styles) > 1 else styles[0]
    return tuple(replace(c, style=large if c.style == "dept" else small)
                 if c.style in ("dept", "doc") else c for c in printed)


def frame_of(d: Disclosure) -> Frame:
    """The frame ``d`` is printed in: its profile's, as that region printed it in ``d``'s
    year — the one way a renderer reaches it (read once per profile and year, and kept); an
    unknown profile is ``UnknownProfileError``, one without a frame ``MissingFrameError``."""
    return load_frame(d.profile, d.year)


def document_frame(d: Disclosure, tables: list[tuple[str, str]] | None = None) -> DocumentFrame:
    """The frame of ``d``'s profile resolved for ``d``: the parts of its edition that have
    something to print ({n}/{cn}: the part's place in the frame), headings and 目录 worded.
    ``tables``: (id, printed title) of the tables in print order (default: as in ``d``)."""
    frame = frame_of(d)
    fields = words(frame, d)
    if tables is None:
        tables = [(t.id, t.title) for t in d.tables]
    claimed = {k for p in frame.parts for b in p.blocks if b.kind == "narrative"
               for k in b.sections if k != "*"}
    perf_inline = any(para and para[0].kind == "performance_tables"
                      for s in d.narrative for para in s.paragraphs)
    cover = _printed_cover(d.cover, frame) if d.cover is not None else tuple(
        replace(c, text=text) for c in frame.cover if (text := _say(frame, c.text, fields)))
    resolved = DocumentFrame(frame, cover, (), (), fields)
    parts: list[PlacedPart] = []
    edition_parts = [p for p in frame.parts if not p.editions or d.edition in p.editions]
    for n, part in enumerate(edition_parts, 1):  # numbered by place, printed or not (a
        # publication split in two still calls its text 第三部分)
        placed = []
        for b in part.blocks:
            sections = _sections(b, d, claimed) if b.kind == "narrative" else ()
            if not _present(b, d, sections) or (b.kind == "performance" and perf_inline):
                continue
            worded = _say(frame, b.heading, fields)
            line = _say(frame, b.toc, fields) if b.toc else worded
            placed.append(PlacedBlock(b, worded, line, sections))
        if not placed:
            continue
        numbered = {**fields, "n": str(n), "cn": chinese_number(n)}
        heading = _say(frame, part.heading, numbered)
        toc = None
        if part.toc:
            children = tuple(_children(tuple(placed), resolved, d, tables)) \
                if part.toc_children else ()
            toc = TocLine(_say(frame, part.toc, numbered), part.id, children)
        parts.append(PlacedPart(part, heading, toc, tuple(placed)))
    toc_lines = tuple(p.toc for p in parts if p.toc is not None)
    return DocumentFrame(frame, cover, toc_lines, tuple(parts), fields,
                         _say(frame, frame.table_owner, fields))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def print_css(frame: Frame) -> str:
    """The page rules of ``frame`` added to ``print.css`` (nothing for the defaults there:
    portrait text pages, wide tables landscape, a table a page, running title, “- N -”)."""
    page = frame.page
    rules = []
    if page.text == "landscape":
        # every page is landscape: wide tables need no page of their own, and the first
        # performance table follows the heading above it
        rules += ["@page { size: A4 landscape; margin: 20mm 22mm 18mm 22mm; }",
                  ".cover { padding-top: 45mm; }", ".budget-table.wide { page: auto; }",
                  ":not(.perf) + .perf { break-before: auto; }"]
    if page.tables == "portrait":  # 江苏: every table on the portrait pages, a wide one too
        # a wide table sized to its content on the narrower page
        rules.append(".budget-table.wide { page: auto; }\n"
                     ".part.tables > h2.wide { page: auto; }\n"
                     ".budget-table.wide table.grid { table-layout: auto; font-size: 7.5pt; }")
    if page.tables == "landscape":
        rules.append(".tables .budget-table { page: wide; }")
    if page.table_break == "flow":
        # tables one after another: a table's number, title and 单位 line stay with it
        rules.append(".tables .budget-table { break-before: auto; margin-top: 2em; }\n"
                     ".table-number, .table-meta { break-after: avoid; }")
    if not page.running_title:
        rules.append("@page { @top-center { content: none; border: none; } }")
    if page.page_number != "- {page} -":
        before, _, after = page.page_number.partition("{page}")
        content = " ".join(p for p in (_css_string(before) if before else "",
                                       "counter(page)" if "{page}" in page.page_number else "",
                                       _css_string(after) if after else "") if p)
        rules.append("@page { @bottom-center { content: %s; } }" % (content or "none"))
    if frame.cover_top:
        rules.append(f".cover {{ padding-top: {frame.cover_top}; }}")
    return "\n".join(rules)


def style_css(frame: Frame) -> str:
    """The region's type (screen and print): 上海 sets its headings in 宋体, not bold, and
    its 目录 and cover larger than the defaults."""
    style = dict(frame.style)
    rules = []
    if style.get("headings") == "serif":
        rules.append('h1, h2, h3, .table-title, table.grid th { font-family: "Noto Serif CJK SC", '
                     '"Source Han Serif SC", "SimSun", serif; }\n'
                     "h2, h3, .table-title, nav.toc h2, table.grid thead th "
                     "{ font-weight: normal; }")
    if not frame.toc_indent:
        rules.append("nav.toc ol ol { padding-left: 0; }\n"
                     "nav.toc > ol > li > a { font-weight: bold; }")
    if "text_size" in style:  # 江苏 sets its text in 三号 (16 pt)
        rules.append(f"html {{ font-size: {style['text_size']}; }}\n"
                     f"h3 {{ font-size: {style['text_size']}; }}")
    if "toc_size" in style:
        rules.append(f"nav.toc {{ font-size: {style['toc_size']}; }}\n"
                     "nav.toc li { margin: 0.2em 0; }")
    if "cover_size" in style:
        rules.append(f".cover .title {{ font-size: {style['cover_size']}; }}")
    if "table_size" in style:
        rules.append(f".budget-table table.grid {{ font-size: {style['table_size']}; }}\n"
                     ".budget-table table.grid td, .budget-table table.grid th "
                     "{ padding: 2.5pt 4pt; }")
    return "\n".join(rules)
