"""Which organisations operate which registry issuers.

Existing deployments get no links: a caseworker then sees and does nothing in the registry until
an administrator links the organisation to an issuer (``zairyu registry operators link`` or
``/work/registry/operators``), and the registry's page says so. Administrators are not limited
by the links, as they are not limited to an organisation in the workbench.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "registry_operators",
        sa.Column("organisation_id", sa.String(32), nullable=False),
        sa.Column("issuer_code", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["issuer_code"], ["registry_issuers.code"]),
        sa.PrimaryKeyConstraint("organisation_id", "issuer_code"),
    )
    op.create_index(
        "ix_registry_operators_issuer_code", "registry_operators", ["issuer_code"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_registry_operators_issuer_code", table_name="registry_operators")
    op.drop_table("registry_operators")
