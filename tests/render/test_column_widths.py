"""Column widths (``layout.column_widths``): a figure never needs more than its column, a code
column is sized as a code whatever its heading says, and the names take what is left."""

from __future__ import annotations

from yusuan.model.profiles import load_profile
from yusuan.render.grid import table_grid
from yusuan.render.layout import PAD_EM, ROOM_EM, column_kinds, column_widths, text_em


def _grids(d):
    profile = load_profile(d.profile)
    for t in d.tables:
        layout = profile.table(t.id, d.edition)
        if layout is not None:
            yield t.id, table_grid(t, layout)


def test_every_figure_fits_its_column(final_2024, korla_disclosure) -> None:
    for d in (final_2024, korla_disclosure):
        for table_id, grid in _grids(d):
            widths = column_widths(grid)
            room = ROOM_EM[grid.is_wide]
            for c, kind in enumerate(column_kinds(grid)):
                longest = max((text_em(r.cells[c].text) for r in grid.body
                               if c < len(r.cells)), default=0.0)
                if kind == "amount":
                    assert widths[c] / 100 * room >= longest + PAD_EM - 0.01, (table_id, c)


def test_a_code_column_under_a_long_heading_is_as_wide_as_its_codes(final_2024) -> None:
    """决算 支出决算表: codes of 7 digits under 功能分类科目编码, sized as a code, not a name."""
    grid = dict(_grids(final_2024))["expenditure"]
    widths = column_widths(grid)
    kinds = column_kinds(grid)
    code = next(c for c in range(grid.width)
                if all(r.cells[c].kind == "code" for r in grid.body if r.cells[c].text))
    name = next(c for c, k in enumerate(kinds) if k == "name" and c != code)
    assert widths[code] < widths[name] / 2
