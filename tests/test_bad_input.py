"""Bad input to every route of the web app gets a 4xx answer that says something, never a 500,
and writes nothing.

Every route in `app.routes` is sent wrong methods, odd path parameters (``%00``, ``..``, very
long tokens, invalid UTF-8), garbage and huge form bodies, invalid JSON, wrong types and unknown
fields. Afterwards the `interviews` table is exactly as it was and the audit log has at most
access records of the one legitimate interview (reading an interview is logged, even when the
request then fails).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.routing import Mount, Route

from zairyu.audit import AuditEntry
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import token_id
from zairyu.web.store import LINK_HOLDER, InterviewRow

AS_OF = dt.date(2026, 11, 22)
TOKEN_FIELD = re.compile(r'name="form_token" value="([^"]+)"')
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PARAMETER = re.compile(r"{([^}:]+)(?::[^}]+)?}")
ODD_VALUES = (
    "%00",
    "..",
    "%2e%2e",
    "..%2f..%2fetc%2fpasswd",
    "%ff%fe",
    "x" * 5000,
    "%20",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "'%3B%20DROP%20TABLE%20interviews%3B--",
    "%E5%9C%A8%E7%95%99",
    "-1",
    "99999999999999999999999999",
)
# The audit actions a failed request may still record: reading the interview is an access.
ACCESS_ACTIONS = {"read", "answer", "results", "pdf", "calendar"}


def _routes() -> list[tuple[str, tuple[str, ...]]]:
    """(path, methods) of every route of the app, read from a throwaway instance."""
    with tempfile.TemporaryDirectory() as directory:
        app = create_app(Settings(data_dir=Path(directory), as_of=AS_OF))
        app.state.store.engine.dispose()
        return _flatten(app.routes)


def _flatten(routes: Iterable[object], prefix: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """Every route, with the routes of included routers (FastAPI keeps those apart)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            found += _flatten(included.routes, prefix + str(getattr(context, "prefix", "")))
        elif isinstance(route, APIRoute | Route):
            found.append((prefix + route.path, tuple(sorted(route.methods or ()))))
        elif isinstance(route, Mount):
            found.append((prefix + route.path + "/{path}", ("GET",)))
        else:
            raise AssertionError(f"a route of an unknown kind: {route!r}")
    return found


ROUTES = _routes()


@dataclass
class Findings:
    server_errors: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)


@dataclass
class Harness:
    app: FastAPI
    client: TestClient
    token: str  # a legitimate interview, started before the bad requests
    question: str  # the path of its first question
    findings: Findings = field(default_factory=Findings)

    def send(self, method: str, url: str, **options: Any) -> None:
        """Sends one request; records a 500 (with its traceback) or a 4xx without a message."""
        described = f"{method} {url[:200]}{'…' if len(url) > 200 else ''}"
        for key in ("data", "content", "json", "files", "params", "headers"):
            if key in options:
                described += f" {key}={_short(options[key])}"
        try:
            response = self.client.request(method, url, follow_redirects=False, **options)
        except Exception:
            self.findings.server_errors.append(f"{described}\n{traceback.format_exc()}")
            return
        if response.status_code >= 500:
            self.findings.server_errors.append(
                f"{described}\n-> {response.status_code}: {response.text[:500]}"
            )
        elif 300 <= response.status_code < 400:
            if not response.headers.get("location"):
                self.findings.silent.append(f"{described} -> {response.status_code}, no location")
        elif (
            response.status_code >= 400
            and method != "HEAD"
            and not _says_something(response.text, response.headers.get("content-type", ""))
        ):
            self.findings.silent.append(
                f"{described} -> {response.status_code} with the body {response.text[:200]!r}"
            )


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:160] + "…"


def _says_something(body: str, content_type: str) -> bool:
    if "json" in content_type:
        try:
            parsed = json.loads(body)
        except ValueError:
            return False
        return bool(parsed) and isinstance(parsed, dict)
    if "html" in content_type:
        return bool(re.search(r"<h1[^>]*>\s*\S", body))
    return bool(body.strip())


