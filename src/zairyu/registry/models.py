"""The registry's tables. Identifiers are random hex strings made before a row is written, so
that an encrypted column can be bound to its row (see `workbench.cipher.field_context`).

Encrypted columns (``LargeBinary``, named ``*_enc``): issuers' private signing keys, the
holders' names and birth dates, and the facts an application gave. Nothing else names a person:
a certificate row keeps only the holder hash its payload carries.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zairyu.storage import Base

ID = 32

# Certificate statuses: what a verifier is told, and the workflow's states.
ISSUED, RETURNED, REVOKED, TRANSFERRED_OUT = "issued", "returned", "revoked", "transferred_out"
CERTIFICATE_STATUSES = (ISSUED, RETURNED, REVOKED, TRANSFERRED_OUT)

# Application statuses.
SUBMITTED, OATH_ACCEPTED, GRANTED, REFUSED = "submitted", "oath_accepted", "granted", "refused"


class RegistryIssuer(Base):
    """A prefecture or municipality running the registry: a code of partnership_systems.csv."""

    __tablename__ = "registry_issuers"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The last certificate number given out (numbers are per issuer, from 1).
    last_number: Mapped[int] = mapped_column(Integer)


class RegistrySigningKey(Base):
    __tablename__ = "registry_signing_keys"
    __table_args__ = (
        UniqueConstraint("issuer_code", "key_id", name="uq_registry_signing_keys_issuer_key"),
    )

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    issuer_code: Mapped[str] = mapped_column(ForeignKey("registry_issuers.code"), index=True)
    key_id: Mapped[str] = mapped_column(String(8))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_key_enc: Mapped[bytes] = mapped_column(LargeBinary)
    # Certificates issued from this day on (to `retired_on`, inclusive) are signed by this key.
    valid_from: Mapped[dt.date] = mapped_column(Date)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RegistryApplication(Base):
    __tablename__ = "registry_applications"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    issuer_code: Mapped[str] = mapped_column(ForeignKey("registry_issuers.code"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    applied_on: Mapped[dt.date] = mapped_column(Date)
    lang: Mapped[str] = mapped_column(String(8))
    # JSON: both partners' names and birth dates.
    holders_enc: Mapped[bytes] = mapped_column(LargeBinary)
    # JSON: the engine's facts about the couple (partnership.*, relationship.*, ...).
    facts_enc: Mapped[bytes] = mapped_column(LargeBinary)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    oath_accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class RegistryCertificate(Base):
    __tablename__ = "registry_certificates"
    __table_args__ = (
        UniqueConstraint("issuer_code", "number", name="uq_registry_certificates_issuer_number"),
    )

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    issuer_code: Mapped[str] = mapped_column(ForeignKey("registry_issuers.code"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    issue_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    status_date: Mapped[dt.date] = mapped_column(Date)
    application_id: Mapped[str] = mapped_column(ForeignKey("registry_applications.id"), index=True)
    # The certificate this one continues after a move (mutual recognition); null otherwise.
    transferred_from: Mapped[str | None] = mapped_column(ForeignKey("registry_certificates.id"))
    key_id: Mapped[str] = mapped_column(String(8))
    holders_enc: Mapped[bytes] = mapped_column(LargeBinary)
    holder_hash: Mapped[bytes] = mapped_column(LargeBinary)
    payload: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RegistryEvent(Base):
    """One step of an application's or certificate's life, with its reason code."""

    __tablename__ = "registry_events"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    application_id: Mapped[str | None] = mapped_column(
        ForeignKey("registry_applications.id"), index=True
    )
    certificate_id: Mapped[str | None] = mapped_column(
        ForeignKey("registry_certificates.id"), index=True
    )
    kind: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(String(40))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RegistryOperator(Base):
    """An organisation of the workbench operates an issuer: its caseworkers act as the issuer's
    officers. An organisation may operate several issuers, and an issuer be operated by several
    organisations (a prefecture and its contractor)."""

    __tablename__ = "registry_operators"

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    issuer_code: Mapped[str] = mapped_column(
        ForeignKey("registry_issuers.code"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
