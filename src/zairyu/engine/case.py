"""A case: a mapping of fact names to values, read from a file or a form and checked.

Every problem is collected and reported at once, each naming the fact and the value: an unknown
fact name, a value of the wrong type, an impossible date, an unknown code, or facts that
contradict each other. Nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zairyu.engine.citations import Citation
from zairyu.engine.expr import Expr
from zairyu.engine.facts import FactSet, FactValueError, MaybeValue
from zairyu.engine.interpret import Evaluator
from zairyu.engine.text import Text


@dataclass(frozen=True, slots=True)
class Constraint:
    """Facts that cannot all be true at once; `violated` is True exactly when they contradict."""

    id: str
    text: Text
    violated: Expr
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    fact: str
    value: object
    message: str

    def __str__(self) -> str:
        return self.message


class CaseError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def parse_case(
    raw: Mapping[str, object],
    facts: FactSet,
    constraints: Iterable[Constraint],
    as_of: dt.date,
) -> dict[str, MaybeValue]:
    """Typed values for every known fact in `raw`; unknown facts are simply absent."""
    problems: list[Problem] = []
    case: dict[str, MaybeValue] = {}
    for name, value in raw.items():
        if not isinstance(name, str) or name not in facts:
            close = difflib.get_close_matches(str(name), facts.names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; `zairyu facts` lists them"
            problems.append(Problem(str(name), value, f"{name}: not a known fact{hint}"))
            continue
        try:
            parsed = facts[name].parse(value)
        except FactValueError as error:
            problems.append(Problem(name, value, str(error)))
            continue
        if parsed is not None:
            case[name] = parsed
    for name, value in case.items():
        gate = facts[name].asked_when
        if gate is not None and case.get(gate[0]) not in (None, gate[1]):
            problems.append(
                Problem(
                    name,
                    value,
                    f"{name}: {value!r} contradicts {gate[0]}: {case[gate[0]]!r} "
                    f"(only given when {gate[0]} is {gate[1]!r})",
                )
            )
    for name, value in case.items():
        if facts[name].past and isinstance(value, dt.date) and value > as_of:
            problems.append(
                Problem(
                    name,
                    value,
                    f"{name}: {value.isoformat()} is after the evaluation date {as_of.isoformat()}",
                )
            )
    if not problems:
        evaluator = Evaluator(case, as_of)
        for constraint in constraints:
            if evaluator.value(constraint.violated) is True:
                problems.append(
                    Problem(constraint.id, None, f"contradictory facts: {constraint.text.en}")
                )
    if problems:
        raise CaseError(problems)
    return case
