"""Backend 2: compile the same expression tree to Polars expressions for whole tables.

A null is an unknown. Polars' `&`, `|` and `~` on booleans follow Kleene's logic, comparisons
with null are null, and `dt.offset_by` clamps to the month's last day like `engine.dates.shift`,
so the compiled expression gives, row by row, what the interpreter gives for one case.

Each rule becomes a column of its own, computed once, after the rules it uses (`Compiler.layers`):
rules are shared, and inlining them would compute the same thing many times. Code facts
(countries, statuses, choices) are `pl.Enum` columns, so a look-up is a gather by code index.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable
from functools import reduce
from typing import Any

import polars as pl

from zairyu.engine.dates import shift
from zairyu.engine.expr import (
    And,
    AsOf,
    Compare,
    Const,
    DateShift,
    Expr,
    FactRef,
    If,
    IsIn,
    Lookup,
    Not,
    Op,
    Or,
    Rule,
    WithExceptions,
)
from zairyu.engine.facts import Fact, FactType
from zairyu.engine.tables import DatedTable

NULL_BOOL = pl.lit(None, dtype=pl.Boolean)

POLARS_TYPES: dict[FactType, type[pl.DataType]] = {
    FactType.BOOL: pl.Boolean,
    FactType.INT: pl.Int64,
    FactType.DATE: pl.Date,
    FactType.ENUM: pl.String,
    FactType.COUNTRY: pl.String,
    FactType.STATUS: pl.String,
}


def categories(fact: Fact) -> tuple[str, ...] | None:
    """The codes of a code or choice fact, in the order of its `pl.Enum` dtype."""
    if fact.codes is not None:
        return tuple(sorted(fact.codes.names))
    if fact.choices:
        return fact.choice_values
    return None


def polars_dtype(fact: Fact) -> pl.DataType:
    codes = categories(fact)
    return pl.Enum(list(codes)) if codes is not None else POLARS_TYPES[fact.type]()


class Compiler:
    """Turns nodes into Polars expressions for one as-of date; each rule is compiled once."""

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        # A node computed once as a column of its own: its column and depth.
        self._staged: dict[object, tuple[pl.Expr, int]] = {}
        self._depths: dict[int, int] = {}  # the layer of every node that reads a staged column
        # (depth, expression aliased to its column): a column after the columns it uses.
        self.stages: list[tuple[int, pl.Expr]] = []

    def compile(self, node: Expr) -> pl.Expr:
        return _DISPATCH[type(node)](self, node)

    def layers(self) -> list[list[pl.Expr]]:
        """Rule columns grouped so that each group uses only the columns of earlier groups."""
        depths = sorted({depth for depth, _ in self.stages})
        return [[expr for d, expr in self.stages if d == depth] for depth in depths]

    def select(self, frame: pl.LazyFrame, outputs: list[pl.Expr]) -> pl.LazyFrame:
        """Compute the rule columns layer by layer, then the requested outputs."""
        for layer in self.layers():
            frame = frame.with_columns(layer)
        return frame.select(outputs)

    def staged(
        self, node: Expr, name: str, build: Callable[[], pl.Expr], key: object = None
    ) -> pl.Expr:
        """`node` as a column computed once (rules are shared; look-ups are used repeatedly).
        `key` identifies nodes that mean the same thing; by default the node itself."""
        key = id(node) if key is None else key
        if key not in self._staged:
            expr = build()
            if key not in self._staged:  # building it may have staged it already
                depth = 1 + max(
                    (
                        self._depths[id(n)]
                        for n in node.walk()
                        if n is not node and id(n) in self._depths
                    ),
                    default=0,
                )
                self._staged[key] = (pl.col(name), depth)
                self.stages.append((depth, expr.alias(name)))
        column, self._depths[id(node)] = self._staged[key]
        return column

    def operand(self, node: Expr) -> pl.Expr:
        """A node used several times by one expression: staged unless it is already a column."""
        if isinstance(node, FactRef | Const | AsOf | Rule | Lookup):
            return self.compile(node)
        return self.staged(node, f"__node:{id(node)}", lambda: self.compile(node))


def _const(c: Compiler, node: Const) -> pl.Expr:
    value = node.value
    if value is None:
        return NULL_BOOL
    if isinstance(value, bool):
        return pl.lit(value, dtype=pl.Boolean)
    if isinstance(value, dt.date):
        return pl.lit(value, dtype=pl.Date)
    if isinstance(value, int):
        return pl.lit(value, dtype=pl.Int64)
    return pl.lit(value, dtype=pl.String)


def _fact(c: Compiler, node: FactRef) -> pl.Expr:
    return pl.col(node.fact.name)


def _as_of(c: Compiler, node: AsOf) -> pl.Expr:
    return pl.lit(c.as_of, dtype=pl.Date)


def _and(c: Compiler, node: And) -> pl.Expr:
    return reduce(lambda a, b: a & b, (c.compile(arg) for arg in node.args))


def _or(c: Compiler, node: Or) -> pl.Expr:
    return reduce(lambda a, b: a | b, (c.compile(arg) for arg in node.args))


def _not(c: Compiler, node: Not) -> pl.Expr:
    return ~c.compile(node.arg)


_OPS: dict[Op, Callable[[pl.Expr, pl.Expr], pl.Expr]] = {
    Op.EQ: lambda a, b: a == b,
    Op.NE: lambda a, b: a != b,
    Op.LT: lambda a, b: a < b,
    Op.LE: lambda a, b: a <= b,
    Op.GT: lambda a, b: a > b,
    Op.GE: lambda a, b: a >= b,
}


def _compare(c: Compiler, node: Compare) -> pl.Expr:
    shifted = _shifted_against_as_of(c, node)
    if shifted is not None:
        return shifted
    return _OPS[node.op](c.compile(node.left), c.compile(node.right))


# `shifted(day) op as_of` as `day op' threshold`, for the ordering operators. With as_of at the
# left, the operator is read from the right: `as_of >= x` is `x <= as_of`.
_MIRRORED = {Op.LT: Op.GT, Op.LE: Op.GE, Op.GT: Op.LT, Op.GE: Op.LE}


def _shifted_against_as_of(c: Compiler, node: Compare) -> pl.Expr | None:
    """A date shifted by a period compared with the evaluation date, as the unshifted date
    compared with one constant: the same answer without shifting every row's date.

    `shift` never decreases (a later day never shifts to an earlier one: clamping to the end of
    a month keeps the order), so the days whose shift is `<= as_of` (or `< as_of`) are exactly
    the days up to a last one, found by bisection with the interpreter's own `shift`.
    """
    if isinstance(node.right, AsOf) and isinstance(node.left, DateShift):
        moved, op = node.left, node.op
    elif isinstance(node.left, AsOf) and isinstance(node.right, DateShift):
        moved, op = node.right, _MIRRORED.get(node.op, node.op)
    else:
        return None
    if op not in _MIRRORED:
        return None  # == and != are left as they are written

    def shifted(day: dt.date) -> dt.date:
        return shift(day, moved.years, moved.months, moved.days)

    try:
        # The last day whose shift is at most (LE, GT) or before (LT, GE) the evaluation date.
        if op in (Op.LE, Op.GT):
            last = _last_day(lambda day: shifted(day) <= c.as_of, c.as_of, moved)
        else:
            last = _last_day(lambda day: shifted(day) < c.as_of, c.as_of, moved)
    except (OverflowError, ValueError):
        return None  # an evaluation date at the edge of the calendar: shift row by row
    if last is None:
        return None
    day = c.compile(moved.arg)
    threshold = pl.lit(last, dtype=pl.Date)
    return day <= threshold if op in (Op.LE, Op.LT) else day > threshold


def _last_day(
    holds: Callable[[dt.date], bool], around: dt.date, moved: DateShift
) -> dt.date | None:
    """The last day for which `holds`, given that it holds up to some day and never after."""
    reach = abs(moved.years * 12 + moved.months) * 31 + abs(moved.days) + 62
    low, high = around.toordinal() - reach, around.toordinal() + reach
    if not holds(dt.date.fromordinal(low)) or holds(dt.date.fromordinal(high)):
        return None
    while high - low > 1:
        middle = (low + high) // 2
        if holds(dt.date.fromordinal(middle)):
            low = middle
        else:
            high = middle
    return dt.date.fromordinal(low)


def _is_in(c: Compiler, node: IsIn) -> pl.Expr:
    return c.compile(node.arg).is_in(sorted(node.values))


def _date_shift(c: Compiler, node: DateShift) -> pl.Expr:
    # The calendar repeats every 400 years (146,097 days), so how far a shift moves a day depends
    # only on the day's place in that cycle: one gather from a table, where shifting each row
    # by months is several times slower.
    day = c.compile(node.arg).to_physical()
    moved = _shift_by_day_of_cycle(node.years * 12 + node.months, node.days)
    # An unknown day stays unknown through `day +`: its index is filled so that the gather
    # meets no null, which Polars does several times faster.
    return (day + pl.lit(moved).gather((day % _CYCLE).fill_null(0))).cast(pl.Date)


_CYCLE = 146_097  # days in 400 Gregorian years


@functools.cache
def _shift_by_day_of_cycle(months: int, days: int) -> pl.Series:
    """How many days a shift by `months` then `days` moves each day of one 400-year cycle
    (1970-01-01 onwards), computed with Polars' own calendar arithmetic."""
    cycle = pl.int_range(0, _CYCLE, dtype=pl.Int32, eager=True)
    shifted = cycle.cast(pl.Date)
    if months:
        shifted = shifted.dt.offset_by(f"{months}mo")
    if days:
        shifted = shifted.dt.offset_by(f"{days}d")
    return (shifted.to_physical() - cycle).cast(pl.Int32)


