"""The case workbench on SQLite and on PostgreSQL (tests/storage_fixtures.py): the whole access
matrix, facts with provenance, the workflow, frozen determinations and their comparison,
encryption at rest, passwords and tokens, and the audit chain after all of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, inspect, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

import zairyu
from zairyu.audit import AuditEntry, audit_key, verify
from zairyu.storage import create_engine, migrate
from zairyu.workbench import service as wb
from zairyu.workbench.access import RULES, AccessDenied, Action, Role
from zairyu.workbench.cipher import AesGcmCipher, DecryptionError, field_context
from zairyu.workbench.models import Case, CaseFact, Person, User, new_id

AS_OF = dt.date(2026, 11, 22)
KEY = audit_key(b"s" * 32)
CIPHER = AesGcmCipher(bytes(range(32)))
NAME = "Quetzalcoatl Yamanaka-Okonkwo"
BIRTH = dt.date(1987, 3, 14)
NOTE = "Asylum narrative: fled Xanaduvia after the Zephyrine crackdown"
LANDED = "2011-04-27"  # a distinctive fact value (applicant.landed_on)
PASSWORD = "correct horse battery staple 9731"


@dataclass
class World:
    sessions: sessionmaker[Session]
    engine: Engine
    users: dict[str, str]  # name -> user id
    cases: dict[str, str]  # name -> case id
    organisations: dict[str, str]


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    engine = create_engine(database_url)
    migrate(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    users: dict[str, str] = {}
    cases: dict[str, str] = {}
    with wb.unit_of_work(sessions) as s:
        admin = wb.bootstrap_admin(s, KEY, "admin", PASSWORD)
        org_a = wb.create_organisation(s, admin, KEY, "NGO A").id
        org_b = wb.create_organisation(s, admin, KEY, "NGO B").id
        people = {
            "p1": wb.create_person(
                s, admin, CIPHER, KEY, organisation_id=org_a, name=NAME, birth_date=BIRTH
            ).id,
            "p2": wb.create_person(
                s, admin, CIPHER, KEY, organisation_id=org_a, name="P Two", birth_date=None
            ).id,
            "p3": wb.create_person(
                s, admin, CIPHER, KEY, organisation_id=org_b, name="P Three", birth_date=None
            ).id,
        }
        users["admin"] = admin.id
        for name, role, org, person in (
            ("caseworker", Role.CASEWORKER, org_a, None),
            ("colleague", Role.CASEWORKER, org_a, None),
            ("reviewer", Role.REVIEWER, org_a, None),
            ("client", Role.CLIENT, org_a, people["p1"]),
            ("caseworker_b", Role.CASEWORKER, org_b, None),
        ):
            users[name] = wb.create_user(
                s, admin, KEY, username=name, password=PASSWORD, role=role,
                organisation_id=org, person_id=person,
            ).id  # fmt: skip
        for name, person, assignee in (
            ("assigned", "p1", "caseworker"),
            ("unassigned", "p2", None),
            ("colleague", "p2", "colleague"),
            ("other_org", "p3", "caseworker_b"),
        ):
            cases[name] = wb.open_case(
                s, admin, CIPHER, KEY, person_id=people[person],
                assigned_user_id=users[assignee] if assignee else None,
            ).id  # fmt: skip
    yield World(sessions, engine, users, cases, {"a": org_a, "b": org_b})
    engine.dispose()


def _user(s: Session, world: World, name: str) -> User:
    user = s.get(User, world.users[name])
    assert user is not None
    return user


def _verify(world: World) -> None:
    with world.sessions() as s:
        assert verify(s, KEY) == []


# --- The access matrix ------------------------------------------------------------------------

COLUMNS = ("assigned", "unassigned", "colleague", "other_org")
# The case columns, for the caseworker and reviewer of organisation A and the client:
#   assigned:   org A, assigned to the caseworker; the client's own case
#   unassigned: org A, no one assigned
#   colleague:  org A, assigned to another caseworker of org A
#   other_org:  org B, assigned to org B's caseworker
# Y allowed, n refused (AccessDenied, audited as denied:<action>). For organisation.manage and
# user.manage the case does not matter; person.create and case.open act in the case's
# organisation, on the case's person.
MATRIX: dict[Action, dict[str, str]] = {
    #                            admin    caseworker  reviewer  client
    Action.ORGANISATION_MANAGE: {"admin": "YYYY", "caseworker": "nnnn", "reviewer": "nnnn", "client": "nnnn"},
    Action.USER_MANAGE:         {"admin": "YYYY", "caseworker": "nnnn", "reviewer": "nnnn", "client": "nnnn"},
    Action.PERSON_CREATE:       {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.CASE_OPEN:           {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.CASE_READ:           {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "YYYn", "client": "Ynnn"},
    Action.CASE_ASSIGN:         {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.CASE_TRANSITION:     {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.FACT_READ:           {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "YYYn", "client": "Ynnn"},
    Action.FACT_WRITE:          {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.DETERMINATION_READ:  {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "YYYn", "client": "Ynnn"},
    Action.DETERMINATION_WRITE: {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.DOCUMENT_READ:       {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "YYYn", "client": "Ynnn"},
    Action.DOCUMENT_WRITE:      {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.DEADLINE_READ:       {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "YYYn", "client": "Ynnn"},
    Action.DEADLINE_WRITE:      {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
    Action.NOTE_READ:           {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "YYYn", "client": "nnnn"},
    Action.NOTE_WRITE:          {"admin": "YYYY", "caseworker": "YYYn", "reviewer": "nnnn", "client": "nnnn"},
}  # fmt: skip


def _next_status(status: str) -> str:
    return next(s for s in wb.TRANSITIONS[status] if s != wb.CLOSED)


def _calls(s: Session, user: User, case: Case) -> dict[Action, Callable[[], object]]:
    c, k = CIPHER, KEY
    return {
        Action.ORGANISATION_MANAGE: lambda: wb.create_organisation(s, user, k, "NGO C"),
        Action.USER_MANAGE: lambda: wb.create_user(
            s,
            user,
            k,
            username=f"u{new_id()}",
            password=PASSWORD,
            role=Role.REVIEWER,
            organisation_id=case.organisation_id,
        ),
        Action.PERSON_CREATE: lambda: wb.create_person(
            s, user, c, k, organisation_id=case.organisation_id, name="New", birth_date=None
        ),
        Action.CASE_OPEN: lambda: wb.open_case(s, user, c, k, person_id=case.person_id),
        Action.CASE_READ: lambda: wb.get_case(s, user, c, k, case.id),
        Action.CASE_ASSIGN: lambda: wb.assign(s, user, c, k, case.id, case.assigned_user_id),
        Action.CASE_TRANSITION: lambda: wb.transition(
            s, user, c, k, case.id, _next_status(case.status)
        ),
        Action.FACT_READ: lambda: wb.fact_history(s, user, c, k, case.id),
        Action.FACT_WRITE: lambda: wb.set_fact(
            s, user, c, k, case.id, "applicant.criminal_record", False, as_of=AS_OF
        ),
        Action.DETERMINATION_READ: lambda: wb.list_determinations(s, user, c, k, case.id),
        Action.DETERMINATION_WRITE: lambda: wb.screen_case(s, user, c, k, case.id, AS_OF),
        Action.DOCUMENT_READ: lambda: wb.list_documents(s, user, c, k, case.id),
        Action.DOCUMENT_WRITE: lambda: wb.add_document(s, user, c, k, case.id, "Passport"),
        Action.DEADLINE_READ: lambda: wb.list_deadlines(s, user, c, k, case.id),
        Action.DEADLINE_WRITE: lambda: wb.add_deadline(s, user, c, k, case.id, AS_OF, "Renew"),
        Action.NOTE_READ: lambda: wb.list_notes(s, user, c, k, case.id),
        Action.NOTE_WRITE: lambda: wb.add_note(s, user, c, k, case.id, "a note"),
    }


def test_the_matrix_covers_every_role_and_action() -> None:
    assert set(MATRIX) == set(Action) == set(RULES)
    assert all(set(row) == {r.value for r in Role} for row in MATRIX.values())


def test_the_access_matrix(world: World) -> None:
    wrong: list[str] = []
    for action, row in MATRIX.items():
        for role, cells in row.items():
            for column, cell in zip(COLUMNS, cells, strict=True):
                expected = cell == "Y"
                refused = False
                try:
                    with wb.unit_of_work(world.sessions) as s:
                        user = _user(s, world, role)
                        case = s.get(Case, world.cases[column])
                        assert case is not None
                        _calls(s, user, case)[action]()
                except AccessDenied as error:
                    refused = error.action is action
                    with world.sessions() as s:
                        last = s.scalars(
                            select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)
                        ).one()
                    assert last.action == f"denied:{action.value}"
                    assert last.actor == f"user:{world.users[role]}"
                if refused == expected:
                    wrong.append(f"{action.value} / {role} / {column}: expected {cell}")
    assert wrong == []
    _verify(world)


def test_list_cases_shows_only_what_each_role_may_read(world: World) -> None:
    expected = {
        "admin": set(COLUMNS),
        "caseworker": {"assigned", "unassigned", "colleague"},
        "reviewer": {"assigned", "unassigned", "colleague"},
        "client": {"assigned"},
        "caseworker_b": {"other_org"},
    }
    names = {v: k for k, v in world.cases.items()}
    for role, visible in expected.items():
        with wb.unit_of_work(world.sessions) as s:
            listed = wb.list_cases(s, _user(s, world, role), KEY)
        assert {names[c.id] for c in listed} == visible, role


def test_a_client_reads_their_case_but_not_its_notes(world: World) -> None:
    with wb.unit_of_work(world.sessions) as s:
        wb.add_note(s, _user(s, world, "caseworker"), CIPHER, KEY, world.cases["assigned"], NOTE)
    with wb.unit_of_work(world.sessions) as s:
        view = wb.get_case(s, _user(s, world, "client"), CIPHER, KEY, world.cases["assigned"])
    assert view.person.name == NAME
    assert view.person.birth_date == BIRTH
    assert not hasattr(view, "notes")
    with pytest.raises(AccessDenied), wb.unit_of_work(world.sessions) as s:
        wb.list_notes(s, _user(s, world, "client"), CIPHER, KEY, world.cases["assigned"])


# --- Facts, workflow, determinations ----------------------------------------------------------


def test_facts_keep_their_provenance_and_history(world: World) -> None:
    case_id = world.cases["assigned"]
    with wb.unit_of_work(world.sessions) as s:
        worker = _user(s, world, "caseworker")
        passport = wb.add_document(s, worker, CIPHER, KEY, case_id, "Passport copy").id
        wb.set_fact(s, worker, CIPHER, KEY, case_id, "applicant.nationality", "PH",
                    source_document_id=passport, as_of=AS_OF)  # fmt: skip
    with wb.unit_of_work(world.sessions) as s:
        admin = _user(s, world, "admin")
        wb.set_fact(s, admin, CIPHER, KEY, case_id, "applicant.nationality", "VN", as_of=AS_OF)
        wb.set_fact(s, admin, CIPHER, KEY, case_id, "applicant.landed_on", LANDED, as_of=AS_OF)
    with wb.unit_of_work(world.sessions) as s:
        admin = _user(s, world, "admin")
        wb.set_fact(s, admin, CIPHER, KEY, case_id, "applicant.nationality", None, as_of=AS_OF)
        history = wb.fact_history(s, admin, CIPHER, KEY, case_id, "applicant.nationality")
        current = wb.current_facts(s, admin, CIPHER, KEY, case_id)
    assert [h.value for h in history] == ["PH", "VN", None]
    assert [h.entered_by for h in history] == [
        world.users["caseworker"],
        world.users["admin"],
        world.users["admin"],
    ]
    assert history[0].source_document_id == passport
    assert history[1].source_document_id is None
    assert history[0].superseded_by == history[1].id
    assert history[1].superseded_by == history[2].id
    assert [h.current for h in history] == [False, False, True]
    assert history[0].entered_at <= history[1].entered_at <= history[2].entered_at
    assert current == {"applicant.landed_on": LANDED}


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in inspect(connection).get_table_names()
        }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("applicant.nationalty", "PH"),  # unknown fact (misspelt)
        ("applicant.criminal_record", "perhaps"),  # bad value
        ("applicant.landed_on", "2099-01-01"),  # after the evaluation date
        ("applicant.other_nationality", "PH"),  # contradicts has_other_nationality: false
    ],
)
def test_a_refused_fact_writes_nothing(world: World, name: str, value: object) -> None:
    case_id = world.cases["assigned"]
    with wb.unit_of_work(world.sessions) as s:
        worker = _user(s, world, "caseworker")
        wb.set_fact(s, worker, CIPHER, KEY, case_id, "applicant.has_other_nationality", False,
                    as_of=AS_OF)  # fmt: skip
    before = _counts(world.engine)
    with pytest.raises(wb.CaseError) as refused, wb.unit_of_work(world.sessions) as s:
        wb.set_fact(s, _user(s, world, "caseworker"), CIPHER, KEY, case_id, name, value,
                    as_of=AS_OF)  # fmt: skip
    assert refused.value.problems
    assert _counts(world.engine) == before
    # Even a caller that commits after the refusal writes nothing: nothing was added.
    with world.sessions() as s:
        with pytest.raises(wb.CaseError):
            wb.set_fact(s, _user(s, world, "caseworker"), CIPHER, KEY, case_id, name, value,
                        as_of=AS_OF)  # fmt: skip
        s.commit()
    assert _counts(world.engine) == before


def test_the_workflow_allows_only_its_transitions_and_records_each(world: World) -> None:
    case_id = world.cases["assigned"]
    path = [wb.SCREENING, wb.PREPARING, wb.FILED, wb.DECIDED, wb.REVIEW, wb.CLOSED]
    for refused in (wb.FILED, wb.DECIDED, wb.INTAKE, "archived"):
        with pytest.raises(wb.WorkflowError), wb.unit_of_work(world.sessions) as s:
            wb.transition(s, _user(s, world, "caseworker"), CIPHER, KEY, case_id, refused)
    for status in path:
        with wb.unit_of_work(world.sessions) as s:
            wb.transition(s, _user(s, world, "caseworker"), CIPHER, KEY, case_id, status)
    for status in wb.STATUSES:
        with pytest.raises(wb.WorkflowError), wb.unit_of_work(world.sessions) as s:
            wb.transition(s, _user(s, world, "admin"), CIPHER, KEY, case_id, status)
    with wb.unit_of_work(world.sessions) as s:
        view = wb.get_case(s, _user(s, world, "reviewer"), CIPHER, KEY, case_id)
    assert view.status == wb.CLOSED
    assert [(t.from_status, t.to_status) for t in view.transitions] == list(
        zip([None, wb.INTAKE, *path[:-1]], [wb.INTAKE, *path], strict=True)
    )
    assert {t.by_user_id for t in view.transitions[1:]} == {world.users["caseworker"]}
    with world.sessions() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.subject == f"case:{case_id}")
        ).all()
    assert actions.count("case.transition") == len(path)


def test_determinations_are_frozen_and_compared(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = world.cases["assigned"]
    facts = {
        "relationship.has_partner": True,
        "relationship.same_sex": True,
        "applicant.nationality": "PH",
        "applicant.in_japan": True,
    }
    with wb.unit_of_work(world.sessions) as s:
        worker = _user(s, world, "caseworker")
        for name, value in facts.items():
            wb.set_fact(s, worker, CIPHER, KEY, case_id, name, value, as_of=AS_OF)
        first = wb.screen_case(s, worker, CIPHER, KEY, case_id, AS_OF).id
    later = AS_OF + dt.timedelta(days=30)
    monkeypatch.setattr(zairyu, "__version__", "9.9.9")
    with wb.unit_of_work(world.sessions) as s:
        worker = _user(s, world, "caseworker")
        wb.set_fact(s, worker, CIPHER, KEY, case_id, "relationship.same_sex", None, as_of=AS_OF)
        wb.set_fact(s, worker, CIPHER, KEY, case_id, "relationship.has_partner", False, as_of=AS_OF)
        wb.set_fact(s, worker, CIPHER, KEY, case_id, "applicant.nationality", "VN", as_of=AS_OF)
        wb.set_fact(s, worker, CIPHER, KEY, case_id, "applicant.landed_on", LANDED, as_of=AS_OF)
        second = wb.screen_case(s, worker, CIPHER, KEY, case_id, later).id
        made = wb.deadlines_from_determination(s, worker, CIPHER, KEY, second)
    with wb.unit_of_work(world.sessions) as s:
        reviewer = _user(s, world, "reviewer")
        old = wb.get_determination(s, reviewer, CIPHER, KEY, first)
        new = wb.get_determination(s, reviewer, CIPHER, KEY, second)
        comparison = wb.compare_determinations(s, reviewer, CIPHER, KEY, first, second)
        deadlines = wb.list_deadlines(s, reviewer, CIPHER, KEY, case_id)
    # The first is as it was made, whatever happened after
    assert old.facts == facts
    assert old.rules_version == "0.1.0"
    assert old.as_of == AS_OF
    assert old.result["as_of"] == AS_OF.isoformat()
    assert {p["id"] for p in old.result["pathways"]} == set(old.outcomes)
    assert new.rules_version == "9.9.9"
    assert comparison.rules_version == ("0.1.0", "9.9.9")
    assert comparison.as_of == (AS_OF, later)
    assert comparison.facts_added == {"applicant.landed_on": LANDED}
    assert comparison.facts_removed == {"relationship.same_sex": True}
    assert comparison.facts_changed == {
        "relationship.has_partner": (True, False),
        "applicant.nationality": ("PH", "VN"),
    }
    for change in comparison.pathways:
        assert change.before == old.outcomes.get(change.pathway)
        assert change.after == new.outcomes.get(change.pathway)
    same_sex = next(
        p for p in comparison.pathways if p.pathway == "same_sex_spouse_designated_activities"
    )
    assert "relationship.has_partner" in same_sex.because
    assert "rules version 0.1.0 -> 9.9.9" in same_sex.because
    assert comparison.changed_pathways, "changing the partner must change some outcome"
    lines = comparison.summary()
    assert "fact changed: applicant.nationality: 'PH' -> 'VN'" in lines
    assert (
        any(line.startswith("same_sex_spouse_designated_activities:") for line in lines)
        == same_sex.changed
    )
    assert {d.id for d in deadlines} == {d.id for d in made}
    assert all(d.source.startswith("pathway:") for d in deadlines)


# --- What is stored ---------------------------------------------------------------------------


def _every_value(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return [
            value
            for table in inspect(connection).get_table_names()
            for row in connection.execute(text(f"SELECT * FROM {table}"))
            for value in row
        ]


def _appears(needle: str, values: list[object]) -> bool:
    encoded = needle.encode()
    for value in values:
        if isinstance(value, bytes | memoryview) and encoded in bytes(value):
            return True
        if needle in str(value):
            return True
    return False


def test_no_plaintext_is_stored(world: World) -> None:
    case_id = world.cases["assigned"]
    with wb.unit_of_work(world.sessions) as s:
        worker = _user(s, world, "caseworker")
        wb.set_fact(s, worker, CIPHER, KEY, case_id, "applicant.landed_on", LANDED, as_of=AS_OF)
        wb.add_note(s, worker, CIPHER, KEY, case_id, NOTE)
        wb.add_document(s, worker, CIPHER, KEY, case_id, "Xanaduvia police certificate")
        wb.add_deadline(s, worker, CIPHER, KEY, case_id, AS_OF, "Zephyrine hearing")
        wb.screen_case(s, worker, CIPHER, KEY, case_id, AS_OF)
        token = wb.issue_token(s, worker, KEY)
    values = _every_value(world.engine)
    for secret in (
        NAME, "Quetzalcoatl", BIRTH.isoformat(), BIRTH.strftime("%Y%m%d"), NOTE, "Xanaduvia", "Zephyrine", LANDED,
        PASSWORD, token, "applicant.landed_on\": ", "eligible",
    ):  # fmt: skip
        assert not _appears(secret, values), secret
    with wb.unit_of_work(world.sessions) as s:
        view = wb.get_case(s, _user(s, world, "admin"), CIPHER, KEY, case_id)
    assert (view.person.name, view.person.birth_date) == (NAME, BIRTH)
    assert view.facts == {"applicant.landed_on": LANDED}
    _verify(world)


def test_a_value_moved_to_another_row_does_not_decrypt(world: World) -> None:
    with world.sessions() as s:
        people = s.scalars(select(Person).order_by(Person.id)).all()
        blob = people[0].name_enc
        with pytest.raises(DecryptionError):
            CIPHER.decrypt(blob, field_context("persons", "name_enc", people[1].id))
        with pytest.raises(DecryptionError):
            CIPHER.decrypt(blob, field_context("persons", "birth_date_enc", people[0].id))
        with pytest.raises(DecryptionError):
            AesGcmCipher(b"x" * 32).decrypt(
                blob, field_context("persons", "name_enc", people[0].id)
            )
    with pytest.raises(ValueError, match="32 bytes"):
        AesGcmCipher(b"short")


def test_passwords_and_tokens(world: World) -> None:
    with wb.unit_of_work(world.sessions) as s:
        user = wb.authenticate(s, KEY, "caseworker", PASSWORD)
        assert user.id == world.users["caseworker"]
        assert user.password_hash.startswith("$argon2id$")
        token = wb.issue_token(s, user, KEY)
        short = wb.issue_token(s, user, KEY, lifetime=dt.timedelta(seconds=-1))
        revoked = wb.issue_token(s, user, KEY)
        wb.revoke_token(s, user, KEY, revoked)
    for username, password in (("caseworker", "wrong"), ("nobody", PASSWORD)):
        with pytest.raises(wb.AuthenticationError), wb.unit_of_work(world.sessions) as s:
            wb.authenticate(s, KEY, username, password)
    with world.sessions() as s:
        assert wb.user_for_token(s, token).id == world.users["caseworker"]
        for refused in (short, revoked, "not-a-token"):
            with pytest.raises(wb.AuthenticationError):
                wb.user_for_token(s, refused)
        later = dt.datetime.now(dt.UTC) + wb.TOKEN_LIFETIME + dt.timedelta(minutes=1)
        with pytest.raises(wb.AuthenticationError, match="expired"):
            wb.user_for_token(s, token, now=later)
    # Someone else's token: only an administrator may revoke it
    with pytest.raises(AccessDenied), wb.unit_of_work(world.sessions) as s:
        wb.revoke_token(s, _user(s, world, "reviewer"), KEY, token)
    with wb.unit_of_work(world.sessions) as s:
        wb.revoke_token(s, _user(s, world, "admin"), KEY, token)
    with world.sessions() as s, pytest.raises(wb.AuthenticationError, match="revoked"):
        wb.user_for_token(s, token)
    # A deactivated user's token and password stop working
    with wb.unit_of_work(world.sessions) as s:
        other = wb.issue_token(s, _user(s, world, "colleague"), KEY)
        s.execute(update(User).where(User.id == world.users["colleague"]).values(active=False))
    with world.sessions() as s, pytest.raises(wb.AuthenticationError):
        wb.user_for_token(s, other)
    with pytest.raises(wb.AuthenticationError), wb.unit_of_work(world.sessions) as s:
        wb.authenticate(s, KEY, "colleague", PASSWORD)
    values = _every_value(world.engine)
    for secret in (PASSWORD, token, short, revoked, other):
        assert not _appears(secret, values)
    with world.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CaseFact)) == 0
    _verify(world)
