"""`yusuan codes CODE|NAME [--year Y] [--kind K]`: look a classification code or name up.

Thin layer over `yusuan.reference.classification`: parse the query, ask the catalogue, print.
Exit code 2 (with a Chinese message on stderr) when nothing matches.
"""

from __future__ import annotations

import difflib
import sys
from typing import Annotated

import typer

from yusuan.reference.classification import (
    KIND_TITLES,
    KINDS,
    Catalogue,
    Entry,
    Kind,
    catalogue,
    correspondence_dept_to_gov,
    covered_year,
    kind_of_code,
    normalize_code,
)

_PROVENANCE_LABELS = {
    "official": "official（官方科目表）",
    "observed": "observed（见于公开文件，未与官方科目表核对）",
    "unverified": "unverified（未核实）",
}


def _validity(entry: Entry) -> str:
    return f"{entry.valid_from}–{entry.valid_to if entry.valid_to is not None else ''}"


def _as_kind(name: str) -> Kind | None:
    return next((k for k in KINDS if k == name), None)


def _fail(message: str) -> None:
    print(f"yusuan: 错误：{message}", file=sys.stderr)
    raise SystemExit(2)


def _nearest_codes(cat: Catalogue, digits: str, year: int) -> list[Entry]:
    """Codes a typo away: the longest shared beginning (same class, same 款) first, then
    the most alike; at most three, all in the same class."""
    def key(entry: Entry) -> tuple[int, float]:
        shared = next((i for i, (a, b) in enumerate(zip(entry.code, digits, strict=False)) if a != b),
                      min(len(entry.code), len(digits)))
        return shared, difflib.SequenceMatcher(None, entry.code, digits).ratio()

    scored = sorted(((key(e), e) for e in cat.entries(year)), key=lambda p: p[0], reverse=True)
    return [e for (shared, ratio), e in scored[:3] if shared >= 3 and ratio >= 0.7]


def _nearest_names(cats: list[Catalogue], query: str, year: int) -> list[str]:
    """Names that read almost like ``query`` (a wrong or missing character), closest first."""
    names = {entry.name for cat in cats for entry in cat.entries(year)}
    return difflib.get_close_matches(query.strip(), sorted(names), n=5, cutoff=0.6)


def _suggest(items: list[str]) -> str:
    return "；您要找的是不是：" + "，".join(items) if items else ""


def _print_code(cat: Catalogue, entry: Entry, year: int) -> None:
    print(f"{entry.code} {entry.name}")
    print(f"  目录：{cat.title}（{year}年）")
    print(f"  级次：{entry.level}    有效年度：{_validity(entry)}")
    print(f"  来源：{_PROVENANCE_LABELS[entry.provenance]}；{entry.source}")
    chain = [*reversed(cat.ancestors(entry.code, year)), entry]
    if len(chain) > 1:
        print("  层级：" + " > ".join(f"{e.code} {e.name}" for e in chain))
    children = cat.children(entry.code, year)
    if children:
        print(f"  下级（{len(children)}）：")
        for child in children:
            mark = "" if child.provenance == "official" else f"  [{child.provenance}]"
            print(f"    {child.code} {child.name}{mark}")
    if cat.kind == "economic_dept":
        link = correspondence_dept_to_gov(entry.code, year)
        if link:
            gov = catalogue("economic_gov").lookup(link.gov_code, year)
            gov_name = gov.name if gov else "?"
            print(f"  对应政府预算经济分类：{link.gov_code} {gov_name}  [{link.provenance}]")
    others = [e for e in cat.history(entry.code) if e != entry]
    if others:
        print("  其他年度版本：")
        for other in others:
            print(f"    {_validity(other)} {other.name}  [{other.provenance}]")


def codes(
    query: Annotated[str, typer.Argument(metavar="编码或名称",
        help="科目编码（如 2010301、\"201 03 01\"、30213）或名称（如 维修(护)费），名称可只写一部分")],
    year: Annotated[int, typer.Option("--year", help="按哪一年的科目目录查询")] = 2024,
    kind: Annotated[str, typer.Option("--kind", help="目录：auto（按编码首位判断；名称则查全部目录）、"
                                      "functional（支出功能分类）、economic_dept（部门预算支出经济分类）、"
                                      "economic_gov（政府预算支出经济分类）")] = "auto",
) -> None:
    """查询支出功能分类、部门/政府预算支出经济分类的科目编码或名称。"""
    if not query.strip():
        _fail("请给出科目编码（如 2010301）或名称（如 维修(护)费）。")
    explicit = _as_kind(kind)
    if kind != "auto" and explicit is None:
        _fail(f"未知的目录类型：{kind}（可选：auto、{'、'.join(KINDS)}）")
    resolution = covered_year(year)
    if resolution.fallback:
        print(f"注意：{resolution.note()}", file=sys.stderr)
    used = resolution.used
    digits = normalize_code(query)

    if digits.isdigit():
        guessed = kind_of_code(digits)
        chosen = guessed if explicit is None else explicit
        if chosen is None:
            _fail(f"无法判断编码 {query} 所属的目录，请用 --kind 指定。")
            return
        cat = catalogue(chosen)
        entry = cat.lookup(digits, used)
        if entry is None:
            versions = cat.history(digits)
            hint = ""
            if versions:
                hint = "；该编码的有效年度：" + "，".join(
                    f"{_validity(v)} {v.name}" for v in versions
                )
            near = [f"{e.code} {e.name}" for e in _nearest_codes(cat, digits, used)]
            _fail(f"{year}年{KIND_TITLES[chosen]}中没有编码 {digits}{hint}{_suggest(near)}。")
            return
        _print_code(cat, entry, used)
        return

    kinds: tuple[Kind, ...] = KINDS if explicit is None else (explicit,)
    found = False
    for k in kinds:
        cat = catalogue(k)
        matches = cat.search(query, used)
        if not matches:
            continue
        found = True
        print(f"{cat.title}（{year}年）：")
        for entry in matches:
            mark = "" if entry.provenance == "official" else f"  [{entry.provenance}]"
            print(f"  {entry.code} {entry.name}（{entry.level}）{mark}")
    if not found:
        where = "、".join(KIND_TITLES[k] for k in kinds)
        near = _nearest_names([catalogue(k) for k in kinds], query, used)
        _fail(f"{year}年{where}中没有名称含“{query.strip()}”的科目"
              f"{_suggest(near)}。")
