"""Databases for the storage tests: a throwaway PostgreSQL server and a `database_url` fixture
that runs a test once on SQLite and once on PostgreSQL.

The server is a fresh cluster in a temporary directory, listening only on 127.0.0.1 on a free
port (and on a Unix socket inside that directory), with trust authentication: nothing outside
this machine can reach it, and it is stopped and deleted at the end of the test session.
PostgreSQL refuses to run as root, so under root (as in CI) the cluster belongs to the
`postgres` system user and its programs run through `runuser`.

Missing PostgreSQL programs fail the tests (they are not skipped): `scripts/ensure-test-tools`
installs Debian's `postgresql`, and `make test` runs it.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy

__all__ = ["database_url", "postgresql_database_url", "postgresql_server", "postgresql_url"]

SUPERUSER = "postgres"
DATABASE = "zairyu"


def _version_key(directory: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", directory))


def find_postgresql_bin() -> Path:
    """The directory of `initdb` and `pg_ctl`: from PATH, else Debian's newest version."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl", path=str(Path(initdb).parent)):
        return Path(initdb).parent
    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        if (Path(directory) / "initdb").is_file() and (Path(directory) / "pg_ctl").is_file():
            return Path(directory)
    pytest.fail(
        "PostgreSQL's initdb and pg_ctl were not found (on PATH or in /usr/lib/postgresql/*/bin); "
        "the storage tests need them: run scripts/ensure-test-tools (as root; it installs "
        "Debian's postgresql) or install PostgreSQL's server programs",
        pytrace=False,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    bin: Path
    root: Path  # holds the cluster (data/), its log and its Unix socket
    as_user: str | None  # run PostgreSQL's programs as this user (when we are root)...
    runuser: str = "runuser"  # ...with this program
    port: int = 0

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "postgresql.log"

    def run(self, program: str, *arguments: str) -> None:
        command = [str(self.bin / program), *arguments]
        if self.as_user:
            command = [self.runuser, "-u", self.as_user, "--", *command]
        # cwd: the postgres user may not be allowed into the directory pytest runs in
        result = subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}{log}"
            )

    def init(self) -> None:
        self.run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        )

    def start(self) -> None:
        last: RuntimeError | None = None
        for _ in range(5):  # a free port can be taken between finding it and binding it
            self.port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                f"-c unix_socket_directories={self.root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            try:
                self.run("pg_ctl", "start", "--pgdata", str(self.data), "--log", str(self.log),
                         "--wait", "--timeout", "60", "--options", options)  # fmt: skip
                return
            except RuntimeError as error:
                last = error
        raise RuntimeError(f"the test PostgreSQL server did not start:\n{last}")

    def stop(self) -> None:
        self.run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate", "--wait")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def execute(self, statement: str) -> None:
        """One statement outside a transaction (CREATE and DROP DATABASE need that)."""
        engine = sqlalchemy.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql(statement)
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    """A running throwaway PostgreSQL server, for the whole test session."""
    bin_directory = find_postgresql_bin()
    as_user, runuser = None, "runuser"
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam(SUPERUSER)
        except KeyError:
            pytest.fail(
                "running as root, the storage tests run PostgreSQL as the 'postgres' system "
                "user, which does not exist: run scripts/ensure-test-tools (Debian's postgresql "
                "package creates it)",
                pytrace=False,
            )
        runuser = shutil.which("runuser", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
        if runuser is None:
            pytest.fail("running as root, the storage tests need runuser (util-linux)")
        as_user = SUPERUSER
    # Not pytest's tmp_path: its parents are private to the user running pytest (root).
    root = Path(tempfile.mkdtemp(prefix="zairyu-pg-"))
    if as_user:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    server = PostgresServer(bin=bin_directory, root=root, as_user=as_user, runuser=runuser)
    started = False
    try:
        server.init()
        server.start()
        started = True
        yield server
    finally:
        try:
            if started:
                server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgresql_url(postgresql_server: PostgresServer) -> str:
    """The SQLAlchemy URL of a database made once for the session on the throwaway server."""
    postgresql_server.execute(f'CREATE DATABASE "{DATABASE}"')
    return postgresql_server.url(DATABASE)


@pytest.fixture
def postgresql_database_url(postgresql_server: PostgresServer) -> Iterator[str]:
    """An empty database of its own for one test, dropped after it."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    postgresql_server.execute(f'CREATE DATABASE "{name}"')
    yield postgresql_server.url(name)
    postgresql_server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, then a PostgreSQL database on the throwaway server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'x.sqlite3'}"
    url: str = request.getfixturevalue("postgresql_database_url")
    return url
