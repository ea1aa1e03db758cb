"""Procedures, fees by date and legal-help organisations: the data and how results use them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zairyu.data import procedures as data
from zairyu.data.csvfile import ReferenceDataError
from zairyu.engine.determine import determine
from zairyu.engine.expr import Operand, Rule, lift, not_
from zairyu.engine.facts import Fact, FactType
from zairyu.engine.pathway import (
    Effect,
    Factor,
    Guidance,
    GuidanceItem,
    Outcome,
    Pathway,
    Requirement,
    Weight,
    in_force_rule,
)
from zairyu.engine.text import Text
from zairyu.law import sources as src
from zairyu.report import pathway_out


def _copy_with(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    target = tmp_path / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("procedure", "day", "counter", "online"),
    [
        ("change_of_status", dt.date(2025, 3, 31), 4000, 4000),
        ("change_of_status", dt.date(2025, 4, 1), 6000, 5500),
        ("extension_of_stay", dt.date(2025, 4, 1), 6000, 5500),
        ("permanent_residence", dt.date(2025, 3, 31), 8000, None),
        ("permanent_residence", dt.date(2025, 4, 1), 10000, None),
        ("refugee_recognition", dt.date(2026, 11, 22), 0, None),
    ],
)
def test_fee_is_the_one_in_force_on_the_date(
    procedure: str, day: dt.date, counter: int, online: int | None
) -> None:
    fee = data.fee_on(procedure, day)
    assert fee is not None
    assert (fee.counter_yen, fee.online_yen) == (counter, online)


def test_no_fee_is_invented_where_no_source_gives_one() -> None:
    # Applications for special permission to stay exist only from 2024-06-10.
    assert data.fee_on("special_permission_to_stay", dt.date(2024, 6, 9)) is None
    assert data.fee_on("no_such_procedure", dt.date(2026, 1, 1)) is None


def test_every_fee_names_a_known_procedure_and_periods_do_not_overlap() -> None:
    assert {f.procedure for f in data.fees()} <= set(data.procedures())


def test_legal_help_for_asylum_lists_only_organisations_that_serve_it() -> None:
    found = data.organisations_for(("asylum",))
    assert found
    assert all("asylum" in o.serves for o in found)
    assert all(o.contact_url.startswith("http") for o in found)


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        (
            data.FEES_FILE,
            "change_of_status,2025-04-01,,6000",
            "change_of_status,2025-03-01,,6000",
            r"fees.csv:\d+: column 'valid_from'.*overlaps",
        ),
        (
            data.FEES_FILE,
            "change_of_status,2025-04-01,,6000",
            "change_of_stats,2025-04-01,,6000",
            r"fees.csv:\d+: column 'procedure': 'change_of_stats' is not a procedure",
        ),
        (
            data.FEES_FILE,
            "change_of_status,2025-04-01,,6000,5500",
            "change_of_status,2025-04-01,,6000,5.500",
            r"fees.csv:\d+: column 'online_yen': '5.500' is not a whole number",
        ),
    ],
)
def test_bad_fee_rows_name_file_line_and_column(
    tmp_path: Path, path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(ReferenceDataError, match=message):
        data.load_fees(_copy_with(tmp_path, path, old, new))


def test_bad_organisation_rows_name_file_line_and_column(tmp_path: Path) -> None:
    text = data.ORGANISATIONS_FILE.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    bad_topic = first.replace(first.split(",")[4], "asylum;visas", 1)
    with pytest.raises(ReferenceDataError, match=r"column 'serves'.*visas"):
        data.load_organisations(_copy_with(tmp_path, data.ORGANISATIONS_FILE, first, bad_topic))
    url = first.split(",")[7]
    mirrored = first.replace(url, "http://cache.yimg.jp/x")
    with pytest.raises(ReferenceDataError, match=r"column '(source|contact)_url'.*mirror"):
        data.load_organisations(_copy_with(tmp_path, data.ORGANISATIONS_FILE, first, mirrored))


# --- How a pathway uses them -----------------------------------------------------------------

T = Text
FLAG = Fact("test.flag", FactType.BOOL, T("質問", "Question"), T("説明", "Help"))
FAVOURABLE = Fact("test.favourable", FactType.BOOL, T("有利", "Favourable"), T("説明", "Help"))


def _rule(id_: str, expr: Operand) -> Rule:
    return Rule(id_, T("規則", "Rule"), lift(expr), (src.ACT_ART_50_SPECIAL_PERMISSION,))


def _pathway(*, ceiling: Outcome, always_refer: bool = False) -> Pathway:
    return Pathway(
        id="test",
        title=T("試験", "Test"),
        target_status=None,
        summary=T("試験", "Test"),
        in_force=in_force_rule(
            "test", T("施行", "In force"), dt.date(2000, 1, 1), (src.ACT_APPENDED_TABLES,)
        ),
        requirements=(Requirement(_rule("test.required", FLAG), Effect.REQUIRED),),
        guidance=Guidance(how_to_apply=(), documents=(), procedure="special_permission_to_stay"),
        caveats=(
            GuidanceItem(
                "only_without_flag",
                T("注意", "Caveat"),
                (src.ACT_APPENDED_TABLES,),
                when=_rule("test.flag_false", not_(FLAG)),
            ),
        ),
        factors=(Factor(_rule("test.favourable", FAVOURABLE), Weight.FAVOURABLE),),
        ceiling=ceiling,
        help_topics=("asylum",),
        always_refer=always_refer,
    )


AS_OF = dt.date(2026, 11, 22)


def test_a_discretionary_ceiling_never_says_eligible() -> None:
    capped = _pathway(ceiling=Outcome.DISCRETIONARY)
    assert determine(capped, {"test.flag": True}, AS_OF).outcome is Outcome.DISCRETIONARY
    assert determine(capped, {"test.flag": False}, AS_OF).outcome is Outcome.NOT_ELIGIBLE
    assert determine(capped, {}, AS_OF).possible == {Outcome.DISCRETIONARY, Outcome.NOT_ELIGIBLE}
    plain = _pathway(ceiling=Outcome.ELIGIBLE)
    assert determine(plain, {"test.flag": True}, AS_OF).outcome is Outcome.ELIGIBLE


def test_factors_are_reported_with_their_value_and_decide_nothing() -> None:
    pathway = _pathway(ceiling=Outcome.ELIGIBLE)
    for value in (True, False, None):
        result = determine(pathway, {"test.flag": True, "test.favourable": value}, AS_OF)
        assert result.outcome is Outcome.ELIGIBLE
        assert [(f.rule.id, v) for f, v in result.factors] == [("test.favourable", value)]


def test_conditional_caveat_is_stated_only_when_its_rule_may_hold() -> None:
    pathway = _pathway(ceiling=Outcome.ELIGIBLE)
    assert determine(pathway, {"test.flag": True}, AS_OF).caveats == []
    assert [c.id for c in determine(pathway, {"test.flag": False}, AS_OF).caveats] == [
        "only_without_flag"
    ]
    assert [c.id for c in determine(pathway, {}, AS_OF).caveats] == ["only_without_flag"]


def test_report_names_fee_and_legal_help_only_where_due() -> None:
    eligible = pathway_out(
        determine(_pathway(ceiling=Outcome.ELIGIBLE), {"test.flag": True}, AS_OF), "en"
    )
    assert eligible.legal_help.organisations == []
    assert eligible.procedure is not None
    assert eligible.procedure.fee is not None
    assert eligible.procedure.fee.counter_yen == 0
    # Every citation the report names is listed in its sources.
    listed = {c.id for c in eligible.citations}
    assert set(eligible.procedure.citations) <= listed
    refused = pathway_out(
        determine(
            _pathway(ceiling=Outcome.ELIGIBLE, always_refer=True), {"test.flag": False}, AS_OF
        ),
        "ja",
    )
    assert refused.outcome == "not_eligible"
    assert refused.legal_help.organisations
    assert {c for o in refused.legal_help.organisations for c in o.citations} <= {
        c.id for c in refused.citations
    }
