"""Backend 2: compile the same expression tree to Polars expressions for whole tables.

A null is an unknown. Polars' `&`, `|` and `~` on booleans follow Kleene's logic, comparisons
with null are null, and `dt.offset_by` clamps to the month's last day like `engine.dates.shift`,
so the compiled expression gives, row by row, what the interpreter gives for one case.
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
from zairyu.engine.facts import FactType

NULL_BOOL = pl.lit(None, dtype=pl.Boolean)

POLARS_TYPES: dict[FactType, type[pl.DataType]] = {
    FactType.BOOL: pl.Boolean,
    FactType.INT: pl.Int64,
    FactType.DATE: pl.Date,
    FactType.ENUM: pl.String,
    FactType.COUNTRY: pl.String,
    FactType.STATUS: pl.String,
}


def column(name: str) -> pl.Expr:
    return pl.col(name)


class Compiler:
    """Turns nodes into Polars expressions for one as-of date; each rule is compiled once."""

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self._rules: dict[int, pl.Expr] = {}

    def compile(self, node: Expr) -> pl.Expr:
        return _DISPATCH[type(node)](self, node)


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
    return column(node.fact.name)


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
    arg = c.compile(node.arg)
    found = arg.is_in(sorted(node.values))
    return pl.when(arg.is_null()).then(NULL_BOOL).otherwise(found)


def _date_shift(c: Compiler, node: DateShift) -> pl.Expr:
    out = c.compile(node.arg)
    months = node.years * 12 + node.months
    if months:
        out = out.dt.offset_by(f"{months}mo")
    if node.days:
        out = out.dt.offset_by(f"{node.days}d")
    return out


def _lookup(c: Compiler, node: Lookup) -> pl.Expr:
    key = c.compile(node.key)
    day = c.compile(node.on)
    windows = node.table.windows
    possible = key.replace_strict(
        {k: w.possible_from for k, w in windows.items()}, default=None, return_dtype=pl.Date
    )
    certain = key.replace_strict(
        {k: w.certain_from for k, w in windows.items()}, default=None, return_dtype=pl.Date
    )
    # An unknown day of a past event is on or before the evaluation date.
    latest = c.as_of if isinstance(node.on, FactRef) and node.on.fact.past else None
    unknown_day = (
        NULL_BOOL
        if latest is None
        else pl.when(possible > pl.lit(latest)).then(False).otherwise(NULL_BOOL)
    )
    return (
        pl.when(key.is_null())
        .then(NULL_BOOL)
        .when(possible.is_null())
        .then(False)
        .when(day.is_null())
        .then(unknown_day)
        .when(day >= certain)
        .then(True)
        .when(day < possible)
        .then(False)
        .otherwise(NULL_BOOL)
    )


def _kleene_if(cond: pl.Expr, then: pl.Expr, otherwise: pl.Expr) -> pl.Expr:
    return (
        pl.when(cond)
        .then(then)
        .when(~cond)
        .then(otherwise)
        .otherwise(pl.when(then.eq_missing(otherwise)).then(then).otherwise(None))
    )


def _if(c: Compiler, node: If) -> pl.Expr:
    return _kleene_if(c.compile(node.cond), c.compile(node.then), c.compile(node.otherwise))


def _with_exceptions(c: Compiler, node: WithExceptions) -> pl.Expr:
    result = c.compile(node.base)
    for exc in reversed(node.exceptions):
        result = _kleene_if(c.compile(exc.when), c.compile(exc.then), result)
    return result


def _rule(c: Compiler, node: Rule) -> pl.Expr:
    key = id(node)
    if key not in c._rules:
        if node.effective.contains(c.as_of):
            c._rules[key] = c.compile(node.expr)
        else:
            c._rules[key] = pl.lit(node.outside, dtype=pl.Boolean)
    return c._rules[key]


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
