"""Which issuers recognise each other's certificates on a day: the national network or an
agreement between the two.

The パートナーシップ制度自治体間連携ネットワーク (nationwide from 2024-11-01; some members
earlier) lets a couple who move between two members carry their certificate over with a
continuation declaration, without a new oath or proof of single status. Each member's day of
joining is `network_from` in partnership_systems.csv. Before (and besides) the network, pairs of
local governments signed mutual-use agreements: `partnership_agreements.csv`, one row per pair
with its first day and its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zairyu.data.csvfile import DATA_DIR, read_rows
from zairyu.data.partnership_systems import by_code

AGREEMENTS_FILE = DATA_DIR / "partnership_agreements.csv"
COLUMNS = ("first", "second", "start_date", "source_kind", "source_url", "notes")

NETWORK, AGREEMENT = "network", "agreement"


@dataclass(frozen=True, slots=True)
class Agreement:
    first: str
    second: str
    start: dt.date
    source_url: str
    line: int


@dataclass(frozen=True, slots=True)
class Recognition:
    basis: str  # NETWORK or AGREEMENT
    since: dt.date
    source_url: str | None  # the agreement's source; the network's members are in the table


def load_agreements(path: Path = AGREEMENTS_FILE) -> tuple[Agreement, ...]:
    systems = by_code()
    found: list[Agreement] = []
    seen: set[tuple[str, str]] = set()
    for row in read_rows(path, COLUMNS):
        first, second = row.text("first"), row.text("second")
        for column, code in (("first", first), ("second", second)):
            if code not in systems:
                raise row.fail(column, "is not a code in partnership_systems.csv")
        if first >= second:
            raise row.fail("second", "must come after first in alphabetical order")
        if (first, second) in seen:
            raise row.fail("second", "repeats an agreement between the same two")
        seen.add((first, second))
        start = row.date("start_date")
        assert start is not None
        latest_start = max(systems[first].start.certain_from, systems[second].start.certain_from)
        if start < latest_start:
            raise row.fail("start_date", "is before one of the two systems began")
        row.source_kind()
        found.append(Agreement(first, second, start, row.urls()[0], row.line))
    return tuple(found)


@cache
def agreements() -> tuple[Agreement, ...]:
    return load_agreements()


def recognition(source: str, destination: str, on: dt.date) -> Recognition | None:
    """How `destination` recognises a certificate of `source` on `on`, or None."""
    systems = by_code()
    a, b = systems.get(source), systems.get(destination)
    if a is None or b is None or source == destination:
        return None
    if a.network_from is not None and b.network_from is not None:
        joined = max(a.network_from, b.network_from)
        if joined <= on:
            return Recognition(NETWORK, joined, None)
    pair = tuple(sorted((source, destination)))
    for agreement in agreements():
        if (agreement.first, agreement.second) == pair and agreement.start <= on:
            return Recognition(AGREEMENT, agreement.start, agreement.source_url)
    return None
