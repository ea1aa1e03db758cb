"""Every legal case in tests/cases/*.yaml, run through the same path as `zairyu screen`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from zairyu.cli import _CaseLoader
from zairyu.engine.case import parse_case
from zairyu.engine.screen import screen
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS
from zairyu.report import PathwayOut, screening_out

CASES_DIR = Path(__file__).parent / "cases"
PATHWAY_IDS = {p.id for p in PATHWAYS}
EXPECT_KEYS = {
    "outcome",
    "possible",
    "first_question",
    "asks",
    "never_asks",
    "requirements",
    "what_if_from",
    "what_if_changes",
    "cites",
}


def _load() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for index, case in enumerate(
            yaml.load(path.read_text(encoding="utf-8"), Loader=_CaseLoader)
        ):
            cases.append((f"{path.stem}[{index}] {case.get('name', '?')}", case))
    return cases


CASES = _load()


def test_there_are_enough_cases_for_the_same_sex_spouse_pathway() -> None:
    count = sum(1 for _, case in CASES if "same_sex_spouse_designated_activities" in case["expect"])
    assert count >= 40


def _find_requirement(pathway: PathwayOut, rule_id: str) -> str | None:
    stack = list(pathway.requirements)
    while stack:
        requirement = stack.pop()
        if requirement.id == rule_id:
            return requirement.status
        stack.extend(requirement.children)
    return None


@pytest.mark.parametrize(("label", "case"), CASES, ids=[label for label, _ in CASES])
def test_legal_case(label: str, case: dict[str, Any]) -> None:
    assert str(case.get("source", "")).strip(), f"{label}: every case names its source"
    assert set(case) <= {"name", "source", "as_of", "facts", "expect"}, f"{label}: unknown keys"
    as_of = dt.date.fromisoformat(str(case["as_of"]))
    facts = parse_case(case.get("facts") or {}, FACTS, CONSTRAINTS, as_of)
    result = screening_out(screen(PATHWAYS, facts, as_of), "en")
    by_id = {p.id: p for p in result.pathways}
    for pathway_id, expect in case["expect"].items():
        assert pathway_id in PATHWAY_IDS, f"{label}: unknown pathway {pathway_id}"
        assert set(expect) <= EXPECT_KEYS, (
            f"{label}: unknown expectation {set(expect) - EXPECT_KEYS}"
        )
        got = by_id[pathway_id]
        assert got.outcome == expect["outcome"], (
            f"{label}: outcome {got.outcome}, possible {got.possible_outcomes}"
        )
        questions = [q.fact for q in got.next_questions]
        if "possible" in expect:
            assert sorted(got.possible_outcomes) == sorted(expect["possible"])
        if "first_question" in expect:
            assert questions[:1] == [expect["first_question"]], f"{label}: questions {questions}"
        for fact in expect.get("asks", []):
            assert fact in questions, f"{label}: {fact} not asked; asked {questions}"
        for fact in expect.get("never_asks", []):
            assert fact not in questions, f"{label}: {fact} asked but cannot change the outcome"
        for rule_id, status in (expect.get("requirements") or {}).items():
            assert _find_requirement(got, rule_id) == status, f"{label}: {rule_id}"
        if "what_if_from" in expect:
            dates = [w.from_date for w in got.what_ifs if w.from_date is not None]
            assert dates == [dt.date.fromisoformat(str(expect["what_if_from"]))], (
                f"{label}: {dates}"
            )
        for fact in expect.get("what_if_changes", []):
            changed = {c.fact for w in got.what_ifs for c in w.changes}
            assert fact in changed, f"{label}: no what-if changes {fact}; what-ifs {got.what_ifs}"
        if got.outcome == "not_eligible":
            offered = " ".join(a.text for a in got.alternatives)
            assert "registered partnership" not in offered, (
                f"{label}: discretionary advice after a refusal"
            )
        cited = {c.id for c in got.citations}
        for citation in expect.get("cites", []):
            assert citation in cited, f"{label}: {citation} not cited"
