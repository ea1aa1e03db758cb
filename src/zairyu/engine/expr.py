"""The expression tree that rules are written in.

Every node is a small immutable object. The same tree is evaluated by two backends: the Python
interpreter (`zairyu.engine.interpret`, one case) and the Polars compiler
(`zairyu.engine.columnar`, a table of cases). Unknown is a value: booleans are three-valued
(True, False, None) and follow Kleene's logic; any other operation on an unknown is unknown.

Law modules use the small constructor functions at the end of this module (`all_of`, `any_of`,
`is_in`, `on_or_after`, ...) so that a rule reads like its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from zairyu.engine.citations import Citation
from zairyu.engine.facts import Fact, MaybeValue, Value
from zairyu.engine.tables import DatedTable
from zairyu.engine.text import Text


class Expr:
    """Base of all nodes. Nodes compare by identity; a rule is one object, used in many places."""

    __slots__ = ()

    def children(self) -> tuple[Expr, ...]:
        return ()

    def walk(self) -> Iterator[Expr]:
        """This node and every node below it, depth first, stopping at nested rules."""
        yield self
        for child in self.children():
            if isinstance(child, Rule):
                yield child
            else:
                yield from child.walk()


@dataclass(frozen=True, eq=False, slots=True)
class Const(Expr):
    value: MaybeValue


@dataclass(frozen=True, eq=False, slots=True)
class FactRef(Expr):
    fact: Fact


@dataclass(frozen=True, eq=False, slots=True)
class AsOf(Expr):
    """The date the law is applied on."""


@dataclass(frozen=True, eq=False, slots=True)
class And(Expr):
    args: tuple[Expr, ...]

    def children(self) -> tuple[Expr, ...]:
        return self.args


@dataclass(frozen=True, eq=False, slots=True)
class Or(Expr):
    args: tuple[Expr, ...]

    def children(self) -> tuple[Expr, ...]:
        return self.args


@dataclass(frozen=True, eq=False, slots=True)
class Not(Expr):
    arg: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.arg,)


class Op(StrEnum):
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="


@dataclass(frozen=True, eq=False, slots=True)
class Compare(Expr):
    op: Op
    left: Expr
    right: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, eq=False, slots=True)
class IsIn(Expr):
    arg: Expr
    values: frozenset[str]

    def children(self) -> tuple[Expr, ...]:
        return (self.arg,)


@dataclass(frozen=True, eq=False, slots=True)
class DateShift(Expr):
    """A date moved by whole years, months and days (calendar-correct, see `engine.dates`)."""

    arg: Expr
    years: int = 0
    months: int = 0
    days: int = 0

    def children(self) -> tuple[Expr, ...]:
        return (self.arg,)


@dataclass(frozen=True, eq=False, slots=True)
class Lookup(Expr):
    """Whether a dated reference table holds for `key` on the date `on` (three-valued)."""

    table: DatedTable
    key: Expr
    on: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.key, self.on)


@dataclass(frozen=True, eq=False, slots=True)
class If(Expr):
    cond: Expr
    then: Expr
    otherwise: Expr

    def children(self) -> tuple[Expr, ...]:
        return (self.cond, self.then, self.otherwise)


@dataclass(frozen=True, eq=False, slots=True)
class LabelledException(Expr):
    """A labelled exception: when `when` holds, the value is `then` instead of the base rule's."""

    label: Text
    when: Expr
    then: Expr
    citations: tuple[Citation, ...]

    def children(self) -> tuple[Expr, ...]:
        return (self.when, self.then)


@dataclass(frozen=True, eq=False, slots=True)
class WithExceptions(Expr):
    """A base value overridden by the first exception whose condition holds (default logic)."""

    base: Expr
    exceptions: tuple[LabelledException, ...]

    def children(self) -> tuple[Expr, ...]:
        return (self.base, *self.exceptions)


@dataclass(frozen=True, slots=True)
class Period:
    """Dates a rule is in force: from `start` (inclusive) until `end` (inclusive), open if None."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


ALWAYS = Period()


@dataclass(frozen=True, eq=False, slots=True)
class Rule(Expr):
    """A named, cited rule: the unit of explanation.

    Outside its effective period a rule does not apply and evaluates to `outside` (False unless
    the rule says otherwise).
    """

    id: str
    text: Text
    expr: Expr
    citations: tuple[Citation, ...]
    effective: Period = ALWAYS
    outside: bool = False
    subrules: tuple[Rule, ...] = field(init=False, default=())
    facts: tuple[Fact, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError(f"rule {self.id} has no citation")
        nested: list[Rule] = []
        facts: dict[str, Fact] = {}
        for node in self.expr.walk():
            if isinstance(node, Rule):
                if node not in nested:
                    nested.append(node)
                facts.update((f.name, f) for f in node.facts)
            elif isinstance(node, FactRef):
                facts[node.fact.name] = node.fact
        object.__setattr__(self, "subrules", tuple(nested))
        object.__setattr__(self, "facts", tuple(facts.values()))

    def children(self) -> tuple[Expr, ...]:
        return (self.expr,)

    def walk(self) -> Iterator[Expr]:
        yield self
        yield from self.expr.walk()


# --- Constructors used by law modules --------------------------------------------------------

Operand = Expr | Fact | Value | dt.date


def lift(x: Operand) -> Expr:
    if isinstance(x, Expr):
        return x
    if isinstance(x, Fact):
        return FactRef(x)
    return Const(x)


def all_of(*xs: Operand) -> Expr:
    return And(tuple(lift(x) for x in xs))


def any_of(*xs: Operand) -> Expr:
    return Or(tuple(lift(x) for x in xs))


def not_(x: Operand) -> Expr:
    return Not(lift(x))


def eq(a: Operand, b: Operand) -> Expr:
    return Compare(Op.EQ, lift(a), lift(b))


def ne(a: Operand, b: Operand) -> Expr:
    return Compare(Op.NE, lift(a), lift(b))


def on_or_after(a: Operand, b: Operand) -> Expr:
    return Compare(Op.GE, lift(a), lift(b))


def before(a: Operand, b: Operand) -> Expr:
    return Compare(Op.LT, lift(a), lift(b))


def is_in(a: Operand, values: frozenset[str] | set[str] | tuple[str, ...]) -> Expr:
    return IsIn(lift(a), frozenset(values))


def shifted(a: Operand, *, years: int = 0, months: int = 0, days: int = 0) -> Expr:
    return DateShift(lift(a), years, months, days)


def holds_in(table: DatedTable, key: Operand, on: Operand) -> Expr:
    return Lookup(table, lift(key), lift(on))


def if_(cond: Operand, then: Operand, otherwise: Operand) -> Expr:
    return If(lift(cond), lift(then), lift(otherwise))


def unless(base: Operand, *exceptions: LabelledException) -> Expr:
    return WithExceptions(lift(base), exceptions)


def exception(label: Text, when: Operand, then: Operand, *citations: Citation) -> LabelledException:
    return LabelledException(label, lift(when), lift(then), citations)


def evaluation_date() -> Expr:
    """The date the law is applied on (not the calendar date of running zairyu)."""
    return AsOf()
