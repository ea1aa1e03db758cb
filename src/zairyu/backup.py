"""Backups of a zairyu installation, and their restore, across SQLite and PostgreSQL.

A backup is a ``.tar.gz`` archive holding:

``manifest.json``
    the format, zairyu's version, the creation time, the database's Alembic revision, each
    table's row count and columns, and the size and SHA-256 of every other member;
``tables/<table>.jsonl``
    every row of every table (but ``alembic_version``), one JSON object a line. Values that JSON
    has no type for are tagged: ``{"$bytes": base64}``, ``{"$datetime": ISO 8601 with offset}``
    (always UTC), ``{"$date": ...}``, ``{"$decimal": ...}``; so the rows are database-neutral;
``files/<name>``
    every file of the data directory but the database itself: ``secret.key``, the ``keys``
    keyring when there is one, and anything else kept there.

The rows are read in one read transaction, so the archive is consistent while the server keeps
writing: SQLite's online backup API copies the database to a temporary file first, PostgreSQL
reads in a ``REPEATABLE READ``, read-only transaction.

Restoring checks the whole archive before writing anything, then migrates the target to the
archive's revision, inserts every row in one transaction (all or nothing), upgrades to the newest
revision, writes the data directory's files, and checks the audit chain.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import io
import json
import math
import os
import re
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, Table, delete, func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.types import DateTime

from zairyu import __version__
from zairyu.storage import alembic_config, create_engine, database_url

FORMAT = "zairyu-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILE = "zairyu.sqlite3"
KEY_FILES = ("secret.key", "keys")
# SQLite's companions of a database file: never copied as files, the rows are in the archive.
_SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")
_TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
_CHUNK = 1 << 20
_INSERT_BATCH = 1000
# Same key as zairyu.storage's: a restore and a starting server never migrate at once.
_POSTGRESQL_LOCK = 0x5A41495259550001


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


# --- Values -----------------------------------------------------------------------------------


def encode_value(value: object) -> object:
    """A database value as JSON: native types as they are, the others tagged."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.datetime):
        # zairyu writes every moment in UTC; SQLite gives them back without a zone
        moment = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
        return {"$datetime": moment.astimezone(dt.UTC).isoformat(timespec="microseconds")}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict | list):
        return {"$json": value}
    raise BackupError(f"a value of type {type(value).__name__} cannot be backed up")


def decode_value(raw: object, column_type: object = None) -> object:
    """The inverse of `encode_value`, for a column of `column_type` in the target database."""
    if not isinstance(raw, dict):
        return raw
    if len(raw) != 1:
        raise ValueError(f"not a tagged value: {raw!r}")
    ((tag, payload),) = raw.items()
    if tag == "$json":
        return payload
    if not isinstance(payload, str):
        raise ValueError(f"{tag} holds {payload!r}, not text")
    if tag == "$bytes":
        return base64.b64decode(payload, validate=True)
    if tag == "$datetime":
        moment = dt.datetime.fromisoformat(payload)
        if moment.tzinfo is None:
            raise ValueError(f"{payload}: a moment without a UTC offset")
        moment = moment.astimezone(dt.UTC)
        if isinstance(column_type, DateTime) and not column_type.timezone:
            return moment.replace(tzinfo=None)  # SQLite, or a column without zone: UTC digits
        return moment
    if tag == "$date":
        return dt.date.fromisoformat(payload)
    if tag == "$time":
        return dt.time.fromisoformat(payload)
    if tag == "$decimal":
        return decimal.Decimal(payload)
    if tag == "$float":
        return float(payload)
    raise ValueError(f"unknown value tag {tag}")


