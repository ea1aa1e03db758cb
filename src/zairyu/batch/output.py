"""The run's two files, written to temporary names beside them and renamed only at the end: a
failed run leaves neither a partial table nor a partial list of rejects behind.

The output is one Parquet file: the key column (the id column, or `row`), then one column per
pathway outcome (text: `eligible`, `discretionary`, ...) and, if asked, one per requirement
(true, false or null for unknown). The rejects file is CSV: `row,column,value,reason`.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from zairyu.batch.evaluate import Evaluated


class Output:
    """Appends each chunk's screened rows and rejects; `commit` renames both into place."""

    def __init__(self, output: Path, rejects: Path) -> None:
        self.output, self.rejects = output, rejects
        self._output_part = _partial(output)
        self._rejects_part = _partial(rejects)
        self._writer: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._rejects_handle = self._rejects_part.open("wb")
        self._rejects_header = True

    def write(self, evaluated: Evaluated) -> None:
        table = evaluated.output.to_arrow()
        if self._writer is None:
            self._schema = table.schema
            self._writer = pq.ParquetWriter(self._output_part, self._schema, compression="zstd")
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


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial-{os.getpid()}")
