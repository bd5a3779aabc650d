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
from dataclasses import dataclass
from functools import cache
from typing import Any

from yusuan.model.dates import chinese_date
from yusuan.model.disclosure import Disclosure, Section
from yusuan.model.errors import InputError
from yusuan.model.profiles import available_profiles, profile_data
from yusuan.reference.numerals import chinese_number

BLOCK_KINDS = ("functions", "organisation", "tables", "narrative", "performance", "glossary")
TEXT_PAGES = ("portrait", "landscape")
TABLE_PAGES = ("by-width", "landscape")
TABLE_BREAKS = ("page", "flow")


class MissingFrameError(InputError):
    """A profile whose file has no ``frame``: the document cannot be laid out."""


@dataclass(frozen=True)
class CoverLine:
    text: str  # a template: {department} {year} {edition} {scope} {area} {owner} …
    style: str  # CSS class / DOCX size: ``dept`` ``doc`` ``date`` ``title`` ``owner``


@dataclass(frozen=True)
class Block:
    kind: str  # one of BLOCK_KINDS
    id: str = ""  # anchor of its heading
    heading: str = ""
    sections: tuple[str, ...] = ()  # narrative: the section keys it prints; ("*",) the rest
    item: str = ""  # numbering of its items: ``（{cn}）{text}``, ``{n}.{text}``, ``{cn}、{title}``


@dataclass(frozen=True)
class Part:
    id: str
    heading: str  # printed at the top of the part ("" for none)
    toc: str  # its 目录 line ("" for none)
    toc_children: bool  # the 目录 lists its blocks (tables, sections, sub-headings)
    blocks: tuple[Block, ...]
    editions: tuple[str, ...] = ()  # printed by these editions only (empty: all)


@dataclass(frozen=True)
class Page:
    text: str = "portrait"  # the orientation of text pages
    tables: str = "by-width"  # landscape only where a table is wide, or every table
    table_break: str = "page"  # every table on a page of its own, or ``flow`` one after another
    running_title: bool = True  # the document title in the page header
    page_number: str = "- {page} -"  # in the page footer; "" for none
    empty_rows: int = 0  # an empty table printed as a grid of blank rows and its 合计 (上海)


@dataclass(frozen=True)
class Frame:
    profile: str
    cover: tuple[CoverLine, ...]
    toc_title: str
    toc_page_numbers: bool
    toc_leaders: bool  # dotted leaders after each 目录 line (to the page number if printed)
    toc_indent: bool  # a part's lines indented under it (江苏: flush left, the parts bold)
    parts: tuple[Part, ...]
    page: Page
    signature: bool
    table_owner: str  # the label above each table (a template): 编制部门, 部门名称, 编制单位
    sheet_name: str  # a table's sheet in the XLSX: ``{number}`` (表1, 公开01表), ``表{number}``
    area: str  # a regular expression: the 区/县 prefix of the department's name ({area})
    editions: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # edition → its words
    style: tuple[tuple[str, str], ...] = ()  # type: headings, toc/cover/table sizes


def _fail(profile: str, message: str, field: str = "frame") -> InputError:
    return InputError(f"表格配置“{profile}”的文档框架（frame）{message}", field=field,
                      file=f"reference/profiles/{profile}.yaml")


def _choice(profile: str, raw: Mapping[str, Any], key: str, allowed: tuple[str, ...],
            default: str) -> str:
    value = str(raw.get(key, default))
    if value not in allowed:
        raise _fail(profile, f"的 {key} 为“{value}”，应为 {'、'.join(allowed)} 之一",
                    f"frame.page.{key}")
    return value


def _block(profile: str, raw: Mapping[str, Any]) -> Block:
    kind = str(raw.get("kind", ""))
    if kind not in BLOCK_KINDS:
        raise _fail(profile, f"有未知的块“{kind}”，应为 {'、'.join(BLOCK_KINDS)} 之一",
                    "frame.parts.blocks.kind")
    sections = raw.get("sections", ())
    return Block(kind=kind, id=str(raw.get("id", "")), heading=str(raw.get("heading", "")),
                 sections=(sections,) if isinstance(sections, str) else tuple(sections),
                 item=str(raw.get("item", "")))


STYLE_KEYS = ("headings", "text_size", "toc_size", "cover_size", "table_size")
_SIZE = re.compile(r"^\d{1,2}(\.\d)?pt$")