# --- The data directory -----------------------------------------------------------------------


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases."""
    parsed = database_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError(f"{url}: an in-memory SQLite database cannot be backed up or restored")
    return Path(parsed.database)


def _data_files(data_dir: Path, url: str) -> list[tuple[str, Path]]:
    """(name in the archive, path) of every regular file of the data directory but the
    database."""
    skip: set[Path] = set()
    database = sqlite_path(url)
    candidates = [data_dir / DATABASE_FILE] + ([database] if database else [])
    for base in candidates:
        for suffix in _SQLITE_SUFFIXES:
            skip.add(Path(f"{base}{suffix}").resolve())
    found: list[tuple[str, Path]] = []
    if not data_dir.is_dir():
        return found
    for path in sorted(data_dir.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.resolve() in skip:
            continue
        found.append((path.relative_to(data_dir).as_posix(), path))
    return found


# --- Backup -----------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    revision: str
    rows: dict[str, int]
    files: list[str]

    @property
    def has_keys(self) -> bool:
        return any(name in KEY_FILES for name in self.files)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _dump_tables(connection: Connection, out: Path) -> tuple[str, dict[str, Any]]:
    """Writes every table's rows to `out`/<table>.jsonl; (revision, table manifest)."""
    names = set(inspect(connection).get_table_names())
    if "alembic_version" not in names:
        raise BackupError(
            "the database has no alembic_version table: it was never set up by zairyu "
            "(start `zairyu serve` on it once), or this is not zairyu's database"
        )
    revisions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(revisions) != 1:
        raise BackupError(f"the database has {len(revisions)} Alembic revisions, expected one")
    metadata = MetaData()
    metadata.reflect(connection, only=sorted(names - {"alembic_version"}))
    tables: dict[str, Any] = {}
    for table in metadata.sorted_tables:
        columns = [column.name for column in table.columns]
        order = list(table.primary_key.columns) or list(table.columns)
        count = 0
        with (out / f"{table.name}.jsonl").open("w", encoding="utf-8") as handle:
            result = connection.execution_options(yield_per=1000).execute(
                select(table).order_by(*order)
            )
            for row in result:
                record = {
                    name: encode_value(value) for name, value in zip(columns, row, strict=True)
                }
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        tables[table.name] = {"rows": count, "columns": columns}
    return str(revisions[0]), tables


def _snapshot(url: str, out: Path, scratch: Path) -> tuple[str, dict[str, Any], str]:
    """Reads the database in one read transaction: (revision, tables, dialect)."""
    database = sqlite_path(url)
    if database is not None:
        if not database.is_file():
            raise BackupError(f"{database}: no such database file")
        copy = scratch / "snapshot.sqlite3"
        # The online backup API copies the database as one consistent state, whatever the
        # server writes meanwhile (pages=-1: in one step, under one read lock).
        source = sqlite3.connect(database, timeout=30)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        engine = create_engine(f"sqlite:///{copy}")
        try:
            with engine.connect() as connection:
                revision, tables = _dump_tables(connection, out)
        finally:
            engine.dispose()
        return revision, tables, "sqlite"
    engine = create_engine(url)
    try:
        options: dict[str, Any] = {"isolation_level": "REPEATABLE READ"}
        if engine.dialect.name == "postgresql":
            options["postgresql_readonly"] = True
        with engine.connect() as opened:
            connection = opened.execution_options(**options)
            with connection.begin():
                revision, tables = _dump_tables(connection, out)
        return revision, tables, engine.dialect.name
    finally:
        engine.dispose()


