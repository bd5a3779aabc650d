"""The kind of each stored disclosure: ``budget`` (部门预算/单位预算) or ``final`` (部门决算/
单位决算), so that every query for "the disclosure of department D, year Y" names the kind it
means — a 决算 and a 预算 of the same year are two documents, never versions of each other.

Existing rows get their kind from their edition, as ``Disclosure.kind`` does: an edition ending
in 决算 is ``final``, every other (all rows stored before final accounts existed) ``budget``.

It applies after 0005 where the workspace's drafts migration is present, else after 0004: the
two were written side by side, and this one must stay last whichever arrives first.

Revision ID: 0006
Revises: 0005 (or 0004 without it)
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005" if any(Path(__file__).parent.glob("0005_*.py")) else "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disclosures") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False,
                                   server_default="budget"))
    op.execute("UPDATE disclosures SET kind = 'final' WHERE edition LIKE '%决算'")
    op.create_index("ix_disclosures_kind", "disclosures",
                    ["state", "kind", "department_id", "year"])


def downgrade() -> None:
    op.drop_index("ix_disclosures_kind", table_name="disclosures")
    with op.batch_alter_table("disclosures") as batch:
        batch.drop_column("kind")