def _day_of(node: Lookup) -> object:
    """What the day of a look-up means: a fact's name, the evaluation date, or that node."""
    if isinstance(node.on, FactRef):
        return node.on.fact.name
    return "as_of" if isinstance(node.on, AsOf) else id(node.on)


def _lookup(c: Compiler, node: Lookup) -> pl.Expr:
    # The same table, key fact and date mean the same column, wherever the look-up is written.
    on = _day_of(node)
    key = node.key.fact.name if isinstance(node.key, FactRef) else id(node.key)
    meaning = ("lookup", node.table.id, key, on)
    return c.staged(
        node, f"__lookup:{node.table.id}:{key}:{on}", lambda: _lookup_expr(c, node), key=meaning
    )


def _lookup_expr(c: Compiler, node: Lookup) -> pl.Expr:
    table = node.table
    codes = categories(node.key.fact) if isinstance(node.key, FactRef) else None
    if codes is None:
        raise TypeError(f"a look-up in {table.id} needs a code fact as its key")
    key = c.compile(node.key)
    if isinstance(node.on, AsOf):
        # One date for every row: the answer per code is a constant, so a set membership. A
        # code whose answer is unknown gives `True & null`, unknown; an unknown code gives null.
        holds, unknown = _answers_on(table, codes, c.as_of)
        if not unknown:
            return key.is_in(holds)
        return key.is_in(holds) | (key.is_in(unknown) & NULL_BOOL)
    # Kleene's answer per code and day: false before the window opens (or for a code outside
    # the table, or a past event's day when the window opens after the evaluation date), true
    # once it has closed, unknown in between, and unknown for an unknown day of a code that the
    # table may hold.
    past = isinstance(node.on, FactRef) and node.on.fact.past
    reachable = frozenset(
        k
        for k in codes
        if k in table.windows and (not past or table.windows[k].possible_from <= c.as_of)
    )
    boundaries = _boundaries(table)
    if not boundaries:
        # No code is ever in the table: false for every known code, unknown for an unknown one.
        return pl.when(key.is_null()).then(NULL_BOOL).otherwise(False)
    # The answer changes only on a boundary, so it is one of a table of answers by code and
    # "bucket" of days: one gather, where comparing with each code's dates would take two.
    # Polars gathers a table without nulls by indices without nulls several times faster
    # than otherwise: an unknown code has a row of its own, after the codes, and the answers
    # are coded as small integers, decoded to Kleene's values afterwards.
    width = len(boundaries) + 2  # buckets 0..len(boundaries), then "day unknown"
    code = key.to_physical().fill_null(len(codes)).cast(pl.UInt32)
    index = code * width + _day_bucket(c, node, boundaries)
    return _decode(pl.lit(_answers(table, codes, reachable, boundaries)).gather(index))


