"""Reading one answer from a submitted question page, with a message for every mistake.

The messages are in the user's language and say how to fix the answer (GOV.UK error-message
style). What the person typed is always given back so that the page can show it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from zairyu.engine.facts import EARLIEST_YEAR, Fact, FactType
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.web.interview import Saved

DONT_KNOW = "unknown"


@dataclass(slots=True)
class Answer:
    """The outcome of reading a form: a value to save, or errors; `typed` is what was sent."""

    value: Saved = None
    errors: dict[str, str] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_answer(fact: Fact, form: Mapping[str, str], as_of: dt.date, lang: Lang) -> Answer:
    _ = translations(lang).gettext
    typed = {k: form.get(k, "") for k in ("answer", "day", "month", "year")}
    answer = Answer(typed=typed)
    if form.get("dont_know") or typed["answer"] == DONT_KNOW:
        return answer
    reader = _READERS[fact.type]
    try:
        answer.value = reader(fact, typed, as_of, _)
    except _InvalidAnswerError as error:
        answer.errors[error.field] = error.message
    return answer


class _InvalidAnswerError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


Gettext = Callable[[str], str]


def _choice(fact: Fact, typed: Mapping[str, str], _: Gettext) -> str:
    raw = typed["answer"]
    if not raw:
        raise _InvalidAnswerError("answer", _("Select an answer, or “I don't know”"))
    if raw not in fact.choice_values:
        raise _InvalidAnswerError(
            "answer", _("That answer is not one of the choices. Select one of them")
        )
    return raw


def _bool(fact: Fact, typed: Mapping[str, str], as_of: dt.date, _: Gettext) -> Saved:
    raw = typed["answer"]
    if not raw:
        raise _InvalidAnswerError("answer", _("Select yes or no, or “I don't know”"))
    if raw not in ("yes", "no"):
        raise _InvalidAnswerError(
            "answer", _("That answer is not one of the choices. Select one of them")
        )
    return raw == "yes"


def _enum(fact: Fact, typed: Mapping[str, str], as_of: dt.date, _: Gettext) -> Saved:
    return _choice(fact, typed, _)


def _code(fact: Fact, typed: Mapping[str, str], as_of: dt.date, _: Gettext) -> Saved:
    raw = typed["answer"].strip()
    if not raw:
        raise _InvalidAnswerError("answer", _("Select an answer from the list, or “I don't know”"))
    assert fact.codes is not None
    code = fact.codes.normalise(raw)
    if code is None:
        raise _InvalidAnswerError(
            "answer", _("That answer is not in the list. Select one from the list")
        )
    return code


def _int(fact: Fact, typed: Mapping[str, str], as_of: dt.date, _: Gettext) -> Saved:
    raw = typed["answer"].strip().translate(_FULL_WIDTH_DIGITS)
    if not raw:
        raise _InvalidAnswerError("answer", _("Enter a number, or select “I don't know”"))
    if not raw.isdigit() and not (raw.startswith("-") and raw[1:].isdigit()):
        raise _InvalidAnswerError("answer", _("Enter a whole number using digits, like 5"))
    number = int(raw)
    if fact.minimum is not None and number < fact.minimum:
        raise _InvalidAnswerError(
            "answer", _("Enter a number of {minimum} or more").format(minimum=fact.minimum)
        )
    if fact.maximum is not None and number > fact.maximum:
        raise _InvalidAnswerError(
            "answer", _("Enter a number of {maximum} or less").format(maximum=fact.maximum)
        )
    return number


def _date(fact: Fact, typed: Mapping[str, str], as_of: dt.date, _: Gettext) -> Saved:
    parts = {k: typed[k].strip().translate(_FULL_WIDTH_DIGITS) for k in ("day", "month", "year")}
    missing = [k for k, v in parts.items() if not v]
    if len(missing) == 3:
        raise _InvalidAnswerError("day", _("Enter a date, or select “I don't know”"))
    if missing:
        names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
        raise _InvalidAnswerError(
            missing[0],
            _("The date must include {part}").format(part=", ".join(names[m] for m in missing)),
        )
    for key, value in parts.items():
        if not value.isdigit():
            raise _InvalidAnswerError(key, _("Enter the date using digits, like 27 3 2019"))
    if len(parts["year"]) != 4:
        raise _InvalidAnswerError("year", _("Enter the year with 4 digits, like 2019"))
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        field_name = "month" if not 1 <= int(parts["month"]) <= 12 else "day"
        raise _InvalidAnswerError(
            field_name, _("Enter a real date: that day does not exist")
        ) from None
    if day.year < EARLIEST_YEAR:
        raise _InvalidAnswerError(
            "year", _("Enter a year from {year} onwards").format(year=EARLIEST_YEAR)
        )
    if fact.past and day > as_of:
        raise _InvalidAnswerError("day", _("The date must be today or in the past"))
    return day.isoformat()


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")

_READERS: dict[FactType, Callable[[Fact, Mapping[str, str], dt.date, Gettext], Saved]] = {
    FactType.BOOL: _bool,
    FactType.ENUM: _enum,
    FactType.COUNTRY: _code,
    FactType.STATUS: _code,
    FactType.INT: _int,
    FactType.DATE: _date,
}
