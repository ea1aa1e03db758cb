"""Real reports conform to the published JSON Schema (docs/screening.schema.json), as a program
reading them with any JSON Schema validator would check them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import to_json

from zairyu.cli import read_case
from zairyu.engine.screen import screen
from zairyu.law.pathways import PATHWAYS
from zairyu.report import screening_json, screening_out

from .strategies import cases

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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(AS_OF), lang=st.sampled_from(["ja", "en"]))
def test_the_api_json_is_what_the_models_validate(case: dict[str, object], lang: str) -> None:
    """The API writes `screening_json` without building the models: it must be exactly what the
    documented models hold after validating it (nothing added, dropped or coerced), and conform
    to the published schema."""
    result = screen(PATHWAYS, case, AS_OF)  # type: ignore[arg-type]
    written = json.loads(to_json(screening_json(result, lang)))  # type: ignore[arg-type]
    assert written == screening_out(result, lang).model_dump(mode="json")  # type: ignore[arg-type]
    jsonschema.validate(written, SCHEMA)


def test_shared_texts_are_not_changed_by_one_result() -> None:
    """Texts shared between results (built once per rule and language) stay as they were even
    if a caller edits the result it was given."""
    first = screening_json(screen(PATHWAYS, {}, AS_OF), "en")
    before = json.dumps(first)
    first["pathways"][0]["requirements"][0]["citations"].append("tampered")
    first["pathways"][0]["requirements"][0]["text"] = "tampered"
    again = json.dumps(screening_json(screen(PATHWAYS, {}, AS_OF), "en"))
    assert "tampered" not in again
    assert again == before
