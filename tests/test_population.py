"""The synthetic population: seeded, calibrated to the published marginals, every assumption a
documented parameter, and a frame the engine reads as it is."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from zairyu.data.csvfile import ReferenceDataError
from zairyu.data.foreign_residents import FILE, OTHER, load, marginals
from zairyu.engine.batch import screen_frame
from zairyu.law.pathways import FACTS, PATHWAYS
from zairyu.population.parameter_docs_ja import PARAMETER_DOCS_JA
from zairyu.population.parameters import Parameters, parameter_docs
from zairyu.population.synthetic import PopulationError, generate, status_groups

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def population() -> pl.DataFrame:
    return generate(20_000, 7, AS_OF)


def test_same_seed_same_frame_and_another_seed_another(population: pl.DataFrame) -> None:
    assert generate(20_000, 7, AS_OF).equals(population)
    assert not generate(20_000, 8, AS_OF).equals(population)


def test_status_marginals_match_the_published_table(population: pl.DataFrame) -> None:
    groups = status_groups(Parameters(), marginals())
    published = marginals().counted("status")
    total = sum(published.values())
    counted = (
        population.select(pl.col("applicant.status").replace_strict(groups, return_dtype=pl.String))
        .to_series()
        .value_counts()
    )
    got = dict(zip(counted[:, 0].to_list(), counted[:, 1].to_list(), strict=True))
    assert set(got) == set(published)
    for group, count in published.items():
        # Allocated by largest remainder: within one row of the exact share.
        assert abs(got[group] - population.height * count / total) < 1, group


def test_nationality_marginals_match_the_published_table(population: pl.DataFrame) -> None:
    published = marginals().counted("nationality")
    total = sum(published.values())
    named = set(published) - {OTHER}
    column = population.get_column("applicant.nationality")
    for code in named:
        expected = population.height * published[code] / total
        assert abs(int((column == code).sum()) - expected) < 1, code
    others = int((~column.is_in(list(named))).sum())
    assert abs(others - population.height * published[OTHER] / total) < 1
    assert set(column.unique().to_list()) - named <= set(Parameters().other_nationalities)


def test_assumed_shares_are_near_their_parameters(population: pl.DataFrame) -> None:
    parameters = Parameters()
    partnered = population.get_column("relationship.has_partner")
    assert abs(partnered.mean() - parameters.share_with_partner) < 0.02  # type: ignore[operator]
    couples = population.filter(pl.col("relationship.has_partner"))
    same_sex = couples.get_column("relationship.same_sex").mean()
    assert abs(same_sex - parameters.share_same_sex) < 0.01  # type: ignore[operator]
    japanese = (couples.get_column("partner.nationality") == "JP").mean()
    assert abs(japanese - parameters.share_partner_japanese) < 0.02  # type: ignore[operator]


def test_every_column_is_a_fact_and_the_engine_reads_the_frame(population: pl.DataFrame) -> None:
    assert set(population.columns) <= set(FACTS.names)
    outcomes = screen_frame(population, PATHWAYS, FACTS, AS_OF)
    assert outcomes.height == population.height
    assert (outcomes.get_column("permanent_residence") == "eligible").sum() > 0


def test_no_date_is_after_the_evaluation_date(population: pl.DataFrame) -> None:
    for name in population.columns:
        fact = FACTS[name]
        if fact.past and population.schema[name] == pl.Date:
            latest = population.get_column(name).max()
            assert latest is None or latest <= AS_OF, name  # type: ignore[operator]


def test_a_japanese_partner_has_no_status_of_residence(population: pl.DataFrame) -> None:
    japanese = population.filter(pl.col("partner.nationality") == "JP")
    assert japanese.height > 0
    assert japanese.get_column("partner.status").null_count() == japanese.height


def test_every_parameter_is_documented_with_a_docstring_and_a_japanese_label() -> None:
    docs = parameter_docs(Parameters())
    assert [d.name for d in docs] == [f.name for f in dataclasses.fields(Parameters)]
    for doc in docs:
        assert len(doc.doc) > 60, doc.name  # says what it is and why the default
        assert doc.label_ja, doc.name
        assert doc.label_ja != doc.name, doc.name


def test_changing_a_parameter_changes_the_population() -> None:
    more = generate(5_000, 1, AS_OF, Parameters(share_same_sex=0.5))
    assert more.get_column("relationship.same_sex").sum() > 1_000


@pytest.mark.parametrize("size", [0, -1, 2.5, True])
def test_a_bad_size_is_refused(size: object) -> None:
    with pytest.raises(PopulationError, match="size must be a positive whole number"):
        generate(size, 1, AS_OF)  # type: ignore[arg-type]


def test_a_bad_parameter_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="share_with_partner"):
        Parameters(share_with_partner=1.5)
    with pytest.raises(ValueError, match="same_sex_kind_shares"):
        Parameters(same_sex_kind_shares=(("marriage", 0.5),))


def test_a_status_code_that_does_not_exist_is_refused() -> None:
    parameters = Parameters(other_status_mix=(("not_a_status", 1.0),))
    with pytest.raises(PopulationError, match="not_a_status"):
        generate(100, 1, AS_OF, parameters)


@pytest.mark.parametrize(
    ("fixed", "message"),
    [
        (("applicant.no_such_fact", True), "applicant.no_such_fact is not a fact"),
        (("applicant.status", "student"), "applicant.status is drawn, not fixed"),
    ],
)
def test_a_fixed_fact_must_be_a_fact_that_is_not_drawn(
    fixed: tuple[str, bool | str], message: str
) -> None:
    parameters = Parameters(fixed_facts=(fixed,))
    with pytest.raises(PopulationError, match=message):
        generate(100, 1, AS_OF, parameters)


def test_fixed_facts_are_the_same_for_everyone(population: pl.DataFrame) -> None:
    for name, value in Parameters().fixed_facts:
        assert population.get_column(name).unique().to_list() == [value], name


def test_the_table_keeps_unconfirmed_figures_out_of_the_calibration() -> None:
    table = marginals()
    assert "special_permanent_resident" not in table.counted("status")
    assert sum(table.counted("status").values()) == table.total.count == 3_768_977
    assert sum(table.counted("nationality").values()) == table.total.count


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    text = FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "foreign_residents.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_bad_count_names_the_file_and_line(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, ",918116,", ",91811x,")
    with pytest.raises(ReferenceDataError, match=r"foreign_residents\.csv:3: column 'count'"):
        load(path)


def test_rows_that_do_not_add_up_are_refused(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, ",918116,", ",918117,")
    with pytest.raises(ReferenceDataError, match="add up to 3768978"):
        load(path)


def test_a_mirror_is_refused_as_a_source(tmp_path: Path) -> None:
    path = _copy_with(
        tmp_path,
        "https://thaich.net/news/20250327eg.htm",
        "http://40.74.122.252/index.cgi/https://thaich.net/news/20250327eg.htm",
    )
    with pytest.raises(ReferenceDataError, match="mirror"):
        load(path)


def test_every_parameter_is_documented_in_japanese_too() -> None:
    names = [f.name for f in dataclasses.fields(Parameters)]
    assert sorted(PARAMETER_DOCS_JA) == sorted(names)
    for name, doc in PARAMETER_DOCS_JA.items():
        assert len(doc) > 20, name
        assert not doc.isascii(), name