def create_backup(archive: Path, data_dir: Path, url: str) -> BackupResult:
    """Writes a backup of the database at `url` and of `data_dir`'s files to `archive`."""
    archive = archive.resolve()
    if archive.exists() and not archive.is_file():
        raise BackupError(f"{archive}: exists and is not a file")
    with tempfile.TemporaryDirectory(prefix="zairyu-backup-") as scratch_name:
        scratch = Path(scratch_name)
        tables_dir = scratch / "tables"
        tables_dir.mkdir()
        revision, tables, dialect = _snapshot(url, tables_dir, scratch)
        members: dict[str, dict[str, Any]] = {}
        sources: list[tuple[str, Path]] = []
        for name in tables:
            path = tables_dir / f"{name}.jsonl"
            sources.append((f"tables/{name}.jsonl", path))
        files = [
            (name, path) for name, path in _data_files(data_dir, url) if path.resolve() != archive
        ]
        for name, path in files:
            copy = scratch / "files" / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)  # hashed and archived from one copy
            sources.append((f"files/{name}", copy))
        for member, path in sources:
            members[member] = {"size": path.stat().st_size, "sha256": _sha256_file(path)}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "zairyu_version": __version__,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "source_database": dialect,
            "alembic_revision": revision,
            "tables": tables,
            "files": [name for name, _ in files],
            "members": members,
        }
        encoded = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(f".{archive.name}.partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode = len(encoded), 0o600
                info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
                tar.addfile(info, io.BytesIO(encoded))
                for member, path in sources:
                    info = tar.gettarinfo(str(path), arcname=member)
                    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                    with path.open("rb") as handle:
                        tar.addfile(info, handle)
            os.replace(partial, archive)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupResult(
        archive,
        revision,
        {name: int(t["rows"]) for name, t in tables.items()},
        [n for n, _ in files],
    )


# --- Reading an archive -----------------------------------------------------------------------


@dataclass
class Archive:
    """A checked archive, unpacked in a temporary directory."""

    root: Path
    manifest: dict[str, Any]
    revision: str
    tables: dict[str, dict[str, Any]]
    files: list[str] = field(default_factory=list)

    def rows(self, table: str) -> Iterator[dict[str, object]]:
        with (self.root / "tables" / f"{table}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)

    def file(self, name: str) -> Path:
        return self.root / "files" / name


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and "\x00" not in name
        and "\\" not in name
        and len(path.parts) >= 2
        and path.parts[0] in {"tables", "files"}
    )


def _refuse(archive: Path, why: str) -> BackupError:
    return BackupError(f"{archive}: {why}; nothing was restored")


def _check_manifest(archive: Path, manifest: object) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(archive, "not a zairyu backup (its manifest is not zairyu's)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _refuse(
            archive,
            f"backup format version {manifest.get('format_version')!r}; this zairyu reads "
            f"version {FORMAT_VERSION}",
        )
    members, tables, files = manifest.get("members"), manifest.get("tables"), manifest.get("files")
    revision = manifest.get("alembic_revision")
    if not (
        isinstance(members, dict)
        and isinstance(tables, dict)
        and isinstance(files, list)
        and isinstance(revision, str)
    ):
        raise _refuse(archive, "its manifest is incomplete")
    for name, entry in members.items():
        if not (
            isinstance(name, str)
            and _safe_member_name(name)
            and isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("size"), int)
        ):
            raise _refuse(archive, f"its manifest lists a bad member {name!r}")
    for name, entry in tables.items():
        if not (
            isinstance(name, str)
            and _TABLE_NAME.match(name)
            and isinstance(entry, dict)
            and isinstance(entry.get("rows"), int)
            and isinstance(entry.get("columns"), list)
            and f"tables/{name}.jsonl" in members
        ):
            raise _refuse(archive, f"its manifest describes table {name!r} badly")
    for name in files:
        if not isinstance(name, str) or f"files/{name}" not in members:
            raise _refuse(archive, f"its manifest lists a file {name!r} it does not hold")
    return manifest


def _copy_hashing(source: IO[bytes], target: Path, limit: int) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                break
            digest.update(chunk)
            handle.write(chunk)
    return digest.hexdigest(), size


