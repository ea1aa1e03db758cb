"""The hash-chained audit log replaces the interview access log.

`interview_access` held unchained rows written before this revision, by development builds
only (no release wrote it); the audit log cannot include them without the server's key, which
migrations never see, so they are dropped.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(120), nullable=False),
        sa.Column("previous", sa.String(64), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_audit_log_subject", "audit_log", ["subject"], unique=False)
    op.drop_index("ix_interview_access_interview_id", table_name="interview_access")
    op.drop_table("interview_access")


def downgrade() -> None:
    op.create_table(
        "interview_access",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.String(64), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_interview_access_interview_id", "interview_access", ["interview_id"], unique=False
    )
    op.drop_index("ix_audit_log_subject", table_name="audit_log")
    op.drop_table("audit_log")
