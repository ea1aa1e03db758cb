"""Official statistics: every figure with a canonical source, the corrections to the circulating
2022–2024 asylum figures, `zairyu stats` and the `/stats` pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import ipaddress
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.data.csvfile import ReferenceDataError
from zairyu.data.official_statistics import (
    ASYLUM_FILE,
    CORRECTIONS_FILE,
    asylum_years,
    corrections,
    load_asylum,
    load_corrections,
    partnership_totals,
    spouse_grants,
)
from zairyu.engine.citations import MIRROR_HOST_MARKERS
from zairyu.stats.figures import Topic, tables
from zairyu.web.app import Settings, create_app

runner = CliRunner()
OFFICIAL_HOST = re.compile(r"(^|\.)(go\.jp|lg\.jp)$|^(www\.)?(city|pref)\.[a-z0-9.-]+\.jp$")


def _every_source() -> Iterator[tuple[str, str]]:
    for year in asylum_years():
        yield from ((year.source_kind.value, u) for u in year.urls)
    kinds = {year.year: year.source_kind.value for year in asylum_years()}
    for fix in corrections():
        yield from ((kinds[fix.year], u) for u in fix.urls)
    for total in partnership_totals():
        yield from ((total.source_kind.value, u) for u in total.urls)
    for grant in spouse_grants():
        yield from ((grant.source_kind.value, u) for u in grant.urls)


def test_every_statistic_has_a_canonical_source() -> None:
    sources = list(_every_source())
    assert len(sources) > 20
    for kind, url in sources:
        host = urlparse(url).hostname or ""
        assert host, url
        with pytest.raises(ValueError, match="does not appear to be an IPv4 or IPv6"):
            ipaddress.ip_address(host)  # an IP address is a mirror, never the publisher
        assert not any(marker in host for marker in MIRROR_HOST_MARKERS), url
        if kind == "official":
            assert OFFICIAL_HOST.search(host), url


def test_asylum_figures_2010_to_2024() -> None:
    years = {y.year: y for y in asylum_years()}
    assert list(years) == list(range(2010, 2025))
    assert years[2017].applications == 19_629
    assert years[2022].humanitarian == 1_760
    assert (years[2023].applications, years[2023].recognised) == (13_823, 303)
    assert (years[2024].recognised, years[2024].complementary_protection) == (190, 1_661)
    assert years[2022].complementary_protection is None  # no such thing before 2023-12-01
    assert years[2024].source_kind.value == "secondary"  # read via a reproduction: marked


def test_the_corrections_show_the_circulating_and_the_official_figure() -> None:
    found = {(c.year, c.measure): (c.circulating, c.official) for c in corrections()}
    assert found == {
        (2022, "humanitarian"): (1_200, 1_760),
        (2023, "applications"): (4_666, 13_823),
        (2023, "humanitarian"): (1_389, 1_005),
        (2024, "applications"): (5_890, 12_373),
        (2024, "recognised"): (350, 190),
        (2024, "humanitarian"): (1_500, 335),
    }
    assert all(c.circulating_is_estimate == (c.year == 2024) for c in corrections())


def _copy(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_bad_figure_names_the_file_and_line(tmp_path: Path) -> None:
    path = _copy(tmp_path, ASYLUM_FILE, "2012,2545,", "2012,25x45,")
    with pytest.raises(
        ReferenceDataError, match=r"asylum_statistics\.csv:4: column 'applications'"
    ):
        load_asylum(path)


def test_a_correction_must_agree_with_the_official_table(tmp_path: Path) -> None:
    path = _copy(tmp_path, CORRECTIONS_FILE, "1200,no,1760", "1200,no,1761")
    with pytest.raises(ReferenceDataError, match=r"asylum_corrections\.csv:2: .*differs"):
        load_corrections(path)


def test_a_mirror_is_refused(tmp_path: Path) -> None:
    path = _copy(
        tmp_path,
        ASYLUM_FILE,
        "https://www.moj.go.jp/isa/content/001414757.pdf",
        "http://40.74.122.252/index.cgi/larger-text/https://www.moj.go.jp/isa/content/001414757.pdf",
    )
    with pytest.raises(ReferenceDataError, match="mirror"):
        load_asylum(path)


def test_unconfirmed_and_secondary_figures_are_marked() -> None:
    (grants,) = tables(Topic.spouses, "en")
    assert {row["source_kind"] for row in grants.rows} == {"secondary"}
    totals = tables(Topic.partnership, "en")[1]
    kinds = {row["date"]: row["source_kind"] for row in totals.rows}
    assert kinds["2025-05-31"] == "official"
    assert kinds["2025-10-01"] == "secondary"


def test_the_partnership_count_by_year_adds_up() -> None:
    by_year = tables(Topic.partnership, "en")[0]
    started = [int(row["started"]) for row in by_year.rows]  # type: ignore[arg-type]
    assert by_year.rows[-1]["systems_in_table"] == sum(started)
    assert by_year.rows[0]["year"] == 2015
    assert all(row["source_url"] for row in by_year.rows)


# --- The command ------------------------------------------------------------------------------


def test_stats_text_shows_figures_sources_and_corrections() -> None:
    result = runner.invoke(app, ["stats", "asylum"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "13,823" in text
    assert "4,666" in text
    assert "wrong" in text
    assert "https://www.moj.go.jp/isa/content/001414757.pdf" in text.replace("\n", "").replace(
        "│", ""
    ).replace(" ", "")


def test_stats_in_japanese() -> None:
    result = runner.invoke(app, ["stats", "spouses", "--lang", "ja"])
    assert result.exit_code == 0, result.output
    assert "同性配偶者への「特定活動」の許可" in result.output
    assert "二次資料" in result.output


def test_stats_csv_and_json() -> None:
    as_csv = runner.invoke(app, ["stats", "asylum", "--format", "csv"])
    assert as_csv.exit_code == 0
    blocks = as_csv.output.split("\n\n")
    assert blocks[0].startswith("# asylum\n")
    assert blocks[1].startswith("# asylum_corrections\n")
    rows = list(csv.DictReader(io.StringIO(blocks[0].split("\n", 1)[1])))
    assert rows[13]["year"] == "2023"
    assert rows[13]["applications"] == "13823"
    assert rows[0]["complementary_protection"] == ""  # empty, never zero
    as_json = runner.invoke(app, ["stats", "--format", "json"])
    data = json.loads(as_json.output)
    assert set(data) == {
        "asylum",
        "asylum_corrections",
        "partnership_systems_by_year",
        "partnership_totals",
        "same_sex_spouse_grants",
    }
    assert all(row["source_url"] for table in data.values() for row in table["rows"])


def test_stats_chart(tmp_path: Path) -> None:
    target = tmp_path / "asylum.png"
    result = runner.invoke(app, ["stats", "asylum", "--format", "csv", "--chart", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "weather"], "'weather' is not one of"),
        (["stats", "--chart", "x.png"], "--chart draws one topic"),
        (["stats", "asylum", "--chart", "chart.svg"], "must end in .png"),
        (["stats", "asylum", "--chart", "/no/such/dir/a.png"], "does not exist"),
        (["stats", "asylum", "--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_stats_input_exits_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())


# --- The pages --------------------------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    web = create_app(Settings(data_dir=tmp_path / "data", as_of=dt.date(2026, 11, 22)))
    with TestClient(web, headers={"accept-language": "en"}) as test_client:
        yield test_client


def test_the_stats_page_shows_tables_sources_charts_and_corrections(client: TestClient) -> None:
    page = client.get("/stats")
    assert page.status_code == 200
    html = page.text
    assert '<a href="https://www.moj.go.jp/isa/content/001414757.pdf"' in html
    assert "<del>4,666</del>" in html
    assert "<strong>13,823</strong>" in html
    assert "Corrections: asylum figures that circulate wrongly" in html
    for topic in Topic:
        assert f'src="/stats/charts/{topic.value}.png"' in html
        chart = client.get(f"/stats/charts/{topic.value}.png")
        assert chart.status_code == 200
        assert chart.headers["content-type"] == "image/png"
        assert chart.content[:8] == b"\x89PNG\r\n\x1a\n"
    # The CSP forbids inline scripts and styles: the page uses neither.
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html
    assert "img-src 'self' data:" in page.headers["content-security-policy"]
    assert client.get("/static/stats.css").status_code == 200


def test_the_stats_page_in_japanese(client: TestClient) -> None:
    page = client.get("/stats", headers={"accept-language": "ja"})
    assert page.status_code == 200
    assert '<html lang="ja">' in page.text
    assert "公的統計" in page.text
    assert "誤り" in page.text


def test_an_unknown_chart_is_not_found(client: TestClient) -> None:
    assert client.get("/stats/charts/weather.png").status_code == 404


def test_every_note_exists_in_japanese() -> None:
    for lang in ("ja", "en"):
        for topic in Topic:
            for table in tables(topic, lang):
                if "notes" not in table.column_keys():
                    continue
                notes = [str(row["notes"]) for row in table.rows if row["notes"]]
                assert notes, table.name
                japanese = [n for n in notes if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", n)]
                assert len(japanese) == (len(notes) if lang == "ja" else 0), (lang, table.name)


def test_a_note_without_its_japanese_is_refused(tmp_path: Path) -> None:
    path = _copy(
        tmp_path,
        CORRECTIONS_FILE,
        ",出回っている表の申請数（3772）と難民認定数（202）は公表値と一致する",
        ",",
    )
    with pytest.raises(ReferenceDataError, match=r"asylum_corrections\.csv:2: column 'notes_ja'"):
        load_corrections(path)


def test_the_stats_page_shows_the_notes_in_the_chosen_language(client: TestClient) -> None:
    japanese = client.get("/stats", headers={"accept-language": "ja"}).text
    english = client.get("/stats").text
    assert "補完的保護対象者認定申請678件" in japanese
    assert "excludes 678 complementary-protection applications" not in japanese
    assert "excludes 678 complementary-protection applications" in english
    assert "補完的保護対象者認定申請678件" not in english
    assert "読売新聞が報じた出入国在留管理庁の2021年3月の開示" in japanese
    assert "Notes (English)" not in english


def test_stats_json_in_japanese_carries_the_japanese_notes() -> None:
    result = runner.invoke(app, ["stats", "partnership", "--format", "json", "--lang", "ja"])
    assert result.exit_code == 0
    totals = json.loads(result.output)["partnership_totals"]["rows"]
    assert all(row["notes"] and "Joint survey" not in row["notes"] for row in totals)
