"""Renditions: each published version's downloads (PDF, DOCX, XLSX, …), rendered once.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "renditions",
        sa.Column("disclosure_id", sa.Integer(),
                  sa.ForeignKey("disclosures.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("format", sa.String(10), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("renditions")
