"""Every body row of every table has as many cells as the header is wide, whatever the profile."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from yusuan.model.profiles import load_profile
from yusuan.render.grid import table_grid

DOCUMENTS = ["korla-2024-seed.txt", "jiangsu-provincial-procuratorate-2019-dept-budget.pdf",
             "shanghai-putuo-commerce-commission-2025-dept-budget.pdf",
             "shanghai-putuo-wanli-subdistrict-2023-dept-budget.pdf"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_parsed_tables_lay_out_as_full_grids(name):
    from yusuan.parse import parse_file

    disclosure, _ = parse_file(FIXTURES / name)
    profile = load_profile(disclosure.profile)
    laid_out = 0
    for table in disclosure.tables:
        layout = profile.table(table.id)
        if layout is None:
            continue
        grid = table_grid(table, layout)
        header_width = sum(c.colspan for c in grid.header[0])
        assert header_width == grid.width, table.id
        for row in grid.body:
            assert len(row.cells) == grid.width, (table.id, [c.text for c in row.cells])
        laid_out += 1
    assert laid_out >= 9
