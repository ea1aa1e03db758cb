"""Every cell read as its fact's value, a whole chunk at once, with the reason a cell is refused.

The checks are those `Fact.parse` and `parse_case` make for one case (the same accepted forms,
the same order), written as Polars expressions so that validation runs at columnar speed: no
Python code runs per row. A cell is *unknown* (null) when it is empty or says `unknown`; it is
then never refused.

Each column is read in one of two ways. The full reading (`cell_check`) reads every form
`Fact.parse` reads (spaces, capitals, aliases, `yes`/`no`) and names the reason a cell is
refused. The quick reading (`quick_read`) reads only the forms a program writes, or takes a
typed column as it is, and checks with one test over the whole column (a count, a smallest and
a largest value) that the full reading would read every cell the same and refuse none. Most
columns of most chunks pass that test, and are never read in full; the others are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from zairyu.engine.case import Constraint
from zairyu.engine.columnar import categories, polars_dtype
from zairyu.engine.expr import FactRef
from zairyu.engine.facts import EARLIEST_YEAR, LATEST_YEAR, Fact, FactType

Gettext = Callable[[str], str]

PROBLEM = "__problem:"
GATE = "__gate:"
VALUE = "__value:"
VIOLATES = "__violates:"

_TRUE = ["true", "yes"]
_FALSE = ["false", "no"]
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_NO_PROBLEM = pl.lit(None, dtype=pl.String)

# Input types read as they are; every other type is read through its text, like a CSV cell.
_TYPED = {FactType.BOOL: (pl.Boolean,), FactType.DATE: (pl.Date,)}
_READABLE = (
    pl.String,
    pl.Categorical,
    pl.Enum,
    pl.Boolean,
    pl.Date,
    pl.Datetime,
    pl.Null,
    pl.Float32,
    pl.Float64,
    pl.Decimal,
)


def readable(dtype: pl.DataType) -> bool:
    """Whether a column of this type can be read as a fact (nested types cannot)."""
    return dtype.is_integer() or isinstance(dtype, _READABLE)


@dataclass(frozen=True, slots=True)
class CellCheck:
    """One fact's column, read in steps so that nothing is computed twice: `parts` are
    intermediate columns (the value as read, whether the cell is unknown), `tests` are computed
    from them, and `value` (the value the engine reads) and `problem` (the reason a cell is
    refused, or null) from both."""

    parts: list[pl.Expr]
    tests: list[pl.Expr]
    value: pl.Expr
    problem: pl.Expr | None


class _Parts:
    """Names the intermediate columns of one fact, so that two facts' never collide."""

    def __init__(self, fact: Fact) -> None:
        self.prefix = f"__part:{fact.name}:"
        self.exprs: list[pl.Expr] = []
        self.tests: list[pl.Expr] = []

    def add(self, name: str, expr: pl.Expr) -> pl.Expr:
        self.exprs.append(expr.alias(self.prefix + name))
        return pl.col(self.prefix + name)

    def test(self, name: str, expr: pl.Expr) -> pl.Expr:
        """A column computed from the parts."""
        self.tests.append(expr.alias(self.prefix + name))
        return pl.col(self.prefix + name)


def cell_check(fact: Fact, dtype: pl.DataType, as_of: dt.date, _: Gettext) -> CellCheck:
    """The checks of `Fact.parse` (and the date check of `parse_case`) for a column of `dtype`:
    the full reading, which reads every form `Fact.parse` reads and names the reason a cell is
    refused."""
    parts = _Parts(fact)
    column = pl.col(fact.name)
    if dtype == pl.Null:
        return CellCheck([], [], pl.lit(None, dtype=polars_dtype(fact)), None)
    if fact.type in _TYPED and dtype in _TYPED[fact.type]:
        unknown = parts.add("unknown", column.is_null())
        value = parts.add("value", column)
        checks: list[tuple[pl.Expr, str]] = []
    elif fact.type is FactType.INT and dtype.is_integer():
        unknown = parts.add("unknown", column.is_null())
        value = parts.add("value", column.cast(pl.Int64, strict=False))
        checks = [(value.is_null(), _("is not a whole number"))]
    else:
        raw = column if dtype == pl.String else column.cast(pl.String)
        text = raw.str.strip_chars()
        unknown = parts.add(
            "unknown", raw.is_null() | text.str.to_lowercase().is_in(["", "unknown"])
        )
        value, checks = _from_text(fact, raw, text, parts, _)
    checks.extend(_range_checks(fact, value, as_of, _))
    if not checks:
        # A typed column with nothing to check (true/false): read as it is.
        return CellCheck([], [], column.cast(polars_dtype(fact)), None)
    tests = [
        (parts.test(f"test{i}", refused), reason) for i, (refused, reason) in enumerate(checks)
    ]
    # The first test that refuses the cell gives the reason, as `Fact.parse` raises at the first.
    problem = _NO_PROBLEM
    for refused, reason in reversed(tests):
        problem = pl.when(refused).then(pl.lit(reason)).otherwise(problem)
    problem = pl.when(unknown).then(_NO_PROBLEM).otherwise(problem)
    refused_any = pl.any_horizontal([t for t, _r in tests])
    accepted = pl.when(~unknown & ~refused_any.fill_null(False)).then(value)
    return CellCheck(parts.exprs, parts.tests, accepted.cast(polars_dtype(fact)), problem)


