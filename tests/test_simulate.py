"""`zairyu simulate`: before and after counts on the synthetic population, saved as tables,
charts and a self-contained HTML report; bad input gets a clear error and exit status 2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.law.pathways import PATHWAYS
from zairyu.population.parameters import Parameters
from zairyu.population.simulate import FAVOURABLE, Simulation, dates_for, simulate
from zairyu.reforms import REFORMS, ReformError
from zairyu.reforms.catalogue import (
    EXTEND_2013_NOTICE,
    PARTNERSHIP_CERTIFICATE_AS_MARRIAGE,
    PR_REVOCATION_2027,
)

AS_OF = dt.date(2026, 11, 22)
runner = CliRunner()
# Enough same-sex couples for the reforms to reach someone in a small population.
MANY_COUPLES = Parameters(share_same_sex=0.3, share_supported_by_partner=0.9)


def _reached(simulation: Simulation, item: str, when: str) -> int:
    rows = simulation.by_item.filter((pl.col("item") == item) & pl.col("outcome").is_in(FAVOURABLE))
    return int(rows.get_column(when).sum())


@pytest.mark.parametrize("name", sorted(REFORMS))
def test_every_resident_is_counted_once_per_pathway_before_and_after(name: str) -> None:
    simulation = simulate(REFORMS[name], size=1_500, seed=2, as_of=None, today=AS_OF)
    totals = simulation.by_item.group_by("item").agg(pl.col("before").sum(), pl.col("after").sum())
    assert totals.height == len(PATHWAYS) + len(REFORMS[name].indicators)
    assert set(totals.get_column("before").to_list()) == {1_500}
    assert set(totals.get_column("after").to_list()) == {1_500}
    assert (
        simulation.by_status.get_column("before").sum()
        == simulation.by_nationality.get_column("before").sum()
        == 1_500 * totals.height
    )


@pytest.mark.parametrize("reform", [EXTEND_2013_NOTICE, PARTNERSHIP_CERTIFICATE_AS_MARRIAGE])
def test_the_notice_reforms_only_widen_the_notice(reform: object) -> None:
    simulation = simulate(
        reform,  # type: ignore[arg-type]
        size=4_000,
        seed=5,
        as_of=AS_OF,
        parameters=MANY_COUPLES,
    )
    notice = "same_sex_spouse_designated_activities"
    assert _reached(simulation, notice, "after") > _reached(simulation, notice, "before")
    others = simulation.by_item.filter(pl.col("item") != notice)
    assert (others.get_column("change") == 0).all()


def test_the_revocation_comparison_is_the_law_on_two_days() -> None:
    simulation = simulate(PR_REVOCATION_2027, size=4_000, seed=5)
    assert (simulation.before_date, simulation.after_date) == (
        dt.date(2027, 3, 31),
        dt.date(2027, 4, 1),
    )
    ground = "reform.pr-revocation-2027.any_ground"
    assert _reached(simulation, ground, "before") == 0
    assert _reached(simulation, ground, "after") > 0
    by_status = simulation.reached(simulation.by_status, "status").filter(
        (pl.col("item") == ground) & (pl.col("after") > 0)
    )
    assert by_status.get_column("status").to_list() == ["permanent_resident"]


def test_national_estimates_scale_the_counts_to_the_published_total() -> None:
    simulation = simulate(EXTEND_2013_NOTICE, size=2_000, seed=1, as_of=AS_OF)
    one_item = simulation.by_item.filter(pl.col("item") == "permanent_residence")
    estimated = int(one_item.get_column("before_national_estimate").sum())
    assert abs(estimated - 3_768_977) <= 5 * one_item.height  # rounded to tens per outcome


def test_a_date_comparison_refuses_another_date() -> None:
    with pytest.raises(ReformError, match="--as-of cannot be given"):
        dates_for(PR_REVOCATION_2027, AS_OF, AS_OF)
    assert dates_for(EXTEND_2013_NOTICE, None, AS_OF) == (AS_OF, AS_OF)


def _run(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    result = runner.invoke(app, ["simulate", *args, "--out", str(out)])
    return result.exit_code, result.output, out


def test_the_command_prints_and_saves_tables_charts_and_report(tmp_path: Path) -> None:
    code, output, out = _run(
        tmp_path,
        "--reform",
        "extend-2013-notice-to-japanese-partners",
        "--size",
        "3000",
        "--seed",
        "4",
        "--as-of",
        "2026-11-22",
    )
    assert code == 0, output
    assert "Synthetic estimates, not official figures." in output
    assert "Proposal, not enacted" in output
    for name in ("by_item", "by_status", "by_nationality"):
        csv_table = pl.read_csv(out / f"{name}.csv")
        assert csv_table.equals(pl.read_parquet(out / f"{name}.parquet"))
        assert {"before", "after", "change"} <= set(csv_table.columns)
    for chart in ("pathways", "status", "nationality"):
        assert (out / f"chart_{chart}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Synthetic estimates, not official figures." in html
    assert "data:image/png;base64," in html
    assert 'src="http' not in html
    for field in Parameters.__dataclass_fields__:
        assert f"<code>{field}</code>" in html, field
    assert "Tokyo District Court" in html  # the rationale
    assert "Among couples, the share of same-sex couples." in html
    assert "<td>confirmed</td>" in html
    assert "<code>same_sex_spouse_designated_activities.partner_foreign</code>" in html
    assert "https://outjapan.co.jp/pride_japan/news/2021/5/16.html" in html  # a citation


def test_the_same_seed_saves_the_same_counts(tmp_path: Path) -> None:
    args = ("--reform", "partnership-certificate-as-marriage", "--size", "2000", "--seed", "9")
    first = runner.invoke(
        app, ["simulate", *args, "--as-of", "2026-11-22", "--out", str(tmp_path / "a")]
    )
    second = runner.invoke(
        app, ["simulate", *args, "--as-of", "2026-11-22", "--out", str(tmp_path / "b")]
    )
    assert first.exit_code == second.exit_code == 0
    for name in ("by_item.csv", "by_status.csv", "by_nationality.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_report_in_japanese(tmp_path: Path) -> None:
    code, output, out = _run(
        tmp_path, "--reform", "pr-revocation-2027", "--size", "2000", "--lang", "ja"
    )
    assert code == 0, output
    assert "合成データによる推計であり、公式の数値ではありません。" in output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in html
    assert "成立した法律" in html
    # The assumptions and the calibration figures are in Japanese too, not English only.
    assert "同性カップルの割合。公的な人数は存在しない。" in html
    assert "Among couples, the share of same-sex couples." not in html
    assert "<td>確認済み</td>" in html
    assert "<td>confirmed</td>" not in html


def test_an_out_directory_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    out = blocker / "out"  # a directory inside a file cannot be made
    result = runner.invoke(
        app,
        ["simulate", "--reform", "pr-revocation-2027", "--size", "50", "--out", str(out)],
    )
    assert result.exit_code == 2
    assert "cannot be written" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reform", "abolish-everything"], "unknown reform 'abolish-everything'"),
        (["--reform", "pr-revocation-2027", "--size", "-5"], "--size must be between 1"),
        (["--reform", "pr-revocation-2027", "--size", "0"], "--size must be between 1"),
        (["--reform", "pr-revocation-2027", "--seed", "-1"], "--seed must be 0 or more"),
        (
            ["--reform", "extend-2013-notice-to-japanese-partners", "--as-of", "2026-02-30"],
            "not a real calendar date",
        ),
        (
            ["--reform", "extend-2013-notice-to-japanese-partners", "--as-of", "tomorrow"],
            "YYYY-MM-DD",
        ),
        (
            ["--reform", "pr-revocation-2027", "--as-of", "2026-11-22"],
            "--as-of cannot be given",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(
    tmp_path: Path, args: list[str], message: str
) -> None:
    code, output, out = _run(tmp_path, *args)
    assert code == 2
    assert message in " ".join(output.split())
    assert not out.exists()
