"""Expression trees compiled to Python source: one function for a tree, not a call per node.

Most of the law is small trees of facts, constants, comparisons, look-ups and Kleene
AND / OR / NOT. A closure per node costs a Python call per node and per case; the same tree
written out as straight-line code costs a local variable per node. So such a tree becomes the
body of one generated function, evaluating exactly as the node-by-node definition reads:

- a fact is read once, at the top, from the case (`dict.get`, which cannot fail);
- AND stops at its first false argument, OR at its first true one; a comparison, a look-up
  and a date shift evaluate their second operand only when the first is known;
- a nested rule is read from the values the case has already (`Evaluator.rules`), and called
  through `sub` only when absent, so a rule stays one memoised function shared by every tree
  that reads it; `If` and exceptions are called through `sub` too.

A rule itself is one such function (`generate_rule`): its memo, its effective period and its
expression.

Constants, tables and fact names reach the generated code as bound names, never as text, so
nothing in the law can change the code that is run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from zairyu.engine.dates import shift
from zairyu.engine.expr import (
    And,
    AsOf,
    Compare,
    Const,
    DateShift,
    Expr,
    FactRef,
    IsIn,
    Lookup,
    Not,
    Op,
    Or,
    Rule,
)
from zairyu.engine.facts import MaybeValue

if TYPE_CHECKING:
    from zairyu.engine.interpret import Compiled, Sub

# The nodes written out as code; any other node is a call through `sub`.
INLINE: tuple[type[Expr], ...] = (
    Const,
    FactRef,
    AsOf,
    And,
    Or,
    Not,
    Compare,
    IsIn,
    DateShift,
    Lookup,
)

_RULES = "    rules = ev.rules"
_MISSING = object()
_OPERATORS = {Op.EQ: "==", Op.NE: "!=", Op.LT: "<", Op.LE: "<=", Op.GT: ">", Op.GE: ">="}


class Source:
    """The lines of one generated function, and the values its names stand for."""

    def __init__(self, sub: Sub) -> None:
        self.sub = sub
        self.lines: list[str] = []
        self.bound: dict[str, Any] = {"_date": dt.date, "_shift": shift}
        self.facts: dict[str, str] = {}  # fact name -> the local holding its value
        self.uses_date = False
        self.uses_rules = False
        self.count = 0
        # The names holding the arguments of an AND / OR and the key and day of a look-up, by
        # the name holding the node's value: a walk below an unknown node reads them (an
        # unknown AND or OR evaluated every argument; a look-up its day if its key is a code).
        self.parts: dict[str, tuple[str, ...]] = {}

    def bind(self, value: Any) -> str:
        name = f"_k{len(self.bound)}"
        self.bound[name] = value
        return name

    def local(self) -> str:
        self.count += 1
        return f"v{self.count}"

    def line(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def value(self, node: Expr, indent: int) -> str:
        """Add the lines that compute `node` at `indent`; return the name (or literal) holding
        its value after them."""
        if isinstance(node, Const):
            if node.value is None or isinstance(node.value, bool):
                return repr(node.value)
            return self.bind(node.value)
        if isinstance(node, FactRef):
            name = node.fact.name
            if name not in self.facts:
                self.facts[name] = f"f{len(self.facts)}"
            return self.facts[name]
        if isinstance(node, AsOf):
            self.uses_date = True
            return "as_of"
        result = self.local()
        if isinstance(node, And | Or):
            self._connective(node, result, indent)
        elif isinstance(node, Not):
            arg = self.value(node.arg, indent)
            self.line(indent, f"{result} = None if {arg} is None else not {arg}")
        elif isinstance(node, IsIn):
            arg = self.value(node.arg, indent)
            values = self.bind(node.values)
            self.line(indent, f"{result} = None if {arg} is None else {arg} in {values}")
        elif isinstance(node, Compare):
            left = self.value(node.left, indent)
            self.line(indent, f"if {left} is None:")
            self.line(indent + 1, f"{result} = None")
            self.line(indent, "else:")
            right = self.value(node.right, indent + 1)
            operator = _OPERATORS[node.op]
            self.line(
                indent + 1, f"{result} = None if {right} is None else {left} {operator} {right}"
            )
        elif isinstance(node, DateShift):
            arg = self.value(node.arg, indent)
            self.line(
                indent,
                f"{result} = _shift({arg}, {node.years}, {node.months}, {node.days})"
                f" if isinstance({arg}, _date) else None",
            )
        elif isinstance(node, Lookup):
            self._lookup(node, result, indent)
        elif isinstance(node, Rule):
            # A nested rule is memoised per case: read there first, called only when absent.
            self.uses_rules = True
            missing = self.bind(_MISSING)
            self.line(indent, f"{result} = rules.get({self.bind(id(node))}, {missing})")
            self.line(indent, f"if {result} is {missing}:")
            self.line(indent + 1, f"{result} = {self.bind(self.sub(node))}(ev)")
        else:
            # `If` and exceptions: the interpreter's closures.
            self.line(indent, f"{result} = {self.bind(self.sub(node))}(ev)")
        return result

    def _connective(self, node: And | Or, result: str, indent: int) -> None:
        # Kleene: AND is false as soon as an argument is false, else unknown if one is unknown.
        # The loop runs once; `break` is the short circuit.
        decisive = isinstance(node, Or)
        self.line(indent, f"{result} = {not decisive}")
        self.line(indent, "while True:")
        parts = []
        for arg in node.args:
            value = self.value(arg, indent + 1)
            parts.append(value)
            self.line(indent + 1, f"if {value} is {decisive}:")
            self.line(indent + 2, f"{result} = {decisive}")
            self.line(indent + 2, "break")
            self.line(indent + 1, f"if {value} is None:")
            self.line(indent + 2, f"{result} = None")
        self.line(indent + 1, "break")
        self.parts[result] = tuple(parts)

    def _lookup(self, node: Lookup, result: str, indent: int) -> None:
        table = node.table
        key = self.value(node.key, indent)
        self.line(indent, f"if not isinstance({key}, str):")
        self.line(indent + 1, f"{result} = None")
        self.line(indent, "else:")
        day = self.value(node.on, indent + 1)
        self.parts[result] = (key, day)
        self.line(indent + 1, f"if isinstance({day}, _date):")
        self.line(indent + 2, f"{result} = {self.bind(table.value)}({key}, {day})")
        self.line(indent + 1, "else:")
        if isinstance(node.on, FactRef) and node.on.fact.past:
            # An unknown day of a past event (a marriage) is on or before the evaluation date.
            self.uses_date = True
            self.line(indent + 2, f"{result} = {self.bind(table.value_before)}({key}, as_of)")
        else:
            windows = self.bind(table.windows)
            self.line(indent + 2, f"{result} = None if {key} in {windows} else False")

    def define(self, signature: str, prologue: list[str], epilogue: list[str]) -> Any:
        """The function `signature` of the lines so far: `prologue`, the reads of the facts
        and the date that the lines use, the lines, then `epilogue`."""
        head = [f"def {signature}:", *prologue]
        if self.uses_rules and _RULES not in prologue:
            head.append(_RULES)
        if self.facts:
            head.append("    get = ev.case.get")
            head.extend(
                f"    {local} = get({self.bind(name)})" for name, local in self.facts.items()
            )
        if self.uses_date:
            head.append("    as_of = ev.as_of")
        source = "\n".join([*head, *self.lines, *epilogue, ""])
        namespace = dict(self.bound)
        exec(compile(source, f"<zairyu.engine.inline {signature}>", "exec"), namespace)
        return namespace[signature.partition("(")[0]]


def generate_rule(
    rule: Rule,
    sub: Sub,
    mask: int,
    by_date: dict[dt.date, MaybeValue],
    remember: Callable[[dict[dt.date, MaybeValue], dt.date, MaybeValue], None],
) -> Compiled:
    """One function for a rule: its value remembered for the case (`Evaluator.rules`) and,
    when the case names none of the facts in `mask`, for the date (`by_date`); outside its
    effective period, its `outside` value; otherwise its expression, written out."""
    source = Source(sub)
    key, missing, memo = source.bind(id(rule)), source.bind(_MISSING), source.bind(by_date)
    prologue = [
        _RULES,
        f"    value = rules.get({key}, {missing})",
        f"    if value is not {missing}:",
        "        return value",
        # The case names none of the facts below: the value depends on the date alone.
        f"    alone = not ev.named & {source.bind(mask)}",
        "    if alone:",
        f"        value = {memo}.get(ev.as_of, {missing})",
        f"        if value is not {missing}:",
        f"            rules[{key}] = value",
        "            return value",
    ]
    effective = rule.effective
    if effective.start is None and effective.end is None:
        source.line(1, f"value = {source.value(rule.expr, 1)}")
    else:
        source.line(1, f"if {source.bind(effective.contains)}(ev.as_of):")
        source.line(2, f"value = {source.value(rule.expr, 2)}")
        source.line(1, "else:")
        source.line(2, f"value = {rule.outside!r}")
    epilogue = [
        "    if alone:",
        f"        {source.bind(remember)}({memo}, ev.as_of, value)",
        f"    rules[{key}] = value",
        "    return value",
    ]
    return cast("Compiled", source.define("evaluate(ev)", prologue, epilogue))


def generate(node: Expr, sub: Sub) -> Compiled:
    """One function evaluating `node` for a case (see the module's docstring)."""
    source = Source(sub)
    result = source.value(node, 1)
    return cast("Compiled", source.define("evaluate(ev)", [], [f"    return {result}"]))
