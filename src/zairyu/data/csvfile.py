"""Reading a reference CSV so that every problem names the file, the line and the column."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from zairyu.engine.citations import MIRROR_HOST_MARKERS, SourceKind

DATA_DIR = Path(__file__).parent


class ReferenceDataError(ValueError):
    """A reference file that cannot be trusted: the message names file, line and column."""


@dataclass(frozen=True, slots=True)
class Row:
    path: Path
    line: int
    values: dict[str, str]

    def fail(self, column: str, reason: str) -> ReferenceDataError:
        value = self.values.get(column, "")
        return ReferenceDataError(
            f"{self.path.name}:{self.line}: column {column!r}: {value!r} {reason}"
        )

    def text(self, column: str, *, required: bool = True) -> str:
        value = self.values[column].strip()
        if required and not value:
            raise self.fail(column, "is empty")
        return value

    def choice(self, column: str, allowed: Sequence[str]) -> str:
        value = self.values[column].strip()
        if value not in allowed:
            raise self.fail(column, f"is not one of {', '.join(repr(a) for a in allowed)}")
        return value

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        value = self.values[column].strip()
        if not value:
            if required:
                raise self.fail(column, "is empty")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(column, "is not a real date YYYY-MM-DD") from None

    def source_kind(self, column: str = "source_kind") -> SourceKind:
        value = self.choice(column, [k.value for k in SourceKind])
        return SourceKind(value)

    def urls(self, column: str = "source_url") -> tuple[str, ...]:
        urls = tuple(u.strip() for u in self.text(column).split(" ; ") if u.strip())
        for url in urls:
            parsed = urlparse(url)
            if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in url:
                raise self.fail(column, f"contains {url!r}, which is not a URL")
            if any(marker in parsed.netloc for marker in MIRROR_HOST_MARKERS):
                raise self.fail(column, f"cites a mirror ({parsed.netloc}); cite the publisher")
        return urls


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    """Rows of a CSV whose header must be exactly `columns`; line numbers count the header as 1."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise ReferenceDataError(f"{path}: cannot be read: {error.strerror}") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise ReferenceDataError(f"{path.name}:1: the file is empty") from None
        except (csv.Error, UnicodeDecodeError) as error:
            raise ReferenceDataError(f"{path.name}:1: not a readable CSV file: {error}") from None
        if header != list(columns):
            raise ReferenceDataError(f"{path.name}:1: header is {header}, expected {list(columns)}")
        try:
            for record in reader:
                line = reader.line_num
                if not record or all(not cell.strip() for cell in record):
                    continue
                if len(record) != len(columns):
                    raise ReferenceDataError(
                        f"{path.name}:{line}: {len(record)} fields, expected {len(columns)}"
                    )
                yield Row(path, line, dict(zip(columns, record, strict=True)))
        except (csv.Error, UnicodeDecodeError) as error:
            raise ReferenceDataError(
                f"{path.name}:{reader.line_num}: not valid CSV: {error}"
            ) from None
