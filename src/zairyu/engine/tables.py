"""Dated reference tables queried by rules: "did country X recognise same-sex marriage on date D?".

A table maps a code to the window in which the answer changes from no to yes:
- before `possible_from` the answer is certainly no;
- from `certain_from` on it is certainly yes;
- in between it is unknown, because the source gives only a year, or because a coarse code
  (``GB``) covers parts whose law changed on different days (England and Wales, Scotland,
  Northern Ireland). Asking for the finer code resolves it.
A code absent from the table is "no" on every date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from zairyu.engine.citations import Citation
from zairyu.engine.text import Text


@dataclass(frozen=True, slots=True)
class Window:
    possible_from: dt.date
    certain_from: dt.date

    def __post_init__(self) -> None:
        if self.certain_from < self.possible_from:
            raise ValueError(f"window ends before it starts: {self}")

    def value_on(self, day: dt.date) -> bool | None:
        if day >= self.certain_from:
            return True
        if day < self.possible_from:
            return False
        return None


@dataclass(frozen=True, slots=True)
class DatedTable:
    id: str
    title: Text
    windows: Mapping[str, Window]
    citations: tuple[Citation, ...]

    def value(self, key: str, day: dt.date) -> bool | None:
        window = self.windows.get(key)
        if window is None:
            return False
        return window.value_on(day)

    def value_before(self, key: str, latest: dt.date) -> bool | None:
        """The answer for an unknown day known to be on or before `latest`."""
        window = self.windows.get(key)
        if window is None or window.possible_from > latest:
            return False
        return None

    def change_dates(self, key: str) -> tuple[dt.date, ...]:
        """Dates on which the answer for `key` can change: candidates for what-ifs."""
        window = self.windows.get(key)
        if window is None:
            return ()
        return tuple(sorted({window.possible_from, window.certain_from}))