def _form_token(html: str) -> str:
    found = TOKEN_FIELD.search(html)
    assert found, "the page has no form token"
    return found.group(1)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    app = create_app(Settings(data_dir=tmp_path / "data", as_of=AS_OF))
    with TestClient(app, headers={"accept-language": "en"}, raise_server_exceptions=True) as client:
        started = client.post("/start", data={"form_token": _form_token(client.get("/").text)})
        assert started.status_code == 200
        path = started.url.path
        yield Harness(app, client, path.split("/")[2], path)
    app.state.store.engine.dispose()


def _snapshot(app: FastAPI) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with Session(app.state.store.engine) as session:
        interviews = [
            tuple(row)
            for row in session.execute(
                select(
                    InterviewRow.id,
                    InterviewRow.answers,
                    InterviewRow.created_at,
                    InterviewRow.updated_at,
                ).order_by(InterviewRow.id)
            )
        ]
        audit = [
            tuple(row)
            for row in session.execute(
                select(
                    AuditEntry.seq, AuditEntry.actor, AuditEntry.action, AuditEntry.subject
                ).order_by(AuditEntry.seq)
            )
        ]
    return interviews, audit


# --- What to send -----------------------------------------------------------------------------


def _fill(path: str, values: dict[str, str]) -> str:
    return PARAMETER.sub(lambda match: values.get(match.group(1), "x"), path)


def _paths(harness: Harness, template: str) -> list[str]:
    """The route's path with odd parameters; with the real token and an odd other parameter;
    and with an odd token and a real other parameter."""
    names = PARAMETER.findall(template)
    if not names:
        return [template]
    real = {"token": harness.token, "name": "applicant.nationality", "lang": "en", "path": "x.css"}
    paths = [_fill(template, dict.fromkeys(names, odd)) for odd in ODD_VALUES]
    for odd in ODD_VALUES:
        for name in names:
            if len(names) > 1 or name == "token":
                values = {n: real.get(n, "x") for n in names} | {name: odd}
                paths.append(_fill(template, values))
    if "token" in names:
        paths.append(_fill(template, {**real, "token": "A" * 60_000}))
    return paths


FORM_BODIES: list[dict[str, Any]] = [
    {"data": {}},
    {
        "content": b"\xff\xfe\x00garbage=%%%&&&=",
        "headers": {"content-type": "application/x-www-form-urlencoded"},
    },
    {
        "content": b"--boundary\r\nbroken",
        "headers": {"content-type": "multipart/form-data; boundary=boundary"},
    },
    {"content": b"{not json", "headers": {"content-type": "application/json"}},
    {"content": b"\x00" * 1000, "headers": {"content-type": "application/octet-stream"}},
    {"data": {"form_token": "x" * 1_000_000, "answer": "9" * 1_000_000}},
    {"data": {"form_token": "1.abc", "answer": "yes", "pathway": ["nope", "%00"], "refine": "1"}},
    {"data": {"form_token": "99999999999999999999.00", "answer": "\x00", "change": "1"}},
    {"data": {"form_token": "", "day": "-1", "month": "13", "year": "99999999999999999999"}},
    {"data": {"form_token": "", "carry_question": "applicant.nationality", "answer": "%00"}},
    {"data": {f"field{i}": "x" for i in range(1500)}},
    {"files": {"answer": ("answer.txt", b"yes", "text/plain"), "form_token": ("t", b"1.x")}},
]
JSON_BODIES: list[dict[str, Any]] = [
    {"content": b"{not json", "headers": {"content-type": "application/json"}},
    {"content": b"", "headers": {"content-type": "application/json"}},
    {"content": b"\xff\xfe", "headers": {"content-type": "application/json"}},
    {"json": None},
    {"json": []},
    {"json": "facts"},
    {"json": {}},
    {"json": {"facts": []}},
    {"json": {"facts": {"applicant.nationality": ["FR"]}}},
    {"json": {"facts": {"no.such.fact": 1}}},
    {"json": {"facts": {}, "unknown": 1}},
    {"json": {"facts": {}, "lang": "xx"}},
    {"json": {"facts": {}, "as_of": "2026-02-30"}},
    {"json": {"facts": {}, "as_of": "9999-12-31"}},
    {"json": {"facts": {}, "as_of": "0001-01-01"}},
    {"json": {"facts": {}, "what_ifs": "perhaps"}},
    {"json": {"facts": {"applicant.nationality": "x" * 1_000_000}}},
    {"json": {"facts": {"applicant.nationality": 10**400}}},
    {"json": {"facts": {"applicant.nationality": "\x00"}}},
    {"data": {"facts": "x"}},
]
QUERIES: list[dict[str, str]] = [
    {"refine": "abc", "change": "99999999999999999999999"},
    {"refine": "-1", "change": "1"},
    {"next": "//evil.example/%00"},
    {"next": "\x00"},
    {"lang": "xx"},
    {"lang": "\x00" * 10},
    {"x": "y" * 60_000},
]


