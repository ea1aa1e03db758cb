"""The JSON API: screen a case given as facts, and list the facts a case may give.

The result is the documented `ScreeningOut` model (`docs/screening.schema.json`). Bad input is a
422 response listing every problem, each naming the fact and the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from zairyu.engine.case import CaseError, parse_case
from zairyu.engine.screen import screen
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS
from zairyu.report import ChoiceOut, ScreeningOut, screening_bytes

FactValue = bool | int | str | None


class ScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    facts: dict[str, FactValue] = Field(
        description="fact name → value; dates as YYYY-MM-DD; null or 'unknown' for unknown",
        examples=[{"relationship.same_sex": True, "applicant.nationality": "FR"}],
    )
    as_of: dt.date | None = Field(
        default=None, description="evaluate the law of this date; default: today in Japan"
    )
    lang: Literal["ja", "en"] = "en"
    what_ifs: bool = True
    explanation: Literal["full", "requirements"] = Field(
        default="full",
        description="full: every requirement with the rules it is made of (children);"
        " requirements: the pathway's requirements with their status and sources, children"
        " left empty, for clients that need outcomes and reasons but not the whole tree"
        " (smaller, and quicker to make)",
    )


class ProblemOut(BaseModel):
    fact: str
    message: str


class ProblemsOut(BaseModel):
    problems: list[ProblemOut] = Field(
        default_factory=list, description="the case's problems, each naming the fact"
    )
    detail: list[dict[str, Any]] | None = Field(
        default=None,
        description="instead, for a malformed request: FastAPI's errors (loc, msg, type)",
    )


class FactOut(BaseModel):
    name: str
    type: str
    question: str
    help: str
    choices: list[ChoiceOut]
    minimum: int | None
    maximum: int | None


def router(today: Callable[[], dt.date]) -> APIRouter:
    api = APIRouter(prefix="/api/v1", tags=["screening"])

    @api.post(
        "/screen",
        response_model=ScreeningOut,
        responses={422: {"model": ProblemsOut, "description": "the case has problems"}},
    )
    async def screen_case(request: ScreenRequest) -> Response:
        # async: screening is a few milliseconds of pure computation with no I/O, cheaper run
        # on the event loop than handed to a worker thread and back.
        as_of = request.as_of or today()
        try:
            case = parse_case(request.facts, FACTS, CONSTRAINTS, as_of)
        except CaseError as error:
            problems = ProblemsOut(
                problems=[ProblemOut(fact=p.fact, message=p.message) for p in error.problems]
            )
            return JSONResponse(problems.model_dump(), status_code=422)
        result = screen(PATHWAYS, case, as_of, with_what_ifs=request.what_ifs)
        # Written as the JSON the models validate elsewhere: building and validating ~1,000
        # model objects would take ten times as long as the screening itself. The
        # response_model above still documents the result, and the tests check the two agree.
        return Response(
            screening_bytes(result, request.lang, sub_rules=request.explanation == "full"),
            media_type="application/json",
        )

    @api.get("/facts", response_model=list[FactOut])
    def facts(lang: Annotated[Literal["ja", "en"], Query()] = "en") -> list[FactOut]:
        return [
            FactOut(
                name=f.name,
                type=f.type.value,
                question=f.question(lang),
                help=f.help(lang),
                choices=[ChoiceOut(value=c.value, label=c.label(lang)) for c in f.choices],
                minimum=f.minimum,
                maximum=f.maximum,
            )
            for f in FACTS
        ]

    return api
