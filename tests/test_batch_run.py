"""`zairyu batch`: CSV and Parquet in chunks give `screen_frame`'s outcomes; bad values go to
the rejects file with row, column and reason while the run goes on; a bad input as a whole
exits with status 2 and leaves nothing behind."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from zairyu.batch.evaluate import Plan, engine_for
from zairyu.cli import app, read_case
from zairyu.engine.batch import screen_frame
from zairyu.engine.facts import FactValueError
from zairyu.law.pathways import FACTS, PATHWAYS

from .conftest import AS_OF

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from synthetic import consistent, table

SPOUSE = "same_sex_spouse_designated_activities"
EXAMPLE = read_case(Path(__file__).parent.parent / "examples" / "same-sex-spouses.yaml", AS_OF)
runner = CliRunner()


def _text(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    names = list(dict.fromkeys(name for row in rows for name in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, names)
        writer.writeheader()
        writer.writerows({k: _text(v) for k, v in row.items()} for row in rows)


def _batch(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *map(str, args), "--as-of", AS_OF.isoformat()])
    return result.exit_code, result.output


def _expected(frame: pl.DataFrame, **options: object) -> pl.DataFrame:
    """`screen_frame` on the whole table, with outcomes as text, as the output file has them."""
    pathways = options.pop("pathways", PATHWAYS)
    result = screen_frame(frame, pathways, FACTS, AS_OF, **options)  # type: ignore[arg-type]
    return result.with_columns(pl.col(pl.Enum).cast(pl.String))


@pytest.fixture(scope="module")
def cases() -> pl.DataFrame:
    return consistent(table(500, seed=3), AS_OF)


@pytest.mark.parametrize("kind", ["csv", "parquet"])
@pytest.mark.parametrize("chunk_size", [100_000, 37])
def test_a_file_gives_the_outcomes_of_the_whole_table(
    tmp_path: Path, cases: pl.DataFrame, kind: str, chunk_size: int
) -> None:
    source = tmp_path / f"cases.{kind}"
    if kind == "csv":
        cases.write_csv(source)
    else:
        cases.write_parquet(source)
    code, output = _batch(source, tmp_path / "out.parquet", "--chunk-size", chunk_size)
    assert code == 0, output
    result = pl.read_parquet(tmp_path / "out.parquet")
    assert result.get_column("row").to_list() == list(range(1, cases.height + 1))
    assert result.drop("row").equals(_expected(cases))
    assert (tmp_path / "out.rejects.csv").read_text() == "row,column,value,reason\n"
    assert "Rows read: 500" in output
    assert "Rows rejected: 0" in output


def test_requirements_an_id_column_and_chosen_pathways(tmp_path: Path, cases: pl.DataFrame) -> None:
    ids = [f"case-{i:04d}" for i in range(cases.height)]
    cases.with_columns(case_id=pl.Series(ids)).write_parquet(tmp_path / "cases.parquet")
    chosen = [p for p in PATHWAYS if p.id in (SPOUSE, "permanent_residence")]
    code, output = _batch(
        tmp_path / "cases.parquet",
        tmp_path / "out.parquet",
        "--id-column",
        "case_id",
        "--requirements",
        "--pathways",
        f"{SPOUSE},permanent_residence",
        "--chunk-size",
        64,
    )
    assert code == 0, output
    result = pl.read_parquet(tmp_path / "out.parquet")
    assert result.get_column("case_id").to_list() == ids
    expected = _expected(cases, pathways=chosen, with_requirements=True)
    assert result.columns[1:] == expected.columns
    assert any(":" in c for c in expected.columns)  # the requirements are there
    assert result.drop("case_id").equals(expected)


# One bad cell per row, each of a different kind: (fact, value as written, reason).
BAD = [
    ("applicant.nationality", "XZ", "is not a known country code"),
    ("partner.status", "astronaut", "is not a known status of residence code"),
    ("relationship.date", "2019-13-01", "is not a real calendar date"),
    ("relationship.date", "2023-02-30", "is not a real calendar date"),
    ("relationship.date", "15/06/2019", "is not a date in the form YYYY-MM-DD"),
    ("relationship.date", "2019-6-15", "is not a date in the form YYYY-MM-DD"),
    ("relationship.date", "1850-01-01", "is outside the years 1900 to 2199"),
    ("relationship.date", "2030-01-01", "is after the evaluation date 2026-11-22"),
    ("applicant.period_of_stay_expires", "2250-01-01", "is outside the years 1900 to 2199"),
    ("permanent_residence.hsp_points_1_year_ago", "500", "is above the maximum 200"),
    ("permanent_residence.hsp_points_1_year_ago", "-1", "is below the minimum 0"),
    ("permanent_residence.hsp_points_1_year_ago", "many", "is not a whole number"),
    ("household.living_together", "perhaps", "is not true or false"),
    ("relationship.kind", "Marriage", "is not one of marriage, registered_partnership"),
]
# Written differently from the example, but the same values: accepted, same outcome.
LENIENT = [
    {"applicant.nationality": " fr ", "household.living_together": "Yes"},
    {"partner.status": "技術・人文知識・国際業務", "relationship.date": " 2019-06-15"},
]


def test_bad_values_are_rejected_with_row_column_and_reason(tmp_path: Path) -> None:
    base = {name: _text(value) for name, value in EXAMPLE.items()}
    base["permanent_residence.hsp_points_1_year_ago"] = "70"
    rows: list[dict[str, object]] = [dict(base)]
    rows += [{**base, fact: value} for fact, value, _ in BAD]
    rows += [{**base, **change} for change in LENIENT]
    rows += [
        # unknown is never a reject, whatever the type
        {**base, "relationship.date": "", "household.living_together": "unknown"},
        # a second nationality the same as the first: a contradiction (constraint)
        {**base, "applicant.has_other_nationality": "true", "applicant.other_nationality": "FR"},
        # a fact given although the fact it depends on says it does not apply
        {**base, "applicant.other_nationality": "DE"},
        # two bad cells in one row: both reported
        {**base, "applicant.nationality": "XZ", "relationship.same_sex": "maybe"},
    ]
    _write_csv(tmp_path / "cases.csv", rows)
    code, output = _batch(
        tmp_path / "cases.csv",
        tmp_path / "out.parquet",
        "--rejects",
        tmp_path / "bad.csv",
        "--chunk-size",
        4,
    )
    assert code == 0, output
    with (tmp_path / "bad.csv").open(newline="", encoding="utf-8") as handle:
        rejects = list(csv.DictReader(handle))
    for row_number, (fact, value, reason) in enumerate(BAD, start=2):
        found = [r for r in rejects if r["row"] == str(row_number)]
        assert len(found) == 1, (fact, value, found)
        assert (found[0]["column"], found[0]["value"]) == (fact, value)
        assert found[0]["reason"].startswith(reason), found[0]
    contradiction = next(r for r in rejects if r["row"] == str(len(BAD) + 5))
    assert contradiction["column"] == "applicant.nationality, applicant.other_nationality"
    assert contradiction["reason"] == (
        "contradictory facts: the applicant's other nationality is the same as the first"
    )
    assert "applicant.other_nationality=FR" in contradiction["value"]
    gated = next(r for r in rejects if r["row"] == str(len(BAD) + 6))
    assert (gated["column"], gated["value"]) == ("applicant.other_nationality", "DE")
    assert "applicant.has_other_nationality is true" in gated["reason"]
    last = sorted((r["column"], r["value"]) for r in rejects if r["row"] == str(len(BAD) + 7))
    assert last == [("applicant.nationality", "XZ"), ("relationship.same_sex", "maybe")]
    assert len(rejects) == len(BAD) + 4, rejects[len(BAD) :]
    # Every good row is in the output, with the outcome the engine gives its values.
    result = pl.read_parquet(tmp_path / "out.parquet")
    good = [1, len(BAD) + 2, len(BAD) + 3, len(BAD) + 4]
    assert result.get_column("row").to_list() == good
    assert result.get_column(SPOUSE).to_list() == ["eligible"] * 3 + ["undetermined"]
    assert "Rows read: 21" in output
    assert "Rows rejected: 17, 18 problems" in output


CELLS = {
    "household.living_together": ["true", "FALSE", " yes ", "No", "1", "t", "unknown", ""],
    "permanent_residence.hsp_points_1_year_ago": ["0", "200", "201", "-3", "+5", " 7 ", "7.0"],
    "relationship.date": ["2019-06-15", "2019-6-15", "2024-02-29", "2023-02-29", "1899-12-31"],
    "relationship.kind": ["marriage", " marriage", "MARRIAGE", "unregistered", "UNKNOWN"],
    "applicant.nationality": ["FR", "fr", " Fr ", "UK", "uk", "stateless", "XZ", "GB-ENG"],
    "partner.status": ["engineer_humanities_international", "教授", "PROFESSOR", "nope"],
}


@pytest.mark.parametrize("fact", sorted(CELLS))
def test_a_column_is_read_as_fact_parse_reads_each_cell(fact: str) -> None:
    cells = CELLS[fact]
    read = engine_for(Plan(AS_OF)).read_facts(pl.DataFrame({fact: cells}))
    for cell, value, problem in zip(
        cells, read.get_column(fact).to_list(), read.get_column(f"__problem:{fact}"), strict=True
    ):
        try:
            parsed = FACTS[fact].parse(cell)
        except FactValueError:
            parsed = "refused"
        if isinstance(parsed, dt.date) and parsed > AS_OF:
            parsed = "refused"  # as `parse_case` refuses it
        if parsed == "refused":
            assert (value, problem is None) == (None, False), cell
        else:
            assert (value, problem) == (parsed, None), cell


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            "applicant.nationality,shoe_size\nFR,42\n",
            "cases.csv",
            "columns that are not facts: shoe_size",
        ),
        ("applicant.nationality,applicant.in_japan\nFR,true,extra\n", "cases.csv", "cases.csv"),
        ("", "cases.csv", "not a readable CSV file"),
        ("PAR1 this is not really parquet", "cases.parquet", "not a readable Parquet file"),
    ],
)
def test_a_bad_input_file_exits_2_and_leaves_nothing(
    tmp_path: Path, content: str, name: str, message: str
) -> None:
    (tmp_path / name).write_text(content)
    before = _files(tmp_path)
    code, output = _batch(tmp_path / name, tmp_path / "out.parquet")
    assert code == 2
    assert message in " ".join(output.split())
    assert _files(tmp_path) == before


def test_a_bad_row_after_good_chunks_leaves_nothing(tmp_path: Path) -> None:
    # pyarrow reads a CSV in 4 MiB blocks: the malformed line is far into the file, after many
    # chunks have been screened and written to the temporary files.
    good = "\n".join(["FR,true"] * 600_000)
    (tmp_path / "cases.csv").write_text(
        f"applicant.nationality,applicant.in_japan\n{good}\nFR,true,extra\n"
    )
    before = _files(tmp_path)
    code, output = _batch(
        tmp_path / "cases.csv", tmp_path / "out.parquet", "--chunk-size", 50_000, "--quiet"
    )
    assert code == 2, output
    assert "cannot be read" in output
    assert "Expected 2 columns, got 3" in " ".join(output.split())
    assert _files(tmp_path) == before


def test_missing_file_id_column_and_pathway_exit_2(tmp_path: Path) -> None:
    code, output = _batch(tmp_path / "nothing.csv", tmp_path / "out.parquet")
    assert (code, "nothing.csv: no such file" in output) == (2, True)
    _write_csv(tmp_path / "cases.csv", [{"applicant.nationality": "FR"}])
    code, output = _batch(tmp_path / "cases.csv", tmp_path / "o.parquet", "--id-column", "case")
    assert (code, "no column case" in output) == (2, True)
    code, output = _batch(tmp_path / "cases.csv", tmp_path / "o.parquet", "--pathways", "x,y")
    assert (code, "unknown pathway: x, y" in output) == (2, True)
    code, output = _batch(tmp_path / "cases.csv", tmp_path / "no" / "o.parquet")
    assert (code, "does not exist" in output) == (2, True)
    assert _files(tmp_path) == {"cases.csv"}


def test_an_empty_table_gives_an_empty_output_with_the_columns(tmp_path: Path) -> None:
    (tmp_path / "cases.csv").write_text("applicant.nationality,relationship.date\n")
    code, output = _batch(tmp_path / "cases.csv", tmp_path / "out.parquet")
    assert code == 0, output
    result = pl.read_parquet(tmp_path / "out.parquet")
    assert result.height == 0
    assert result.columns == ["row", *(p.id for p in PATHWAYS)]


def test_the_summary_and_reasons_in_japanese(tmp_path: Path) -> None:
    _write_csv(tmp_path / "cases.csv", [EXAMPLE, {**EXAMPLE, "applicant.nationality": "XZ"}])
    code, output = _batch(tmp_path / "cases.csv", tmp_path / "out.parquet", "--lang", "ja")
    assert code == 0, output
    assert "読み込んだ行: 2" in output
    reason = (tmp_path / "out.rejects.csv").read_text(encoding="utf-8").splitlines()[1]
    assert "国コード" in reason
