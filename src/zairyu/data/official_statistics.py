"""Official statistics with their sources: asylum 2010–2024 (`asylum_statistics.csv`), the
corrections to a circulating table (`asylum_corrections.csv`), the nationwide totals of
partnership systems (`partnership_totals.csv`) and same-sex spouse grants
(`same_sex_spouse_grants.csv`).

Every figure carries its source and the kind of source (official, secondary, unconfirmed); a
figure that is not known is empty, never zero. A bad row is an error naming file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zairyu.data.csvfile import DATA_DIR, ReferenceDataError, Row, read_rows
from zairyu.engine.citations import SourceKind
from zairyu.engine.text import Lang

ASYLUM_FILE = DATA_DIR / "asylum_statistics.csv"
CORRECTIONS_FILE = DATA_DIR / "asylum_corrections.csv"
PARTNERSHIP_FILE = DATA_DIR / "partnership_totals.csv"
GRANTS_FILE = DATA_DIR / "same_sex_spouse_grants.csv"

ASYLUM_COLUMNS = (
    "year",
    "applications",
    "protection_applications",
    "recognised",
    "recognised_on_review",
    "complementary_protection",
    "humanitarian",
    "resettled",
    "source_kind",
    "source_url",
    "notes",
)
ASYLUM_MEASURES = (
    "applications",
    "protection_applications",
    "recognised",
    "recognised_on_review",
    "complementary_protection",
    "humanitarian",
    "resettled",
)
CORRECTION_COLUMNS = (
    "year",
    "measure",
    "circulating",
    "circulating_is_estimate",
    "official",
    "source_url",
    "notes",
    "notes_ja",
)
PARTNERSHIP_COLUMNS = (
    "reference_date",
    "date_precision",
    "municipalities",
    "prefectures",
    "population_coverage_percent",
    "registrations",
    "source_kind",
    "source_url",
    "notes",
    "notes_ja",
)
GRANT_COLUMNS = (
    "period_start",
    "period_end",
    "grants",
    "what_ja",
    "what_en",
    "source_kind",
    "source_url",
    "notes",
    "notes_ja",
)
PRECISIONS = ("day", "month", "year")
# Complementary protection exists from this day (2023 amendment); before it the figure is not
# zero but "no such thing", and is left empty.
COMPLEMENTARY_PROTECTION_FROM = dt.date(2023, 12, 1)


def _count(row: Row, column: str) -> int | None:
    value = row.text(column, required=False).replace(",", "")
    if not value:
        return None
    if not value.isdigit():
        raise row.fail(column, "is not a whole number")
    return int(value)


@dataclass(frozen=True, slots=True)
class AsylumYear:
    year: int
    applications: int | None
    protection_applications: int | None
    recognised: int | None
    recognised_on_review: int | None
    complementary_protection: int | None
    humanitarian: int | None
    resettled: int | None
    source_kind: SourceKind
    urls: tuple[str, ...]
    notes: str
    line: int

    def value(self, measure: str) -> int | None:
        if measure not in ASYLUM_MEASURES:
            raise KeyError(measure)
        result: int | None = getattr(self, measure)
        return result


def load_asylum(path: Path = ASYLUM_FILE) -> tuple[AsylumYear, ...]:
    years: list[AsylumYear] = []
    for row in read_rows(path, ASYLUM_COLUMNS):
        raw_year = row.text("year")
        if not (raw_year.isdigit() and 1980 <= int(raw_year) <= 2100):
            raise row.fail("year", "is not a year")
        year = int(raw_year)
        counts = {m: _count(row, m) for m in ASYLUM_MEASURES}
        if year < COMPLEMENTARY_PROTECTION_FROM.year and counts["complementary_protection"]:
            raise row.fail("complementary_protection", "is given before the system existed")
        recognised, on_review = counts["recognised"], counts["recognised_on_review"]
        if recognised is not None and on_review is not None and on_review > recognised:
            raise row.fail("recognised_on_review", "is more than all recognitions")
        if years and year != years[-1].year + 1:
            raise row.fail("year", f"does not follow {years[-1].year}")
        years.append(
            AsylumYear(
                year=year,
                **counts,
                source_kind=row.source_kind(),
                urls=row.urls(),
                notes=row.text("notes", required=False),
                line=row.line,
            )
        )
    if not years:
        raise ReferenceDataError(f"{path.name}: no rows")
    return tuple(years)


def _japanese_notes(row: Row) -> str:
    """The notes in Japanese: required whenever the English notes are given, so that no reader
    of the Japanese pages meets an English-only note."""
    notes_ja = row.text("notes_ja", required=False)
    if row.text("notes", required=False) and not notes_ja:
        raise row.fail("notes_ja", "is empty although notes is given")
    return notes_ja


@dataclass(frozen=True, slots=True)
class Correction:
    year: int
    measure: str
    circulating: int
    circulating_is_estimate: bool
    official: int
    urls: tuple[str, ...]
    notes: str
    notes_ja: str
    line: int

    def note(self, lang: Lang) -> str:
        return self.notes_ja if lang == "ja" else self.notes


def load_corrections(
    path: Path = CORRECTIONS_FILE, asylum: tuple[AsylumYear, ...] | None = None
) -> tuple[Correction, ...]:
    """The corrections; each official figure must be the one in the asylum table."""
    by_year = {y.year: y for y in (asylum if asylum is not None else asylum_years())}
    corrections: list[Correction] = []
    for row in read_rows(path, CORRECTION_COLUMNS):
        year_text = row.text("year")
        if not year_text.isdigit() or int(year_text) not in by_year:
            raise row.fail("year", "is not a year of the asylum table")
        measure = row.choice("measure", ASYLUM_MEASURES)
        circulating, official = _count(row, "circulating"), _count(row, "official")
        if circulating is None or official is None:
            raise row.fail("official" if official is None else "circulating", "is empty")
        if by_year[int(year_text)].value(measure) != official:
            raise row.fail("official", "differs from the asylum table")
        if circulating == official:
            raise row.fail("circulating", "equals the official figure: nothing to correct")
        corrections.append(
            Correction(
                year=int(year_text),
                measure=measure,
                circulating=circulating,
                circulating_is_estimate=row.choice("circulating_is_estimate", ("yes", "no"))
                == "yes",
                official=official,
                urls=row.urls(),
                notes=row.text("notes", required=False),
                notes_ja=_japanese_notes(row),
                line=row.line,
            )
        )
    return tuple(corrections)


@dataclass(frozen=True, slots=True)
class PartnershipTotal:
    reference_date: dt.date  # the first day of the month or year when only that is known
    precision: str
    municipalities: int | None
    prefectures: int | None
    population_coverage_percent: float | None
    registrations: int | None
    source_kind: SourceKind
    urls: tuple[str, ...]
    notes: str
    notes_ja: str
    line: int

    def note(self, lang: Lang) -> str:
        return self.notes_ja if lang == "ja" else self.notes

    @property
    def label(self) -> str:
        text = self.reference_date.isoformat()
        return {"day": text, "month": text[:7], "year": text[:4]}[self.precision]


def _partial_date(row: Row, precision: str) -> dt.date:
    text = row.text("reference_date")
    padded = {"day": text, "month": f"{text}-01", "year": f"{text}-01-01"}[precision]
    expected = {"day": 10, "month": 7, "year": 4}[precision]
    if len(text) != expected:
        raise row.fail("reference_date", f"does not have the {precision} precision given")
    try:
        return dt.date.fromisoformat(padded)
    except ValueError:
        raise row.fail("reference_date", "is not a real date") from None


def load_partnership_totals(path: Path = PARTNERSHIP_FILE) -> tuple[PartnershipTotal, ...]:
    totals: list[PartnershipTotal] = []
    for row in read_rows(path, PARTNERSHIP_COLUMNS):
        precision = row.choice("date_precision", PRECISIONS)
        coverage_text = row.text("population_coverage_percent", required=False)
        coverage: float | None = None
        if coverage_text:
            try:
                coverage = float(coverage_text)
            except ValueError:
                raise row.fail("population_coverage_percent", "is not a number") from None
            if not 0 <= coverage <= 100:
                raise row.fail("population_coverage_percent", "is not a percentage")
        totals.append(
            PartnershipTotal(
                reference_date=_partial_date(row, precision),
                precision=precision,
                municipalities=_count(row, "municipalities"),
                prefectures=_count(row, "prefectures"),
                population_coverage_percent=coverage,
                registrations=_count(row, "registrations"),
                source_kind=row.source_kind(),
                urls=row.urls(),
                notes=row.text("notes", required=False),
                notes_ja=_japanese_notes(row),
                line=row.line,
            )
        )
    return tuple(totals)


@dataclass(frozen=True, slots=True)
class SpouseGrants:
    period_start: dt.date
    period_end: dt.date
    grants: int
    what_ja: str
    what_en: str
    source_kind: SourceKind
    urls: tuple[str, ...]
    notes: str
    notes_ja: str
    line: int

    def note(self, lang: Lang) -> str:
        return self.notes_ja if lang == "ja" else self.notes


def load_spouse_grants(path: Path = GRANTS_FILE) -> tuple[SpouseGrants, ...]:
    grants: list[SpouseGrants] = []
    for row in read_rows(path, GRANT_COLUMNS):
        start, end = row.date("period_start"), row.date("period_end")
        assert start is not None
        assert end is not None
        if end < start:
            raise row.fail("period_end", "is before period_start")
        count = _count(row, "grants")
        if count is None:
            raise row.fail("grants", "is empty")
        grants.append(
            SpouseGrants(
                period_start=start,
                period_end=end,
                grants=count,
                what_ja=row.text("what_ja"),
                what_en=row.text("what_en"),
                source_kind=row.source_kind(),
                urls=row.urls(),
                notes=row.text("notes", required=False),
                notes_ja=_japanese_notes(row),
                line=row.line,
            )
        )
    return tuple(grants)


@cache
def asylum_years() -> tuple[AsylumYear, ...]:
    return load_asylum()


@cache
def corrections() -> tuple[Correction, ...]:
    return load_corrections()


@cache
def partnership_totals() -> tuple[PartnershipTotal, ...]:
    return load_partnership_totals()


@cache
def spouse_grants() -> tuple[SpouseGrants, ...]:
    return load_spouse_grants()