@dataclass(frozen=True, slots=True)
class QuickRead:
    """The quick reading of one fact's column: `value` reads only the forms a program writes
    (`true`, `2024-01-31`, `7`, a code exactly as listed, an empty cell or `unknown`), and
    `doubt`, computed over the whole chunk from `value` (staged as a column of its own) and the
    column as given, is False only if the full reading (`cell_check`) would read every cell the
    same and refuse none: no cell in another form, none out of range. A column in doubt is read
    again in full; the others never compute a reason. `doubt` is None when nothing can be
    wrong (a column of true/false, or of the fact's own codes)."""

    value: pl.Expr
    doubt: pl.Expr | None


_NOT_KNOWN = ("", "unknown")  # cells the quick reading takes as unknown, as `Fact.parse` does


def quick_read(fact: Fact, dtype: pl.DataType, as_of: dt.date, staged: str) -> QuickRead | None:
    """The quick reading of a column of `dtype`, whose value is to be staged as the column
    `staged`; None where there is none (a type the full reading must convert, such as
    floats or datetimes)."""
    column = pl.col(fact.name)
    value = pl.col(staged)
    target = polars_dtype(fact)
    if dtype == pl.Null:
        return QuickRead(pl.lit(None, dtype=target), None)
    if dtype == target and fact.type is not FactType.INT:
        # Booleans, or codes of the fact's own `pl.Enum`: nothing to read, nothing out of range.
        if fact.type is not FactType.DATE:
            return QuickRead(column, None)
        return QuickRead(column, _out_of_range(fact, value, as_of))
    if fact.type is FactType.INT and dtype.is_integer():
        # A number too large for Int64 becomes null: not read, so in doubt.
        unread = value.count() != column.count()
        return QuickRead(
            column.cast(pl.Int64, strict=False), unread | _out_of_range(fact, value, as_of)
        )
    if dtype not in (pl.String, pl.Categorical) and not isinstance(dtype, pl.Enum):
        return None
    codes = categories(fact)
    if codes is not None and any(c in _NOT_KNOWN for c in codes):
        return None  # a code that reads as unknown: only the full reading tells them apart
    raw = column if dtype == pl.String else column.cast(pl.String)
    # The cells that say something: all must be read for the column to be out of doubt.
    known = raw.count() - (raw == "").sum() - (raw == "unknown").sum()
    if fact.type is FactType.BOOL:
        boolean = pl.when(raw == "true").then(True).when(raw == "false").then(False)
        return QuickRead(boolean, value.count() != known)
    if fact.type is FactType.INT:
        number = raw.cast(pl.Int64, strict=False)
        return QuickRead(number, (value.count() != known) | _out_of_range(fact, value, as_of))
    if fact.type is FactType.DATE:
        read = raw.str.to_date("%Y-%m-%d", strict=False, cache=False)
        # `%Y` reads a sign or a space, `%d` one digit: only the exact form is out of doubt.
        exact = (value.is_not_null() & raw.str.contains(_ISO_DATE)).sum()
        return QuickRead(read, (exact != known) | _out_of_range(fact, value, as_of))
    # A choice or a code exactly as listed; any other text becomes null, and the column is in
    # doubt (spaces, capitals, aliases are read by the full reading).
    return QuickRead(raw.cast(target, strict=False), value.count() != known)


def _out_of_range(fact: Fact, value: pl.Expr, as_of: dt.date) -> pl.Expr:
    """Whether some value of the column fails a range check of `_range_checks`, from its
    smallest and largest values."""
    low: object
    high: object
    if fact.type is FactType.DATE:
        low, high = dt.date(EARLIEST_YEAR, 1, 1), dt.date(LATEST_YEAR, 12, 31)
        if fact.past:
            high = min(high, as_of)
    else:
        low, high = fact.minimum, fact.maximum
    tests = []
    if low is not None:
        tests.append(value.min() < pl.lit(low))
    if high is not None:
        tests.append(value.max() > pl.lit(high))
    # An empty or all-unknown column has no smallest value: nothing out of range.
    return pl.any_horizontal(tests).fill_null(False) if tests else pl.lit(False)


