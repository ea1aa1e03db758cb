"""Every cell read as its fact's value, a whole chunk at once, with the reason a cell is refused.

The checks are those `Fact.parse` and `parse_case` make for one case (the same accepted forms,
the same order), written as Polars expressions so that validation runs at columnar speed: no
Python code runs per row. A cell is *unknown* (null) when it is empty or says `unknown`; it is
then never refused.
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
SUSPECT = "__suspect:"
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
    refused, or null) from both. `suspect`, in the quick reading, marks cells written in a form it does not read."""

    parts: list[pl.Expr]
    tests: list[pl.Expr]
    value: pl.Expr
    problem: pl.Expr | None
    suspect: pl.Expr | None = None


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


def cell_check(
    fact: Fact, dtype: pl.DataType, as_of: dt.date, _: Gettext, *, quick: bool = False
) -> CellCheck:
    """The checks of `Fact.parse` (and the date check of `parse_case`) for a column of `dtype`.

    `quick` reads only the forms a program writes (`true`, `2024-01-31`, a code exactly as
    listed, an empty cell) and marks any other cell as a suspect, for which the full reading
    (spaces, capitals, aliases, `unknown`, `yes`/`no`) is then run; the two agree on every
    cell the quick one does not suspect, and the quick one is several times faster.
    """
    parts = _Parts(fact)
    column = pl.col(fact.name)
    if dtype == pl.Null:
        return CellCheck([], [], pl.lit(None, dtype=polars_dtype(fact)), None)
    suspect: pl.Expr | None = None
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
        if quick:
            unknown = parts.add("unknown", raw.is_null() | (raw == ""))
            read = _quick(fact, raw)
            value = parts.add("value", read)
            suspect = parts.test("suspect", ~unknown & _quick_misread(fact, raw, read))
            checks = []
        else:
            text = raw.str.strip_chars()
            unknown = parts.add(
                "unknown", raw.is_null() | text.str.to_lowercase().is_in(["", "unknown"])
            )
            value, checks = _from_text(fact, raw, text, parts, _)
    checks.extend(_range_checks(fact, value, as_of, _))
    if not checks and suspect is None:
        # A typed column with nothing to check (true/false): read as it is.
        return CellCheck([], [], column.cast(polars_dtype(fact)), None)
    if not checks:
        # The quick reading's value is null where the cell is unknown or not read; a column with
        # a cell it cannot read is read again in full, so its value there does not matter.
        return CellCheck(parts.exprs, parts.tests, value.cast(polars_dtype(fact)), None, suspect)
    tests = [
        (parts.test(f"test{i}", refused), reason) for i, (refused, reason) in enumerate(checks)
    ]
    # The first test that refuses the cell gives the reason, as `Fact.parse` raises at the first.
    problem = _NO_PROBLEM
    for refused, reason in reversed(tests):
        problem = pl.when(refused).then(pl.lit(reason)).otherwise(problem)
    problem = pl.when(unknown).then(_NO_PROBLEM).otherwise(problem)
    refused_any = pl.any_horizontal([t for t, _r in tests]) if tests else pl.lit(False)
    if suspect is not None:
        refused_any = refused_any | suspect
    accepted = pl.when(~unknown & ~refused_any.fill_null(False)).then(value)
    return CellCheck(parts.exprs, parts.tests, accepted.cast(polars_dtype(fact)), problem, suspect)


def _quick(fact: Fact, raw: pl.Expr) -> pl.Expr:
    if fact.type is FactType.BOOL:
        return pl.when(raw == "true").then(True).when(raw == "false").then(False)
    if fact.type is FactType.INT:
        return raw.cast(pl.Int64, strict=False)
    if fact.type is FactType.DATE:
        return raw.str.to_date("%Y-%m-%d", strict=False)
    # A text outside the codes becomes null: exactly the cells the quick reading cannot read.
    return raw.cast(polars_dtype(fact), strict=False)


def _quick_misread(fact: Fact, raw: pl.Expr, read: pl.Expr) -> pl.Expr:
    """Cells the quick reading may read differently from `Fact.parse`: those it could not
    read, and dates not written with exactly ten characters (it reads `2024-1-31`)."""
    if fact.type is FactType.DATE:
        return read.is_null() | (raw.str.len_bytes() != 10)
    return read.is_null()


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


def gate_problem(fact: Fact, _: Gettext) -> pl.Expr | None:
    """A value given for a fact that only applies when another fact has some value, while that
    other fact is known to have a different one (as `parse_case` refuses it)."""
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
    return pl.when(contradicts).then(pl.lit(reason)).otherwise(_NO_PROBLEM)


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
