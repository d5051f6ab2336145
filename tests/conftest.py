"""Shared fixtures: the repository, a built copy of the real book, a local server, and Chromium."""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ethicskit.archive import build_time
from ethicskit.conformance import EVIDENCE_ENV, Evidence
from ethicskit.conformance import write as write_conformance
from ethicskit.sphinx.conformance import EVIDENCE_PATH_ENV

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_EVIDENCE = FIXTURES / "conformance" / "evidence.json"
"""The evidence every book built by the tests shows on its conformance page (see its README)."""
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Chromium otherwise keeps trying to reach outside hosts, which would pollute the request log.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


ANSI = re.compile(r"\x1b\[[0-9;]*m")

EVIDENCE = Evidence()
"""What the browser tests saw, for the accessibility conformance report (see ethicskit.conformance)."""


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the evidence and the conformance report when ETHICSKIT_EVIDENCE names a folder."""
    folder = os.environ.get(EVIDENCE_ENV)
    if folder and (EVIDENCE.axe or EVIDENCE.keyboard):
        write_conformance(EVIDENCE, Path(folder), run_date())


def run_date() -> str:
    """The date a run gives its evidence: the commit's, as SOURCE_DATE_EPOCH says (a release sets it),
    so the same commit gives the same report; otherwise today's."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return build_time().date().isoformat()
    return datetime.date.today().isoformat()


def build_book(
    source: Path,
    output: Path,
    edition: str = "student",
    evidence: Path | None = FIXTURE_EVIDENCE,
    language: str = "",
) -> subprocess.CompletedProcess[str]:
    """Build a book strictly (warnings are errors) with its output under `output`; colours removed.

    The edition is chosen as `make lecturer` chooses it, through ETHICSKIT_EDITION; the conformance
    page shows `evidence` (the fixture's, unless a test names another), never whatever an earlier run
    left in the kit's folder, so every run audits the same page. With `evidence=None` the page looks
    where `make book` looks, under the kit's own `_build/accessibility`. The interface language, when
    given, is chosen through ETHICSKIT_LANGUAGE ('qps' is the pseudo-locale).
    """
    env = {**os.environ, "ETHICSKIT_EDITION": edition}
    env.pop(EVIDENCE_PATH_ENV, None)
    if evidence is not None:
        env[EVIDENCE_PATH_ENV] = str(evidence)
    env.pop("ETHICSKIT_LANGUAGE", None)
    if language:
        env["ETHICSKIT_LANGUAGE"] = language
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(source), "--path-output", str(output), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    result.stdout, result.stderr = ANSI.sub("", result.stdout), ANSI.sub("", result.stderr)
    return result


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book, built once per test session; returns the folder holding index.html."""
    output = tmp_path_factory.mktemp("book")
    result = build_book(REPO, output)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return output / "_build" / "html"


@pytest.fixture(scope="session")
def built_lecturer_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book's lecturer edition, built once per test session."""
    output = tmp_path_factory.mktemp("lecturer")
    result = build_book(REPO, output, edition="lecturer")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return output / "_build" / "html"


@pytest.fixture(scope="session")
def built_pseudo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book built in the pseudo-locale, where every catalogue message is visibly marked; built
    once per test session."""
    output = tmp_path_factory.mktemp("pseudo")
    result = build_book(REPO, output, language="qps")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return output / "_build" / "html"


@pytest.fixture(scope="session")
def built_welsh_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book built in Welsh (interface and translated content), once per test session."""
    output = tmp_path_factory.mktemp("welsh")
    result = build_book(REPO, output, language="cy")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return output / "_build" / "html"


def make_fixture_book(target: Path) -> Path:
    """A small book made of the fixture content and fixture pages."""
    shutil.copytree(FIXTURES / "book", target)
    shutil.copytree(FIXTURES / "valid", target, dirs_exist_ok=True)
    return target


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1, on a free port, while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def book_server(built_book: Path) -> Iterator[str]:
    """Serve the built book on 127.0.0.1; yields the base URL."""
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive Debian's Chromium: this machine cannot download Playwright's own browsers."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


WALKTHROUGHS = sorted((Path(__file__).parent / "walkthroughs").glob("*.yml"))
"""One file per real dilemma: choice sequences with the ending and perspective path they must give."""


def load_walkthroughs(path: Path) -> list[dict[str, Any]]:
    import yaml

    walks: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return walks


def press_until_focused(page: Any, name: str, limit: int = 80) -> None:
    """Tab forward until the button with this accessible name has focus, as a keyboard user would."""
    target = page.get_by_role("button", name=name, exact=True)
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"could not reach '{name}' with the Tab key")


def play_choices_by_keyboard(page: Any, labels: dict[str, str], choices: list[str]) -> None:
    """Make each choice with Tab and Enter, checking focus and the live announcement at every step."""
    from playwright.sync_api import expect

    for choice_id in choices:
        press_until_focused(page, labels[choice_id])
        page.keyboard.press("Enter")
        expect(page.locator(".ek-step-heading")).to_be_focused()
        expect(page.locator(".ek-live")).to_contain_text(f"You chose: {labels[choice_id]}")
        press_until_focused(page, "Continue" if choice_id != choices[-1] else "See where this ends")
        page.keyboard.press("Enter")
        expect(page.locator(".ek-step-heading")).to_be_focused()
        go_on_past_a_pause(page)


def go_on_past_a_pause(page: Any) -> None:
    """At the pause before a decision's hardest material (if this is one), choose to go on, by keyboard."""
    from playwright.sync_api import expect

    heading = page.locator(".ek-step-heading").inner_text()
    if heading.startswith("A pause before "):
        press_until_focused(page, "Go on to " + heading.removeprefix("A pause before "))
        page.keyboard.press("Enter")
        expect(page.locator(".ek-step-heading")).to_be_focused()
