"""The document frame of a profile, read from its file: the types and the loader.

``reference/profiles/<id>.yaml`` has a ``frame`` (see ``render/frame.py`` for what each key
says). A frame may vary by year (``years``: the keys an older edition of the region's
document prints differently, e.g. 江苏 2017's Part 1 order and cover), and every value read
is checked here, so a mistyped frame stops with a message naming the profile and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from yusuan.model.cover import CoverLine
from yusuan.model.errors import InputError
from yusuan.model.profiles import available_profiles, profile_data

# the kinds of block a part is made of; every frame places each of them (nothing a disclosure
# holds is left out), a block with nothing to print for a disclosure is left out
BLOCK_KINDS = ("functions", "organisation", "tasks", "basis", "tables", "narrative",
               "performance", "glossary")
TEXT_PAGES = ("portrait", "landscape")
TABLE_PAGES = ("by-width", "landscape", "portrait")
TABLE_BREAKS = ("page", "flow")
ALIGNS = ("left", "center", "right")
_LENGTH = re.compile(r"^\d{1,3}(\.\d)?(mm|em)$")


class MissingFrameError(InputError):
    """A profile whose file has no ``frame``: the document cannot be laid out."""


@dataclass(frozen=True)
class Block:
    kind: str  # one of BLOCK_KINDS
    id: str = ""  # anchor of its heading
    heading: str = ""
    sections: tuple[str, ...] = ()  # narrative: the section keys it prints; ("*",) the rest
    item: str = ""  # numbering of its items: ``（{cn}）{text}``, ``{n}.{text}``, ``{cn}、{title}``
    toc: str = ""  # its 目录 line where it differs from the heading (江苏: 2019年度 … 2019 年)


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
    cover_top: str = ""  # where the cover's first line stands (``85mm``); "" the default
    # the XLSX's own 封面 and 目录 sheets (上海's budget workbook): their names, "" for none
    cover_sheet: str = ""
    toc_sheet: str = ""


def frame_error(profile: str, message: str, field: str = "frame") -> InputError:
    return InputError(f"表格配置“{profile}”的文档框架（frame）{message}", field=field,
                      file=f"reference/profiles/{profile}.yaml")


def _choice(profile: str, raw: Mapping[str, Any], key: str, allowed: tuple[str, ...],
            default: str, where: str = "frame.page") -> str:
    value = str(raw.get(key, default))
    if value not in allowed:
        raise frame_error(profile, f"的 {key} 为“{value}”，应为 {'、'.join(allowed)} 之一",
                    f"{where}.{key}")
    return value


def _length(profile: str, value: Any, field: str) -> str:
    text = "" if value is None else str(value)
    if text and not _LENGTH.match(text):
        raise frame_error(profile, f"的 {field}“{text}”不可用：应为长度，如 85mm、2em", field)
    return text


def _block(profile: str, raw: Mapping[str, Any]) -> Block:
    kind = str(raw.get("kind", ""))
    if kind not in BLOCK_KINDS:
        raise frame_error(profile, f"有未知的块“{kind}”，应为 {'、'.join(BLOCK_KINDS)} 之一",
                    "frame.parts.blocks.kind")
    sections = raw.get("sections", ())
    return Block(kind=kind, id=str(raw.get("id", "")), heading=str(raw.get("heading", "")),
                 sections=(sections,) if isinstance(sections, str) else tuple(sections),
                 item=str(raw.get("item", "")), toc=str(raw.get("toc", "")))


def _cover(profile: str, raw: Any) -> tuple[str, tuple[CoverLine, ...]]:
    """``cover``: a list of lines, or ``{top: 85mm, lines: [...]}``."""
    top: Any = ""
    if isinstance(raw, Mapping):
        top, raw = raw.get("top", ""), raw.get("lines", ())
    lines = tuple(
        CoverLine(str(c["text"]), str(c.get("style", "doc")),
                  _choice(profile, c, "align", ALIGNS, "center", "frame.cover"),
                  _length(profile, c.get("indent"), "frame.cover.indent"))
        for c in raw or ())
    return _length(profile, top, "frame.cover.top"), lines


STYLE_KEYS = ("headings", "text_size", "toc_size", "cover_size", "table_size")
_SIZE = re.compile(r"^\d{1,2}(\.\d)?pt$")


def _style(profile: str, raw: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    for key, value in raw.items():
        ok = (value in ("serif", "sans") if key == "headings" else
              key in STYLE_KEYS and _SIZE.match(str(value)) is not None)
        if not ok:
            raise frame_error(profile, f"的 style.{key}“{value}”不可用：应为 headings: serif/sans，"
                        "text_size、toc_size、cover_size、table_size 如 14pt", f"frame.style.{key}")
    return tuple((str(k), str(v)) for k, v in raw.items())


def _of_year(profile: str, raw: Mapping[str, Any], year: int | None) -> Mapping[str, Any]:
    """The frame as printed in ``year``: the first ``years`` entry whose ``until`` is not
    before it replaces the keys it gives (entries in ``until`` order)."""
    years = raw.get("years") or ()
    if not years:
        return raw
    try:
        ordered = sorted(years, key=lambda e: int(e["until"]))
    except (KeyError, TypeError, ValueError):
        raise frame_error(profile, "的 years 每项应有 until: 年份（四位数）", "frame.years") from None
    for entry in ordered:
        if year is not None and year <= int(entry["until"]):
            return {**raw, **{k: v for k, v in entry.items() if k != "until"}}
    return raw


@cache
def load_frame(profile: str, year: int | None = None) -> Frame:
    """The frame of a profile (as printed in ``year`` where its frame varies by year);
    ``MissingFrameError`` when its file has none."""
    raw = profile_data(profile).get("frame")
    if not raw:
        framed = [p for p in available_profiles() if profile_data(p).get("frame")]
        raise MissingFrameError(
            f"表格配置“{profile}”没有文档框架（reference/profiles/{profile}.yaml 的 frame："
            f"封面、目录、各部分的顺序和标题、页面），不能排版成文件；已有框架的配置："
            f"{'、'.join(framed)}", field="profile")
    raw = _of_year(profile, raw, year)
    page = raw.get("page", {})
    toc = raw.get("toc", {})
    blocks = [b for p in raw.get("parts", ()) for b in p.get("blocks", ())]
    missing = [k for k in BLOCK_KINDS if not any(b.get("kind") == k for b in blocks)]
    if not any(b.get("kind") == "narrative" and b.get("sections") == "*" for b in blocks):
        missing.append("narrative（sections: \"*\"）")
    if missing:  # whatever a disclosure holds has its place: nothing is left out
        raise frame_error(profile, f"缺少块：{'、'.join(missing)}", "frame.parts")
    cover_top, cover = _cover(profile, raw.get("cover"))
    sheets = raw.get("sheets") or {}
    return Frame(
        profile=profile,
        cover=cover,
        cover_top=cover_top,
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
        cover_sheet=str(sheets.get("cover", "")),
        toc_sheet=str(sheets.get("toc", "")),
        style=_style(profile, raw.get("style") or {}),
        area=str(raw.get("area", "")),
        editions=tuple((str(e), tuple((str(k), str(v)) for k, v in (words or {}).items()))
                       for e, words in (raw.get("editions") or {}).items()),
    )
