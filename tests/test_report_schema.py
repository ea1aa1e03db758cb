"""Real reports conform to the published JSON Schema (docs/screening.schema.json), as a program
reading them with any JSON Schema validator would check them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from zairyu.cli import read_case
from zairyu.engine.screen import screen
from zairyu.law.pathways import PATHWAYS
from zairyu.report import screening_out

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "screening.schema.json").read_text(encoding="utf-8"))
AS_OF = dt.date(2026, 11, 22)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(
    "case",
    [
        read_case(ROOT / "examples" / "same-sex-spouses.yaml", AS_OF),
        {},
        {
            "relationship.has_partner": False,
            "applicant.in_japan": True,
            "applicant.status": "no_status",
        },
    ],
    ids=["example", "nothing known", "no partner, no status"],
)
def test_reports_conform_to_the_published_schema(case: dict[str, object], lang: str) -> None:
    report = json.loads(screening_out(screen(PATHWAYS, case, AS_OF), lang).model_dump_json())  # type: ignore[arg-type]
    jsonschema.validate(report, SCHEMA)
    assert report["pathways"]


def test_the_schema_check_would_catch_a_bad_status() -> None:
    report = json.loads(screening_out(screen(PATHWAYS, {}, AS_OF), "en").model_dump_json())
    report["pathways"][0]["requirements"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, SCHEMA)
