"""Foreign residents of Japan by status of residence and by nationality (`foreign_residents.csv`).

The published marginals the synthetic population is calibrated to. One row per published
figure; `status` codes are zairyu's status codes, or a published group that zairyu splits
(`technical_intern_training`, `specified_skilled_worker`), or `other` for the remainder;
`nationality` codes are zairyu's country codes, or `other`. A figure the sources do not confirm
has no count and confidence `unconfirmed`; a remainder is `derived`. The rows of each table must
add up to the total, so that a typo cannot slip through.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zairyu.data.csvfile import DATA_DIR, ReferenceDataError, read_rows
from zairyu.engine.citations import SourceKind

FILE = DATA_DIR / "foreign_residents.csv"
COLUMNS = (
    "table",
    "code",
    "name_ja",
    "name_en",
    "count",
    "reference_date",
    "confidence",
    "source_kind",
    "source_url",
    "notes",
)
TABLES = ("total", "status", "nationality")
CONFIDENCES = ("confirmed", "unconfirmed", "derived")
OTHER = "other"


@dataclass(frozen=True, slots=True)
class ResidentFigure:
    table: str
    code: str
    name_ja: str
    name_en: str
    count: int | None  # None: not confirmed, so not published here
    reference_date: dt.date
    confidence: str
    source_kind: SourceKind
    urls: tuple[str, ...]
    notes: str
    line: int


@dataclass(frozen=True, slots=True)
class ResidentMarginals:
    total: ResidentFigure
    statuses: tuple[ResidentFigure, ...]
    nationalities: tuple[ResidentFigure, ...]

    def counted(self, table: str) -> dict[str, int]:
        """The figures of one table that have a count, by code."""
        rows = self.statuses if table == "status" else self.nationalities
        return {r.code: r.count for r in rows if r.count is not None}


def load(path: Path = FILE) -> ResidentMarginals:
    figures: list[ResidentFigure] = []
    for row in read_rows(path, COLUMNS):
        table = row.choice("table", TABLES)
        confidence = row.choice("confidence", CONFIDENCES)
        raw = row.text("count", required=False)
        count: int | None = None
        if raw:
            if not raw.isdigit():
                raise row.fail("count", "is not a whole number")
            count = int(raw)
        elif confidence != "unconfirmed":
            raise row.fail("count", "is empty, but only an unconfirmed figure may lack a count")
        day = row.date("reference_date")
        assert day is not None
        figures.append(
            ResidentFigure(
                table=table,
                code=row.text("code"),
                name_ja=row.text("name_ja"),
                name_en=row.text("name_en"),
                count=count,
                reference_date=day,
                confidence=confidence,
                source_kind=row.source_kind(),
                urls=row.urls(),
                notes=row.text("notes", required=False),
                line=row.line,
            )
        )
    totals = [f for f in figures if f.table == "total"]
    if len(totals) != 1 or totals[0].count is None:
        raise ReferenceDataError(f"{path.name}: expected exactly one total row with a count")
    total = totals[0]
    for table in ("status", "nationality"):
        rows = [f for f in figures if f.table == table]
        codes = [f.code for f in rows]
        if len(set(codes)) != len(codes):
            raise ReferenceDataError(f"{path.name}: a {table} code appears twice")
        added = sum(f.count or 0 for f in rows if f.confidence != "unconfirmed")
        if added != total.count:
            raise ReferenceDataError(
                f"{path.name}: the {table} rows add up to {added}, not the total {total.count}"
                f" (line {total.line})"
            )
    return ResidentMarginals(
        total=total,
        statuses=tuple(f for f in figures if f.table == "status" and f.confidence != "unconfirmed"),
        nationalities=tuple(
            f for f in figures if f.table == "nationality" and f.confidence != "unconfirmed"
        ),
    )


@cache
def marginals() -> ResidentMarginals:
    return load()
