"""Typed facts about a person: each has a name, a domain of allowed values and a bilingual question.

A fact that has not been answered is *unknown*, which the engine represents as ``None``; it is
never read as False, zero or an empty string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from zairyu.engine.text import Text

Value = bool | int | dt.date | str
"""A known value of a fact. Unknown is ``None`` and is never a `Value`."""

MaybeValue = Value | None

EARLIEST_YEAR = 1900
LATEST_YEAR = 2199


class FactType(StrEnum):
    BOOL = "bool"
    INT = "int"
    DATE = "date"
    ENUM = "enum"
    COUNTRY = "country"
    STATUS = "status"


class FactValueError(ValueError):
    """A value that the fact's domain does not allow; the message names the fact and the value."""

    def __init__(self, fact: str, value: object, reason: str) -> None:
        super().__init__(f"{fact}: {value!r} {reason}")
        self.fact = fact
        self.value = value
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True, slots=True)
class CodeSet:
    """A closed list of codes (countries, statuses of residence) with names and accepted aliases.

    ``parents`` maps a code such as ``GB-SCT`` to the coarser code ``GB`` that covers it, so that a
    reference table can say "true for the whole of GB only from the date all its parts agree".
    """

    name: str
    names: Mapping[str, Text]
    aliases: Mapping[str, str] = field(default_factory=dict)
    parents: Mapping[str, str] = field(default_factory=dict)

    def normalise(self, raw: str) -> str | None:
        code = raw.strip()
        if code in self.names:
            return code
        upper = code.upper()
        if upper in self.names:
            return upper
        return self.aliases.get(upper) or self.aliases.get(code)

    def label(self, code: str) -> Text:
        return self.names[code]


@dataclass(frozen=True, slots=True)
class Fact:
    """One named, typed fact with the question that asks for it."""

    name: str
    type: FactType
    question: Text
    help: Text
    choices: tuple[Choice, ...] = ()
    codes: CodeSet | None = None
    minimum: int | None = None
    maximum: int | None = None
    # Some facts cannot be changed by the person (nationality); what-ifs never propose them.
    changeable: bool = True
    # Values a what-if must never propose (giving up one's status of residence).
    never_propose: frozenset[str] = frozenset()
    # A fact only asked once another fact has this value (e.g. the second nationality).
    asked_when: tuple[str, Value] | None = None
    # A date of something that has happened: never after the evaluation date. The engine uses
    # this to settle a look-up whose answer is the same for every date up to the evaluation date.
    past: bool = False

    def __post_init__(self) -> None:
        if self.type is FactType.ENUM and not self.choices:
            raise ValueError(f"{self.name}: an enum fact needs choices")
        if self.type in (FactType.COUNTRY, FactType.STATUS) and self.codes is None:
            raise ValueError(f"{self.name}: a {self.type} fact needs its code set")
        if self.past and self.type is not FactType.DATE:
            raise ValueError(f"{self.name}: only a date fact can be a past date")

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def parse(self, raw: object) -> MaybeValue:
        """Turn a value from a case file or a form into a typed value, or raise FactValueError.

        ``None`` and the string ``"unknown"`` mean the fact is unknown.
        """
        if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", "unknown")):
            return None
        if self.type is FactType.BOOL:
            return self._parse_bool(raw)
        if self.type is FactType.INT:
            return self._parse_int(raw)
        if self.type is FactType.DATE:
            return self._parse_date(raw)
        if not isinstance(raw, str):
            raise FactValueError(self.name, raw, f"is not text; expected {self._expected()}")
        if self.type is FactType.ENUM:
            if raw in self.choice_values:
                return raw
            raise FactValueError(self.name, raw, f"is not one of {', '.join(self.choice_values)}")
        assert self.codes is not None
        code = self.codes.normalise(raw)
        if code is None:
            kind = "country code" if self.type is FactType.COUNTRY else "status of residence code"
            raise FactValueError(self.name, raw, f"is not a known {kind} (see `zairyu codes`)")
        return code

    def _expected(self) -> str:
        return {
            FactType.BOOL: "true or false",
            FactType.INT: "a whole number",
            FactType.DATE: "a date YYYY-MM-DD",
            FactType.ENUM: "one of " + ", ".join(self.choice_values),
            FactType.COUNTRY: "an ISO 3166-1 country code such as FR or GB-SCT",
            FactType.STATUS: "a status of residence code such as engineer_humanities_international",
        }[self.type]

    def _parse_bool(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("true", "yes", "false", "no"):
            return raw.strip().lower() in ("true", "yes")
        raise FactValueError(self.name, raw, "is not true or false")

    def _parse_int(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise FactValueError(self.name, raw, "is not a whole number")
        try:
            number = int(raw)
        except ValueError:
            raise FactValueError(self.name, raw, "is not a whole number") from None
        if self.minimum is not None and number < self.minimum:
            raise FactValueError(self.name, raw, f"is below the minimum {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise FactValueError(self.name, raw, f"is above the maximum {self.maximum}")
        return number

    def _parse_date(self, raw: object) -> dt.date:
        if isinstance(raw, dt.datetime):
            raise FactValueError(self.name, raw, "is a date and time; give a date YYYY-MM-DD")
        if isinstance(raw, dt.date):
            day = raw
        elif isinstance(raw, str):
            day = parse_iso_date(raw, self.name)
        else:
            raise FactValueError(self.name, raw, "is not a date YYYY-MM-DD")
        # Far outside any person's life, and rules add years to dates: year 1 minus 5 years
        # does not exist in the calendar.
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise FactValueError(
                self.name, raw, f"is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}"
            )
        return day


def parse_iso_date(raw: str, what: str) -> dt.date:
    """Parse YYYY-MM-DD strictly, naming `what` and the value when the date does not exist."""
    text = raw.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise FactValueError(what, raw, "is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FactValueError(what, raw, "is not a real calendar date") from None


class FactSet:
    """The catalogue of every fact any rule may read, by name."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self._facts: dict[str, Fact] = {}
        for fact in facts:
            if fact.name in self._facts:
                raise ValueError(f"fact defined twice: {fact.name}")
            self._facts[fact.name] = fact
        for fact in self._facts.values():
            if fact.asked_when is not None and fact.asked_when[0] not in self._facts:
                raise ValueError(f"{fact.name}: asked_when names unknown fact {fact.asked_when[0]}")

    def __getitem__(self, name: str) -> Fact:
        return self._facts[name]

    def get(self, name: str) -> Fact | None:
        return self._facts.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._facts

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts.values())

    def __len__(self) -> int:
        return len(self._facts)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._facts)
