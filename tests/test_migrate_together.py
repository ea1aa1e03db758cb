"""Several processes starting on a new database at the same moment (uvicorn's workers) make the
schema once between them: none fails, and the schema is the newest."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Event, Semaphore

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from zairyu.storage import alembic_config, create_engine

from .storage_fixtures import (  # noqa: F401  (fixtures)
    database_url,
    postgresql_database_url,
    postgresql_server,
)

PROCESSES = 4


def _migrate_when_told(url: str, ready: Semaphore, start: Event) -> None:
    from zairyu.storage import migrate

    ready.release()
    start.wait(timeout=60)
    migrate(url)


def test_workers_starting_together_make_the_schema_once(database_url: str) -> None:  # noqa: F811
    context = multiprocessing.get_context("spawn")
    ready, start = context.Semaphore(0), context.Event()
    workers = [
        context.Process(target=_migrate_when_told, args=(database_url, ready, start))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        assert ready.acquire(timeout=120)
    # Every process has imported everything and waits: they now migrate at the same moment.
    start.set()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * PROCESSES
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            assert [tuple(v) for v in versions] == [(head,)]
            assert {"interviews", "cases", "registry_operators"} <= set(
                inspect(connection).get_table_names()
            )
    finally:
        engine.dispose()
