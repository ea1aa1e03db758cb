"""The run's two files, written to temporary names beside them and renamed only at the end: a
failed run leaves neither a partial table nor a partial list of rejects behind.

The output is one Parquet file: the key column (the id column, or `row`), then one column per
pathway outcome (text: `eligible`, `discretionary`, ...) and, if asked, one per requirement
(true, false or null for unknown). The rejects file is CSV: `row,column,value,reason`.

The outcomes arrive as `pl.Enum` columns (four codes) and are written from their codes: the
Parquet file holds exactly the text columns it would hold had they been written as text (the
same dictionary pages, statistics and stored Arrow schema, which says text), without
turning a million codes into a million strings first.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from types import TracebackType

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from zairyu.batch.evaluate import Evaluated


class Output:
    """Appends each chunk's screened rows and rejects; `commit` renames both into place."""

    def __init__(self, output: Path, rejects: Path, outcomes: Collection[str] = ()) -> None:
        self.output, self.rejects = output, rejects
        self.outcomes = outcomes  # columns of codes (`pl.Enum`) written as text
        self._output_part = _partial(output)
        self._rejects_part = _partial(rejects)
        self._writer: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._rejects_handle = self._rejects_part.open("wb")
        self._rejects_header = True

    def write(self, evaluated: Evaluated) -> None:
        table = evaluated.output.to_arrow()
        if self._writer is None:
            # Polars marks an Enum's field with its categories: the file does not keep them.
            self._schema = pa.schema(
                [
                    pa.field(f.name, f.type, f.nullable) if f.name in self.outcomes else f
                    for f in table.schema
                ]
            )
            text = pa.schema(
                [
                    pa.field(f.name, _TEXT, f.nullable) if f.name in self.outcomes else f
                    for f in table.schema
                ]
            )
            self._writer = pq.ParquetWriter(
                self._output_part,
                self._schema,
                compression="zstd",
                store_schema=not self.outcomes,
            )
            if self.outcomes:
                self._writer.add_key_value_metadata({_ARROW_SCHEMA: _stored_schema(text)})
        assert self._schema is not None
        # Polars may pick large or small string types chunk by chunk; the file has one schema.
        self._writer.write_table(table.cast(self._schema))
        if evaluated.rejects.height or self._rejects_header:
            evaluated.rejects.write_csv(self._rejects_handle, include_header=self._rejects_header)
            self._rejects_header = False

    def commit(self) -> None:
        if self._writer is None:
            raise RuntimeError("no chunk was written, not even an empty one")
        self._writer.close()
        self._rejects_handle.close()
        os.replace(self._output_part, self.output)
        os.replace(self._rejects_part, self.rejects)

    def discard(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._rejects_handle.close()
        self._output_part.unlink(missing_ok=True)
        self._rejects_part.unlink(missing_ok=True)

    def __enter__(self) -> Output:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


_ARROW_SCHEMA = b"ARROW:schema"
_TEXT = pl.Series(dtype=pl.String).to_arrow().type  # what Polars gives a text column


def _stored_schema(schema: pa.Schema) -> bytes:
    """The Arrow schema as pyarrow stores it in a Parquet file it writes (`ARROW:schema`)."""
    buffer = pa.BufferOutputStream()
    pq.write_table(schema.empty_table(), buffer)
    stored: bytes = pq.read_metadata(pa.BufferReader(buffer.getvalue())).metadata[_ARROW_SCHEMA]
    return stored


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial-{os.getpid()}")