def _fact_dates(harness: Harness) -> list[dict[str, Any]]:
    """Date facts with extreme values, through the JSON API."""
    from zairyu.engine.facts import FactType
    from zairyu.law.pathways import FACTS

    bodies: list[dict[str, Any]] = []
    for fact in FACTS:
        if fact.type is FactType.DATE:
            for day in ("9999-12-31", "0001-01-01", "2026-13-01"):
                bodies.append({"json": {"facts": {fact.name: day}}})
        elif fact.type is FactType.INT:
            for number in (-(2**63), 2**63, 10**30):
                bodies.append({"json": {"facts": {fact.name: number}}})
    return bodies


def _exercise(harness: Harness, template: str, methods: tuple[str, ...]) -> None:
    paths = _paths(harness, template)
    for method in METHODS:
        if method not in methods and method != "OPTIONS":
            for path in paths[:3]:
                harness.send(method, path)
    for path in paths:
        for method in methods:
            if method != "HEAD":
                harness.send(method, path)
    if "GET" in methods:
        for path in paths[:4]:
            for query in QUERIES:
                harness.send("GET", path, params=query)
    if "POST" in methods:
        real = _fill(template, {"token": harness.token, "name": "applicant.nationality"})
        bodies = FORM_BODIES + (JSON_BODIES + _fact_dates(harness) if "api" in template else [])
        for path in dict.fromkeys([real, *paths[:4]]):  # each once
            for body in bodies:
                harness.send("POST", path, **body)
    if template.startswith("/i/{token}/q/"):
        # a question of the real interview, with a valid form token and bad answers
        page = harness.client.get(harness.question)
        for answer in (
            {"answer": "ZZ"},
            {"answer": "x" * 100_000},
            {"answer": "\x00"},
            {"year": "0", "month": "0", "day": "0"},
            {"year": "99999", "month": "12", "day": "31"},
            {"year": "1", "month": "1", "day": "1"},
            {"answer": "-99999999999999999999999999999"},
        ):
            harness.send(
                "POST", harness.question, data={"form_token": _form_token(page.text), **answer}
            )


# --- The tests --------------------------------------------------------------------------------


def test_the_route_list_is_complete(harness: Harness) -> None:
    assert sorted(_flatten(harness.app.routes)) == sorted(ROUTES)


@pytest.mark.parametrize(
    ("template", "methods"), ROUTES, ids=[f"{'|'.join(m)} {p}" for p, m in ROUTES]
)
def test_bad_input_gets_a_4xx_with_a_message_and_writes_nothing(
    harness: Harness, template: str, methods: tuple[str, ...]
) -> None:
    interviews_before, audit_before = _snapshot(harness.app)
    _exercise(harness, template, methods)
    interviews_after, audit_after = _snapshot(harness.app)

    found = harness.findings
    assert not found.server_errors, (
        f"{len(found.server_errors)} request(s) to {template} got a server error (500); the "
        "app must answer bad input with a 4xx:\n\n" + "\n\n".join(found.server_errors[:5])
    )
    assert not found.silent, (
        f"{len(found.silent)} error response(s) from {template} say nothing:\n"
        + "\n".join(found.silent[:10])
    )
    assert interviews_after == interviews_before, f"bad input to {template} changed interviews"
    assert audit_after[: len(audit_before)] == audit_before
    legitimate = f"interview:{token_id(harness.token)}"
    for _seq, actor, action, subject in audit_after[len(audit_before) :]:
        wrote = f"bad input to {template} wrote the audit entry {action} {subject} by {actor}"
        assert (actor, subject) == (LINK_HOLDER, legitimate), wrote
        assert action in ACCESS_ACTIONS, wrote
