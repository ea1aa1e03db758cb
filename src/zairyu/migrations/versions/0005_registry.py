"""The partnership certificate registry: issuers, their signing keys, applications,
certificates and their events.

Private signing keys, holders' names and birth dates and applications' facts are stored only as
AES-GCM blobs (the ``*_enc`` columns) bound to their table, column and row; the migration never
sees a key.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = (
    ("registry_signing_keys", "issuer_code"),
    ("registry_applications", "issuer_code"),
    ("registry_certificates", "issuer_code"),
    ("registry_certificates", "application_id"),
    ("registry_events", "application_id"),
    ("registry_events", "certificate_id"),
)


def upgrade() -> None:
    op.create_table(
        "registry_issuers",
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "registry_signing_keys",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("issuer_code", sa.String(40), nullable=False),
        sa.Column("key_id", sa.String(8), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("private_key_enc", sa.LargeBinary(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["issuer_code"], ["registry_issuers.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("issuer_code", "key_id", name="uq_registry_signing_keys_issuer_key"),
    )
    op.create_table(
        "registry_applications",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("issuer_code", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("holders_enc", sa.LargeBinary(), nullable=False),
        sa.Column("facts_enc", sa.LargeBinary(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("oath_accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["issuer_code"], ["registry_issuers.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "registry_certificates",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("issuer_code", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=False),
        sa.Column("application_id", sa.String(32), nullable=False),
        sa.Column("transferred_from", sa.String(32), nullable=True),
        sa.Column("key_id", sa.String(8), nullable=False),
        sa.Column("holders_enc", sa.LargeBinary(), nullable=False),
        sa.Column("holder_hash", sa.LargeBinary(), nullable=False),
        sa.Column("payload", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["issuer_code"], ["registry_issuers.code"]),
        sa.ForeignKeyConstraint(["application_id"], ["registry_applications.id"]),
        sa.ForeignKeyConstraint(["transferred_from"], ["registry_certificates.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("issuer_code", "number", name="uq_registry_certificates_issuer_number"),
    )
    op.create_table(
        "registry_events",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("application_id", sa.String(32), nullable=True),
        sa.Column("certificate_id", sa.String(32), nullable=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("reason", sa.String(40), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["registry_applications.id"]),
        sa.ForeignKeyConstraint(["certificate_id"], ["registry_certificates.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    for table, column in _INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def downgrade() -> None:
    for table, column in reversed(_INDEXES):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in (
        "registry_events",
        "registry_certificates",
        "registry_applications",
        "registry_signing_keys",
        "registry_issuers",
    ):
        op.drop_table(table)
