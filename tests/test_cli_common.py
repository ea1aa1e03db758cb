"""The error line every `zairyu` command prints (zairyu.cli_common.fail): the message exactly as
written, also when it quotes something that looks like Rich markup, on one line, with the exit
status asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.cli_common import fail


@pytest.mark.parametrize("directory", ["[bold]drafts", "a[/b]c", "[red]x[/red]"])
def test_a_path_that_looks_like_markup_is_printed_as_typed(tmp_path: Path, directory: str) -> None:
    chart = tmp_path / directory / "chart.png"
    result = CliRunner().invoke(app, ["stats", "asylum", "--chart", str(chart)])
    assert result.exit_code == 2
    assert f"error: --chart {chart}: the directory {chart.parent} does not exist" in result.output


def test_a_long_message_stays_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    message = "--out " + "/very/long/directory" * 20 + ": cannot be written"
    with pytest.raises(typer.Exit) as exit_:
        fail(message, code=1)
    assert exit_.value.exit_code == 1
    assert capsys.readouterr().err == f"error: {message}\n"


def test_an_exception_is_printed_by_its_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as exit_:
        fail(ValueError("case.yaml: no such file"))
    assert exit_.value.exit_code == 2
    assert capsys.readouterr().err == "error: case.yaml: no such file\n"
