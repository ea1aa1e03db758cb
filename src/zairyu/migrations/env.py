"""Alembic's environment for zairyu, configured in code by `zairyu.storage.alembic_config`.

`zairyu.storage.migrate` passes an open connection (in ``config.attributes["connection"]``),
inside its own transaction; commands run by hand may pass a URL instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import zairyu.web.store  # noqa: F401  (registers every table on Base.metadata)
from zairyu.registry import models as _registry_models  # noqa: F401
from zairyu.storage import Base, create_engine
from zairyu.workbench import models as _workbench_models  # noqa: F401

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("zairyu migrations need a connection or a sqlalchemy.url")
    engine = create_engine(url)
    try:
        with engine.connect() as opened:
            _run(opened)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
