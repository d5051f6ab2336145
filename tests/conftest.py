"""Shared fixtures: the repository, a built copy of the real book, a local server, and Chromium."""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe

from ethicskit import words
from ethicskit.archive import build_time
from ethicskit.catalog import Catalog, load_catalog
from ethicskit.conformance import EVIDENCE_ENV, Evidence
from ethicskit.conformance import write as write_conformance
from ethicskit.languages import HTML as SITE_HTML
from ethicskit.languages import LANGUAGES, build_language, publish, root_index, site_title
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

AXE_CORE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def axe() -> Axe:
    """axe-core as pinned in package-lock.json, which every accessibility test runs. It is newer than
    the copy axe-playwright-python bundles, whose runner the tests keep: 4.14 also checks that each
    control's name holds the words it shows (WCAG 2.5.3), and works out colour contrast in about two
    thirds of the time."""
    if not AXE_CORE.is_file():
        pytest.fail(f"{AXE_CORE} is missing: run 'make node_modules/.ready'", pytrace=False)
    return Axe.from_file(AXE_CORE)


WCAG_A_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # axe still lists every rule that passed or did not apply, which the conformance report reads; it
    # only skips working out a selector for each passing element (about a quarter of its time here).
    "resultTypes": ["violations", "incomplete"],
}
"""The axe-core rules of WCAG 2.1 levels A and AA, as every accessibility test runs them."""

WCAG_A_AA_STYLES_IN_PLACE = {**WCAG_A_AA, "preload": False}
"""The same audit with the styles read where the page applied them. axe's preloading fetches each
stylesheet again: Chromium refuses that to a file:// page, and over HTTP it asks for the theme's
`@import "../basic.css"` from the page's folder instead of the stylesheet's; either way the page logs
an error that a test of its console would count."""

CONTRAST_AGAIN = {
    "runOnly": ["color-contrast"],
    "resultTypes": ["violations", "incomplete"],
    "preload": False,
}

# The height that shows the whole of each sidebar, below where it starts on the page.
_SIDEBARS_HEIGHT = """() => Math.ceil(Math.max(0,
    ...[...document.querySelectorAll('.bd-sidebar-primary, .bd-sidebar-secondary')].map(
        bar => bar.getBoundingClientRect().top + bar.scrollHeight)))"""


def contrast_rechecked(page: Any, response: dict[str, Any]) -> dict[str, Any]:
    """An axe result with the colour contrast it left undecided checked again, once every sidebar's
    text is on the screen.

    The theme's sidebars scroll on their own, within the window's height. axe judges only text it
    can see on the screen, so it leaves undecided every link of a sidebar below the window's foot,
    though a reader scrolls the sidebar to read them in the same colours. Those items alone are
    checked again in a window tall enough to show each sidebar whole; what axe decides then replaces
    them, and what it still cannot decide (text drawn over a diagram's shapes, say) stays undecided."""
    undecided = next((rule for rule in response["incomplete"] if rule["id"] == "color-contrast"), None)
    if undecided is None:
        return response
    size = page.viewport_size
    tall = page.evaluate(_SIDEBARS_HEIGHT)
    if tall <= size["height"]:
        return response
    page.set_viewport_size({"width": size["width"], "height": tall})
    try:
        targets = [node["target"] for node in undecided["nodes"]]
        again = page.evaluate(
            "([targets, options]) => axe.run({include: targets}, options)", [targets, CONTRAST_AGAIN]
        )
    finally:
        page.set_viewport_size(size)
    merged = {**response, "incomplete": [rule for rule in response["incomplete"] if rule is not undecided]}
    for outcome in ("incomplete", "violations"):
        for rule in again[outcome]:
            present = next((mine for mine in merged[outcome] if mine["id"] == rule["id"]), None)
            if present is None:
                merged[outcome] = [*merged[outcome], rule]
            else:
                present["nodes"] = [*present["nodes"], *rule["nodes"]]
    return merged


EVIDENCE = Evidence()
"""What the browser tests saw, for the accessibility conformance report (see ethicskit.conformance)."""
EVIDENCE_PART = ".seen-by-"
"""The name each process of a run gives what it saw, until the parts are gathered into one report."""


