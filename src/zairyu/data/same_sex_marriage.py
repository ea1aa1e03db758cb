"""Same-sex marriage by country and the date it took effect (`same_sex_marriage.csv`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zairyu.data.countries import country_codes
from zairyu.data.csvfile import DATA_DIR, ReferenceDataError, read_rows
from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.tables import DatedTable, Window
from zairyu.engine.text import Text

FILE = DATA_DIR / "same_sex_marriage.csv"
COLUMNS = (
    "code",
    "name_en",
    "name_ja",
    "performs_from",
    "regional_from",
    "date_precision",
    "recognition",
    "scope",
    "confidence",
    "source_kind",
    "source_url",
    "notes",
)
RECOGNITION = ("performs", "recognition_only", "provisional")


@dataclass(frozen=True, slots=True)
class MarriageLaw:
    code: str
    name: Text
    performs_from: dt.date | None
    # In a federal country, the first day any region provided for it: until the nationwide
    # date, a national's law depends on the region (Act on General Rules Art. 38(3)).
    regional_from: dt.date | None
    precision: str
    recognition: str
    confidence: str
    source_kind: SourceKind
    source_urls: tuple[str, ...]
    notes: str
    line: int

    @property
    def window(self) -> Window:
        assert self.performs_from is not None
        start = self.performs_from
        if self.precision == "year":
            # Only the year is known: certain by its last day, possible from its first.
            return Window(dt.date(start.year, 1, 1), dt.date(start.year, 12, 31))
        return Window(self.regional_from or start, start)


def load(path: Path = FILE) -> tuple[MarriageLaw, ...]:
    codes = country_codes()
    laws: list[MarriageLaw] = []
    seen: set[str] = set()
    for row in read_rows(path, COLUMNS):
        code = row.text("code")
        if code not in codes.names:
            raise row.fail("code", "is not an ISO 3166-1 code or a known subdivision")
        if code in seen:
            raise row.fail("code", "appears twice")
        seen.add(code)
        recognition = row.choice("recognition", RECOGNITION)
        performs_from = row.date("performs_from", required=recognition != "recognition_only")
        if recognition == "recognition_only" and performs_from is not None:
            raise row.fail("performs_from", "must be empty for a recognition-only place")
        regional_from = row.date("regional_from", required=False)
        if regional_from is not None and (performs_from is None or regional_from >= performs_from):
            raise row.fail("regional_from", "must be before performs_from")
        laws.append(
            MarriageLaw(
                code=code,
                name=Text(row.text("name_ja"), row.text("name_en")),
                performs_from=performs_from,
                regional_from=regional_from,
                precision=row.choice("date_precision", ("day", "year", ""))
                or ("day" if performs_from else ""),
                recognition=recognition,
                confidence=row.choice("confidence", ("confirmed", "partial", "unconfirmed")),
                source_kind=row.source_kind(),
                source_urls=row.urls(),
                notes=row.text("notes", required=False),
                line=row.line,
            )
        )
    _check_parents(laws, path)
    return tuple(laws)


def _check_parents(laws: list[MarriageLaw], path: Path) -> None:
    """A whole country's row must agree with its parts: in force everywhere on the last part's day."""
    parents = country_codes().parents
    by_code = {law.code: law for law in laws}
    for parent in set(parents.values()):
        parts = [law for law in laws if parents.get(law.code) == parent and law.performs_from]
        whole = by_code.get(parent)
        if (
            parts
            and whole is not None
            and whole.performs_from != max(p.window.certain_from for p in parts)
        ):
            raise ReferenceDataError(
                f"{path.name}:{whole.line}: column 'performs_from': {parent} must equal the "
                f"latest date of its parts ({', '.join(p.code for p in parts)})"
            )


@cache
def laws() -> tuple[MarriageLaw, ...]:
    return load()


CITATION = Citation(
    id="data.same_sex_marriage",
    title=Text(
        "同性婚を法制化した国・地域とその施行日",
        "Countries and territories with same-sex marriage and the date it took effect",
    ),
    section=Text(
        "zairyu 参照データ same_sex_marriage.csv", "zairyu reference data same_sex_marriage.csv"
    ),
    url="https://en.wikipedia.org/wiki/Legal_status_of_same-sex_marriage",
    kind=SourceKind.SECONDARY,
)


def _table(
    rows: tuple[MarriageLaw, ...], recognition: tuple[str, ...], table_id: str, title: Text
) -> DatedTable:
    windows: dict[str, Window] = {}
    for law in rows:
        if law.recognition not in recognition:
            continue
        windows[law.code] = law.window if law.performs_from else Window(dt.date.min, dt.date.min)
    parents = country_codes().parents
    # A coarse code (GB) is possibly true from its earliest part, certainly from its latest.
    for parent in set(parents.values()):
        parts = [windows[c] for c, p in parents.items() if p == parent and c in windows]
        if parts:
            windows[parent] = Window(
                min(w.possible_from for w in parts), max(w.certain_from for w in parts)
            )
    return DatedTable(table_id, title, windows, (CITATION,))


@cache
def marriage_in_force() -> DatedTable:
    """Whether a country's law provided for same-sex marriage on a date."""
    return _table(
        laws(),
        ("performs",),
        "same_sex_marriage.in_force",
        Text("同性婚が法律上認められている", "same-sex marriage provided for by law"),
    )


@cache
def partial_recognition() -> DatedTable:
    """Places that recognise foreign same-sex marriages, or register them provisionally."""
    return _table(
        laws(),
        ("recognition_only", "provisional"),
        "same_sex_marriage.partial_recognition",
        Text(
            "外国の同性婚を承認又は暫定的に登録",
            "foreign same-sex marriages recognised or provisionally registered",
        ),
    )
