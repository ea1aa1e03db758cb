"""The language of the command line's messages: `--lang`, else ZAIRYU_LANG, else the locale,
else English; the exit status does not depend on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.cli_common import Language, cli_language

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "same-sex-spouses.yaml"
runner = CliRunner()


@pytest.fixture(autouse=True)
def english_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine whose locale says nothing about Japanese, whatever the one running the tests."""
    for name in ("ZAIRYU_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_the_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAIRYU_LANG", "ja")
    assert cli_language(Language.en) == "en"
    assert cli_language("ja") == "ja"
    assert cli_language() == "ja"


def test_zairyu_lang_wins_over_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.setenv("ZAIRYU_LANG", "en")
    assert cli_language() == "en"


def test_the_locale_is_read_in_posix_order(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli_language() == "en"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert cli_language() == "ja"
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")
    assert cli_language() == "en"
    monkeypatch.setenv("LC_ALL", "ja_JP.eucJP")
    assert cli_language() == "ja"


def test_an_unknown_language_in_the_environment_means_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZAIRYU_LANG", "klingon")
    assert cli_language() == "en"


def test_a_bad_as_of_in_japanese_with_the_option() -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLE), "--as-of", "2026-13-01", "--lang", "ja"])
    assert result.exit_code == 2
    assert "エラー: --as-of: '2026-13-01' は暦に存在しない日付です" in result.output
    assert "calendar" not in result.output


def test_a_bad_as_of_in_japanese_from_the_environment() -> None:
    result = runner.invoke(
        app, ["screen", str(EXAMPLE), "--as-of", "2026-1-01"], env={"ZAIRYU_LANG": "ja"}
    )
    assert result.exit_code == 2
    assert "--as-of: '2026-1-01' は YYYY-MM-DD 形式の日付ではありません" in result.output


def test_a_bad_as_of_stays_english_by_default() -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLE), "--as-of", "2026-13-01"])
    assert result.exit_code == 2
    assert "error: --as-of: '2026-13-01' is not a real calendar date" in result.output


def test_an_unknown_file_in_japanese_from_the_locale(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["screen", str(missing)], env={"LANG": "ja_JP.UTF-8"})
    assert result.exit_code == 2
    assert f"エラー: {missing}: ファイルがありません" in result.output
    assert "no such file" not in result.output
    english = runner.invoke(app, ["screen", str(missing)])
    assert english.exit_code == 2
    assert f"error: {missing}: no such file" in english.output


def test_a_bad_date_in_the_case_names_the_case_in_japanese(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("relationship:\n  date: '2023-02-30'\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", str(case), "--as-of", "2026-11-22", "--lang", "ja"])
    assert result.exit_code == 2
    assert f"{case}: ケースに誤りがあります:" in result.output
    # The problem itself still names the fact and the value the user wrote.
    assert "relationship.date: '2023-02-30'" in result.output


def test_the_result_follows_the_environment_when_no_option_is_given() -> None:
    japanese = runner.invoke(
        app, ["screen", str(EXAMPLE), "--as-of", "2026-11-22"], env={"ZAIRYU_LANG": "ja"}
    )
    english = runner.invoke(
        app,
        ["screen", str(EXAMPLE), "--as-of", "2026-11-22", "--lang", "en"],
        env={"ZAIRYU_LANG": "ja"},
    )
    assert japanese.exit_code == english.exit_code
    assert "在留資格" in japanese.output
    assert "在留資格" not in english.output


def test_simulate_refuses_a_bad_size_in_japanese() -> None:
    result = runner.invoke(
        app,
        ["simulate", "--reform", "pr-revocation-2027", "--size", "0", "--lang", "ja"],
    )
    assert result.exit_code == 2
    assert "--size は1以上" in result.output
    assert "（指定値: 0）" in result.output


def test_simulate_refuses_a_bad_as_of_in_japanese(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["simulate", "--reform", "pr-revocation-2027", "--as-of", "2026-02-30"],
        env={"ZAIRYU_LANG": "ja"},
    )
    assert result.exit_code == 2
    assert "--as-of: '2026-02-30' は暦に存在しない日付です" in result.output


def test_stats_chart_errors_in_japanese(tmp_path: Path) -> None:
    wrong_suffix = tmp_path / "chart.jpg"
    result = runner.invoke(app, ["stats", "asylum", "--chart", str(wrong_suffix), "--lang", "ja"])
    assert result.exit_code == 2
    assert f"--chart {wrong_suffix}: ファイル名は .png で終わる必要があります" in result.output
    assert not wrong_suffix.exists()
    english = runner.invoke(app, ["stats", "asylum", "--chart", str(wrong_suffix)])
    assert english.exit_code == 2
    assert "the file name must end in .png" in english.output


def test_admin_usage_error_in_japanese(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["admin", "create-admin", "--username", "root", "--data-dir", str(tmp_path)],
        env={"ZAIRYU_LANG": "ja"},
    )
    assert result.exit_code == 2
    assert "エラー: --password-stdin を指定し" in result.output
    assert list(tmp_path.iterdir()) == []


def test_audit_without_a_data_directory_in_japanese(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["audit", "head", "--data-dir", str(tmp_path)], env={"ZAIRYU_LANG": "ja"}
    )
    assert result.exit_code == 2
    assert "秘密鍵がありません" in result.output


def test_verify_names_an_unreadable_key_set_in_japanese(tmp_path: Path) -> None:
    missing = tmp_path / "keys.json"
    holders = ["--name", "山田 花子", "--birth", "1990-01-02", "--name", "Jane Roe"]
    result = runner.invoke(
        app,
        ["verify", "ZR1.X", "--keys", str(missing), *holders, "--birth", "1991-03-04"],
        env={"ZAIRYU_LANG": "ja"},
    )
    assert result.exit_code == 2
    assert f"エラー: --keys: {missing} を読み込めません" in result.output
    bad_birth = runner.invoke(
        app,
        ["verify", "ZR1.X", "--keys", str(missing), *holders, "--birth", "1991-3-4"],
        env={"ZAIRYU_LANG": "ja"},
    )
    assert bad_birth.exit_code == 2
    assert "--birth: '1991-3-4' は YYYY-MM-DD 形式の日付ではありません" in bad_birth.output


def test_registry_refuses_an_empty_officer_in_japanese(tmp_path: Path) -> None:
    arguments = ["registry", "register", "fukuoka-city", "--officer", " "]
    data = ["--data-dir", str(tmp_path / "data")]
    japanese = runner.invoke(app, [*arguments, *data], env={"ZAIRYU_LANG": "ja"})
    english = runner.invoke(app, [*arguments, *data])
    assert japanese.exit_code == english.exit_code == 2
    assert "エラー: --officer: 氏名が空です" in japanese.output
    assert "error: --officer: the name is empty" in english.output
    assert not (tmp_path / "data").exists()
