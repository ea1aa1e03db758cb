"""The database behind saved interviews: engines and schema migrations (Alembic).

SQLite is the default (a file in the data directory); PostgreSQL is used when given a URL such
as ``postgresql+psycopg://user@127.0.0.1:5432/zairyu``. The schema is made and upgraded only by
the migrations in ``zairyu/migrations`` (shipped inside the package, configured here, so no
``alembic.ini`` is needed), never by ``create_all``.

A developer adds a migration with, for example::

    from alembic import command
    from zairyu.storage import alembic_config
    command.revision(alembic_config("sqlite:///scratch.sqlite3"), "add x", autogenerate=True)
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS = Path(__file__).parent / "migrations"

# The revision that made the tables which the code before migrations made with create_all.
FIRST_REVISION = "0001"
LEGACY_TABLES = frozenset({"interviews", "interview_access"})

# Serialises migrations between processes that start at the same time on one PostgreSQL
# database (pg_advisory_xact_lock's key: an arbitrary constant, "ZAIRYU" in ASCII then 0001).
_POSTGRESQL_LOCK = 0x5A41495259550001


class Base(DeclarativeBase):
    """The declarative base of every table; the migrations, not this, make the tables."""


class MigrationError(RuntimeError):
    """The database holds tables this program did not make, or only some of them."""


def database_url(url: str | URL) -> URL:
    """`url` with PostgreSQL's driver made explicit: psycopg (3) is the one zairyu ships."""
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_engine(url: str | URL) -> Engine:
    """An engine for a SQLite or PostgreSQL URL."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "postgresql":
        # A server may restart under a long-running web process: check pooled connections.
        return sqlalchemy.create_engine(parsed, pool_pre_ping=True)
    return sqlalchemy.create_engine(parsed)


def alembic_config(target: str | URL | Connection | None = None) -> Config:
    """Alembic's configuration, made in code: the packaged migrations and, when given, a URL
    (used by offline SQL generation and by commands run by hand) or an open connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # New revisions (a developer's `command.revision`) are tidied as the project's code is.
    hooks = {"ruff_fix": "check --fix --quiet", "ruff_format": "format --quiet"}
    config.set_section_option("post_write_hooks", "hooks", ", ".join(hooks))
    for name, options in hooks.items():
        config.set_section_option("post_write_hooks", f"{name}.type", "module")
        config.set_section_option("post_write_hooks", f"{name}.module", "ruff")
        config.set_section_option(
            "post_write_hooks", f"{name}.options", f"{options} REVISION_SCRIPT_FILENAME"
        )
    if isinstance(target, Connection):
        config.attributes["connection"] = target
    elif target is not None:
        rendered = database_url(target).render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def migrate(target: str | URL | Engine) -> None:
    """Brings the database's schema up to the newest migration; does nothing when it is there.

    A database made before migrations existed (both tables present, no ``alembic_version``)
    is stamped at the first revision, which made exactly those tables, and then upgraded.
    """
    engine = target if isinstance(target, Engine) else create_engine(target)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _POSTGRESQL_LOCK}
                )
            elif connection.dialect.name == "sqlite":
                # The driver opens a transaction only before it writes rows, not for DDL, so
                # two processes starting on a new database (uvicorn's workers) would both make
                # the tables: the write lock is taken first, and the second waits and finds
                # the schema made.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            config = alembic_config(connection)
            tables = set(inspect(connection).get_table_names())
            if "alembic_version" not in tables:
                legacy = LEGACY_TABLES & tables
                if legacy == LEGACY_TABLES:
                    command.stamp(config, FIRST_REVISION)
                elif legacy:
                    raise MigrationError(
                        f"the database has the table(s) {', '.join(sorted(legacy))} but not "
                        f"{', '.join(sorted(LEGACY_TABLES - legacy))}, and no alembic_version: "
                        "it was not made by zairyu, or only in part; use an empty database"
                    )
            command.upgrade(config, "head")
    finally:
        if engine is not target:
            engine.dispose()
