"""The web interview through HTTP (FastAPI's test client against the real app and a real SQLite
database): the question flow, every kind of bad input, expiry, deletion, encryption at rest,
headers and the JSON API. The real-browser journeys are in tests/browser/."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zairyu.engine.screen import screen
from zairyu.law.pathways import FACTS, PATHWAYS
from zairyu.report import ScreeningOut
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import FormSigner, token_id
from zairyu.web.forms import read_answer
from zairyu.web.interview import Interview

AS_OF = dt.date(2026, 11, 22)
TOKEN_FIELD = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def client(data_dir: Path) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=data_dir, as_of=AS_OF))
    with TestClient(app, headers={"accept-language": "en"}) as test_client:
        yield test_client


def _form_token(html: str) -> str:
    found = TOKEN_FIELD.search(html)
    assert found, "the page has no form token"
    return found.group(1)


def _h1(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def _start(client: TestClient) -> tuple[str, str]:
    """A new interview: its token and the path of its first question."""
    home = client.get("/")
    response = client.post("/start", data={"form_token": _form_token(home.text)})
    assert response.status_code == 200
    path = response.url.path
    token = path.split("/")[2]
    return token, path


def _answer(client: TestClient, token: str, fact: str, **fields: str) -> object:
    page = client.get(f"/i/{token}/q/{fact}")
    return client.post(
        f"/i/{token}/q/{fact}", data={"form_token": _form_token(page.text), **fields}
    )


def _saved(client: TestClient, token: str) -> Interview:
    store = client.app.state.store  # type: ignore[attr-defined]
    return store.load(token, "test")  # type: ignore[no-any-return]


# --- Pages and language -------------------------------------------------------------------


def test_start_page_says_what_it_does_in_the_browser_language(client: TestClient) -> None:
    english = client.get("/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    assert "Check your options to stay in Japan" in english.text
    assert "not legal advice" in english.text
    japanese = client.get("/", headers={"accept-language": "ja,en;q=0.5"})
    assert '<html lang="ja">' in japanese.text
    assert "日本に在留するための選択肢を確認する" in japanese.text


def test_language_switch_is_remembered_and_only_redirects_within_the_site(
    client: TestClient,
) -> None:
    response = client.get("/language/ja?next=/deleted", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/deleted"
    assert '<html lang="ja">' in client.get("/").text
    for hostile in ("//evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        away = client.get("/language/en", params={"next": hostile}, follow_redirects=False)
        assert away.headers["location"] == "/"
    assert '<html lang="en">' in client.get("/").text


def test_every_page_sends_protective_headers(client: TestClient) -> None:
    _token, path = _start(client)
    page = client.get(path)
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert "/static/zairyu.css" in page.text
    assert "http://" not in page.text.replace("http://testserver", "")
    assert client.get("/static/zairyu.css").status_code == 200


# --- The question flow ----------------------------------------------------------------------


def test_first_question_is_the_engines_top_question(client: TestClient) -> None:
    _token, path = _start(client)
    expected = screen(PATHWAYS, {}, AS_OF, with_what_ifs=False).questions[0].fact
    assert path.endswith(f"/q/{expected.name}")
    page = client.get(path)
    assert _h1(page.text) == expected.question("en")
    assert "I don&#39;t know" in page.text or "I don't know" in page.text


def test_answering_moves_to_a_question_that_can_still_change_an_outcome(
    client: TestClient,
) -> None:
    token, _path = _start(client)
    response = _answer(client, token, "applicant.nationality", answer="FR")
    assert response.status_code == 200  # type: ignore[attr-defined]
    asked = response.url.path.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    case = {"applicant.nationality": "FR"}
    ranked = [q.fact.name for q in screen(PATHWAYS, case, AS_OF, with_what_ifs=False).questions]
    assert asked == ranked[0] != "applicant.nationality"
    assert _saved(client, token).answers == {"applicant.nationality": "FR"}


def test_i_dont_know_to_everything_ends_at_check_your_answers_without_repeats(
    client: TestClient,
) -> None:
    token, path = _start(client)
    asked: list[str] = []
    while "/q/" in path:
        fact = path.rsplit("/", 1)[1]
        assert fact not in asked, f"{fact} asked twice"
        asked.append(fact)
        # every question asked could still change an outcome
        known = _saved(client, token).case(AS_OF)
        frontier = {q.fact.name for q in screen(PATHWAYS, known, AS_OF).questions}
        assert fact in frontier
        page = client.get(path)
        response = client.post(path, data={"form_token": _form_token(page.text), "dont_know": "1"})
        path = response.url.path
        assert len(asked) <= len(FACTS)
    assert path == f"/i/{token}/check"
    assert set(_saved(client, token).answers) == set(asked)
    assert all(v is None for v in _saved(client, token).answers.values())
    results = client.get(f"/i/{token}/results")
    assert results.status_code == 200
    assert results.text.count('class="card card--undetermined"') == len(PATHWAYS)
    assert "Legal help" in results.text


def test_a_yes_no_answer_is_saved_as_a_boolean_and_shown_on_check_your_answers(
    client: TestClient,
) -> None:
    token, _ = _start(client)
    _answer(client, token, "relationship.same_sex", answer="yes")
    assert _saved(client, token).answers["relationship.same_sex"] is True
    check = client.get(f"/i/{token}/check")
    assert "Are you and your partner of the same legal sex?" in check.text
    assert f'href="/i/{token}/q/relationship.same_sex?change=1"' in check.text
    assert f"/i/{token}" in check.text  # the private link


def test_changing_an_answer_returns_to_check_your_answers_when_nothing_new_is_needed(
    client: TestClient,
) -> None:
    token, _ = _start(client)
    for fact in FACTS:  # answer "I don't know" to everything first
        interview = _saved(client, token)
        interview.record(fact.name, None)
        client.app.state.store.save(token, interview)  # type: ignore[attr-defined]
    page = client.get(f"/i/{token}/q/applicant.in_japan?change=1")
    assert f'href="/i/{token}/check"' in page.text  # back goes to the check page
    response = client.post(
        f"/i/{token}/q/applicant.in_japan",
        data={"form_token": _form_token(page.text), "answer": "yes", "change": "1"},
    )
    assert response.url.path in (f"/i/{token}/check", f"/i/{token}/q/applicant.in_japan")
    assert _saved(client, token).answers["applicant.in_japan"] is True


def test_a_second_nationality_is_forgotten_when_the_person_says_they_have_none() -> None:
    interview = Interview()
    interview.record("applicant.has_other_nationality", True)
    interview.record("applicant.other_nationality", "BR")
    interview.record("applicant.has_other_nationality", False)
    assert "applicant.other_nationality" not in interview.answers
    assert "applicant.other_nationality" not in interview.asked


# --- Bad input: a message on the same page, and nothing lost ---------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"day": "31", "month": "2", "year": "2020"}, "day", "that day does not exist"),
        ({"day": "1", "month": "13", "year": "2020"}, "month", "that day does not exist"),
        ({"day": "1", "month": "", "year": "2020"}, "month", "must include a month"),
        ({"day": "x", "month": "2", "year": "2020"}, "day", "using digits"),
        ({"day": "1", "month": "2", "year": "20"}, "year", "4 digits"),
        ({"day": "1", "month": "2", "year": "1850"}, "year", "from 1900"),
        ({"day": "1", "month": "1", "year": "2027"}, "day", "today or in the past"),
        ({"day": "", "month": "", "year": ""}, "day", "Enter a date"),
    ],
)
def test_a_bad_date_is_refused_with_its_reason_and_the_typed_values_kept(
    client: TestClient, fields: dict[str, str], field: str, message: str
) -> None:
    token, _ = _start(client)
    response = _answer(client, token, "relationship.date", **fields)
    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert "<title>Error:" in html
    assert 'class="error-summary"' in html
    assert f'href="#{field}"' in html
    assert message in html
    for name, value in fields.items():
        if value:
            assert (
                f'name="{name}" type="text" inputmode="numeric" autocomplete="off" value="{value}"'
                in html
            )
    assert "relationship.date" not in _saved(client, token).answers


def test_a_number_out_of_range_is_refused_and_kept(client: TestClient) -> None:
    token, _ = _start(client)
    fact = "permanent_residence.period_of_stay_years"
    response = _answer(client, token, fact, answer="9")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Enter a number of 5 or less" in response.text  # type: ignore[attr-defined]
    assert 'value="9"' in response.text  # type: ignore[attr-defined]
    negative = _answer(client, token, fact, answer="-1")
    assert "Enter a number of 0 or more" in negative.text  # type: ignore[attr-defined]
    words = _answer(client, token, fact, answer="three")
    assert "using digits" in words.text  # type: ignore[attr-defined]
    full_width = _answer(client, token, fact, answer="３")
    assert full_width.status_code == 200  # type: ignore[attr-defined]
    assert _saved(client, token).answers[fact] == 3


@pytest.mark.parametrize(
    ("fact", "value"),
    [
        ("relationship.same_sex", "maybe"),
        ("relationship.kind", "polyamory"),
        ("applicant.nationality", "ZZ"),
        ("applicant.status", "astronaut"),
    ],
)
def test_a_tampered_choice_is_refused(client: TestClient, fact: str, value: str) -> None:
    token, _ = _start(client)
    response = _answer(client, token, fact, answer=value)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "There is a problem" in response.text  # type: ignore[attr-defined]
    assert fact not in _saved(client, token).answers


def test_a_nothing_selected_answer_asks_for_one(client: TestClient) -> None:
    token, _ = _start(client)
    response = _answer(client, token, "relationship.same_sex")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Select yes or no" in response.text  # type: ignore[attr-defined]


def test_a_tampered_form_token_saves_nothing_and_keeps_the_answer(client: TestClient) -> None:
    token, _ = _start(client)
    page = client.get(f"/i/{token}/q/relationship.same_sex")
    forged = _form_token(page.text)[:-2] + "00"
    response = client.post(
        f"/i/{token}/q/relationship.same_sex", data={"form_token": forged, "answer": "no"}
    )
    assert response.status_code == 409
    assert "was not saved" in response.text
    assert re.search(r'value="no" id="[^"]+" checked', response.text)
    assert "relationship.same_sex" not in _saved(client, token).answers


def test_a_form_for_another_question_is_refused(client: TestClient) -> None:
    token, _ = _start(client)
    other = _form_token(client.get(f"/i/{token}/q/applicant.in_japan").text)
    response = client.post(
        f"/i/{token}/q/relationship.same_sex", data={"form_token": other, "answer": "yes"}
    )
    assert response.status_code == 409
    assert "relationship.same_sex" not in _saved(client, token).answers


def test_an_expired_form_keeps_the_answer_and_asks_to_continue_again(
    client: TestClient, data_dir: Path
) -> None:
    token, _ = _start(client)
    secret = (data_dir / "secret.key").read_bytes()
    stale = FormSigner(secret, 7200).sign(
        f"{token_id(token)}|relationship.date", now=time.time() - 3 * 3600
    )
    response = client.post(
        f"/i/{token}/q/relationship.date",
        data={"form_token": stale, "day": "15", "month": "6", "year": "2019"},
    )
    assert response.status_code == 409
    assert "open for more than 2 hours" in response.text
    assert 'value="15"' in response.text
    assert 'value="2019"' in response.text
    fresh = _form_token(response.text)
    saved = client.post(
        f"/i/{token}/q/relationship.date",
        data={"form_token": fresh, "day": "15", "month": "6", "year": "2019"},
    )
    assert saved.status_code == 200
    assert _saved(client, token).answers["relationship.date"] == "2019-06-15"


def test_contradictory_answers_are_refused_with_the_reason(client: TestClient) -> None:
    token, _ = _start(client)
    _answer(client, token, "applicant.nationality", answer="FR")
    _answer(client, token, "applicant.has_other_nationality", answer="yes")
    response = _answer(client, token, "applicant.other_nationality", answer="FR")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "contradicts an earlier answer" in response.text  # type: ignore[attr-defined]
    assert "the same as the first" in response.text  # type: ignore[attr-defined]
    assert "applicant.other_nationality" not in _saved(client, token).answers


def test_an_expired_interview_says_so_and_carries_the_answer_into_a_new_one(
    client: TestClient, data_dir: Path
) -> None:
    token, _ = _start(client)
    page = client.get(f"/i/{token}/q/relationship.same_sex")
    with sqlite3.connect(data_dir / "zairyu.sqlite3") as db:
        db.execute("UPDATE interviews SET updated_at = '2000-01-01 00:00:00.000000'")
    response = client.post(
        f"/i/{token}/q/relationship.same_sex",
        data={"form_token": _form_token(page.text), "answer": "yes"},
    )
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert 'name="carry_question" value="relationship.same_sex"' in response.text
    assert 'name="answer" value="yes"' in response.text
    carried = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', response.text))
    restarted = client.post("/start", data=carried)
    new_token = restarted.url.path.split("/")[2]
    assert new_token != token
    assert _saved(client, new_token).answers == {"relationship.same_sex": True}
    assert client.get(f"/i/{token}/check").status_code == 410


def test_an_unknown_question_or_link_is_not_found(client: TestClient) -> None:
    token, _ = _start(client)
    assert client.get(f"/i/{token}/q/no.such_fact").status_code == 404
    assert client.get("/i/not-a-real-token/check").status_code == 410
    assert client.get("/nowhere").status_code == 404


# --- Results, deletion, storage ---------------------------------------------------------------


def test_results_show_one_card_per_pathway_with_linked_official_sources(
    client: TestClient,
) -> None:
    token, _ = _start(client)
    for fact, value in {
        "applicant.nationality": "FR",
        "applicant.has_other_nationality": "no",
        "partner.nationality": "DE",
        "partner.has_other_nationality": "no",
        "relationship.has_partner": "yes",
        "relationship.same_sex": "yes",
        "relationship.kind": "marriage",
        "household.living_together": "yes",
        "partner.status": "engineer_humanities_international",
        "household.supported_by_partner": "yes",
    }.items():
        response = _answer(client, token, fact, answer=value)
        assert response.status_code == 200, (fact, response.text[:500])  # type: ignore[attr-defined]
    _answer(client, token, "relationship.date", day="15", month="6", year="2019")
    results = client.get(f"/i/{token}/results")
    assert results.status_code == 200
    assert results.text.count('<section class="card card--') == len(PATHWAYS)
    same_sex = re.search(
        r'<section class="card card--(\w+)" id="same_sex_spouse_designated_activities"',
        results.text,
    )
    assert same_sex, "no card for the same-sex spouse pathway"
    assert same_sex.group(1) == "eligible"
    assert 'href="https://www.moj.go.jp/' in results.text
    assert "Reasons you may qualify" in results.text
    japanese = client.get(f"/i/{token}/results", headers={"accept-language": "ja"})
    assert "要件を満たす可能性がある理由" in japanese.text
    assert "年" in re.search(r"時点の法令", japanese.text).string  # type: ignore[union-attr]


def test_delete_my_answers_removes_them_and_the_link_stops_working(
    client: TestClient, data_dir: Path
) -> None:
    token, _ = _start(client)
    _answer(client, token, "relationship.same_sex", answer="yes")
    confirm = client.get(f"/i/{token}/delete")
    assert confirm.status_code == 200
    refused = client.post(f"/i/{token}/delete", data={"form_token": "1.forged"})
    assert refused.status_code == 409
    assert _saved(client, token).answers  # nothing deleted by a forged form
    done = client.post(f"/i/{token}/delete", data={"form_token": _form_token(confirm.text)})
    assert done.url.path == "/deleted"
    assert client.get(f"/i/{token}/results").status_code == 410
    with sqlite3.connect(data_dir / "zairyu.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM interviews").fetchone() == (0,)


def test_answers_are_encrypted_at_rest_and_the_token_is_not_stored(
    client: TestClient, data_dir: Path
) -> None:
    token, _ = _start(client)
    _answer(client, token, "relationship.date", day="15", month="6", year="2019")
    _answer(client, token, "relationship.same_sex", answer="yes")
    raw = (data_dir / "zairyu.sqlite3").read_bytes()
    for secret_text in (b"2019-06-15", b"relationship.same_sex", token.encode()):
        assert secret_text not in raw
    with sqlite3.connect(data_dir / "zairyu.sqlite3") as db:
        ids = [row[0] for row in db.execute("SELECT id FROM interviews")]
        actions = {row[0] for row in db.execute("SELECT action FROM audit_log")}
    assert ids == [token_id(token)]
    assert {"create", "read", "answer"} <= actions


def test_stored_answers_that_were_altered_are_not_read(client: TestClient, data_dir: Path) -> None:
    token, _ = _start(client)
    _answer(client, token, "relationship.same_sex", answer="yes")
    with sqlite3.connect(data_dir / "zairyu.sqlite3") as db:
        (blob,) = db.execute("SELECT answers FROM interviews").fetchone()
        tampered = blob[:-1] + bytes([blob[-1] ^ 1])
        db.execute("UPDATE interviews SET answers = ?", (tampered,))
    assert client.get(f"/i/{token}/check").status_code == 410


# --- Form reading -------------------------------------------------------------------------------


def test_full_width_digits_in_a_date_are_read() -> None:
    answer = read_answer(
        FACTS["relationship.date"], {"year": "２０１９", "month": "６", "day": "１５"}, AS_OF, "ja"
    )
    assert answer.ok
    assert answer.value == "2019-06-15"


def test_japanese_error_messages() -> None:
    answer = read_answer(
        FACTS["relationship.date"], {"year": "2020", "month": "2", "day": "31"}, AS_OF, "ja"
    )
    assert answer.errors == {"day": "実在する日付を入力してください（その日は存在しません）"}


# --- JSON API -------------------------------------------------------------------------------------


def test_api_screens_a_case_and_lists_every_problem_of_a_bad_one(client: TestClient) -> None:
    good = client.post(
        "/api/v1/screen",
        json={"facts": {"applicant.nationality": "FR"}, "as_of": "2026-11-22", "lang": "ja"},
    )
    assert good.status_code == 200
    body = good.json()
    assert body["lang"] == "ja"
    assert len(body["pathways"]) == len(PATHWAYS)
    bad = client.post(
        "/api/v1/screen",
        json={"facts": {"relationship.date": "2023-02-30", "applicant.nationality": "ZZ"}},
    )
    assert bad.status_code == 422
    problems = {p["fact"] for p in bad.json()["problems"]}
    assert problems == {"relationship.date", "applicant.nationality"}
    malformed = client.post("/api/v1/screen", json={"facts": [], "as_of": "yesterday"})
    assert malformed.status_code == 422
    facts = client.get("/api/v1/facts", params={"lang": "ja"}).json()
    assert len(facts) == len(FACTS)
    assert all(f["question"] for f in facts)


def test_api_requirements_only_keeps_outcomes_and_reasons_without_the_tree(
    client: TestClient,
) -> None:
    case = {"facts": {"applicant.nationality": "FR", "relationship.same_sex": True}}
    full = client.post("/api/v1/screen", json=case).json()
    short = client.post("/api/v1/screen", json={**case, "explanation": "requirements"}).json()
    assert any(r["children"] for p in full["pathways"] for r in p["requirements"])
    assert all(not r["children"] for p in short["pathways"] for r in p["requirements"])
    for long_one, short_one in zip(full["pathways"], short["pathways"], strict=True):
        assert short_one["outcome"] == long_one["outcome"]
        assert [(r["id"], r["status"], r["citations"]) for r in short_one["requirements"]] == [
            (r["id"], r["status"], r["citations"]) for r in long_one["requirements"]
        ]
        cited = {c for r in short_one["requirements"] for c in r["citations"]}
        assert cited <= {c["id"] for c in short_one["citations"]}
    ScreeningOut.model_validate(short)
    wrong = client.post("/api/v1/screen", json={**case, "explanation": "some"})
    assert wrong.status_code == 422


# --- Choosing what to check --------------------------------------------------------------------


def test_choosing_one_pathway_asks_only_its_questions(client: TestClient) -> None:
    home = client.get("/")
    assert home.text.count('type="checkbox" name="pathway"') == len(PATHWAYS)
    response = client.post(
        "/start",
        data={"form_token": _form_token(home.text), "choosing": "1", "pathway": "provisional_stay"},
    )
    token = response.url.path.split("/")[2]
    only = [p for p in PATHWAYS if p.id == "provisional_stay"]
    first = screen(only, {}, AS_OF, with_what_ifs=False).questions[0].fact.name
    assert response.url.path == f"/i/{token}/q/{first}"
    assert _saved(client, token).pathways == ["provisional_stay"]
    _answer(client, token, first, dont_know="1")
    assert _saved(client, token).pathways == ["provisional_stay"]  # answering keeps the choice
    results = client.get(f"/i/{token}/results")
    assert results.text.count('<section class="card card--') == 1


def test_choosing_nothing_is_refused_with_a_message(client: TestClient) -> None:
    home = client.get("/")
    response = client.post("/start", data={"form_token": _form_token(home.text), "choosing": "1"})
    assert response.status_code == 400
    assert "Select at least one thing to check" in response.text
    assert 'href="#pathway"' in response.text
    assert "checked" not in response.text


def test_the_choice_can_be_changed_later(client: TestClient) -> None:
    token, _ = _start(client)
    page = client.get(f"/i/{token}/pathways")
    assert page.text.count(" checked") == len(PATHWAYS)
    none = client.post(f"/i/{token}/pathways", data={"form_token": _form_token(page.text)})
    assert none.status_code == 400
    forged = client.post(
        f"/i/{token}/pathways", data={"form_token": "1.x", "pathway": "refugee_recognition"}
    )
    assert forged.status_code == 409
    assert 'value="refugee_recognition"' in forged.text
    saved = client.post(
        f"/i/{token}/pathways",
        data={"form_token": _form_token(page.text), "pathway": ["refugee_recognition", "nope"]},
    )
    assert saved.status_code == 200
    assert _saved(client, token).pathways == ["refugee_recognition"]