def open_archive(archive: Path, scratch: Path) -> Archive:
    """Unpacks `archive` into `scratch` and checks it against its manifest: every member's size
    and SHA-256, nothing missing and nothing more, every row readable and counted."""
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file")
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise _refuse(archive, f"not a zairyu backup (it does not start with {MANIFEST})")
            if first.size > 16 * _CHUNK:
                raise _refuse(archive, "its manifest is too large")
            extracted = tar.extractfile(first)
            assert extracted is not None
            try:
                manifest = _check_manifest(archive, json.loads(extracted.read()))
            except (ValueError, UnicodeDecodeError):
                raise _refuse(archive, "its manifest is not valid JSON") from None
            members: dict[str, dict[str, Any]] = manifest["members"]
            seen: set[str] = set()
            for info in tar:
                if info is first:
                    continue
                if info.name not in members or info.name in seen:
                    raise _refuse(
                        archive, f"it holds {info.name!r}, which its manifest does not list"
                    )
                if not info.isfile():
                    raise _refuse(archive, f"{info.name!r} is not a regular file")
                expected = members[info.name]
                source = tar.extractfile(info)
                assert source is not None
                digest, size = _copy_hashing(source, scratch / info.name, int(expected["size"]))
                if size != expected["size"] or digest != expected["sha256"]:
                    raise _refuse(
                        archive,
                        f"{info.name} was changed or damaged (its size or SHA-256 differs from "
                        "the manifest's)",
                    )
                seen.add(info.name)
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise _refuse(
            archive, f"not a readable .tar.gz archive (truncated or another kind of file: {error})"
        ) from None
    missing = sorted(set(members) - seen)
    if missing:
        raise _refuse(archive, f"it lacks {', '.join(missing)} (truncated?)")
    checked = Archive(
        scratch, manifest, manifest["alembic_revision"], manifest["tables"], manifest["files"]
    )
    for table, entry in checked.tables.items():
        count = 0
        try:
            for row in checked.rows(table):
                if not isinstance(row, dict) or set(row) != set(entry["columns"]):
                    raise ValueError("a row's columns differ from the manifest's")
                count += 1
        except ValueError as error:
            raise _refuse(archive, f"table {table}: {error}") from None
        if count != entry["rows"]:
            raise _refuse(
                archive, f"table {table} has {count} rows, the manifest says {entry['rows']}"
            )
    return checked


# --- Restore ----------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    revision: str
    head: str
    rows: dict[str, int]
    files: list[str]
    audit_entries: int
    audit_breaks: list[str]


def _revision_order(config_script: ScriptDirectory) -> list[str]:
    """Every revision, oldest first (zairyu's history is linear)."""
    return [script.revision for script in reversed(list(config_script.walk_revisions()))]


def _is_empty(connection: Connection, tables: list[str]) -> bool:
    metadata = MetaData()
    metadata.reflect(connection, only=tables)
    return all(
        connection.execute(select(func.count()).select_from(table)).scalar_one() == 0
        for table in metadata.tables.values()
    )


def _check_files(data_dir: Path, archive: Archive, force: bool) -> None:
    for name in archive.files:
        target = data_dir / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise BackupError(f"{target}: exists and is not a regular file; nothing was restored")
        expected = archive.manifest["members"][f"files/{name}"]["sha256"]
        if target.is_file() and not force and _sha256_file(target) != expected:
            raise BackupError(
                f"{target} exists and differs from the backup's; nothing was restored "
                "(--force replaces it: data encrypted under the old key becomes unreadable)"
            )


def _write_files(data_dir: Path, archive: Archive) -> None:
    for name in archive.files:
        target = data_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle, archive.file(name).open("rb") as source:
            shutil.copyfileobj(source, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """PostgreSQL: serial columns continue after the restored rows."""
    for table in tables:
        for column in table.columns:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            ).scalar()
            if sequence:
                connection.execute(
                    text(
                        f'SELECT setval(:sequence, COALESCE((SELECT MAX("{column.name}") '
                        f'FROM "{table.name}"), 0) + 1, false)'
                    ),
                    {"sequence": sequence},
                )


