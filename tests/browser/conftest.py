"""Real-browser fixtures: the real `zairyu serve` process, Debian's Chromium driven by Playwright,
and axe-core for accessibility.

The tools are installed by `scripts/ensure-test-tools` (run by `make test`). When one is missing
the tests fail and say so: a skipped browser suite would look green while testing nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
QUESTIONS_JSON = ARTIFACTS / "questions.json"
AS_OF = "2026-11-22"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCALES = {"en": "en-GB", "ja": "ja-JP"}
INSTALL_HINT = "run `scripts/ensure-test-tools` (as root) to install it; `make test` does this"

# Questions asked per journey and language, written to test-artifacts/questions.json and shown
# at the end of the run.
QUESTION_LOG: dict[str, dict[str, Any]] = {}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real server, `zairyu serve`, on a free loopback port; yields its base URL.

    Its data directory is a fresh temporary directory, in memory (/dev/shm) when there is one:
    every page commits to SQLite, and the disk's fsync would otherwise dominate the run time.
    """
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        data_dir = Path(tempfile.mkdtemp(prefix="zairyu-browser-", dir=shm))
    else:
        data_dir = tmp_path_factory.mktemp("zairyu-data")
    log_path = data_dir / "server.log"
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "zairyu.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--as-of",
        AS_OF,
    ]
    env = {**os.environ, "NO_COLOR": "1"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(
                    f"`zairyu serve` exited with {process.returncode} before /healthz answered:\n"
                    + log_path.read_text(errors="replace"),
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    "`zairyu serve` did not answer /healthz within 30 s:\n"
                    + log_path.read_text(errors="replace"),
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
        if data_dir.is_relative_to(shm):
            shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: {INSTALL_HINT}", pytrace=False)
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: {INSTALL_HINT}", pytrace=False)
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture
def new_context(browser: Browser, server: str) -> Iterator[Callable[..., BrowserContext]]:
    """Makes fresh browser contexts (no cookies) on the server; all are closed after the test.

    `lang` sets the browser's language (its Accept-Language); other arguments go to
    `browser.new_context`. The app's Content-Security-Policy forbids inline scripts, so axe-core
    can only be injected with `bypass_csp=True` (the default here); tests of what the page itself
    loads pass `bypass_csp=False`.
    """
    contexts: list[BrowserContext] = []

    def make(lang: str = "en", **options: Any) -> BrowserContext:
        options.setdefault("bypass_csp", True)
        context = browser.new_context(base_url=server, locale=LOCALES[lang], **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page in a fresh English context."""
    return new_context("en").new_page()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await window.axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl']}]\n    targets: {'; '.join(targets[:10])}"
            + (f" … and {len(targets) - 10} more" if len(targets) > 10 else "")
        )
    return "\n".join(lines)


def check_axe(page: Page, what: str) -> None:
    """Assert that axe-core finds no violation (WCAG 2.1 A/AA and best practice) on the page."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} accessibility violation(s) on {what}"
        f" ({page.url}):\n{format_violations(violations)}"
    )


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot in test-artifacts/screenshots/ (JPEG: results pages are tens of
    thousands of pixels tall, and PNG takes twice as long and ten megabytes each)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.jpg"
    page.screenshot(path=str(path), full_page=True, type="jpeg", quality=70)
    return path


def log_questions(journey: str, lang: str, record: dict[str, Any]) -> None:
    QUESTION_LOG.setdefault(journey, {})[lang] = record
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    QUESTIONS_JSON.write_text(
        json.dumps(QUESTION_LOG, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not QUESTION_LOG:
        return
    terminalreporter.section("questions asked per journey (browser)")
    for journey, by_lang in QUESTION_LOG.items():
        counts = ", ".join(
            f"{lang}: {record['asked']}/{record['total_facts']}"
            for lang, record in sorted(by_lang.items())
        )
        terminalreporter.write_line(f"{journey}: {counts}")
    terminalreporter.write_line(f"(written to {QUESTIONS_JSON.relative_to(ROOT)})")
