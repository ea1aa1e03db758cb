"""Real reports conform to the published JSON Schema (docs/screening.schema.json), as a program
reading them with any JSON Schema validator would check them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zairyu import report
from zairyu.cli import read_case
from zairyu.engine.screen import screen
from zairyu.law.pathways import PATHWAYS
from zairyu.report import screening_bytes, screening_json, screening_out

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
    """The API writes `screening_bytes` without building the models: it must be exactly what the
    documented models hold after validating it (nothing added, dropped or coerced), and conform
    to the published schema."""
    result = screen(PATHWAYS, case, AS_OF)  # type: ignore[arg-type]
    written = json.loads(screening_bytes(result, lang))  # type: ignore[arg-type]
    assert written == screening_out(result, lang).model_dump(mode="json")  # type: ignore[arg-type]
    jsonschema.validate(written, SCHEMA)


def test_shared_texts_are_not_changed_by_one_result() -> None:
    """Parts shared between results (serialised once per rule, statuses and language) are
    immutable, and editing the rest of a result does not change the next one."""
    first = screening_json(screen(PATHWAYS, {}, AS_OF), "en")
    before = json.loads(screening_bytes(screen(PATHWAYS, {}, AS_OF), "en"))
    pathway = first["pathways"][0]
    assert all(isinstance(r, orjson.Fragment) for r in pathway["requirements"])
    with pytest.raises((AttributeError, TypeError)):
        pathway["requirements"][0].contents = b"{}"
    pathway["requirements"].append("tampered")
    pathway["next_questions"].clear()
    pathway["title"] = "tampered"
    again = json.loads(screening_bytes(screen(PATHWAYS, {}, AS_OF), "en"))
    assert again == before
    assert "tampered" not in json.dumps(again)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    earlier=st.lists(cases(AS_OF), min_size=1, max_size=4),
    case=cases(AS_OF),
    lang=st.sampled_from(["ja", "en"]),
)
def test_pieces_kept_from_earlier_results_are_the_right_ones(
    earlier: list[dict[str, object]], case: dict[str, object], lang: str
) -> None:
    """A result written after others, reusing the pieces they left (a rule with the statuses
    below it, a question, a citation list), is byte for byte the result written from nothing."""
    result = screen(PATHWAYS, case, AS_OF)  # type: ignore[arg-type]
    for other in earlier:
        screening_bytes(screen(PATHWAYS, other, AS_OF), lang)  # type: ignore[arg-type]
    warm = screening_bytes(result, lang)  # type: ignore[arg-type]
    report._PIECES.clear()
    report._MEMO.clear()
    cold = screening_bytes(result, lang)  # type: ignore[arg-type]
    assert warm == cold
    assert screening_bytes(result, lang) == cold  # type: ignore[arg-type]


def test_the_piece_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache of pieces is emptied when full, and results stay right across the emptying."""
    monkeypatch.setattr(report, "_PIECES_LIMIT", 50)
    result = screen(PATHWAYS, {"relationship.same_sex": True}, AS_OF)
    first = screening_bytes(result, "en")
    assert len(report._PIECES) <= 50
    assert screening_bytes(result, "en") == first
    assert screening_bytes(result, "ja") != first
    assert len(report._PIECES) <= 50