_FALSE, _TRUE, _UNKNOWN = 0, 1, 2


def _decode(coded: pl.Expr) -> pl.Expr:
    """A column of `_FALSE`, `_TRUE` and `_UNKNOWN` as three-valued booleans."""
    return pl.when(coded != _UNKNOWN).then(coded == _TRUE)


_ANSWERS_ON: dict[
    tuple[int, tuple[str, ...], dt.date], tuple[DatedTable, list[str], list[str]]
] = {}


def _answers_on(
    table: DatedTable, codes: tuple[str, ...], day: dt.date
) -> tuple[list[str], list[str]]:
    """The codes for which `table` holds on `day`, and those for which it is unknown."""
    memo_key = (id(table), codes, day)
    cached = _ANSWERS_ON.get(memo_key)
    if cached is None or cached[0] is not table:
        if len(_ANSWERS_ON) >= 256:  # evaluation dates vary in tests: keep the memo small
            _ANSWERS_ON.clear()
        holds = [k for k in codes if table.value(k, day) is True]
        unknown = [k for k in codes if table.value(k, day) is None]
        cached = _ANSWERS_ON[memo_key] = (table, holds, unknown)
    return cached[1], cached[2]


def _boundaries(table: DatedTable) -> tuple[dt.date, ...]:
    """The days on which some code's answer changes, in order."""
    return tuple(
        sorted({d for w in table.windows.values() for d in (w.possible_from, w.certain_from)})
    )


