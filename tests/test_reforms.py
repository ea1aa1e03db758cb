"""Reforms as code: a reform replaces exactly the rules it names, nowhere touches `law/`, and
moves the counts the way it should on a small table built by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from urllib.parse import urlparse

import polars as pl
import pytest

from zairyu.engine.batch import screen_frame
from zairyu.engine.citations import SourceKind
from zairyu.engine.expr import Const, Rule
from zairyu.engine.text import Text
from zairyu.law import same_sex_spouse as ss
from zairyu.law.pathways import FACTS, PATHWAYS
from zairyu.population.simulate import _indicator_columns
from zairyu.reforms import (
    REFORMS,
    Reform,
    ReformError,
    ReformStatus,
    Replacement,
    apply_reform,
    reform_named,
    rule_ids,
)
from zairyu.reforms.catalogue import (
    EXTEND_2013_NOTICE,
    PARTNERSHIP_CERTIFICATE_AS_MARRIAGE,
    PR_REVOCATION_2027,
)

AS_OF = dt.date(2026, 11, 22)
T = Text


def _all_rules(pathways: object) -> dict[str, list[Rule]]:
    found: dict[str, list[Rule]] = {}

    def visit(rule: Rule) -> None:
        if not any(r is rule for r in found.get(rule.id, [])):
            found.setdefault(rule.id, []).append(rule)
            for sub in rule.subrules:
                visit(sub)

    for pathway in pathways:  # type: ignore[attr-defined]
        for rule in pathway.rules():
            visit(rule)
    return found


@pytest.mark.parametrize("name", sorted(REFORMS))
def test_a_reform_replaces_exactly_the_rules_it_names(name: str) -> None:
    reform = REFORMS[name]
    before = rule_ids(PATHWAYS)
    after = rule_ids(apply_reform(reform, PATHWAYS))
    named = {r.replaces for r in reform.replacements}
    new = {r.rule.id for r in reform.replacements}
    assert before - after == named
    assert after - before == new
    # A rule that contains no replaced rule is the very same object after the reform.
    old_rules, new_rules = _all_rules(PATHWAYS), _all_rules(apply_reform(reform, PATHWAYS))
    for rule_id, rules in old_rules.items():
        if rule_id in named:
            continue
        touched = any(sub.id in named for r in rules for sub in _walk(r))
        if not touched:
            assert new_rules[rule_id][0] is rules[0], rule_id


def _walk(rule: Rule) -> list[Rule]:
    found = [rule]
    for sub in rule.subrules:
        found.extend(_walk(sub))
    return found


def test_applying_a_reform_leaves_the_law_unchanged() -> None:
    ids = rule_ids(PATHWAYS)
    requirement_rules = [r.rule for r in ss.PATHWAY.requirements]
    apply_reform(EXTEND_2013_NOTICE, PATHWAYS)
    assert rule_ids(PATHWAYS) == ids
    assert [r.rule for r in ss.PATHWAY.requirements] == requirement_rules
    assert PATHWAYS[0] is ss.PATHWAY


def _reform(**changes: object) -> Reform:
    return dataclasses.replace(EXTEND_2013_NOTICE, **changes)  # type: ignore[arg-type]


def test_an_unknown_rule_id_is_an_error_naming_it() -> None:
    bad = _reform(
        replacements=(
            Replacement(
                "same_sex_spouse_designated_activities.no_such_rule",
                EXTEND_2013_NOTICE.replacements[0].rule,
                T("理由", "why"),
            ),
        )
    )
    with pytest.raises(ReformError, match="no_such_rule"):
        apply_reform(bad, PATHWAYS)


def test_a_replacement_may_not_take_the_id_of_a_rule_in_force() -> None:
    clash = Rule(
        id=ss.LIVES_TOGETHER.rule.id,
        text=T("常に真", "always true"),
        expr=Const(True),
        citations=EXTEND_2013_NOTICE.citations,
    )
    bad = _reform(replacements=(Replacement(ss.PARTNER_FOREIGN.rule.id, clash, T("x", "y")),))
    with pytest.raises(ReformError, match="reuses the id"):
        apply_reform(bad, PATHWAYS)


def test_a_reform_must_cite_and_must_change_something() -> None:
    with pytest.raises(ReformError, match="cites"):
        _reform(citations=())
    with pytest.raises(ReformError, match="replaces no rule"):
        _reform(replacements=(), compare_dates=None)


def test_an_unknown_reform_name_lists_the_known_ones() -> None:
    with pytest.raises(ReformError, match="pr-revocation-2027"):
        reform_named("abolish-everything")


def test_each_reform_says_whether_it_is_law() -> None:
    assert EXTEND_2013_NOTICE.status is ReformStatus.PROPOSAL
    assert PARTNERSHIP_CERTIFICATE_AS_MARRIAGE.status is ReformStatus.HYPOTHETICAL
    assert PR_REVOCATION_2027.status is ReformStatus.ENACTED
    assert PARTNERSHIP_CERTIFICATE_AS_MARRIAGE.citations[0].kind is SourceKind.UNCONFIRMED
    for reform in REFORMS.values():
        assert reform.title.ja
        assert reform.title.en
        assert reform.rationale.ja
        assert reform.rationale.en
        for replacement in reform.replacements:
            assert replacement.rule.citations
            assert replacement.rule.id.startswith(f"reform.{reform.name}.")


# --- Counts on a table built by hand ----------------------------------------------------------

COUPLE = {
    "relationship.has_partner": True,
    "relationship.same_sex": True,
    "applicant.nationality": "NL",
    "applicant.has_other_nationality": False,
    "applicant.status": "engineer_humanities_international",
    "applicant.in_japan": True,
    "partner.has_other_nationality": False,
    "relationship.kind": "marriage",
    "relationship.date": dt.date(2020, 5, 1),
    "household.living_together": True,
    "household.supported_by_partner": True,
}


def _table(*rows: dict[str, object]) -> pl.DataFrame:
    return pl.DataFrame(
        [{**COUPLE, **row} for row in rows],
        schema_overrides={"relationship.date": pl.Date},
    )


HAND_TABLE = _table(
    # 0: Dutch woman married in the Netherlands to a Japanese woman
    {"partner.nationality": "JP", "partner.status": None},
    # 1: two Chinese men with a municipal partnership certificate
    {
        "applicant.nationality": "CN",
        "partner.nationality": "CN",
        "partner.status": "engineer_humanities_international",
        "relationship.kind": "japanese_partnership_certificate",
        "relationship.date": None,
    },
    # 2: two Dutch women married, already covered by the 2013 notice
    {"partner.nationality": "NL", "partner.status": "engineer_humanities_international"},
    # 3: an opposite-sex couple: no reform concerns them
    {"relationship.same_sex": False, "partner.nationality": "JP", "partner.status": None},
)


def _notice(pathways: object) -> list[str]:
    outcomes = screen_frame(HAND_TABLE, pathways, FACTS, AS_OF)  # type: ignore[arg-type]
    return outcomes.get_column(ss.ID).cast(pl.String).to_list()


def test_extending_the_notice_opens_it_to_the_partner_of_a_japanese_national() -> None:
    before = _notice(PATHWAYS)
    after = _notice(apply_reform(EXTEND_2013_NOTICE, PATHWAYS))
    assert before == ["not_eligible", "not_eligible", "eligible", "not_eligible"]
    assert after == ["eligible", "not_eligible", "eligible", "not_eligible"]


def test_a_certificate_counts_as_a_marriage_only_under_that_reform() -> None:
    after = _notice(apply_reform(PARTNERSHIP_CERTIFICATE_AS_MARRIAGE, PATHWAYS))
    assert after == ["not_eligible", "eligible", "eligible", "not_eligible"]


def test_the_2027_revocation_grounds_count_only_from_2027_04_01() -> None:
    residents = pl.DataFrame(
        {
            "applicant.status": ["permanent_resident", "permanent_resident", "student"],
            "duties.taxes_paid": [False, True, False],
            "duties.pension_paid": [True, True, True],
            "duties.health_insurance_paid": [True, True, True],
            "duties.notifications_made": [True, True, True],
            "applicant.criminal_record": [False, False, False],
        }
    )
    rules = PR_REVOCATION_2027.indicators
    before_day, after_day = PR_REVOCATION_2027.compare_dates or (AS_OF, AS_OF)
    before = _indicator_columns(residents, rules, before_day)
    after = _indicator_columns(residents, rules, after_day)
    any_ground = rules[-1].id
    assert before.get_column(any_ground).to_list() == ["does_not_hold"] * 3
    assert after.get_column(any_ground).to_list() == ["holds", "does_not_hold", "does_not_hold"]
    assert PR_REVOCATION_2027.replacements == ()


def test_a_reform_cites_publishers_and_official_sources_on_official_hosts() -> None:
    official = re.compile(r"(^|\.)(go\.jp|lg\.jp)$|^(www\.)?(city|pref)\.[a-z0-9.-]+\.jp$")
    for reform in REFORMS.values():
        cited = [*reform.citations, *(c for r in reform.replacements for c in r.rule.citations)]
        for citation in cited:
            host = urlparse(citation.url).hostname or ""
            if citation.kind is SourceKind.OFFICIAL:
                assert official.search(host), citation.id
