"""Screening tables: bad input names the column and row; missing columns are unknown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from zairyu.cli import read_case
from zairyu.engine.batch import BatchInputError, screen_frame
from zairyu.law.pathways import FACTS, PATHWAYS

from .conftest import AS_OF

PATHWAY = "same_sex_spouse_designated_activities"
# The shipped example case, read the way a user's case file is read.
ROW = read_case(Path(__file__).parent.parent / "examples" / "same-sex-spouses.yaml", AS_OF)


def test_a_table_gives_the_same_outcomes_as_single_cases() -> None:
    frame = pl.DataFrame(
        [
            ROW,
            {**ROW, "partner.nationality": "JP", "partner.status": None},
            {**ROW, "relationship.kind": "registered_partnership"},
        ]
    )
    result = screen_frame(frame, PATHWAYS, FACTS, AS_OF)
    assert result.get_column(PATHWAY).to_list() == ["eligible", "not_eligible", "discretionary"]


def test_a_missing_column_is_unknown_not_false() -> None:
    frame = pl.DataFrame([{k: v for k, v in ROW.items() if k != "household.supported_by_partner"}])
    assert screen_frame(frame, PATHWAYS, FACTS, AS_OF).get_column(PATHWAY).to_list() == [
        "undetermined"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"applicant.nationality": "XZ"},
            "column applicant.nationality, row 1: 'XZ' is not an allowed value",
        ),
        (
            {"partner.status": "astronaut"},
            "column partner.status, row 1: 'astronaut' is not an allowed value",
        ),
        (
            {"relationship.date": dt.date(2030, 1, 1)},
            "column relationship.date, row 1: 2030-01-01 is after the evaluation date",
        ),
    ],
)
def test_bad_values_name_the_column_and_row(change: dict[str, object], message: str) -> None:
    frame = pl.DataFrame([ROW, {**ROW, **change}])
    with pytest.raises(BatchInputError, match=message):
        screen_frame(frame, PATHWAYS, FACTS, AS_OF)


def test_unknown_columns_and_wrong_types_are_refused() -> None:
    with pytest.raises(BatchInputError, match="columns that are not facts: shoe_size"):
        screen_frame(pl.DataFrame([{**ROW, "shoe_size": 42}]), PATHWAYS, FACTS, AS_OF)
    with pytest.raises(BatchInputError, match="cannot be read as its fact's type"):
        screen_frame(
            pl.DataFrame([{**ROW, "relationship.same_sex": "perhaps"}]), PATHWAYS, FACTS, AS_OF
        )
