"""The command line as a user meets it: good cases, and every kind of bad input (exit status 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.cli import app

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "same-sex-spouses.yaml"
runner = CliRunner()


def _case(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_case_is_eligible_in_text_and_json() -> None:
    text = runner.invoke(app, ["screen", str(EXAMPLE), "--as-of", "2026-11-22"])
    assert text.exit_code == 0, text.output
    assert "Eligible" in text.output
    assert "https://www.courts.go.jp/app/hanrei_jp/detail5?id=91710" in text.output
    result = runner.invoke(
        app, ["screen", str(EXAMPLE), "--as-of", "2026-11-22", "--format", "json"]
    )
    data = json.loads(result.output)
    assert data["as_of"] == "2026-11-22"
    pathway = data["pathways"][0]
    assert pathway["id"] == "same_sex_spouse_designated_activities"
    assert pathway["outcome"] == "eligible"
    assert {"requirements", "citations", "next_questions", "what_ifs"} <= set(pathway)
    assert pathway["deadlines"][0]["date"] == "2027-01-10"


def test_japanese_output_uses_japanese_text_and_dates() -> None:
    result = runner.invoke(app, ["screen", str(EXAMPLE), "--as-of", "2026-11-22", "--lang", "ja"])
    assert result.exit_code == 0, result.output
    assert "要件該当" in result.output
    assert "2027年1月10日" in result.output
    assert "Eligible" not in result.output


def test_facts_lists_every_fact_with_its_question() -> None:
    result = runner.invoke(app, ["facts", "--lang", "ja"])
    assert result.exit_code == 0
    assert "partner.status" in result.output
    assert "在留資格" in result.output


def test_codes_lists_statuses_and_countries() -> None:
    assert "engineer_humanities_international" in runner.invoke(app, ["codes", "statuses"]).output
    assert "GB-SCT" in runner.invoke(app, ["codes", "countries"]).output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "applicant.nationalty: FR\n",
            "applicant.nationalty: not a known fact; did you mean 'applicant.nationality'?",
        ),
        ("relationship.same_sex: maybe\n", "relationship.same_sex: 'maybe' is not true or false"),
        (
            "relationship.date: 2023-02-30\n",
            "relationship.date: '2023-02-30' is not a real calendar date",
        ),
        (
            "relationship.date: 30/02/2023\n",
            "relationship.date: '30/02/2023' is not a date in the form YYYY-MM-DD",
        ),
        ("applicant.nationality: XZ\n", "applicant.nationality: 'XZ' is not a known country code"),
        (
            "partner.status: astronaut\n",
            "partner.status: 'astronaut' is not a known status of residence code",
        ),
        (
            "relationship.kind: engagement\n",
            "relationship.kind: 'engagement' is not one of marriage",
        ),
        ("applicant.nationality: 7\n", "applicant.nationality: 7 is not text"),
        (
            "applicant.has_other_nationality: false\napplicant.other_nationality: FR\n",
            "applicant.other_nationality: 'FR' contradicts applicant.has_other_nationality: False",
        ),
        (
            "partner.nationality: JP\npartner.status: permanent_resident\n",
            "contradictory facts: a status of residence is given for a partner of Japanese nationality",
        ),
        (
            "applicant.nationality: FR\napplicant.has_other_nationality: true\napplicant.other_nationality: FR\n",
            "contradictory facts: the applicant's other nationality is the same as the first",
        ),
        (
            "relationship.date: 2027-01-01\n",
            "relationship.date: 2027-01-01 is after the evaluation date 2026-11-22",
        ),
        ("applicant: [FR, DE]\n", "applicant: not a known fact"),
        ("- FR\n- DE\n", "a case file is a mapping of fact names to values"),
        ("applicant.nationality: [unclosed\n", "not valid YAML"),
        (
            "applicant.nationality: FR\napplicant.nationality: DE\n",
            "applicant.nationality is given twice",
        ),
        (
            "applicant.nationality: FR\napplicant:\n  nationality: DE\n",
            "applicant.nationality: given twice (once flat, once nested)",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_fact_and_value(
    tmp_path: Path, content: str, expected: str
) -> None:
    result = runner.invoke(app, ["screen", str(_case(tmp_path, content)), "--as-of", "2026-11-22"])
    assert result.exit_code == 2
    assert expected in " ".join(result.output.split()), result.output


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = _case(tmp_path, "applicant.nationality: XZ\nrelationship.date: 2023-02-30\nfoo: 1\n")
    result = runner.invoke(app, ["screen", str(path), "--as-of", "2026-11-22"])
    assert result.exit_code == 2
    for fragment in ("'XZ'", "'2023-02-30'", "foo: not a known fact"):
        assert fragment in result.output


def test_bad_as_of_and_missing_file_exit_2(tmp_path: Path) -> None:
    bad_date = runner.invoke(app, ["screen", str(EXAMPLE), "--as-of", "2026-13-01"])
    assert bad_date.exit_code == 2
    assert "--as-of: '2026-13-01' is not a real calendar date" in bad_date.output
    missing = runner.invoke(app, ["screen", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output


def test_nested_and_flat_case_files_mean_the_same(tmp_path: Path) -> None:
    flat = _case(tmp_path, "applicant.nationality: FR\nrelationship.same_sex: true\n")
    nested = tmp_path / "nested.yaml"
    nested.write_text(
        "applicant:\n  nationality: FR\nrelationship:\n  same_sex: true\n", encoding="utf-8"
    )
    outputs = [
        runner.invoke(app, ["screen", str(p), "--as-of", "2026-11-22", "--format", "json"]).output
        for p in (flat, nested)
    ]
    assert outputs[0] == outputs[1]


def test_the_installed_command_runs_as_a_user_runs_it() -> None:
    completed = subprocess.run(
        [
            str(Path(sys.executable).parent / "zairyu"),
            "screen",
            str(EXAMPLE),
            "--as-of",
            "2026-11-22",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["pathways"][0]["outcome"] == "eligible"