def _style(profile: str, raw: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    for key, value in raw.items():
        ok = (value in ("serif", "sans") if key == "headings" else
              key in STYLE_KEYS and _SIZE.match(str(value)) is not None)
        if not ok:
            raise _fail(profile, f"的 style.{key}“{value}”不可用：应为 headings: serif/sans，"
                        "text_size、toc_size、cover_size、table_size 如 14pt", f"frame.style.{key}")
    return tuple((str(k), str(v)) for k, v in raw.items())


@cache
def load_frame(profile: str) -> Frame:
    """The frame of a profile; ``MissingFrameError`` when its file has none."""
    raw = profile_data(profile).get("frame")
    if not raw:
        framed = [p for p in available_profiles() if profile_data(p).get("frame")]
        raise MissingFrameError(
            f"表格配置“{profile}”没有文档框架（reference/profiles/{profile}.yaml 的 frame："
            f"封面、目录、各部分的顺序和标题、页面），不能排版成文件；已有框架的配置："
            f"{'、'.join(framed)}", field="profile")
    page = raw.get("page", {})
    toc = raw.get("toc", {})
    blocks = [b for p in raw.get("parts", ()) for b in p.get("blocks", ())]
    missing = [k for k in BLOCK_KINDS if not any(b.get("kind") == k for b in blocks)]
    if not any(b.get("kind") == "narrative" and b.get("sections") == "*" for b in blocks):
        missing.append("narrative（sections: \"*\"）")
    if missing:  # whatever a disclosure holds has its place: nothing is left out
        raise _fail(profile, f"缺少块：{'、'.join(missing)}", "frame.parts")
    return Frame(
        profile=profile,
        cover=tuple(CoverLine(str(c["text"]), str(c.get("style", "doc")))
                    for c in raw.get("cover", ())),
        toc_title=str(toc.get("title", "目 录")),
        toc_page_numbers=bool(toc.get("page_numbers", True)),
        toc_leaders=bool(toc.get("leaders", toc.get("page_numbers", True))),
        toc_indent=bool(toc.get("indent", True)),
        parts=tuple(
            Part(id=str(p["id"]), heading=str(p.get("heading", "")), toc=str(p.get("toc", "")),
                 toc_children=bool(p.get("toc_children", False)),
                 blocks=tuple(_block(profile, b) for b in p.get("blocks", ())),
                 editions=tuple(p.get("editions", ())))
            for p in raw.get("parts", ())),
        page=Page(text=_choice(profile, page, "text", TEXT_PAGES, "portrait"),
                  tables=_choice(profile, page, "tables", TABLE_PAGES, "by-width"),
                  table_break=_choice(profile, page, "table_break", TABLE_BREAKS, "page"),
                  running_title=bool(page.get("running_title", True)),
                  page_number=str(page.get("page_number", "- {page} -")),
                  empty_rows=int(page.get("empty_rows", 0))),
        signature=bool(raw.get("signature", False)),
        table_owner=str(raw.get("table_owner", "编制部门")),
        sheet_name=str(raw.get("sheet_name", "{number}")),
        style=_style(profile, raw.get("style") or {}),
        area=str(raw.get("area", "")),
        editions=tuple((str(e), tuple((str(k), str(v)) for k, v in (words or {}).items()))
                       for e, words in (raw.get("editions") or {}).items()),
    )


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
        raise _fail(frame.profile, f"没有“{d.edition}”版本的用词（frame.editions），"
                    f"已有：{'、'.join(edition)}", "edition")
    out.update(edition.get(d.edition, ()))
    return out


def _say(frame: Frame, template: str, fields: Mapping[str, str]) -> str:
    try:
        return template.format(**fields)
    except (KeyError, IndexError) as exc:
        raise _fail(frame.profile, f"的“{template}”用了未知的占位符 {exc}") from None


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
    return True


def _children(placed: tuple[PlacedBlock, ...], fr: DocumentFrame, d: Disclosure,
              tables: list[tuple[str, str]]) -> Iterator[TocLine]:
    for pb in placed:
        b = pb.block
        if b.kind == "tables":
            for n, (table_id, title) in enumerate(tables, 1):
                yield TocLine(fr.item(b, n, title=title), f"table-{table_id}")
        elif b.kind == "narrative":
            for i, s in pb.sections:
                yield TocLine(f"{s.number}、{s.title}" if s.number else s.title, f"section-{i}")
        elif pb.heading and b.id:
            yield TocLine(pb.heading, b.id)


def frame_of(d: Disclosure) -> Frame:
    """The frame of ``d``'s profile: the one way a renderer reaches it (read once per profile
    and kept); an unknown profile is ``UnknownProfileError``, one without a frame
    ``MissingFrameError``."""
    return load_frame(d.profile)


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
    cover = tuple(CoverLine(text, c.style) for c in frame.cover
                  if (text := _say(frame, c.text, fields)))
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
            placed.append(PlacedBlock(b, _say(frame, b.heading, fields), sections))
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
    if page.tables == "landscape":
        rules.append(".tables .budget-table { page: wide; }")
    if page.table_break == "flow":
        rules.append(".tables .budget-table { break-before: auto; margin-top: 2em; }")
    if not page.running_title:
        rules.append("@page { @top-center { content: none; border: none; } }")
    if page.page_number != "- {page} -":
        before, _, after = page.page_number.partition("{page}")
        content = " ".join(p for p in (_css_string(before) if before else "",
                                       "counter(page)" if "{page}" in page.page_number else "",
                                       _css_string(after) if after else "") if p)
        rules.append("@page { @bottom-center { content: %s; } }" % (content or "none"))
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