def restore_backup(
    archive_path: Path,
    data_dir: Path,
    url: str,
    *,
    force: bool = False,
    progress: Callable[[str], object] | None = None,
) -> RestoreResult:
    """Restores `archive_path` into the database at `url` and into `data_dir`."""
    say = progress or (lambda _message: None)
    with tempfile.TemporaryDirectory(prefix="zairyu-restore-") as scratch_name:
        archive = open_archive(archive_path, Path(scratch_name))
        say(f"the archive is intact: revision {archive.revision}, {len(archive.tables)} tables")
        script = ScriptDirectory.from_config(alembic_config())
        order = _revision_order(script)
        head = order[-1]
        if archive.revision not in order:
            raise BackupError(
                f"{archive_path}: made at database revision {archive.revision}, which this "
                f"zairyu ({__version__}, newest revision {head}) does not know: restore it with "
                "the zairyu that made it, or a newer one; nothing was restored"
            )
        _check_files(data_dir, archive, force)
        secret_file = archive.file("secret.key") if "secret.key" in archive.files else None
        database = sqlite_path(url)
        if database is not None:
            database.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        try:
            rows = _restore_rows(engine, archive, order, force)
            say(f"restored {sum(rows.values())} rows; the database is at revision {head}")
            _write_files(data_dir, archive)
            secret = (
                secret_file.read_bytes()
                if secret_file is not None
                else (data_dir / "secret.key").read_bytes()
                if (data_dir / "secret.key").is_file()
                else None
            )
            entries, breaks = _verify_audit(engine, secret)
        finally:
            engine.dispose()
    return RestoreResult(archive.revision, head, rows, list(archive.files), entries, breaks)


def _restore_rows(
    engine: Engine, archive: Archive, order: list[str], force: bool
) -> dict[str, int]:
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _POSTGRESQL_LOCK}
            )
        present = set(inspect(connection).get_table_names())
        data_tables = sorted(present - {"alembic_version"})
        if data_tables and not _is_empty(connection, data_tables) and not force:
            raise BackupError(
                "the target database is not empty; nothing was restored (--force replaces "
                "everything in it with the backup)"
            )
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None and data_tables:
            raise BackupError(
                f"the target database has tables zairyu did not make ({', '.join(data_tables)});"
                " use an empty database; nothing was restored"
            )
        config = alembic_config(connection)
        if current is not None and current not in order:
            raise BackupError(
                f"the target database is at revision {current}, unknown to this zairyu; "
                "nothing was restored"
            )
        # Empty the target (only reached when it is empty or --force), then bring its schema
        # to the archive's revision: the rows fit that schema, and the migrations move them on.
        metadata = MetaData()
        metadata.reflect(connection, only=data_tables)
        for table in reversed(metadata.sorted_tables):
            connection.execute(delete(table))
        if current is not None and order.index(current) > order.index(archive.revision):
            command.downgrade(config, archive.revision)
        else:
            command.upgrade(config, archive.revision)
        target = MetaData()
        target.reflect(connection)
        target_tables = [t for t in target.sorted_tables if t.name in archive.tables]
        for name in archive.tables:
            if name not in target.tables:
                raise BackupError(
                    f"the backup has table {name}, which revision {archive.revision} does not "
                    "make; nothing was restored"
                )
            unknown = set(archive.tables[name]["columns"]) - set(target.tables[name].columns.keys())
            if unknown:
                raise BackupError(
                    f"table {name}: the backup has column(s) {', '.join(sorted(unknown))} that "
                    f"revision {archive.revision} lacks; nothing was restored"
                )
        counts: dict[str, int] = {}
        for table in target_tables:
            batch: list[dict[str, object]] = []
            count = 0
            types = {column.name: column.type for column in table.columns}
            for row in archive.rows(table.name):
                try:
                    batch.append({k: decode_value(v, types[k]) for k, v in row.items()})
                except (ValueError, TypeError) as error:
                    raise BackupError(
                        f"table {table.name}: a value cannot be read ({error}); nothing was "
                        "restored"
                    ) from None
                if len(batch) >= _INSERT_BATCH:
                    connection.execute(table.insert(), batch)
                    count += len(batch)
                    batch = []
            if batch:
                connection.execute(table.insert(), batch)
                count += len(batch)
            counts[table.name] = count
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, target_tables)
        command.upgrade(config, "head")
    return counts


def _verify_audit(engine: Engine, secret: bytes | None) -> tuple[int, list[str]]:
    from zairyu.audit import audit_key, head, verify

    if secret is None:
        return 0, ["no secret.key in the backup or the data directory: the chain was not checked"]
    with Session(engine) as session:
        breaks = verify(session, audit_key(secret))
        latest = head(session)
    return latest.seq, [f"audit entry {found.seq}: {found.reason}" for found in breaks]
