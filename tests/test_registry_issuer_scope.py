"""Registry officers act only for the issuers their organisation operates (issue 5), on SQLite
and PostgreSQL: the service refuses and audits every step for another issuer, the officer pages
list and show only the officer's issuers, an administrator links and unlinks organisations (on
the page and with `zairyu registry operators`), and migration 0006 leaves an existing database
working (no links: caseworkers see nothing) and goes down again. All data are synthetic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import AS_OF
from zairyu.audit import AuditEntry, audit_key, verify
from zairyu.cli import app as cli_app
from zairyu.registry import service
from zairyu.registry.models import RegistryCertificate, RegistryEvent, RegistryOperator
from zairyu.registry.payload import Holder
from zairyu.storage import alembic_config, create_engine
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.workbench import service as wb
from zairyu.workbench.access import Role
from zairyu.workbench.cipher import FieldCipher
from zairyu.workbench.models import User

from .registry_cases import ELIGIBLE_FACTS

OFFICER = "officer:scope-test"
OURS, THEIRS = "fukuoka-city", "kumamoto-city"
PASSWORD = "scope test password 5150"
# Synthetic and distinctive: no page, refusal or audit entry may show them.
FIRST = Holder("Brannoch Villquist-Hayama", dt.date(1990, 3, 9))
SECOND = Holder("鷺ノ宮　凛", dt.date(1988, 12, 1))
PERSONAL = ("Brannoch", "Villquist", "鷺ノ宮", "1990-03-09", "1988-12-01")
FACTS: dict[str, object] = dict(ELIGIBLE_FACTS)


@dataclass
class Site:
    client: TestClient
    sessions: sessionmaker[Session]
    cipher: FieldCipher
    key: bytes
    data_dir: Path
    database_url: str
    admin_id: str
    ours_id: str  # the organisation operating OURS
    theirs_id: str  # the organisation operating THEIRS
    ours_worker_id: str
    theirs_worker_id: str

    def user(self, session: Session, user_id: str) -> User:
        found = session.get(User, user_id)
        assert found is not None
        return found

    def apply(self, issuer: str) -> str:
        with self.sessions.begin() as s:
            return service.apply(
                s, self.cipher, self.key, issuer=issuer, holders=(FIRST, SECOND), facts=FACTS,
                applied_on=AS_OF,
            ).id  # fmt: skip

    def issue(self, issuer: str) -> str:
        application_id = self.apply(issuer)
        with self.sessions.begin() as s:
            service.accept_oath(s, self.key, OFFICER, application_id, AS_OF)
            return service.issue(
                s, self.cipher, self.key, OFFICER, application_id, AS_OF
            ).certificate.id

    def audit(self) -> list[tuple[str, str, str]]:
        with self.sessions() as s:
            rows = s.execute(
                select(AuditEntry.actor, AuditEntry.action, AuditEntry.subject).order_by(
                    AuditEntry.seq
                )
            ).all()
        return [(r[0], r[1], r[2]) for r in rows]

    def login(self, username: str) -> None:
        self.client.cookies.clear()
        self.client.cookies.set("zairyu_lang", "en")
        form = self.client.get("/work/login")
        token = re.search(r'name="form_token" value="([^"]+)"', form.text)
        assert token is not None
        response = self.client.post(
            "/work/login",
            data={"form_token": token.group(1), "next": "/work", "username": username,
                  "password": PASSWORD},
            follow_redirects=False,
        )  # fmt: skip
        assert response.status_code == 303, response.text

    def csrf(self) -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', self.client.get("/work").text)
        assert found is not None
        return found.group(1)


@pytest.fixture
def site(tmp_path: Path, database_url: str) -> Iterator[Site]:
    settings = Settings(data_dir=tmp_path, database_url=database_url, as_of=AS_OF)
    settings.public_url = "https://registry.example"  # the print route refuses without it
    app = create_app(settings)
    key = audit_key(load_or_create_secret(tmp_path / "secret.key"))
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    cipher = app.state.field_cipher
    with sessions.begin() as s:
        for code in (OURS, THEIRS):
            service.register_issuer(s, cipher, key, OFFICER, code, AS_OF)
        admin = wb.bootstrap_admin(s, key, "admin", PASSWORD)
        ours = wb.create_organisation(s, admin, key, "Ours ward office")
        theirs = wb.create_organisation(s, admin, key, "Theirs ward office")
        workers = [
            wb.create_user(
                s,
                admin,
                key,
                username=name,
                password=PASSWORD,
                role=Role.CASEWORKER,
                organisation_id=organisation.id,
            )
            for name, organisation in (("ours", ours), ("theirs", theirs))
        ]
        service.link_operator(s, key, admin, ours.id, OURS)
        service.link_operator(s, key, admin, theirs.id, THEIRS)
        ids = (admin.id, ours.id, theirs.id, workers[0].id, workers[1].id)
    with TestClient(app) as client:
        yield Site(client, sessions, cipher, key, tmp_path, database_url, *ids)
    app.state.store.engine.dispose()


def _no_personal_data(text_: str) -> None:
    for value in PERSONAL:
        assert value not in text_


# --- the service --------------------------------------------------------------------------------


def test_the_service_refuses_and_audits_every_step_for_another_issuer(site: Site) -> None:
    application_id = site.apply(THEIRS)
    certificate_id = site.issue(THEIRS)
    steps = {
        "application_view": lambda s, u: service.record_access(
            s, site.key, u, "application_view", application_id=application_id
        ),
        "certificate_view": lambda s, u: service.record_access(
            s, site.key, u, "certificate_view", certificate_id=certificate_id
        ),
        "oath_accept": lambda s, u: service.accept_oath(s, site.key, u, application_id, AS_OF),
        "issue": lambda s, u: service.issue(s, site.cipher, site.key, u, application_id, AS_OF),
        "return": lambda s, u: service.return_certificate(
            s, site.key, u, certificate_id, "dissolution", AS_OF
        ),
        "revoke": lambda s, u: service.revoke(
            s, site.key, u, certificate_id, "issued_in_error", AS_OF
        ),
        "transfer": lambda s, u: service.transfer(
            s, site.cipher, site.key, u, certificate_id, OURS, AS_OF
        ),
        "apply": lambda s, u: service.apply(
            s,
            site.cipher,
            site.key,
            issuer=THEIRS,
            holders=(FIRST, SECOND),
            facts=FACTS,
            applied_on=AS_OF,
            actor=u,
        ),
    }
    before = len(site.audit())
    for step, call in steps.items():
        with site.sessions() as s:
            user = site.user(s, site.ours_worker_id)
            with pytest.raises(service.RegistryAccessDenied, match=step):
                call(s, user)
            s.commit()  # as the pages do: the refusal's audit entry is kept
    refusals = site.audit()[before:]
    assert [action for _, action, _ in refusals] == [f"denied:registry.{s}" for s in steps]
    assert {actor for actor, _, _ in refusals} == {f"user:{site.ours_worker_id}"}
    assert refusals[0][2] == f"registry_application:{application_id}"
    assert refusals[1][2] == f"registry_certificate:{certificate_id}"
    _no_personal_data(repr(refusals))
    with site.sessions() as s:
        certificate = s.get(RegistryCertificate, certificate_id)
        assert certificate is not None
        assert certificate.status == "issued"
        kinds = s.scalars(select(RegistryEvent.kind).order_by(RegistryEvent.at)).all()
        assert list(kinds).count("apply") == 2  # the two the fixture's officer made, no more
        assert verify(s, site.key) == []


def test_the_service_lets_an_officer_act_for_their_own_issuer(site: Site) -> None:
    application_id = site.apply(OURS)
    with site.sessions.begin() as s:
        user = site.user(s, site.ours_worker_id)
        service.record_access(s, site.key, user, "application_view", application_id=application_id)
        service.accept_oath(s, site.key, user, application_id, AS_OF)
        issued = service.issue(s, site.cipher, site.key, user, application_id, AS_OF)
        service.revoke(s, site.key, user, issued.certificate.id, "issued_in_error", AS_OF)
    mine = [a for actor, a, _ in site.audit() if actor == f"user:{site.ours_worker_id}"]
    assert mine == [
        "registry.application_view",
        "registry.oath_accept",
        "registry.issue",
        "registry.revoke",
    ]


def test_a_transfer_needs_both_issuers_and_an_admin_acts_for_every_issuer(site: Site) -> None:
    certificate_id = site.issue(OURS)
    with site.sessions() as s, pytest.raises(service.RegistryAccessDenied, match="transfer"):
        service.transfer(
            s, site.cipher, site.key, site.user(s, site.ours_worker_id), certificate_id, THEIRS,
            AS_OF,
        )  # fmt: skip
    with site.sessions.begin() as s:
        service.link_operator(s, site.key, site.user(s, site.admin_id), site.ours_id, THEIRS)
    with site.sessions.begin() as s:
        moved, _ = service.transfer(
            s, site.cipher, site.key, site.user(s, site.ours_worker_id), certificate_id, THEIRS,
            AS_OF,
        )  # fmt: skip
        assert moved.certificate.issuer_code == THEIRS
    theirs_certificate = site.issue(THEIRS)
    with site.sessions.begin() as s:
        admin = site.user(s, site.admin_id)
        service.revoke(s, site.key, admin, theirs_certificate, "issued_in_error", AS_OF)


def test_an_inactive_or_unlinked_caseworker_acts_for_no_issuer(site: Site) -> None:
    application_id = site.apply(OURS)
    with site.sessions.begin() as s:
        worker = site.user(s, site.ours_worker_id)
        assert service.operates(s, worker, OURS)
        service.unlink_operator(s, site.key, site.user(s, site.admin_id), site.ours_id, OURS)
        assert not service.operates(s, worker, OURS)
        service.link_operator(s, site.key, site.user(s, site.admin_id), site.ours_id, OURS)
        worker.active = False
        assert not service.operates(s, worker, OURS)
    with site.sessions() as s, pytest.raises(service.RegistryAccessDenied):
        service.accept_oath(s, site.key, site.user(s, site.ours_worker_id), application_id, AS_OF)


def test_only_an_administrator_links_and_bad_links_are_refused_whole(site: Site) -> None:
    with site.sessions() as s:
        worker = site.user(s, site.ours_worker_id)
        with pytest.raises(service.RegistryAccessDenied, match="operator_link"):
            service.link_operator(s, site.key, worker, site.ours_id, THEIRS)
        with pytest.raises(service.RegistryAccessDenied, match="operator_unlink"):
            service.unlink_operator(s, site.key, worker, site.ours_id, OURS)
        with pytest.raises(service.RegistryAccessDenied, match="operator_list"):
            service.operators(s, site.key, worker)
        s.commit()
        admin = site.user(s, site.admin_id)
        with pytest.raises(service.RegistryError, match="already"):
            service.link_operator(s, site.key, admin, site.ours_id, OURS)
        with pytest.raises(service.RegistryError, match="does not operate"):
            service.unlink_operator(s, site.key, admin, site.ours_id, THEIRS)
        with pytest.raises(service.RegistryNotFoundError, match="no organisation"):
            service.link_operator(s, site.key, admin, "0" * 32, OURS)
        with pytest.raises(service.RegistryNotFoundError, match="no such issuer"):
            service.link_operator(s, site.key, admin, site.ours_id, "shibuya")
        s.rollback()
        links = service.operators(s, site.key, admin)
    assert [(link.issuer_code, link.organisation_name) for link in links] == [
        (OURS, "Ours ward office"),
        (THEIRS, "Theirs ward office"),
    ]
    denied = [a for actor, a, _ in site.audit() if actor == f"user:{site.ours_worker_id}"]
    assert denied == [
        "denied:registry.operator_link",
        "denied:registry.operator_unlink",
        "denied:registry.operator_list",
    ]


# --- the officer pages --------------------------------------------------------------------------


def test_the_pages_list_only_the_officers_issuers(site: Site) -> None:
    ours_application, theirs_application = site.apply(OURS), site.apply(THEIRS)
    ours_certificate, theirs_certificate = site.issue(OURS), site.issue(THEIRS)
    site.login("ours")
    overview = site.client.get("/work/registry")
    assert overview.status_code == 200
    assert ours_application in overview.text
    assert ours_certificate in overview.text
    assert theirs_application not in overview.text
    assert theirs_certificate not in overview.text
    assert 'id="no-issuer"' not in overview.text
    assert "/work/registry/operators" not in overview.text  # an administrator's page
    page = site.client.get(f"/work/registry/certificates/{ours_certificate}")
    assert page.status_code == 200
    assert FIRST.name in page.text
    # The transfer offers only issuers the officer acts for: none other here.
    assert 'id="destination"' not in page.text
    site.login("admin")
    overview = site.client.get("/work/registry")
    for row_id in (ours_application, theirs_application, ours_certificate, theirs_certificate):
        assert row_id in overview.text
    assert "/work/registry/operators" in overview.text


def test_the_pages_refuse_another_issuers_rows_and_audit_the_refusal(site: Site) -> None:
    application_id = site.apply(THEIRS)
    certificate_id = site.issue(THEIRS)
    site.login("ours")
    csrf = site.csrf()
    base = f"/work/registry/certificates/{certificate_id}"
    for response in (
        site.client.get(f"/work/registry/applications/{application_id}"),
        site.client.post(
            f"/work/registry/applications/{application_id}/issue",
            data={"oath": "accepted", "csrf_token": csrf},
        ),
        site.client.get(base),
        site.client.get(base + "/certificate.pdf"),
        site.client.post(base + "/revoke", data={"reason": "issued_in_error", "csrf_token": csrf}),
        site.client.post(base + "/transfer", data={"destination": OURS, "csrf_token": csrf}),
    ):
        assert response.status_code == 403
        assert 'data-refusal="issuer"' in response.text
        assert "does not operate this municipality" in response.text
        _no_personal_data(response.text)
    denied = [
        (action, subject)
        for actor, action, subject in site.audit()
        if actor == f"user:{site.ours_worker_id}" and action.startswith("denied:")
    ]
    application, certificate = (
        f"registry_application:{application_id}",
        f"registry_certificate:{certificate_id}",
    )
    assert denied == [
        ("denied:registry.application_view", application),
        ("denied:registry.oath_accept", application),
        ("denied:registry.certificate_view", certificate),
        ("denied:registry.certificate_print", certificate),
        ("denied:registry.revoke", certificate),
        ("denied:registry.transfer", certificate),
    ]
    with site.sessions() as s:
        row = s.get(RegistryCertificate, certificate_id)
        assert row is not None
        assert row.status == "issued"
        assert verify(s, site.key) == []
    site.client.cookies.set("zairyu_lang", "ja")
    japanese = site.client.get(base)
    assert japanese.status_code == 403
    assert "あなたの団体はこの自治体の登録簿を扱っていない" in japanese.text


def test_an_unlinked_organisation_sees_nothing_and_is_told_why(site: Site) -> None:
    site.apply(OURS)
    site.issue(OURS)
    with site.sessions.begin() as s:
        admin = site.user(s, site.admin_id)
        lonely = wb.create_organisation(s, admin, site.key, "Unlinked office")
        wb.create_user(
            s, admin, site.key, username="lonely", password=PASSWORD, role=Role.CASEWORKER,
            organisation_id=lonely.id,
        )  # fmt: skip
    site.login("lonely")
    overview = site.client.get("/work/registry")
    assert overview.status_code == 200
    assert 'id="no-issuer"' in overview.text
    assert "Ask an administrator to link your organisation" in overview.text
    assert "/work/registry/applications/" not in overview.text
    assert "/work/registry/certificates/" not in overview.text


def test_an_administrator_links_and_unlinks_on_the_page(site: Site) -> None:
    theirs_certificate = site.issue(THEIRS)
    site.login("admin")
    page = site.client.get("/work/registry/operators")
    assert page.status_code == 200
    assert "Ours ward office" in page.text
    assert "Theirs ward office" in page.text
    csrf = site.csrf()
    linked = site.client.post(
        "/work/registry/operators/link",
        data={"organisation": site.ours_id, "issuer": THEIRS, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert linked.status_code == 303
    assert "now operates" in site.client.get(linked.headers["location"]).text
    again = site.client.post(
        "/work/registry/operators/link",
        data={"organisation": site.ours_id, "issuer": THEIRS, "csrf_token": csrf},
    )
    assert again.status_code == 400
    assert "operates this municipality&#39;s registry already" in again.text
    unknown = site.client.post(
        "/work/registry/operators/link",
        data={"organisation": "f" * 32, "issuer": "nowhere", "csrf_token": csrf},
    )
    assert unknown.status_code == 400
    assert "Choose the organisation" in unknown.text
    assert "Choose the municipality" in unknown.text
    forged = site.client.post(
        "/work/registry/operators/unlink",
        data={"organisation": site.ours_id, "issuer": THEIRS, "csrf_token": "0" * 64},
    )
    assert forged.status_code == 403
    site.login("ours")
    assert theirs_certificate in site.client.get("/work/registry").text
    assert site.client.get(f"/work/registry/certificates/{theirs_certificate}").status_code == 200
    refused = site.client.get("/work/registry/operators")
    assert refused.status_code == 403
    assert 'data-refusal="admin"' in refused.text
    attempt = site.client.post(
        "/work/registry/operators/unlink",
        data={"organisation": site.ours_id, "issuer": THEIRS, "csrf_token": site.csrf()},
    )
    assert attempt.status_code == 403
    site.login("admin")
    unlinked = site.client.post(
        "/work/registry/operators/unlink",
        data={"organisation": site.ours_id, "issuer": THEIRS, "csrf_token": site.csrf()},
        follow_redirects=False,
    )
    assert unlinked.status_code == 303
    site.login("ours")
    assert theirs_certificate not in site.client.get("/work/registry").text
    assert site.client.get(f"/work/registry/certificates/{theirs_certificate}").status_code == 403
    admin_actions = [
        (action, subject) for actor, action, subject in site.audit()
        if actor == f"user:{site.admin_id}" and "operator" in action
    ]  # fmt: skip
    link_subject = f"issuer:{THEIRS}/organisation:{site.ours_id}"
    assert admin_actions[-2:] == [
        ("registry.operator_link", link_subject),
        ("registry.operator_unlink", link_subject),
    ]
    denied = [
        a
        for actor, a, _ in site.audit()
        if actor == f"user:{site.ours_worker_id}" and a.startswith("denied:")
    ]
    assert denied == [
        "denied:registry.operator_list",
        "denied:registry.operator_unlink",
        "denied:registry.certificate_view",
    ]
    with site.sessions() as s:
        assert s.get(RegistryOperator, (site.ours_id, THEIRS)) is None


# --- the command line ---------------------------------------------------------------------------

runner = CliRunner()


def test_the_commands_link_list_and_unlink_and_refuse_bad_input(site: Site) -> None:
    where = ["--data-dir", str(site.data_dir), "--database-url", site.database_url]

    def run(*arguments: str) -> tuple[int, str]:
        result = runner.invoke(cli_app, ["registry", "operators", *arguments, *where])
        return result.exit_code, result.output

    code, output = run("link", "--organisation", "Ours ward office", "--issuer", THEIRS,
                       "--officer", "Registrar")  # fmt: skip
    assert code == 0, output
    assert f"organisation {site.ours_id} operates {THEIRS}" in output
    code, output = run("list")
    assert code == 0
    assert f"{THEIRS}\t{site.ours_id}\tOurs ward office" in output
    for arguments, message in (
        (("--organisation", "Nobody", "--issuer", OURS), "no organisation has the id or name"),
        (("--organisation", site.ours_id, "--issuer", "nowhere"), "no such issuer"),
        (("--organisation", site.ours_id, "--issuer", THEIRS), "operates kumamoto-city already"),
    ):
        code, output = run("link", *arguments, "--officer", "Registrar")
        assert code == 2
        assert message in output
    code, output = run("unlink", "--organisation", site.theirs_id, "--issuer", OURS,
                       "--officer", "Registrar")  # fmt: skip
    assert code == 2
    assert "does not operate fukuoka-city" in output
    code, output = run("unlink", "--organisation", site.ours_id, "--issuer", THEIRS,
                       "--officer", "Registrar")  # fmt: skip
    assert code == 0, output
    with site.sessions() as s:
        links = {(r.organisation_id, r.issuer_code) for r in s.scalars(select(RegistryOperator))}
    assert links == {(site.ours_id, OURS), (site.theirs_id, THEIRS)}
    cli_actions = [a for actor, a, _ in site.audit() if actor == "officer:Registrar"]
    assert cli_actions == ["registry.operator_link", "registry.operator_unlink"]


# --- migration 0006 -----------------------------------------------------------------------------


def test_migration_0006_keeps_an_existing_registry_and_goes_down_again(
    tmp_path: Path, database_url: str
) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(connection)
            command.upgrade(config, "0005")
            connection.execute(
                text(
                    "INSERT INTO organisations (id, name, created_at) VALUES"
                    " ('a1', 'Existing office', :at)"
                ),
                {"at": dt.datetime(2026, 1, 5, tzinfo=dt.UTC)},
            )
            connection.execute(
                text(
                    "INSERT INTO registry_issuers (code, created_at, last_number)"
                    " VALUES ('fukuoka-city', :at, 3)"
                ),
                {"at": dt.datetime(2026, 1, 5, tzinfo=dt.UTC)},
            )
        assert "registry_operators" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0006")
        inspector = inspect(engine)
        assert "registry_operators" in inspector.get_table_names()
        assert inspector.get_pk_constraint("registry_operators")["constrained_columns"] == [
            "organisation_id",
            "issuer_code",
        ]
        references = {
            (tuple(fk["constrained_columns"]), fk["referred_table"])
            for fk in inspector.get_foreign_keys("registry_operators")
        }
        assert references == {
            (("organisation_id",), "organisations"),
            (("issuer_code",), "registry_issuers"),
        }
        with engine.begin() as connection:
            # Existing organisations operate nothing until an administrator links them.
            assert connection.scalar(text("SELECT count(*) FROM registry_operators")) == 0
            connection.execute(
                text(
                    "INSERT INTO registry_operators (organisation_id, issuer_code, created_at)"
                    " VALUES ('a1', 'fukuoka-city', :at)"
                ),
                {"at": dt.datetime(2026, 2, 1, tzinfo=dt.UTC)},
            )
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0005")
        assert "registry_operators" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            assert connection.scalar(text("SELECT last_number FROM registry_issuers")) == 3
            assert connection.scalar(text("SELECT name FROM organisations")) == "Existing office"
            command.upgrade(alembic_config(connection), "head")
        assert "registry_operators" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