def _from_text(
    fact: Fact, raw: pl.Expr, text: pl.Expr, parts: _Parts, _: Gettext
) -> tuple[pl.Expr, list[tuple[pl.Expr, str]]]:
    """A text cell's value (null where it cannot be read) and the checks that read it."""
    if fact.type is FactType.BOOL:
        lower = text.str.to_lowercase()
        value = parts.add(
            "value", pl.when(lower.is_in(_TRUE)).then(True).when(lower.is_in(_FALSE)).then(False)
        )
        return value, [(value.is_null(), _("is not true or false"))]
    if fact.type is FactType.INT:
        value = parts.add("value", text.cast(pl.Int64, strict=False))
        return value, [(value.is_null(), _("is not a whole number"))]
    if fact.type is FactType.DATE:
        value = parts.add("value", text.str.to_date("%Y-%m-%d", strict=False))
        return value, [
            (~text.str.contains(_ISO_DATE), _("is not a date in the form YYYY-MM-DD")),
            (value.is_null(), _("is not a real calendar date")),
        ]
    if fact.type is FactType.ENUM:
        # `Fact.parse` takes a choice exactly as written.
        value = parts.add("value", pl.when(raw.is_in(list(fact.choice_values))).then(raw))
        reason = _("is not one of {choices}").format(choices=", ".join(fact.choice_values))
        return value, [(value.is_null(), reason)]
    value = parts.add("value", _code(fact, text))
    reason = (
        _("is not a known country code (see `zairyu codes countries`)")
        if fact.type is FactType.COUNTRY
        else _("is not a known status of residence code (see `zairyu codes statuses`)")
    )
    return value, [(value.is_null(), reason)]


def _code(fact: Fact, text: pl.Expr) -> pl.Expr:
    """`CodeSet.normalise` for a column: the code as written, in capitals, or by an alias."""
    assert fact.codes is not None
    codes = list(categories(fact) or ())
    upper = text.str.to_uppercase()
    candidates: list[pl.Expr] = [
        pl.when(text.is_in(codes)).then(text),
        pl.when(upper.is_in(codes)).then(upper),
    ]
    aliases = dict(fact.codes.aliases)
    if aliases:
        candidates += [
            upper.replace_strict(aliases, default=None, return_dtype=pl.String),
            text.replace_strict(aliases, default=None, return_dtype=pl.String),
        ]
    return pl.coalesce(candidates)


def _range_checks(
    fact: Fact, value: pl.Expr, as_of: dt.date, _: Gettext
) -> list[tuple[pl.Expr, str]]:
    checks: list[tuple[pl.Expr, str]] = []
    if fact.type is FactType.INT:
        if fact.minimum is not None:
            reason = _("is below the minimum {minimum}").format(minimum=fact.minimum)
            checks.append((value < fact.minimum, reason))
        if fact.maximum is not None:
            reason = _("is above the maximum {maximum}").format(maximum=fact.maximum)
            checks.append((value > fact.maximum, reason))
    if fact.type is FactType.DATE:
        year = value.dt.year()
        reason = _("is outside the years {first} to {last}").format(
            first=EARLIEST_YEAR, last=LATEST_YEAR
        )
        checks.append(((year < EARLIEST_YEAR) | (year > LATEST_YEAR), reason))
        if fact.past:
            reason = _("is after the evaluation date {as_of}").format(as_of=as_of.isoformat())
            checks.append((value > pl.lit(as_of, dtype=pl.Date), reason))
    return checks


def gate_contradiction(fact: Fact, _: Gettext) -> tuple[pl.Expr, str] | None:
    """A value given for a fact that only applies when another fact has some value, while that
    other fact is known to have a different one (as `parse_case` refuses it): True in those
    rows (never null), with the reason."""
    if fact.asked_when is None:
        return None
    gate, required = fact.asked_when
    shown = str(required).lower() if isinstance(required, bool) else required
    contradicts = (
        pl.col(fact.name).is_not_null()
        & pl.col(gate).is_not_null()
        & (pl.col(gate) != pl.lit(required))
    )
    reason = _("contradicts {gate}: given only when {gate} is {value}").format(
        gate=gate, value=shown
    )
    return contradicts, reason


def constraint_facts(constraint: Constraint) -> list[str]:
    """The facts a constraint reads, in the order it reads them."""
    names: dict[str, None] = {}
    for node in constraint.violated.walk():
        if isinstance(node, FactRef):
            names.setdefault(node.fact.name, None)
    return list(names)


def violations(
    constraints: Sequence[Constraint], violated: Sequence[pl.Expr], clean: pl.Expr
) -> list[pl.Expr]:
    """For each constraint (its `violated` compiled), True in the rows whose facts contradict it.
    As in `parse_case`, a row with a refused value is not checked: its facts are not all read."""
    return [
        (v.fill_null(False) & clean).alias(f"{VIOLATES}{c.id}")
        for c, v in zip(constraints, violated, strict=True)
    ]
