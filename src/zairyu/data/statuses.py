"""The statuses of residence of Appended Tables I and II (`statuses_of_residence.csv`).

Two legal positions that are not statuses of residence under the Act are added as codes, because
people hold them and rules must be able to name them: special permanent resident (a status under
the 1991 Special Act) and having no status at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zairyu.data.csvfile import DATA_DIR, Row, read_rows
from zairyu.engine.citations import SourceKind
from zairyu.engine.facts import CodeSet
from zairyu.engine.text import Text

FILE = DATA_DIR / "statuses_of_residence.csv"
COLUMNS = (
    "code",
    "name_ja",
    "name_en",
    "appended_table",
    "table_section",
    "work",
    "dependent_sponsor",
    "periods_of_stay",
    "valid_from",
    "valid_to",
    "source_kind",
    "source_url",
    "notes",
)
WORK = ("within_status", "none", "designated", "unrestricted")

SPECIAL_PERMANENT_RESIDENT = "special_permanent_resident"
NO_STATUS = "no_status"
EXTRA_CODES: dict[str, Text] = {
    SPECIAL_PERMANENT_RESIDENT: Text("特別永住者", "Special Permanent Resident"),
    NO_STATUS: Text("在留資格なし", "No status of residence"),
}


@dataclass(frozen=True, slots=True)
class PeriodOfStay:
    """One period of stay: fixed (`5y`), at most (`upto:5y`), or without a fixed end."""

    token: str
    kind: str  # fixed, upto, indefinite, during_activity
    years: int = 0
    months: int = 0
    days: int = 0


@dataclass(frozen=True, slots=True)
class StatusOfResidence:
    code: str
    name: Text
    appended_table: str
    table_section: int | None
    work: str
    dependent_sponsor: bool
    periods_of_stay: tuple[PeriodOfStay, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    source_kind: SourceKind
    source_urls: tuple[str, ...]
    notes: str

    def in_force(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


_PERIOD = re.compile(r"^(?:(?P<upto>upto):)?(?:(?P<y>\d+)y)?(?:(?P<m>\d+)m)?(?:(?P<d>\d+)d)?$")


def _period(token: str, row: Row) -> PeriodOfStay:
    if token in ("indefinite", "during_activity"):
        return PeriodOfStay(token, token)
    match = _PERIOD.match(token)
    if match is None or not any(match.group(unit) for unit in "ymd"):
        raise row.fail("periods_of_stay", f"has an unreadable period {token!r}")
    return PeriodOfStay(
        token,
        "upto" if match.group("upto") else "fixed",
        int(match.group("y") or 0),
        int(match.group("m") or 0),
        int(match.group("d") or 0),
    )


def load(path: Path = FILE) -> tuple[StatusOfResidence, ...]:
    statuses: list[StatusOfResidence] = []
    seen: set[str] = set()
    for row in read_rows(path, COLUMNS):
        code = row.text("code")
        if not code.replace("_", "").isalnum() or not code.islower():
            raise row.fail("code", "must be a lower-case snake_case identifier")
        if code in seen or code in EXTRA_CODES:
            raise row.fail("code", "appears twice")
        seen.add(code)
        table = row.choice("appended_table", ("I", "II"))
        section_text = row.text("table_section", required=table == "I")
        if table == "I" and section_text not in ("1", "2", "3", "4", "5"):
            raise row.fail("table_section", "must be 1 to 5 for Appended Table I")
        if table == "II" and section_text:
            raise row.fail("table_section", "must be empty for Appended Table II")
        periods_text = row.text("periods_of_stay", required=False)
        valid_from = row.date("valid_from", required=False)
        valid_to = row.date("valid_to", required=False)
        if valid_from and valid_to and valid_to < valid_from:
            raise row.fail("valid_to", "is before valid_from")
        statuses.append(
            StatusOfResidence(
                code=code,
                name=Text(row.text("name_ja"), row.text("name_en")),
                appended_table=table,
                table_section=int(section_text) if section_text else None,
                work=row.choice("work", WORK),
                dependent_sponsor=row.choice("dependent_sponsor", ("yes", "no")) == "yes",
                periods_of_stay=tuple(
                    _period(t.strip(), row) for t in periods_text.split(";") if t.strip()
                ),
                valid_from=valid_from,
                valid_to=valid_to,
                source_kind=row.source_kind(),
                source_urls=row.urls(),
                notes=row.text("notes", required=False),
            )
        )
    return tuple(statuses)


@cache
def statuses() -> tuple[StatusOfResidence, ...]:
    return load()


@cache
def by_code() -> dict[str, StatusOfResidence]:
    return {s.code: s for s in statuses()}


@cache
def status_codes() -> CodeSet:
    names = {s.code: s.name for s in statuses()}
    names.update(EXTRA_CODES)
    aliases = {s.name.ja: s.code for s in statuses()} | {
        s.name.en.upper(): s.code for s in statuses()
    }
    return CodeSet("status", names, aliases)
