"""The public address of the service (ZAIRYU_PUBLIC_URL, `zairyu serve --public-url`): what the
app writes into a certificate comes from it and never from the request's Host header; without
it the print route refuses and records nothing; a bad value stops the server from starting.
All names and dates are synthetic."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import AS_OF
from zairyu.audit import AuditEntry, audit_key
from zairyu.cli import app as cli_app
from zairyu.engine.facts import FactValueError
from zairyu.registry import service
from zairyu.registry.certificate_pdf import qr_png
from zairyu.registry.payload import Holder, qr_text
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.web.public_url import parse_public_url
from zairyu.workbench import service as workbench

from .registry_cases import ELIGIBLE_FACTS

PUBLIC = "https://partnership.example.lg.jp"
FORGED_HOST = "evil.example"
ISSUER = "fukuoka-city"
OFFICER = "officer:public-url-test"
PASSWORD = "officer password 5521"
HOLDERS = (
    Holder("Ysolde Tarrant-Okabe", dt.date(1990, 3, 14)),
    Holder("白銀　澪", dt.date(1988, 11, 2)),
)
FACTS: dict[str, object] = dict(ELIGIBLE_FACTS)


# --- the setting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "normalised"),
    [
        ("https://partnership.example.lg.jp", "https://partnership.example.lg.jp"),
        ("https://partnership.example.lg.jp/", "https://partnership.example.lg.jp"),
        ("  HTTPS://Partnership.Example.LG.JP//  ", "https://partnership.example.lg.jp"),
        ("http://localhost:8000/zairyu/", "http://localhost:8000/zairyu"),
        ("https://[2001:DB8::1]:8443", "https://[2001:db8::1]:8443"),
    ],
)
def test_a_good_address_is_normalised(given: str, normalised: str) -> None:
    assert parse_public_url(given) == normalised


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("partnership.example.lg.jp", "http:// or https://"),
        ("ftp://partnership.example.lg.jp", "http:// or https://"),
        ("javascript:alert(1)", "http:// or https://"),
        ("https://", "names no host"),
        ("https:///verify", "names no host"),
        ("https://partnership.example.lg.jp/?a=1", "query"),
        ("https://partnership.example.lg.jp/#top", "fragment"),
        ("https://partnership.example.lg.jp?", "query"),
        ("https://user:secret@partnership.example.lg.jp", "user name"),
        ("https://partnership.example.lg.jp:99999", "port"),
        ("https://partnership.example.lg.jp:http", "port"),
        ("https://partnership example.lg.jp", "space"),
        ("https://partnership.example.lg.jp/\x00", "control"),
    ],
)
def test_a_bad_address_is_refused_naming_the_variable_and_the_value(bad: str, reason: str) -> None:
    with pytest.raises(FactValueError) as error:
        parse_public_url(bad)
    message = str(error.value)
    assert message.startswith("ZAIRYU_PUBLIC_URL: ")
    assert repr(bad) in message
    assert reason in message
    assert "https://partnership.example.lg.jp" in message  # what a good one looks like


def test_the_address_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZAIRYU_PUBLIC_URL", raising=False)
    assert Settings.from_environment().public_url is None
    monkeypatch.setenv("ZAIRYU_PUBLIC_URL", "  ")
    assert Settings.from_environment().public_url is None
    monkeypatch.setenv("ZAIRYU_PUBLIC_URL", PUBLIC + "/")
    assert Settings.from_environment().public_url == PUBLIC
    monkeypatch.setenv("ZAIRYU_PUBLIC_URL", "partnership.example.lg.jp")
    with pytest.raises(FactValueError, match="ZAIRYU_PUBLIC_URL"):
        Settings.from_environment()


def test_serve_refuses_a_bad_address_before_starting(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli_app,
        ["serve", "--data-dir", str(tmp_path)],
        env={"ZAIRYU_PUBLIC_URL": "www.example.lg.jp"},
    )
    assert result.exit_code == 2
    assert "ZAIRYU_PUBLIC_URL" in result.output
    assert "'www.example.lg.jp'" in result.output
    result = runner.invoke(
        cli_app, ["serve", "--data-dir", str(tmp_path), "--public-url", "https://a.example/?x"]
    )
    assert result.exit_code == 2
    assert "--public-url" in result.output
    assert "query" in result.output
    # Refused before anything was made: no database, no secret.
    assert list(tmp_path.iterdir()) == []


# --- the certificate --------------------------------------------------------------------------


@dataclass
class Site:
    app: FastAPI
    client: TestClient
    sessions: sessionmaker[Session]
    certificate: service.Issued

    def login(self) -> None:
        form = self.client.get("/work/login")
        token = re.search(r'name="form_token" value="([^"]+)"', form.text)
        assert token is not None
        response = self.client.post(
            "/work/login",
            data={"form_token": token.group(1), "next": "/work", "username": "admin",
                  "password": PASSWORD},
            follow_redirects=False,
        )  # fmt: skip
        assert response.status_code == 303, response.text

    def print_url(self) -> str:
        return f"/work/registry/certificates/{self.certificate.certificate.id}/certificate.pdf"

    def actions(self) -> list[str]:
        with self.sessions() as s:
            return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def _site(tmp_path: Path, database_url: str | None, public_url: str | None) -> Iterator[Site]:
    settings = Settings(data_dir=tmp_path, database_url=database_url, as_of=AS_OF)
    settings.public_url = public_url
    app = create_app(settings)
    key = audit_key(load_or_create_secret(tmp_path / "secret.key"))
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    cipher = app.state.field_cipher
    with sessions.begin() as s:
        workbench.bootstrap_admin(s, key, "admin", PASSWORD)
        service.register_issuer(s, cipher, key, OFFICER, ISSUER, AS_OF)
        found = service.apply(
            s, cipher, key, issuer=ISSUER, holders=HOLDERS, facts=FACTS, applied_on=AS_OF
        )
        service.accept_oath(s, key, OFFICER, found.id, AS_OF)
        issued = service.issue(s, cipher, key, OFFICER, found.id, AS_OF)
    with TestClient(app) as client:
        client.cookies.set("zairyu_lang", "en")
        yield Site(app, client, sessions, issued)
    app.state.store.engine.dispose()


@pytest.fixture
def site(tmp_path: Path, database_url: str) -> Iterator[Site]:
    yield from _site(tmp_path, database_url, PUBLIC)


@pytest.fixture
def unset_site(tmp_path: Path) -> Iterator[Site]:
    yield from _site(tmp_path, None, None)  # SQLite: the refusal touches no database feature


def _pixels(png: bytes) -> bytes:
    return Image.open(io.BytesIO(png)).convert("L").tobytes()


def test_a_forged_host_never_reaches_the_printed_certificate(site: Site) -> None:
    site.login()
    for headers in (
        {"Host": FORGED_HOST},
        {"Host": f"{FORGED_HOST}:443", "X-Forwarded-Host": FORGED_HOST},
        {},
    ):
        response = site.client.get(site.print_url(), headers=headers)
        assert response.status_code == 200, response.text
        page = PdfReader(io.BytesIO(response.content)).pages[0]
        text = page.extract_text()
        assert f"{PUBLIC}/verify" in text
        assert FORGED_HOST not in text
        assert "testserver" not in text
        # The QR code, pixel for pixel, is the one of the configured address: a code made from
        # any other address (the forged Host's, the test client's) differs.
        [image] = page.images
        printed = image.image
        assert printed is not None
        payload = site.certificate.payload
        assert printed.convert("L").tobytes() == _pixels(qr_png(qr_text(PUBLIC, payload)))
        for other in (f"https://{FORGED_HOST}", "http://testserver"):
            assert printed.convert("L").tobytes() != _pixels(qr_png(qr_text(other, payload)))
    assert site.actions().count("registry.certificate_print") == 3


def test_without_the_address_printing_is_refused_and_nothing_is_recorded(
    unset_site: Site,
) -> None:
    site = unset_site
    site.login()
    before = site.actions()
    response = site.client.get(site.print_url(), headers={"Host": FORGED_HOST})
    # 503: the server is not set up to print (the request and the certificate are fine, and
    # the same request succeeds once the administrator sets the address).
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-store"
    assert 'data-refusal="public-url"' in response.text
    assert "ZAIRYU_PUBLIC_URL" in response.text
    assert "Nothing was printed" in response.text
    assert not response.content.startswith(b"%PDF")
    assert FORGED_HOST not in response.text
    for holder in HOLDERS:
        assert holder.name not in response.text
    assert site.actions() == before  # no print recorded, nothing else either
    site.client.cookies.set("zairyu_lang", "ja")
    japanese = site.client.get(site.print_url())
    assert japanese.status_code == 503
    assert "証明書はまだ印刷できません" in japanese.text
    assert "ZAIRYU_PUBLIC_URL" in japanese.text
    # Not logged in: the login page, as for every officer page, not the configuration.
    site.client.cookies.clear()
    anonymous = site.client.get(site.print_url(), follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"].startswith("/work/login")


# --- the interview's private link -------------------------------------------------------------


def _private_link_page(tmp_path: Path, public_url: str | None) -> tuple[str, str]:
    app = create_app(Settings(data_dir=tmp_path, as_of=AS_OF, public_url=public_url))
    with TestClient(app) as client:
        home = client.get("/")
        form_token = re.search(r'name="form_token" value="([^"]+)"', home.text)
        assert form_token is not None
        started = client.post("/start", data={"form_token": form_token.group(1)})
        token = started.url.path.split("/")[2]
        check = client.get(f"/i/{token}/check", headers={"Host": FORGED_HOST})
        assert check.status_code == 200
    app.state.store.engine.dispose()
    return token, check.text


def test_the_private_link_uses_the_configured_address(tmp_path: Path) -> None:
    token, page = _private_link_page(tmp_path / "set", PUBLIC)
    assert f"<code>{PUBLIC}/i/{token}</code>" in page
    assert FORGED_HOST not in page
    # Unset, the page shows the address the browser asked for (it is that browser's own page,
    # never printed): which also shows that the forged Host of these tests reaches the app.
    token, page = _private_link_page(tmp_path / "unset", None)
    assert f"<code>http://{FORGED_HOST}/i/{token}</code>" in page
