"""The batch run on a real Dask cluster (two worker processes) gives exactly the local result:
the same output table and the same rejects, in the same order."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from zairyu.batch.evaluate import Plan
from zairyu.batch.reader import Source
from zairyu.batch.run import run_local
from zairyu.cli import app
from zairyu.law.pathways import FACTS

from .conftest import AS_OF

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from synthetic import consistent, table

runner = CliRunner()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def cases_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic cases, most of them consistent, some with bad values or contradictions."""
    frame = consistent(table(400, seed=5), AS_OF).with_columns(pl.all().cast(pl.String))
    frame = frame.with_columns(
        case_id=pl.format("c{}", pl.int_range(0, frame.height)),
        # every 7th row a bad country, every 11th an impossible date
        **{
            "applicant.nationality": pl.when(pl.int_range(0, frame.height) % 7 == 3)
            .then(pl.lit("XZ"))
            .otherwise(pl.col("applicant.nationality")),
            "relationship.date": pl.when(pl.int_range(0, frame.height) % 11 == 5)
            .then(pl.lit("2023-02-30"))
            .otherwise(pl.col("relationship.date")),
        },
    )
    # rows that are not made consistent: the raw synthetic table contradicts itself often
    frame = pl.concat(
        [
            frame,
            table(40, seed=9)
            .with_columns(pl.all().cast(pl.String))
            .with_columns(case_id=pl.format("r{}", pl.int_range(0, 40))),
        ],
        how="diagonal",
    )
    path = tmp_path_factory.mktemp("cases") / "cases.csv"
    frame.write_csv(path)
    return path


def _local(source: Path, folder: Path, plan: Plan) -> tuple[pl.DataFrame, str]:
    run_local(
        Source(source, FACTS, plan.id_column, 50), plan, folder / "out.parquet", folder / "r.csv"
    )
    return pl.read_parquet(folder / "out.parquet"), (folder / "r.csv").read_text()


def test_the_cluster_gives_exactly_the_local_result(
    client: Client, cases_csv: Path, tmp_path: Path
) -> None:
    from zairyu.batch.distributed import run_on

    plan = Plan(AS_OF, with_requirements=True, id_column="case_id")
    (tmp_path / "local").mkdir()
    expected, expected_rejects = _local(cases_csv, tmp_path / "local", plan)
    summary = run_on(
        client,
        Source(cases_csv, FACTS, "case_id", 30),  # other chunks than the local run's
        plan,
        tmp_path / "out.parquet",
        tmp_path / "r.csv",
    )
    result = pl.read_parquet(tmp_path / "out.parquet")
    assert result.equals(expected)
    assert (tmp_path / "r.csv").read_text() == expected_rejects
    assert expected_rejects.count("\n") > 60  # the bad values and contradictions are there
    assert summary.rows_in == 440
    assert summary.rows_out == result.height
    assert summary.rows_out + summary.rows_rejected == 440
    # The chunks were screened by both workers, each compiling the plan once.
    assert len(client.scheduler_info()["workers"]) == 2


def test_parquet_row_groups_read_by_the_workers_give_the_local_result(
    client: Client, cases_csv: Path, tmp_path: Path
) -> None:
    from zairyu.batch.distributed import run_on

    # Typed columns, as a program writes them; row groups of 45 rows, read in chunks of 20.
    frame = pl.read_csv(cases_csv, infer_schema_length=None)
    frame.write_parquet(tmp_path / "cases.parquet", row_group_size=45)
    plan = Plan(AS_OF, id_column="case_id")
    (tmp_path / "local").mkdir()
    expected, expected_rejects = _local(tmp_path / "cases.parquet", tmp_path / "local", plan)
    summary = run_on(
        client,
        Source(tmp_path / "cases.parquet", FACTS, "case_id", 20),
        plan,
        tmp_path / "out.parquet",
        tmp_path / "r.csv",
    )
    assert pl.read_parquet(tmp_path / "out.parquet").equals(expected)
    assert (tmp_path / "r.csv").read_text() == expected_rejects
    assert expected_rejects.count("\n") > 60
    assert summary.rows_in == 440


def test_the_command_runs_on_a_scheduler(client: Client, cases_csv: Path, tmp_path: Path) -> None:
    (tmp_path / "local").mkdir()
    plan = Plan(AS_OF, id_column="case_id")
    expected, expected_rejects = _local(cases_csv, tmp_path / "local", plan)
    result = runner.invoke(
        app,
        [
            "batch",
            str(cases_csv),
            str(tmp_path / "out.parquet"),
            "--as-of",
            AS_OF.isoformat(),
            "--scheduler",
            client.scheduler.address,
            "--chunk-size",
            "64",
            "--id-column",
            "case_id",
        ],
    )
    assert result.exit_code == 0, result.output
    output = pl.read_parquet(tmp_path / "out.parquet")
    assert output.equals(expected)
    assert (tmp_path / "out.rejects.csv").read_text() == expected_rejects


def test_an_unreachable_scheduler_exits_2(cases_csv: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "batch",
            str(cases_csv),
            str(tmp_path / "out.parquet"),
            "--scheduler",
            "tcp://127.0.0.1:9",
            "--id-column",
            "case_id",
        ],
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_command_starts_a_local_cluster(cases_csv: Path, tmp_path: Path) -> None:
    (tmp_path / "local").mkdir()
    plan = Plan(AS_OF, id_column="case_id")
    expected, expected_rejects = _local(cases_csv, tmp_path / "local", plan)
    result = runner.invoke(
        app,
        [
            "batch",
            str(cases_csv),
            str(tmp_path / "out.parquet"),
            "--as-of",
            AS_OF.isoformat(),
            "--workers",
            "1",
            "--id-column",
            "case_id",
        ],
    )
    assert result.exit_code == 0, result.output
    assert pl.read_parquet(tmp_path / "out.parquet").equals(expected)
    assert (tmp_path / "out.rejects.csv").read_text() == expected_rejects