_ANSWERS: dict[tuple[int, tuple[str, ...], frozenset[str]], tuple[DatedTable, pl.Series]] = {}


def _answers(
    table: DatedTable,
    codes: tuple[str, ...],
    reachable: frozenset[str],
    boundaries: tuple[dt.date, ...],
) -> pl.Series:
    """The answer for code `i` and bucket `j` at `i * width + j` (see `_lookup_expr`), coded
    as in `_decode`; code `len(codes)` is the unknown code."""
    memo_key = (id(table), codes, reachable)
    cached = _ANSWERS.get(memo_key)
    if cached is not None and cached[0] is table:
        return cached[1]
    width = len(boundaries) + 2
    first_days = [boundaries[0] - dt.timedelta(days=1), *boundaries]
    coded = {False: _FALSE, True: _TRUE, None: _UNKNOWN}
    answers: list[int] = []
    for code in codes:
        if code in reachable:
            answers.extend(coded[table.value(code, first)] for first in first_days)
            answers.append(_UNKNOWN)
        else:
            answers.extend([_FALSE] * width)
    answers.extend([_UNKNOWN] * width)
    series = pl.Series(answers, dtype=pl.UInt8)
    _ANSWERS[memo_key] = (table, series)
    return series


def _day_bucket(c: Compiler, node: Lookup, boundaries: tuple[dt.date, ...]) -> pl.Expr:
    """A column shared by the look-ups in one table on one day: how many boundaries fall on or
    before the day, or `len(boundaries) + 1` when the day is unknown."""
    before_first = boundaries[0] - dt.timedelta(days=1)
    span = (boundaries[-1] - before_first).days + 1
    # Days outside the span are in its first or last bucket; an unknown day is at `span`.
    offset = (
        (c.compile(node.on).to_physical() - (before_first - _EPOCH).days)
        .clip(0, span - 1)
        .fill_null(span)
    )
    on = _day_of(node)
    return c.staged(
        node.on,
        f"__days:{node.table.id}:{on}",
        lambda: pl.lit(_buckets(boundaries)).gather(offset),
        key=("day bucket", node.table.id, on),
    )


