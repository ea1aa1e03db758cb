"""Backend 2: compile the same expression tree to Polars expressions for whole tables.

A null is an unknown. Polars' `&`, `|` and `~` on booleans follow Kleene's logic, comparisons
with null are null, and `dt.offset_by` clamps to the month's last day like `engine.dates.shift`,
so the compiled expression gives, row by row, what the interpreter gives for one case.

Each rule becomes a column of its own, computed once, after the rules it uses (`Compiler.layers`):
rules are shared, and inlining them would compute the same thing many times. Code facts
(countries, statuses, choices) are `pl.Enum` columns, so a look-up is a gather by code index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import reduce
from typing import Any

import polars as pl

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
    return _OPS[node.op](c.compile(node.left), c.compile(node.right))


def _is_in(c: Compiler, node: IsIn) -> pl.Expr:
    return c.compile(node.arg).is_in(sorted(node.values))


def _date_shift(c: Compiler, node: DateShift) -> pl.Expr:
    out = c.compile(node.arg)
    months = node.years * 12 + node.months
    if months:
        out = out.dt.offset_by(f"{months}mo")
    if node.days:
        out = out.dt.offset_by(f"{node.days}d")
    return out


def _lookup(c: Compiler, node: Lookup) -> pl.Expr:
    # The same table, key fact and date mean the same column, wherever the look-up is written.
    on = (
        node.on.fact.name
        if isinstance(node.on, FactRef)
        else "as_of"
        if isinstance(node.on, AsOf)
        else id(node.on)
    )
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
        # One date for every row: the answer per code is a constant, so a set membership.
        holds = [k for k in codes if table.value(k, c.as_of) is True]
        unknown = [k for k in codes if table.value(k, c.as_of) is None]
        return (
            pl.when(key.is_null())
            .then(NULL_BOOL)
            .when(key.is_in(holds))
            .then(True)
            .when(key.is_in(unknown))
            .then(NULL_BOOL)
            .otherwise(False)
        )
    day = c.compile(node.on)
    index = key.to_physical()
    windows = [table.windows.get(k) for k in codes]
    possible = pl.lit(
        pl.Series([w.possible_from if w else None for w in windows], dtype=pl.Date)
    ).gather(index)
    certain = pl.lit(
        pl.Series([w.certain_from if w else None for w in windows], dtype=pl.Date)
    ).gather(index)
    # Kleene arithmetic instead of branches: `possibly` is false before the window opens (or
    # for a code outside the table, or a past event's day when the window opens after the
    # evaluation date); `certainly` is true once it has closed; unknown in between.
    past = isinstance(node.on, FactRef) and node.on.fact.past
    reachable = [
        k
        for k in codes
        if k in table.windows and (not past or table.windows[k].possible_from <= c.as_of)
    ]
    possibly = (day >= possible) & key.is_in(reachable)
    certainly = day >= certain
    return possibly & (certainly | NULL_BOOL)


def _kleene_if(cond: pl.Expr, then: pl.Expr, otherwise: pl.Expr) -> pl.Expr:
    return (
        pl.when(cond)
        .then(then)
        .when(~cond)
        .then(otherwise)
        .otherwise(pl.when(then.eq_missing(otherwise)).then(then).otherwise(None))
    )


def _if(c: Compiler, node: If) -> pl.Expr:
    return _kleene_if(c.operand(node.cond), c.operand(node.then), c.operand(node.otherwise))


def _with_exceptions(c: Compiler, node: WithExceptions) -> pl.Expr:
    result = c.operand(node.base)
    for exc in reversed(node.exceptions):
        result = _kleene_if(c.operand(exc.when), c.operand(exc.then), result)
    return result


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
