"""The caseworker pages in a real browser: log in, open a case, set a fact, re-screen and see
what changed, with axe-core on every page.

The server is the real `zairyu serve`, on its own data directory, made beforehand with an
organisation, a caseworker and a case; a second journey takes in a new person and opens their
case through the intake page, and visits the administrators' pages.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy.orm import sessionmaker

from tests.browser.conftest import (
    AS_OF,
    LOCALES,
    ROOT,
    _free_port,
    _healthy,
    check_axe,
    screenshot,
)
from zairyu.audit import audit_key
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.workbench import service as wb
from zairyu.workbench.access import Role

PASSWORD = "correct horse battery staple 9731"
PERSON = "Quetzalcoatl Yamanaka-Okonkwo"


def _populate(data_dir: Path) -> None:
    """An organisation with a caseworker and one case, written as the server will read them."""
    app = create_app(Settings(data_dir=data_dir, as_of=dt.date.fromisoformat(AS_OF)))
    key = audit_key(load_or_create_secret(data_dir / "secret.key"))
    cipher = app.state.field_cipher
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    with wb.unit_of_work(sessions) as s:
        admin = wb.bootstrap_admin(s, key, "admin", PASSWORD)
        org = wb.create_organisation(s, admin, key, "NGO A").id
        worker = wb.create_user(
            s, admin, key, username="caseworker", password=PASSWORD,
            role=Role.CASEWORKER, organisation_id=org,
        )  # fmt: skip
        person = wb.create_person(
            s, admin, cipher, key, organisation_id=org, name=PERSON, birth_date=None
        ).id
        case = wb.open_case(s, admin, cipher, key, person_id=person, assigned_user_id=worker.id)
        wb.add_deadline(s, admin, cipher, key, case.id, dt.date(2026, 12, 5), "Tax certificate")
    app.state.store.engine.dispose()


@pytest.fixture(scope="module")
def workbench_server() -> Iterator[str]:
    shm = Path("/dev/shm")
    parent = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    data_dir = Path(tempfile.mkdtemp(prefix="zairyu-workbench-", dir=parent))
    _populate(data_dir)
    port = _free_port()
    command = [
        sys.executable, "-m", "zairyu.cli", "serve", "--host", "127.0.0.1",
        "--port", str(port), "--data-dir", str(data_dir), "--as-of", AS_OF,
    ]  # fmt: skip
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"},
            cwd=ROOT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "`zairyu serve` did not start:\n" + log_path.read_text(errors="replace"),
                    pytrace=False,
                )
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


def _set_criminal_record(page: Page, answer: str) -> None:
    page.get_by_label("Set a fact").select_option("applicant.criminal_record")
    page.get_by_role("button", name="Set this fact").click()
    assert "/facts/applicant.criminal_record" in page.url
    check_axe(page, "the fact form")
    page.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save the fact").click()
    assert page.url.endswith("#facts")


def test_log_in_set_a_fact_rescreen_and_see_the_difference(
    browser: Browser, workbench_server: str
) -> None:
    context = browser.new_context(base_url=workbench_server, locale=LOCALES["en"], bypass_csp=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/work")
        assert "/work/login" in page.url
        check_axe(page, "the login page")
        page.get_by_label("User name").fill("caseworker")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
        assert page.get_by_text("The user name or the password is wrong").first.is_visible()
        check_axe(page, "the login page with an error")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()

        assert page.url.endswith("/work")
        assert page.get_by_text("Tax certificate").is_visible()
        check_axe(page, "the case list")
        page.get_by_role("link", name=PERSON).click()
        assert page.get_by_role("heading", level=1, name=PERSON).is_visible()
        check_axe(page, "the case page")

        _set_criminal_record(page, "No")
        page.get_by_role("button", name="Screen again").click()
        assert page.get_by_role("heading", name="Screening as of 22 November 2026").is_visible()
        check_axe(page, "a determination")
        page.get_by_role("link", name="Back to the case").click()

        _set_criminal_record(page, "Yes")
        fact_row = page.locator("#fact-applicant\\.criminal_record")
        assert "caseworker" in fact_row.inner_text()
        page.get_by_role("button", name="Screen again").click()
        page.get_by_role("link", name="Compare with the previous determination").click()
        changed = page.locator("#changed-outcomes")
        assert "Not eligible" in changed.inner_text()
        assert "applicant.criminal_record" in changed.inner_text()
        check_axe(page, "the comparison")
        screenshot(page, "workbench-comparison")

        page.get_by_role("link", name="All determinations").first.click()
        assert page.locator("tbody tr").count() == 2
        check_axe(page, "the determination history")

        page.get_by_role("button", name="Log out").click()
        assert "/work/login" in page.url
        page.goto("/work")
        assert "/work/login" in page.url  # the session is over
    finally:
        context.close()


def _log_in(page: Page, username: str) -> None:
    page.goto("/work/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert page.url.endswith("/work")


def test_take_in_a_person_and_open_their_case(browser: Browser, workbench_server: str) -> None:
    context = browser.new_context(base_url=workbench_server, locale=LOCALES["en"], bypass_csp=True)
    context.set_default_timeout(15_000)
    name = "Xochitl Haraguchi-Abernathy"
    try:
        page = context.new_page()
        _log_in(page, "caseworker")
        page.get_by_role("link", name="New case").click()
        assert page.get_by_role("heading", level=1, name="New case").is_visible()
        check_axe(page, "the intake form")
        page.get_by_label("Full name").fill(name)
        page.get_by_label("Day").fill("31")
        page.get_by_label("Month").fill("2")
        page.get_by_label("Year").fill("1990")
        page.get_by_role("button", name="Open the case").click()
        assert page.locator(".error-summary").get_by_text("that day does not exist").is_visible()
        assert page.get_by_label("Full name").input_value() == name  # kept
        check_axe(page, "the intake form with an error")
        screenshot(page, "workbench-intake-error")
        page.get_by_label("Day").fill("28")
        page.get_by_role("button", name="Open the case").click()
        assert page.get_by_role("heading", level=1, name=name).is_visible()
        assert page.get_by_text("28 February 1990").is_visible()
        assert "/work/cases/" in page.url
        check_axe(page, "the new case")
        screenshot(page, "workbench-new-case")
        page.get_by_role("link", name="All cases").first.click()
        assert page.get_by_role("link", name=name).is_visible()
        page.get_by_role("button", name="Log out").click()

        _log_in(page, "admin")
        page.get_by_role("link", name="Administration").click()
        check_axe(page, "the administration page")
        page.get_by_role("link", name="Users").first.click()
        check_axe(page, "the users list")
        page.get_by_role("link", name="Add a user").click()
        page.get_by_label("User name").fill("reviewer2")
        page.get_by_label("Reviewer").check()
        page.get_by_label("New password", exact=True).fill("short")
        page.get_by_role("button", name="Add the user").click()
        assert page.locator(".error-summary").get_by_text("at least 12 characters").is_visible()
        assert page.get_by_label("New password", exact=True).input_value() == ""  # not kept
        check_axe(page, "the new user form with errors")
    finally:
        context.close()
