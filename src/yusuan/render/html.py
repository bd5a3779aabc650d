"""``Disclosure`` → one self-contained HTML page (CSS inline, no external assets).

The same page, with print CSS added, is what the PDF renderer lays out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jinja2

from yusuan import __version__
from yusuan.model.disclosure import Disclosure, Indicator, Table
from yusuan.model.money import format_amount
from yusuan.model.profiles import Profile, TableLayout, load_profile
from yusuan.narrative.numbers import chinese_date, chinese_number
from yusuan.narrative.part1 import organisation_paragraphs
from yusuan.render.frame import document_frame, frame_of, style_css
from yusuan.render.grid import Grid, table_grid
from yusuan.render.layout import (
    blank_rows,
    column_kinds,
    column_widths,
    overall_grid,
    project_grid,
)


@dataclass(frozen=True)
class HtmlOptions:
    extra_css: str = ""  # e.g. the PDF's print CSS
    draft: str = ""  # the 草稿 note while errors remain: a banner on the first page


@dataclass(frozen=True)
class IndicatorRow:
    ind: Indicator
    level1_span: int  # 0 when merged into the row above
    level2_span: int


def _run_length(items: tuple[Indicator, ...], i: int, same: Callable[[Indicator], bool]) -> int:
    """How many rows from ``i`` on share a merged cell (0 if row ``i`` continues one above)."""
    if i > 0 and same(items[i - 1]):
        return 0
    j = i + 1
    while j < len(items) and same(items[j]):
        j += 1
    return j - i


def indicator_rows(indicators: tuple[Indicator, ...]) -> list[IndicatorRow]:
    """Indicator rows with 一级/二级 cells merged down over equal neighbours."""
    rows = []
    for i, ind in enumerate(indicators):
        def same1(o: Indicator, ind: Indicator = ind) -> bool:
            return o.level1 == ind.level1

        def same2(o: Indicator, ind: Indicator = ind) -> bool:
            return (o.level1, o.level2) == (ind.level1, ind.level2)

        level1 = _run_length(indicators, i, same1)
        level2 = _run_length(indicators, i, same2)
        rows.append(IndicatorRow(ind, level1, level2))
    return rows


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("yusuan.render", "templates"),
        autoescape=jinja2.select_autoescape(("html",)),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters.update(amount=format_amount, chinese_number=chinese_number,
                       chinese_date=chinese_date, indicator_rows=indicator_rows,
                       spaced_number=lambda s: s, overall_grid=overall_grid,
                       column_kinds=column_kinds, column_widths=column_widths,
                       project_grid=project_grid)
    return env


def css() -> str:
    return (resources.files("yusuan.render") / "templates" / "document.css").read_text("utf-8")


def table_layout(profile: Profile, table: Table, edition: str) -> TableLayout | None:
    """The layout a table is printed in: the one of its id whose columns it has (上海 单位预算
    表1 splits 本年支出 into 人员经费/公用经费/项目支出), else its edition's."""
    columns = {(c.key, c.section) for c in table.columns}
    return next((t for t in profile.layouts if t.id == table.id and columns == {
        (c.key, c.section) for c in t.all_columns}), profile.table(table.id, edition))


def grids(disclosure: Disclosure) -> list[tuple[Table, Grid]]:
    profile = load_profile(disclosure.profile)
    empty_rows = frame_of(disclosure).page.empty_rows
    out = []
    for table in disclosure.tables:
        layout = table_layout(profile, table, disclosure.edition)
        if layout is None:
            continue
        grid = table_grid(table, layout)
        if not grid.body and empty_rows and layout.layout == "grid":
            grid = blank_rows(grid, empty_rows, layout.total_name)
        out.append((table, grid))
    return out


def render_html(disclosure: Disclosure, options: HtmlOptions | None = None) -> bytes:
    options = options or HtmlOptions()
    template = environment().get_template("document.html")
    frame = document_frame(disclosure)
    text = template.render(
        d=disclosure, tables=grids(disclosure), css=css(),
        extra_css="\n".join(c for c in (options.extra_css, style_css(frame.frame)) if c),
        frame=frame,
        version=__version__, draft=options.draft,
        part1_paragraphs=organisation_paragraphs(disclosure.department, disclosure.year,
                                                 disclosure.edition, disclosure.overview),
    )
    return text.encode("utf-8")