def pytest_configure(config: pytest.Config) -> None:
    """Clear the parts an interrupted run may have left, before this run's processes start: the report
    must hold only what this run saw."""
    folder = os.environ.get(EVIDENCE_ENV)
    if folder and not os.environ.get("PYTEST_XDIST_WORKER"):
        for part in Path(folder).glob(f"{EVIDENCE_PART}*.json"):
            part.unlink()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the evidence and the conformance report when ETHICSKIT_EVIDENCE names a folder.

    When the suite runs in several processes, each leaves what it saw beside the report, and the
    process that ran them (it finishes last) gathers the parts, in a fixed order whatever process saw
    what, and writes the report."""
    folder = os.environ.get(EVIDENCE_ENV)
    if not folder:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{EVIDENCE_PART}{worker}.json").write_text(EVIDENCE.as_json(), encoding="utf-8")
        return
    parts = [EVIDENCE]
    for part in sorted(Path(folder).glob(f"{EVIDENCE_PART}*.json")):
        parts.append(Evidence.read(part))
        part.unlink()
    seen = Evidence.gathered(parts)
    if seen.axe or seen.keyboard:
        write_conformance(seen, Path(folder), run_date())


def run_date() -> str:
    """The date a run gives its evidence: the commit's, as SOURCE_DATE_EPOCH says (a release sets it),
    so the same commit gives the same report; otherwise today's."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return build_time().date().isoformat()
    return datetime.date.today().isoformat()


@functools.cache
def kit() -> Catalog:
    """The kit's own content in English, loaded once per test process for the tests that only read it
    (loading takes a second or two, and over a hundred tests read it)."""
    with words.language("en"):
        catalog, problems = load_catalog(REPO)
    assert problems == [], problems
    return catalog


ETHICSKIT = Path(sys.executable).parent / "ethicskit"
"""The command as installed beside the test's Python, for the few tests that run it in a process of its
own; the others run it in-process (`run_cli`)."""


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`ethicskit *args` from the folder `cwd`, run in this process through click's test runner: no new
    interpreter, no second import of the kit and its libraries (about a second and a half a command).
    Returns its output and exit status as a finished process gives them; any other exception than the
    command's own exit is raised, so a crash shows its traceback. The language it writes in is the
    test's again afterwards."""
    from click.testing import CliRunner

    from ethicskit.cli import main

    with contextlib.chdir(cwd), words.language(words.current().language):
        ran = CliRunner().invoke(main, list(args))
    if ran.exception is not None and not isinstance(ran.exception, SystemExit):
        raise ran.exception
    return subprocess.CompletedProcess([str(ETHICSKIT), *args], ran.exit_code, ran.stdout, ran.stderr)


def build_book(
    source: Path,
    output: Path,
    edition: str = "student",
    evidence: Path | None = FIXTURE_EVIDENCE,
    language: str = "",
) -> subprocess.CompletedProcess[str]:
    """Build a book strictly (warnings are errors) with its output under `output`, as `jupyter-book
    build` does, but in this process: Sphinx and the extensions are imported once per test process
    instead of once per build (about three seconds a build). Returns what the command printed and its
    exit status, as a finished process would.

    The edition is chosen as `make lecturer` chooses it, through ETHICSKIT_EDITION; the conformance
    page shows `evidence` (the fixture's, unless a test names another), never whatever an earlier run
    left in the kit's folder, so every run audits the same page. With `evidence=None` the page looks
    where `make book` looks, under the kit's own `_build/accessibility`. The interface language, when
    given, is chosen through ETHICSKIT_LANGUAGE ('qps' is the pseudo-locale). The variables are set
    for the build alone, and the language the build writes in is the test's again afterwards.
    """
    from click.testing import CliRunner

    variables = {
        "ETHICSKIT_EDITION": edition,
        EVIDENCE_PATH_ENV: None if evidence is None else str(evidence),
        "ETHICSKIT_LANGUAGE": language or None,
    }
    arguments = ["build", str(source), "--path-output", str(output), "-W", "-n", "--keep-going"]
    # A build sets the language it writes in for the rest of its process; the block undoes that. Python's
    # warnings are handled as in a process of its own: shown, not errors, and the libraries' notices of
    # deprecation left out (the suite makes warnings errors for the kit's own code).
    with words.language(words.current().language), warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        from jupyter_book.cli.main import main as jupyter_book

        ran = CliRunner().invoke(jupyter_book, arguments, env=variables)
    stderr = ran.stderr
    if ran.exception is not None and not isinstance(ran.exception, SystemExit):
        stderr += "".join(traceback.format_exception(ran.exception))
    return subprocess.CompletedProcess(
        [str(JUPYTER_BOOK), *arguments], ran.exit_code, ANSI.sub("", ran.stdout), ANSI.sub("", stderr)
    )


