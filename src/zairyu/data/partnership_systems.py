"""Municipal and prefectural partnership systems (`partnership_systems.csv`), dated.

One row per system (パートナーシップ宣誓・証明制度). Every rule column is a *dated flag*: the
day the answer changed from no to yes, so that a rule can be applied on any date.

- ``yes``: yes since the system began; ``no``: never (as far as the sources show).
- ``unknown``: the sources do not say; every look-up is unknown, never "no".
- ``YYYY-MM-DD``: no before that day, yes from it.
- ``YYYY-MM``: only the month is known: no before it, unknown during it, yes from its last day.
- ``A..B`` (two dates): no before A, unknown from A, yes from B. ``B`` = 9999-12-31 means
  "not seen since A"; ``B`` = 2026-11-22 is the day the current pages were read for zairyu.

The look-ups are `DatedTable`s: a code absent from a table is "no" on every date, a window
spanning every date is unknown on every date (a gap in the data, reported as such).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from zairyu.data.csvfile import DATA_DIR, Row, read_rows
from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.tables import DatedTable, Window
from zairyu.engine.text import Text

FILE = DATA_DIR / "partnership_systems.csv"
COLUMNS = (
    "code",
    "level",
    "name_ja",
    "name_en",
    "prefecture_ja",
    "start_date",
    "start_precision",
    "issues_certificate",
    "min_age",
    "adult_at_18",
    "moving_in",
    "move_in_months",
    "commuters",
    "students",
    "one_resident_suffices",
    "separate_addresses",
    "minority_couples",
    "all_couples",
    "spouse_excluded",
    "other_partner_excluded",
    "relatives_excluded",
    "adoption_exception",
    "network_from",
    "source_kind",
    "source_url",
    "notes",
)
FLAG_COLUMNS = (
    "adult_at_18",
    "moving_in",
    "commuters",
    "students",
    "one_resident_suffices",
    "separate_addresses",
    "minority_couples",
    "all_couples",
    "spouse_excluded",
    "other_partner_excluded",
    "relatives_excluded",
    "adoption_exception",
)
LEVELS = ("prefecture", "municipality")
ALWAYS = Window(dt.date.min, dt.date.min)
UNKNOWN = Window(dt.date.min, dt.date.max)

_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
# Government hosts (the same test as the catalogue's: .go.jp, .lg.jp, city./pref. addresses).
_OFFICIAL_HOST = re.compile(
    r"^([a-z0-9-]+\.)*(go\.jp|lg\.jp)$|^(www\.)?(city|town|vill|pref)\.[a-z0-9.-]+\.jp$"
)


@dataclass(frozen=True, slots=True)
class PartnershipSystem:
    code: str
    level: str
    name: Text
    prefecture_ja: str
    start_date: dt.date
    precision: str
    issues_certificate: bool
    min_age: int | None
    # None: "no" on every date (the code is left out of the table).
    flags: dict[str, Window | None]
    move_in_months: int | None
    network_from: dt.date | None
    source_kind: SourceKind
    source_urls: tuple[str, ...]
    notes: str
    line: int
    # The system's own page: the first URL of the row.
    citation: Citation

    @property
    def start(self) -> Window:
        if self.precision == "month":
            return _month(self.start_date)
        return Window(self.start_date, self.start_date)


def _month(first: dt.date) -> Window:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return Window(first, following - dt.timedelta(days=1))


def _point(row: Row, column: str, text: str, *, end: bool) -> dt.date:
    """A day, or a month (its first day, or with `end` its last day)."""
    try:
        if _MONTH.match(text):
            window = _month(dt.date.fromisoformat(text + "-01"))
            return window.certain_from if end else window.possible_from
        return dt.date.fromisoformat(text)
    except ValueError:
        raise row.fail(column, "is not yes, no, unknown, a date, a month or a range A..B") from None


def _flag(row: Row, column: str) -> Window | None:
    value = row.text(column)
    if value == "yes":
        return ALWAYS
    if value == "no":
        return None
    if value == "unknown":
        return UNKNOWN
    if ".." in value:
        first, _, last = value.partition("..")
        window = (_point(row, column, first, end=False), _point(row, column, last, end=True))
        if window[1] <= window[0]:
            raise row.fail(column, "is a range that ends before it starts")
        return Window(*window)
    return Window(_point(row, column, value, end=False), _point(row, column, value, end=True))


def _age(row: Row, adult_at_18: Window | None) -> int | None:
    """The current minimum age must agree with the dated flag for 18-year-olds."""
    value = row.text("min_age", required=False)
    if not value:
        if adult_at_18 is not None and adult_at_18.certain_from != dt.date.max:
            raise row.fail("min_age", "is empty but adult_at_18 says 18 is now certain")
        return None
    if value not in ("18", "20"):
        raise row.fail("min_age", "is not 18 or 20")
    age = int(value)
    if age == 18 and (adult_at_18 is None or adult_at_18.certain_from == dt.date.max):
        raise row.fail("adult_at_18", "must be certain by now when min_age is 18")
    if age == 20 and adult_at_18 is not None:
        raise row.fail("adult_at_18", "must be no when min_age is 20")
    return age


def _months(row: Row, moving_in: Window | None) -> int | None:
    value = row.text("move_in_months", required=False)
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 12:
        raise row.fail("move_in_months", "is not a whole number of months from 1 to 12")
    if moving_in is None:
        raise row.fail("move_in_months", "is given but moving_in is no")
    return int(value)


def _row(row: Row) -> PartnershipSystem:
    code = row.text("code")
    if not _CODE.match(code):
        raise row.fail("code", "is not a lower-case code such as tokyo-metro")
    precision = row.choice("start_precision", ("day", "month"))
    start = row.date("start_date")
    assert start is not None
    if precision == "month" and start.day != 1:
        raise row.fail("start_date", "must be the first of the month when only the month is known")
    flags = {column: _flag(row, column) for column in FLAG_COLUMNS}
    network_from = row.date("network_from", required=False)
    if network_from is not None and network_from < start:
        raise row.fail("network_from", "is before the system began")
    kind = row.source_kind()
    urls = row.urls()
    if kind is SourceKind.OFFICIAL and not any(_official(u) for u in urls):
        raise row.fail("source_url", "has no government page, but source_kind is official")
    name = Text(row.text("name_ja"), row.text("name_en"))
    return PartnershipSystem(
        code=code,
        level=row.choice("level", LEVELS),
        name=name,
        prefecture_ja=row.text("prefecture_ja"),
        start_date=start,
        precision=precision,
        issues_certificate=row.choice("issues_certificate", ("yes", "no")) == "yes",
        min_age=_age(row, flags["adult_at_18"]),
        flags=flags,
        move_in_months=_months(row, flags["moving_in"]),
        network_from=network_from,
        source_kind=kind,
        source_urls=urls,
        notes=row.text("notes", required=False),
        line=row.line,
        citation=_citation(code, name, kind, urls),
    )


def _official(url: str) -> bool:
    return bool(_OFFICIAL_HOST.match(urlparse(url).netloc))


def load(path: Path = FILE) -> tuple[PartnershipSystem, ...]:
    systems: list[PartnershipSystem] = []
    seen: set[str] = set()
    for row in read_rows(path, COLUMNS):
        system = _row(row)
        if system.code in seen:
            raise row.fail("code", "appears twice")
        seen.add(system.code)
        systems.append(system)
    return tuple(systems)


@cache
def systems() -> tuple[PartnershipSystem, ...]:
    return load()


@cache
def by_code() -> dict[str, PartnershipSystem]:
    return {s.code: s for s in systems()}


def _citation(code: str, name: Text, kind: SourceKind, urls: tuple[str, ...]) -> Citation:
    # The first page named; a page off the government hosts counts as secondary.
    url = urls[0]
    return Citation(
        id=f"partnership_certificate.system.{code}",
        title=name,
        section=Text(
            "制度の案内・要綱（開始日と要件）", "The system's page or rules: start and requirements"
        ),
        url=url,
        kind=kind if _official(url) else SourceKind.SECONDARY,
    )


CITATION = Citation(
    id="data.partnership_systems",
    title=Text(
        "自治体のパートナーシップ制度の一覧（開始日・要件）",
        "Municipal and prefectural partnership systems: start dates and requirements",
    ),
    section=Text(
        "zairyu 参照データ partnership_systems.csv（全国調査：渋谷区・虹色ダイバーシティ 2025年5月31日現在）",
        "zairyu reference data partnership_systems.csv (national survey by Shibuya City and"
        " Nijiiro Diversity, as of 2025-05-31)",
    ),
    url="https://www.city.shibuya.tokyo.jp/kusei/hodo/hodo-2025/hodo_20250627.html",
    kind=SourceKind.SECONDARY,
)


def _table(
    table_id: str, title: Text, window: Callable[[PartnershipSystem], Window | None]
) -> DatedTable:
    windows: dict[str, Window] = {}
    for system in systems():
        found = window(system)
        if found is not None:
            windows[system.code] = found
    return DatedTable(f"partnership_systems.{table_id}", title, windows, (CITATION,))


def _flag_table(column: str, ja: str, en: str) -> DatedTable:
    return _table(column, Text(ja, en), lambda s: s.flags[column])


@cache
def in_force() -> DatedTable:
    """The system exists and issues certificates (Kagawa Prefecture issues none of its own)."""
    return _table(
        "in_force",
        Text("パートナーシップ制度が実施されている", "the partnership system is in operation"),
        lambda s: s.start if s.issues_certificate else None,
    )


@cache
def in_network() -> DatedTable:
    """Member of the パートナーシップ制度自治体間連携ネットワーク (empty: membership not confirmed)."""
    return _table(
        "in_network",
        Text(
            "パートナーシップ制度自治体間連携ネットワークに参加している",
            "member of the inter-municipal partnership network",
        ),
        lambda s: None if s.network_from is None else Window(s.network_from, s.network_from),
    )


@cache
def adult_at_18() -> DatedTable:
    """18-year-olds qualify (before: 20, the age of majority until 2022-03-31)."""
    return _flag_table(
        "adult_at_18",
        "18歳で申請できる（以前は20歳以上）",
        "18-year-olds may apply (20 under the earlier rule)",
    )


@cache
def admits_moving_in() -> DatedTable:
    return _flag_table("moving_in", "転入予定の人も対象とする", "a partner who is moving in counts")


@cache
def admits_commuters() -> DatedTable:
    return _flag_table(
        "commuters", "区域内に通勤する人も対象とする", "a partner who works in the area counts"
    )


@cache
def admits_students() -> DatedTable:
    return _flag_table(
        "students", "区域内に通学する人も対象とする", "a partner who studies in the area counts"
    )


@cache
def one_resident_suffices() -> DatedTable:
    return _flag_table(
        "one_resident_suffices",
        "一方が要件を満たせば足りる",
        "one partner meeting the residence rule is enough",
    )


@cache
def separate_addresses() -> DatedTable:
    return _flag_table(
        "separate_addresses",
        "同一住所での同居を求めない",
        "the partners need not share an address",
    )


@cache
def minority_couples() -> DatedTable:
    return _flag_table(
        "minority_couples",
        "一方又は双方が性的マイノリティのカップルを対象とする（法律上の性別を問わない）",
        "couples where one or both are sexual minorities qualify, whatever their legal sex",
    )


@cache
def all_couples() -> DatedTable:
    return _flag_table(
        "all_couples",
        "性別や性的指向を問わず、事実婚を含むすべてのカップルを対象とする",
        "every couple qualifies, including opposite-sex de facto couples",
    )


@cache
def spouse_excluded() -> DatedTable:
    return _flag_table(
        "spouse_excluded",
        "配偶者がいる人を対象外とする",
        "a partner who is married is excluded",
    )


@cache
def other_partner_excluded() -> DatedTable:
    return _flag_table(
        "other_partner_excluded",
        "他のパートナーシップがある人を対象外とする",
        "a partner in another partnership is excluded",
    )


@cache
def relatives_excluded() -> DatedTable:
    return _flag_table(
        "relatives_excluded",
        "近親者（直系血族・三親等内の傍系血族・直系姻族）を対象外とする",
        "close relatives are excluded",
    )


@cache
def adoption_exception() -> DatedTable:
    return _flag_table(
        "adoption_exception",
        "パートナーシップに基づく養子縁組による親族関係は除外しない",
        "kinship only by an adoption made because of the partnership does not exclude",
    )
