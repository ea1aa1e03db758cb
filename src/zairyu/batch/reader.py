"""The input table, read in chunks of a bounded number of rows: CSV or Parquet.

A CSV file is read with every column as text, so that a cell is refused with the value exactly
as written; a Parquet file keeps its column types (a `date` column is read as dates). Neither
is ever read whole: memory stays flat however long the file is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from zairyu.batch.validate import readable
from zairyu.engine.facts import FactSet

T = TypeVar("T")

# pyarrow reads a CSV in blocks of this many bytes; a row must fit in one.
_CSV_BLOCK = 4 << 20


def _(message: str) -> str:
    """Marks a message for the catalogue; `BatchError.message` translates it when shown."""
    return message


class BatchError(Exception):
    """Input the user must fix (a missing or malformed file, an unknown column): exit status 2.

    Holds the message's English template and its values, so that it can be shown in either
    language (`message`); `str()` is the English text."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values

    def message(self, gettext: Callable[[str], str]) -> str:
        return gettext(self.template).format(**self.values)


@dataclass(frozen=True, slots=True)
class Chunk:
    frame: pl.DataFrame
    first_row: int  # the input's row number of the chunk's first row, counting from 1
    done: int  # how far through the input, in `Source.total` units, after this chunk


class Source:
    """An input file, checked before any row is read: it exists, it is CSV or Parquet, and
    every column is a fact (or the id column) of a type a fact can be read from."""

    def __init__(self, path: Path, facts: FactSet, id_column: str | None, chunk_rows: int) -> None:
        if chunk_rows < 1:
            raise BatchError(
                _("the chunk size must be at least 1 row, not {count}"), count=chunk_rows
            )
        self.path = path
        self.chunk_rows = chunk_rows
        if not path.is_file():
            raise BatchError(_("{path}: no such file"), path=path)
        self.parquet = _is_parquet(path)
        self.schema = self._parquet_schema() if self.parquet else self._csv_schema()
        names = list(self.schema)
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise BatchError(
                _("{path}: columns given twice: {columns}"), path=path, columns=", ".join(repeated)
            )
        if id_column is not None and id_column not in self.schema:
            raise BatchError(
                _("{path}: no column {column} (given as --id-column)"), path=path, column=id_column
            )
        if id_column is not None and id_column in facts:
            raise BatchError(
                _("{path}: the id column {column} is a fact, not an id"),
                path=path,
                column=id_column,
            )
        unknown = [n for n in names if n not in facts and n != id_column]
        if unknown:
            raise BatchError(
                _(
                    "{path}: columns that are not facts: {columns}"
                    " (`zairyu facts` lists them; name an id column with --id-column)"
                ),
                path=path,
                columns=", ".join(unknown),
            )
        unreadable = [
            f"{n} ({dtype})"
            for n, dtype in self.schema.items()
            if n != id_column and not readable(dtype)
        ]
        if unreadable:
            raise BatchError(
                _("{path}: columns of a type no fact is read from: {columns}"),
                path=path,
                columns=", ".join(unreadable),
            )

    @property
    def total(self) -> int:
        """How much there is to read: rows for Parquet, bytes for CSV (rows are not counted
        in advance, which would read the file twice)."""
        if self.parquet:
            return int(pq.ParquetFile(self.path).metadata.num_rows)
        return self.path.stat().st_size

    def _parquet_schema(self) -> pl.Schema:
        try:
            return pl.Schema(pl.read_parquet_schema(self.path))
        except (pl.exceptions.PolarsError, OSError) as error:
            raise BatchError(
                _("{path}: not a readable Parquet file: {error}"), path=self.path, error=error
            ) from None

    def _csv_schema(self) -> pl.Schema:
        try:
            with self.path.open("rb") as handle:
                reader = pacsv.open_csv(
                    handle, read_options=pacsv.ReadOptions(block_size=_CSV_BLOCK)
                )
                names = reader.schema.names
        except (pa.ArrowException, OSError, UnicodeDecodeError) as error:
            raise BatchError(
                _("{path}: not a readable CSV file: {error}"), path=self.path, error=error
            ) from None
        if not names or any(not n.strip() for n in names):
            raise BatchError(_("{path}: the first line must name every column"), path=self.path)
        return pl.Schema({n: pl.String() for n in names})

    def chunks(self) -> Iterator[Chunk]:
        """The rows in chunks of `chunk_rows` (the last may be shorter)."""
        if self.parquet:
            yield from self._reading(self._parquet_chunks())
        else:
            for table, first, done in self._reading(self._csv_tables()):
                yield Chunk(_frame(table), first, done)

    def csv_tables(self) -> Iterator[tuple[pa.Table, int, int]]:
        """A CSV file's rows in chunks of `chunk_rows`, as the Arrow tables pyarrow reads
        (every column text), each with its first row and how far through the file it ends:
        what `chunks` turns into Polars frames, for a reader that sends them on as they are."""
        assert not self.parquet
        yield from self._reading(self._csv_tables())

    def _reading(self, items: Iterator[T]) -> Iterator[T]:
        try:
            yield from items
        except (pa.ArrowException, pl.exceptions.PolarsError, OSError, UnicodeDecodeError) as error:
            raise BatchError(
                _("{path}: cannot be read: {error}"), path=self.path, error=error
            ) from None

    def _parquet_chunks(self) -> Iterator[Chunk]:
        # Polars reads only the row groups a slice needs, and faster than pyarrow's batches.
        total = self.total
        for start in range(0, total, self.chunk_rows):
            frame = pl.scan_parquet(self.path).slice(start, self.chunk_rows).collect()
            yield Chunk(frame, start + 1, start + frame.height)

    def _csv_tables(self) -> Iterator[tuple[pa.Table, int, int]]:
        with self.path.open("rb") as handle:
            yield from self._rebatched(_csv_batches(handle, list(self.schema)), handle)

    def _rebatched(
        self, batches: Iterator[pa.RecordBatch], handle: BinaryIO
    ) -> Iterator[tuple[pa.Table, int, int]]:
        """pyarrow's blocks regrouped into tables of exactly `chunk_rows` rows."""
        pending: list[pa.RecordBatch] = []
        held = 0
        first = 1
        for batch in batches:
            pending.append(batch)
            held += batch.num_rows
            while held >= self.chunk_rows:
                table = pa.Table.from_batches(pending)
                taken = table.slice(0, self.chunk_rows)
                rest = table.slice(self.chunk_rows)
                yield taken, first, handle.tell()
                first += self.chunk_rows
                pending, held = rest.to_batches(), rest.num_rows
        if held:
            yield pa.Table.from_batches(pending), first, handle.tell()


def _csv_batches(handle: BinaryIO, names: list[str]) -> Iterator[pa.RecordBatch]:
    reader = pacsv.open_csv(
        handle,
        read_options=pacsv.ReadOptions(block_size=_CSV_BLOCK),
        # Every cell as text: a refused cell is reported exactly as written, and an empty cell
        # (unknown) stays distinct from the text "NA" (Namibia).
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}),
    )
    yield from reader


def _frame(table: pa.Table) -> pl.DataFrame:
    frame = pl.from_arrow(table, rechunk=True)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _is_parquet(path: Path) -> bool:
    """Parquet by its name, else by the magic bytes every Parquet file starts with."""
    if path.suffix.lower() in (".parquet", ".pq"):
        return True
    if path.suffix.lower() in (".csv", ".txt"):
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PAR1"
    except OSError as error:
        raise BatchError(_("{path}: cannot be read: {error}"), path=path, error=error) from None