def build_site(
    source: Path,
    output: Path,
    edition: str = "student",
    evidence: Path | None = FIXTURE_EVIDENCE,
    languages: tuple[str, ...] = LANGUAGES,
    only: str | None = None,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Build a book in each language of the site as `make book` does, each under `output/<language>`,
    gathered with the root page into `output/html`; returns that folder and the last build's result
    (the first that failed, if one did). The edition and evidence are chosen as in `build_book`; `only`
    builds one of the site's languages (its pages still link to the others)."""
    env = {**os.environ, "ETHICSKIT_EDITION": edition}
    env.pop(EVIDENCE_PATH_ENV, None)
    if evidence is not None:
        env[EVIDENCE_PATH_ENV] = str(evidence)
    site = output / "html"
    site.mkdir(parents=True, exist_ok=True)
    result = subprocess.CompletedProcess[str]([], 0, "", "")
    for language in [only] if only else languages:
        result = build_language(
            source, language, output / language, env=env, capture=True, languages=languages
        )
        result.stdout, result.stderr = ANSI.sub("", result.stdout), ANSI.sub("", result.stderr)
        if result.returncode != 0:
            return site, result
        publish(output / language / SITE_HTML, site / language)
    (site / "index.html").write_text(root_index(site_title(source), languages), encoding="utf-8")
    return site, result


def doctrees_of(book: Path) -> Path:
    """The doctrees behind one language's book of a site `build_site` made: `output/html/<language>` was
    published from the build under `output/<language>`."""
    return book.parent.parent / book.name / "_build" / ".doctrees"


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """What `build(folder)` makes, made once per test run and shared by every process of the run.

    The suite runs in several processes (pytest-xdist); each has its own session fixtures, but the real
    books take a minute each to build, so the first process to need one builds it under a lock in the
    folder all of the run's processes share, and the others wait for it and read it. A build that failed
    leaves no mark, so the next process to ask builds it again and reports its own failure."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each process's own
    folder, made = shared / f"once-{name}", shared / f"once-{name}.made"
    with (shared / f"once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, also if the build fails
        if made.is_file():
            return Path(made.read_text(encoding="utf-8"))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        result = build(folder)
        made.write_text(str(result), encoding="utf-8")
        return result


def built_site_of(tmp_path_factory: pytest.TempPathFactory, edition: str) -> Path:
    def build(folder: Path) -> Path:
        site, result = build_site(REPO, folder, edition=edition)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        return site

    return built_once(tmp_path_factory, edition, build)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book's student site, each language built once per test session: the folder holding
    `index.html` (the root page) and one folder per language."""
    return built_site_of(tmp_path_factory, "student")


@pytest.fixture(scope="session")
def built_lecturer_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book's lecturer site, each language built once per test session."""
    return built_site_of(tmp_path_factory, "lecturer")


@pytest.fixture(scope="session")
def built_book(built_site: Path) -> Path:
    """The real book in English (the student edition); returns the folder holding its index.html."""
    return built_site / "en"


@pytest.fixture(scope="session")
def built_lecturer_book(built_lecturer_site: Path) -> Path:
    """The real book's lecturer edition in English."""
    return built_lecturer_site / "en"


@pytest.fixture(scope="session")
def built_welsh_book(built_site: Path) -> Path:
    """The real book in Welsh (the student edition: interface and translated content), as the site
    holds it."""
    return built_site / "cy"


@pytest.fixture(scope="session")
def built_welsh_lecturer_book(built_lecturer_site: Path) -> Path:
    """The real book's lecturer edition in Welsh."""
    return built_lecturer_site / "cy"


BOOKS = {
    "built_book": ("student", "en"),
    "built_welsh_book": ("student", "cy"),
    "built_lecturer_book": ("lecturer", "en"),
    "built_welsh_lecturer_book": ("lecturer", "cy"),
}
"""Every built book of the site, by fixture name: its edition and language. The site-wide gates run on
each (`every_book`)."""

every_book = pytest.mark.parametrize("book", list(BOOKS), ids=[f"{e}-{lang}" for e, lang in BOOKS.values()])


def built_pseudo_of(tmp_path_factory: pytest.TempPathFactory, edition: str) -> Path:
    def build(output: Path) -> Path:
        result = build_book(REPO, output, edition=edition, language="qps")
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        return output / "_build" / "html"

    return built_once(tmp_path_factory, f"pseudo-{edition}", build)


@pytest.fixture(scope="session")
def built_pseudo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book's student edition built in the pseudo-locale, where every catalogue message is
    visibly marked; built once per test session."""
    return built_pseudo_of(tmp_path_factory, "student")


@pytest.fixture(scope="session")
def built_pseudo_lecturer_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book's lecturer edition built in the pseudo-locale: the words only lecturers see (the
    notes, the maps, the balance figures) are checked as the students' are."""
    return built_pseudo_of(tmp_path_factory, "lecturer")


def make_fixture_book(target: Path) -> Path:
    """A small book made of the fixture content and fixture pages."""
    shutil.copytree(FIXTURES / "book", target)
    shutil.copytree(FIXTURES / "valid", target, dirs_exist_ok=True)
    return target


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""

    def do_GET(self) -> None:
        # A browser asks every served site for /favicon.ico unless the page names an icon, as the
        # fixture pages and single files do not; a missing one would be logged as a page error.
        if self.path == "/favicon.ico" and not Path(self.translate_path(self.path)).is_file():
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing when the browser hangs up while a file is still being sent, as it does when a
        test moves on from a page before every asset has arrived; print any other error, as usual."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1, on a free port, while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """Serve the built student site (every language) on 127.0.0.1; yields the base URL."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def book_server(site_server: str) -> str:
    """The base URL of the English book, served with the rest of the site."""
    return f"{site_server}/en"


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


REFLECTIONS_KEY = "first-loyalty/reflections/v1"

# Everything the page's origin keeps in local storage, in one order, as one string to compare.
_STORAGE = "() => JSON.stringify(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))"


def settled_storage(page: Any) -> dict[str, str]:
    """Wait until another tab of the same browser sees the page's local storage as the page sees it;
    return it. Call it before a test reloads or leaves a page it has written from, or reads there what
    another tab wrote.

    Opened from file://, headless Chromium now and then never shares a new context's storage writes
    with any other document (see test_player's `book`), so the tests that store and reload serve their
    pages; this wait is what makes such a loss fail where its cause is plain, instead of later as a
    missing answer. It also covers the brief moment before another document sees a write. The other tab
    opens a page of the same origin that runs no script of the kit: the folder's listing for a file, a
    missing page for a server.
    """
    if page.url.startswith("file:"):
        probe_url = urljoin(page.url, ".")
    else:
        probe_url = urljoin(page.url, "/no-such-page-only-a-probe-of-local-storage")
    mine = page.evaluate(_STORAGE)
    probe = page.context.new_page()
    try:
        probe.goto(probe_url)
        # Polled on a timer: animation frames, the default, are not promised to a tab in the background.
        probe.wait_for_function(f"mine => ({_STORAGE})() === mine", arg=mine, polling=100)
    finally:
        probe.close()
    return dict(json.loads(mine))


@pytest.fixture
def errors(page: Any) -> Iterator[list[str]]:
    """The console errors and uncaught exceptions of the test's page, gathered as they happen."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    yield found


def tab_to(page: Any, target: Any, limit: int = 120, key: str = "Tab") -> None:
    """Press Tab (or `key`, such as Shift+Tab) until the locator `target` has focus, as a keyboard user
    would; fail after `limit` presses."""
    # Found once: finding an element by its accessible name works out the name of every button on the
    # page, which at each press would cost more than the press.
    element = target.element_handle()
    for _ in range(limit):
        if element.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press(key)
    pytest.fail(f"could not reach {target} with {key}")


def press_until_focused(page: Any, name: str, limit: int = 80) -> None:
    """Tab forward until the button with this accessible name has focus."""
    tab_to(page, page.get_by_role("button", name=name, exact=True), limit)


def assert_walkthroughs_replay(dilemma: Any, walks: list[dict[str, Any]]) -> None:
    """Each recorded choice sequence reaches its ending with its perspective path in the engine, and
    every ending of the dilemma is covered."""
    from ethicskit.engine import Session

    for walk in walks:
        session = Session(dilemma)
        for choice_id in walk["choices"]:
            session.choose(choice_id)
        assert session.ending is not None and session.ending.id == walk["ending"], walk
        assert [list(step) for step in session.perspective_path()] == walk["perspectives"], walk
    assert {walk["ending"] for walk in walks} == {ending.id for ending in dilemma.endings}


def skip_to_main_content(page: Any) -> None:
    """From the top of a page just opened, pass the header and the sidebar as a keyboard user does: the
    first Tab must land on the skip link, and Enter on it must move the start of Tab's order to the
    page's main content (the next Tab goes on from there, not from the top)."""
    from playwright.sync_api import expect

    page.keyboard.press("Tab")
    skip = page.locator("a[href='#main-content']")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main-content$"))


def play_choices_by_keyboard(page: Any, labels: dict[str, str], choices: list[str], code: str = "en") -> None:
    """From the top of a page just opened, make each choice with Tab and Enter, checking focus and the
    live announcement at every step; the buttons are found by their names in the interface language
    `code`. The walk starts with the page's skip link, as a keyboard user's would: without it, the first
    choice is some 75 presses of Tab away, through the header and every link of the sidebar."""
    from playwright.sync_api import expect

    from ethicskit.words import _, language

    with language(code):
        go_on, see_the_end = _("Continue"), _("See where this ends")
    skip_to_main_content(page)
    for choice_id in choices:
        press_until_focused(page, labels[choice_id])
        page.keyboard.press("Enter")
        expect(page.locator(".ek-step-heading")).to_be_focused()
        with language(code):
            chose = _("You chose: {label}", label=labels[choice_id])
        expect(page.locator(".ek-step-heading")).to_have_text(chose)
        expect(page.locator(".ek-live")).to_contain_text(labels[choice_id])
        press_until_focused(page, go_on if choice_id != choices[-1] else see_the_end)
        page.keyboard.press("Enter")
        expect(page.locator(".ek-step-heading")).to_be_focused()
        go_on_past_a_pause(page, code)


def go_on_past_a_pause(page: Any, code: str = "en") -> None:
    """At the pause before a decision's hardest material (if this is one), choose to go on, by keyboard."""
    from playwright.sync_api import expect

    from ethicskit.words import _, language

    with language(code):
        pause, go_on = _("A pause before {title}"), _("Go on to {title}")
    before, after = pause.split("{title}")
    heading = page.locator(".ek-step-heading").inner_text()
    if heading.startswith(before) and heading.endswith(after):
        title = heading[len(before) : len(heading) - len(after)]
        press_until_focused(page, go_on.replace("{title}", title))
        page.keyboard.press("Enter")
        expect(page.locator(".ek-step-heading")).to_be_focused()


def kit_scripts(*names: str, words_element: str | None = None) -> str:
    """The kit's scripts `names` as a page runs them, for a page a test writes itself: their words and
    layouts (the words element Python writes for them, unless the test brings its own), the words
    script, then the scripts in order."""
    from ethicskit.export import SCRIPTS, script_words_element

    scripts = "".join(
        f"<script>{(SCRIPTS / name).read_text(encoding='utf-8')}</script>" for name in ("words.js", *names)
    )
    return (script_words_element(list(names)) if words_element is None else words_element) + scripts
