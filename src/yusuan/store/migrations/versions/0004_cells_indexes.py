"""Indexes for the open-data cells query at national scale (tens of millions of cells).

``/api/v1/cells?year=&department=&table=&code=`` pages cells in (disclosure, cell) order
among the latest published versions. With these an index answers each filter and its
order: by code (``ix_cells_code_page``), by table and code (``ix_cells_table_code_page``),
and by document (``ix_cells_page``: a disclosure's cells in order, the keyset of the next
page); ``ix_disclosures_latest`` finds each document's latest published version without
reading the disclosures' large columns, and ``ix_disclosures_published`` gives the portal's
publication token (count and latest publication, asked on every page) from the index alone —
SQLite keeps the columns after a row's large file and JSON in overflow pages, slow to reach.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_cells_code", table_name="cells")
    op.create_index("ix_cells_code_page", "cells", ["code", "disclosure_id", "id"])
    op.create_index("ix_cells_table_code_page", "cells",
                    ["table_id", "code", "disclosure_id", "id"])
    op.create_index("ix_cells_page", "cells", ["disclosure_id", "id"])
    op.create_index("ix_disclosures_latest", "disclosures",
                    ["state", "department_id", "year", "edition", "version"])
    op.create_index("ix_disclosures_published", "disclosures", ["state", "published_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_disclosures_published", table_name="disclosures")
    op.drop_index("ix_disclosures_latest", table_name="disclosures")
    op.drop_index("ix_cells_page", table_name="cells")
    op.drop_index("ix_cells_table_code_page", table_name="cells")
    op.drop_index("ix_cells_code_page", table_name="cells")
    op.create_index("ix_cells_code", "cells", ["code"])