@functools.cache
def _buckets(boundaries: tuple[dt.date, ...]) -> pl.Series:
    """The bucket of each day from the day before the first boundary to the last boundary,
    then the bucket of an unknown day."""
    before_first = boundaries[0] - dt.timedelta(days=1)
    span = (boundaries[-1] - before_first).days + 1
    return pl.Series(
        [
            *(
                bisect.bisect_right(boundaries, before_first + dt.timedelta(days=i))
                for i in range(span)
            ),
            len(boundaries) + 1,
        ],
        dtype=pl.UInt32,
    )


_EPOCH = dt.date(1970, 1, 1)


def _kleene_if(cond: pl.Expr, then: pl.Expr, otherwise: pl.Expr, boolean: bool) -> pl.Expr:
    if boolean:
        # For booleans, Kleene's "if" is `(c & t) | (~c & o) | (t & o)`: with `c` unknown it
        # is `t` where `t` and `o` agree and unknown where they differ. Bitwise operations on
        # whole columns are several times cheaper than the branches of `pl.when`.
        return (cond & then) | (~cond & otherwise) | (then & otherwise)
    return (
        pl.when(cond)
        .then(then)
        .when(~cond)
        .then(otherwise)
        .otherwise(pl.when(then.eq_missing(otherwise)).then(then).otherwise(None))
    )


def _if(c: Compiler, node: If) -> pl.Expr:
    return _kleene_if(
        c.operand(node.cond), c.operand(node.then), c.operand(node.otherwise), is_boolean(node)
    )


def _with_exceptions(c: Compiler, node: WithExceptions) -> pl.Expr:
    result = c.operand(node.base)
    boolean = is_boolean(node)
    for exc in reversed(node.exceptions):
        result = _kleene_if(c.operand(exc.when), c.operand(exc.then), result, boolean)
    return result


def is_boolean(node: Expr) -> bool:
    """Whether `node`'s value is three-valued boolean whatever the case (its column is one)."""
    if isinstance(node, And | Or | Not | Compare | IsIn | Lookup):
        return True
    if isinstance(node, Const):
        return node.value is None or isinstance(node.value, bool)
    if isinstance(node, FactRef):
        return node.fact.type is FactType.BOOL
    if isinstance(node, Rule):
        return is_boolean(node.expr)
    if isinstance(node, If):
        return is_boolean(node.then) and is_boolean(node.otherwise)
    if isinstance(node, WithExceptions):
        return is_boolean(node.base) and all(is_boolean(e.then) for e in node.exceptions)
    return False


def _rule(c: Compiler, node: Rule) -> pl.Expr:
    def build() -> pl.Expr:
        if node.effective.contains(c.as_of):
            return c.compile(node.expr)
        return pl.lit(node.outside, dtype=pl.Boolean)

    return c.staged(node, f"__rule:{node.id}", build)


_DISPATCH: dict[type, Callable[[Compiler, Any], pl.Expr]] = {
    Const: _const,
    FactRef: _fact,
    AsOf: _as_of,
    And: _and,
    Or: _or,
    Not: _not,
    Compare: _compare,
    IsIn: _is_in,
    DateShift: _date_shift,
    Lookup: _lookup,
    If: _if,
    WithExceptions: _with_exceptions,
    Rule: _rule,
}
