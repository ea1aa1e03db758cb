"""Procedures, their fees by date, and where to get legal help: the practical side of a result.

`procedures.csv` says where each application is filed and how long it usually takes;
`fees.csv` gives the fee of each procedure for each period (the fees changed on 2025-04-01);
`support_organisations.csv` lists who gives legal help, for which topics. Each row names its
source; a bad row is an error naming the file, line and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zairyu.data.csvfile import DATA_DIR, ReferenceDataError, Row, read_rows
from zairyu.engine.citations import Citation
from zairyu.engine.text import Text

PROCEDURES_FILE = DATA_DIR / "procedures.csv"
FEES_FILE = DATA_DIR / "fees.csv"
ORGANISATIONS_FILE = DATA_DIR / "support_organisations.csv"

PROCEDURE_COLUMNS = (
    "id",
    "name_ja",
    "name_en",
    "office_ja",
    "office_en",
    "processing_ja",
    "processing_en",
    "source_kind",
    "source_url",
    "notes",
)
FEE_COLUMNS = (
    "procedure",
    "valid_from",
    "valid_to",
    "counter_yen",
    "online_yen",
    "source_kind",
    "source_url",
    "notes",
)
ORGANISATION_COLUMNS = (
    "id",
    "name_ja",
    "name_en",
    "kind",
    "serves",
    "languages",
    "contact_url",
    "source_url",
    "source_kind",
    "notes",
)
ORGANISATION_KINDS = ("public", "bar_association", "ngo", "international", "professional_body")
TOPICS = ("asylum", "immigration", "lgbtq", "general", "detention")


@dataclass(frozen=True, slots=True)
class Procedure:
    id: str
    name: Text
    office: Text
    processing: Text
    citation: Citation


@dataclass(frozen=True, slots=True)
class Fee:
    procedure: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    counter_yen: int
    online_yen: int | None  # None: no separate online fee, or online filing not available
    citation: Citation

    def applies_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: Text
    kind: str
    serves: frozenset[str]
    languages: tuple[str, ...]
    contact_url: str
    citation: Citation


def _citation(row: Row, id_: str, title: Text, section: Text) -> Citation:
    urls = row.urls()
    return Citation(id_, title, section, urls[0], row.source_kind())


def _yen(row: Row, column: str, *, required: bool) -> int | None:
    text = row.text(column, required=required)
    if not text:
        return None
    if not text.isdigit():
        raise row.fail(column, "is not a whole number of yen")
    return int(text)


def load_procedures(path: Path = PROCEDURES_FILE) -> dict[str, Procedure]:
    found: dict[str, Procedure] = {}
    for row in read_rows(path, PROCEDURE_COLUMNS):
        id_ = row.text("id")
        if id_ in found:
            raise row.fail("id", "appears twice")
        name = Text(row.text("name_ja"), row.text("name_en"))
        found[id_] = Procedure(
            id=id_,
            name=name,
            office=Text(row.text("office_ja"), row.text("office_en")),
            processing=Text(row.text("processing_ja"), row.text("processing_en")),
            citation=_citation(row, f"procedure.{id_}", name, Text("手続案内", "Procedure page")),
        )
    return found


def load_fees(path: Path = FEES_FILE, procedures: dict[str, Procedure] | None = None) -> list[Fee]:
    known = load_procedures() if procedures is None else procedures
    fees: list[Fee] = []
    for row in read_rows(path, FEE_COLUMNS):
        procedure = row.text("procedure")
        if procedure not in known:
            raise row.fail("procedure", "is not a procedure in procedures.csv")
        valid_from = row.date("valid_from", required=False)
        valid_to = row.date("valid_to", required=False)
        if valid_from and valid_to and valid_to < valid_from:
            raise row.fail("valid_to", "is before valid_from")
        fee = Fee(
            procedure=procedure,
            valid_from=valid_from,
            valid_to=valid_to,
            counter_yen=_yen(row, "counter_yen", required=True) or 0,
            online_yen=_yen(row, "online_yen", required=False),
            citation=_citation(
                row,
                f"fee.{procedure}.{valid_from or 'start'}",
                Text("在留手続等の手数料", "Fees for residence procedures"),
                Text(known[procedure].name.ja, known[procedure].name.en),
            ),
        )
        for other in fees:
            if other.procedure == procedure and _overlap(other, fee):
                raise row.fail("valid_from", f"overlaps another fee period for {procedure}")
        fees.append(fee)
    return fees


def _overlap(a: Fee, b: Fee) -> bool:
    start = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    end = min(a.valid_to or dt.date.max, b.valid_to or dt.date.max)
    return start <= end


def load_organisations(path: Path = ORGANISATIONS_FILE) -> tuple[Organisation, ...]:
    found: list[Organisation] = []
    for row in read_rows(path, ORGANISATION_COLUMNS):
        id_ = row.text("id")
        if any(o.id == id_ for o in found):
            raise row.fail("id", "appears twice")
        serves = frozenset(t.strip() for t in row.text("serves").split(";") if t.strip())
        unknown = serves - set(TOPICS)
        if unknown:
            raise row.fail("serves", f"names unknown topics {sorted(unknown)}; use {TOPICS}")
        contact = row.urls("contact_url")[0]
        name = Text(row.text("name_ja"), row.text("name_en"))
        found.append(
            Organisation(
                id=id_,
                name=name,
                kind=row.choice("kind", ORGANISATION_KINDS),
                serves=serves,
                languages=tuple(t.strip() for t in row.text("languages").split(";") if t.strip()),
                contact_url=contact,
                citation=_citation(row, f"organisation.{id_}", name, Text("相談窓口", "Help desk")),
            )
        )
    return tuple(found)


@cache
def procedures() -> dict[str, Procedure]:
    return load_procedures()


@cache
def fees() -> tuple[Fee, ...]:
    return tuple(load_fees(procedures=procedures()))


@cache
def organisations() -> tuple[Organisation, ...]:
    return load_organisations()


def fee_on(procedure: str, day: dt.date) -> Fee | None:
    """The fee for an application made on `day`; None if no source gives one."""
    return next((f for f in fees() if f.procedure == procedure and f.applies_on(day)), None)


def organisations_for(topics: tuple[str, ...]) -> tuple[Organisation, ...]:
    """Organisations serving any of `topics`, those serving the first topic first."""
    wanted = [o for o in organisations() if o.serves & set(topics)]
    return tuple(sorted(wanted, key=lambda o: (topics[0] not in o.serves, o.kind != "public")))


__all__ = [
    "Fee",
    "Organisation",
    "Procedure",
    "ReferenceDataError",
    "fee_on",
    "organisations_for",
    "procedures",
]
