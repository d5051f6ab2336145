"""The built book as a person uses it, in headless Chromium: offline, error-free, keyboard-usable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from axe_playwright_python.base import AxeResults
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from conftest import (
    BOOKS,
    EVIDENCE,
    REFLECTIONS_KEY,
    WALKTHROUGHS,
    WCAG_A_AA_STYLES_IN_PLACE,
    axe,
    contrast_rechecked,
    every_book,
    go_on_past_a_pause,
    kit,
    load_walkthroughs,
    play_choices_by_keyboard,
)
from ethicskit.conformance import axe_page
from ethicskit.engine import Session, decision_numbers, titles
from ethicskit.languages import LANGUAGES, OWN_NAMES

pytestmark = pytest.mark.browser

CASE_PAGE = "book/cases/checked-at-every-turn.html"
CODE_PAGE = "book/codes/swe-2019.html"


class PageWatch:
    """Records console errors, uncaught exceptions and every URL a page asks for."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._response)

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def foreign_requests(self, allowed_host: str | None) -> list[str]:
        """Requests to any host other than the one serving the book (none at all under file://)."""
        foreign = []
        for url in self.requests:
            parts = urlparse(url)
            if parts.scheme in {"file", "data", "blob", "about"}:
                continue
            if allowed_host is not None and parts.netloc == allowed_host:
                continue
            foreign.append(url)
        return foreign


@pytest.fixture
def watch(page: Page) -> Iterator[PageWatch]:
    yield PageWatch(page)


def every_page(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).as_posix().startswith(("_", "genindex", "search"))
    )


def test_every_page_from_localhost_has_no_errors_and_no_requests_elsewhere(
    page: Page, watch: PageWatch, built_site: Path, site_server: str
) -> None:
    """Served over HTTP, the pages of every language and the root page ask only the serving host for
    anything, and set no cookies."""
    names = ["index.html"] + [
        f"{lang}/{name}" for lang in LANGUAGES for name in every_page(built_site / lang)
    ]
    for name in names:
        page.goto(f"{site_server}/{name}")
        page.wait_for_load_state("load")
        if name in {f"{lang}/index.html" for lang in LANGUAGES}:  # a language's root moves on: let it
            page.wait_for_url(lambda url, name=name: not url.endswith(name))
            page.wait_for_load_state("load")
    assert watch.errors == []
    assert watch.foreign_requests(urlparse(site_server).netloc) == []
    assert page.context.cookies() == []


def test_reader_reaches_the_case_and_follows_a_clause_link(page: Page, book_server: str) -> None:
    """From the landing page: take the students' route to its first case, then follow a cited clause."""
    page.goto(f"{book_server}/book/intro.html")
    page.locator("article").get_by_role("link", name="Students", exact=True).click()
    expect(page.get_by_role("heading", name="Route for students", level=1)).to_be_visible()
    page.locator("article").get_by_role("link", name="Checked at every turn").first.click()
    expect(page).to_have_url(f"{book_server}/{CASE_PAGE}")
    expect(page.get_by_role("heading", name="Checked at every turn", level=1)).to_be_visible()
    link = page.locator("#case-checked-at-every-turn-clauses a.ek-clause-link").first
    href = link.get_attribute("href")
    assert href is not None and href.startswith("../codes/swe-2019.html#swe-2019-")
    anchor = href.split("#", 1)[1]
    link.click()
    expect(page).to_have_url(f"{book_server}/{CODE_PAGE}#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => el.matches(':target')")


def test_a_clause_link_in_a_chapter_lands_on_the_visible_clause(page: Page, book_server: str) -> None:
    """Reading the chapter, a student follows a citation and arrives at that clause on its code's page."""
    page.goto(f"{book_server}/book/first-loyalty.html")
    link = page.locator("article a.ek-clause-link", has_text="6.2").first
    link.click()
    expect(page).to_have_url(f"{book_server}/{CODE_PAGE}#swe-2019-6-2")
    target = page.locator("[id='swe-2019-6-2']")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("6.2")


def test_clause_paraphrase_shows_on_keyboard_focus_and_hides_on_escape(page: Page, book_server: str) -> None:
    """A keyboard user tabbing onto a clause citation hears and sees its paraphrase; Escape hides it."""
    page.goto(f"{book_server}/{CASE_PAGE}")
    link = page.locator("a.ek-clause-link").first
    tip = page.locator(f"[id='{link.get_attribute('aria-describedby')}']")
    expect(tip).to_be_hidden()
    for _ in range(200):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the first clause link could not be reached with Tab")
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


@every_book
def test_every_page_from_file_loads_cleanly_and_has_no_wcag_a_or_aa_violations(
    page: Page, watch: PageWatch, book: str, request: pytest.FixtureRequest
) -> None:
    """Opened straight from disk, every page of each edition in each language (and the site's root page
    that links the languages) loads without console errors or outside requests, and axe-core finds no
    WCAG 2.1 A or AA violation on it.

    One sweep for both, so each page is opened once; axe is put into every page the browser opens as it
    opens it, rather than sent again for each."""
    built_book: Path = request.getfixturevalue(book)
    edition, language = BOOKS[book]
    names = every_page(built_book)
    assert CASE_PAGE in names and CODE_PAGE in names
    if language == LANGUAGES[0]:
        names = ["../index.html", *names]  # the site's root page, once per edition
    page.context.add_init_script(script=axe().axe_script)
    reports = []
    for name in names:
        page.goto((built_book / name).resolve().as_uri())
        page.wait_for_load_state("load")
        if name == "index.html":
            continue  # each language's own root only redirects to the first chapter: nothing to audit
        audit = page.evaluate("options => axe.run(document, options)", WCAG_A_AA_STYLES_IN_PLACE)
        results = AxeResults(contrast_rechecked(page, audit))
        shown = "index.html" if name == "../index.html" else f"{language}/{name}"
        EVIDENCE.axe.append(axe_page(edition, shown, results.response))
        if results.violations_count:
            reports.append(f"{name}:\n{results.generate_report()}")
    assert watch.errors == []
    assert watch.foreign_requests(None) == []
    assert reports == [], "\n".join(reports)


def test_the_contrast_axe_leaves_undecided_in_a_sidebar_is_decided_with_the_sidebar_on_screen(
    page: Page, built_book: Path
) -> None:
    """In a window of a laptop's height, axe cannot judge the sidebar's links below its foot; checked
    again with every sidebar whole on the screen, each is decided (the sweep does this on every page, so
    the conformance report counts as undecided only what a person must check), and the window is as
    it was."""
    page.context.add_init_script(script=axe().axe_script)
    page.goto((built_book / CASE_PAGE).resolve().as_uri())
    page.wait_for_load_state("load")
    audit = page.evaluate("options => axe.run(document, options)", WCAG_A_AA_STYLES_IN_PLACE)
    undecided = [rule for rule in audit["incomplete"] if rule["id"] == "color-contrast"]
    assert undecided
    in_sidebar = page.evaluate(
        "targets => targets.every(t => document.querySelector(t[0]).closest('.bd-sidebar-primary'))",
        [node["target"] for node in undecided[0]["nodes"]],
    )
    assert in_sidebar
    size = page.viewport_size
    settled = contrast_rechecked(page, audit)
    assert page.viewport_size == size
    assert [rule["id"] for rule in settled["incomplete"]] == []
    assert settled["violations"] == []
    assert axe_page("student", CASE_PAGE, settled)["rules"]["color-contrast"]["outcome"] == "passes"


def test_a_printed_case_is_a_clean_handout(page: Page, built_book: Path) -> None:
    """Printing a case keeps the case and drops navigation, search, footers and tooltips."""
    page.goto((built_book / CASE_PAGE).as_uri())
    page.emulate_media(media="print")
    for chrome in [
        ".bd-header",
        ".bd-sidebar-primary",
        ".bd-sidebar-secondary",
        ".prev-next-footer",
        "#jb-print-toc",
    ]:
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    expect(page.locator("section#case-checked-at-every-turn")).to_be_visible()
    expect(page.locator(".ek-tension")).to_be_visible()
    expect(page.locator(".ek-tip").first).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


REAL_WALKS = [(path.stem, walk) for path in WALKTHROUGHS for walk in load_walkthroughs(path)]


@pytest.mark.parametrize(
    ("dilemma_id", "walk"), REAL_WALKS, ids=[f"{d}-{w['ending']}-{len(w['choices'])}" for d, w in REAL_WALKS]
)
def test_every_ending_of_every_dilemma_plays_by_keyboard_as_the_walkthrough_says(
    page: Page, watch: PageWatch, book_server: str, dilemma_id: str, walk: dict[str, Any]
) -> None:
    """The browser player, driven by Tab and Enter, agrees with the recorded walkthrough."""
    catalog = kit()
    dilemma = catalog.dilemmas[dilemma_id].model
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}
    # Recorded before playing, and marked played only at the end: a failed walk is evidence too.
    walked = {"dilemma": dilemma_id, "ending": walk["ending"], "played": False}
    EVIDENCE.keyboard.append(walked)
    page.goto(f"{book_server}/book/dilemmas/{dilemma_id}.html")
    play_choices_by_keyboard(page, labels, walk["choices"])
    title = next(ending.title for ending in dilemma.endings if ending.id == walk["ending"])
    expect(page.locator(".ek-step-heading")).to_have_text(f"Ending: {title}")
    shown = [
        [int(cell.split()[0]) for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(".ek-summary-table tbody tr").all()
    ]
    assert shown == walk["perspectives"]
    assert watch.errors == []
    assert watch.foreign_requests(urlparse(book_server).netloc) == []
    walked["played"] = True


def test_search_finds_a_case_from_any_page(page: Page, book_server: str) -> None:
    """The search box (opened with its keyboard shortcut) leads to results, with no index loaded up front."""
    page.goto(f"{book_server}/book/intro.html")
    page.keyboard.press("Control+k")
    field = page.locator("input[name='q']:visible").first
    expect(field).to_be_focused()
    field.fill("inspection improvement plan")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"search\.html\?q=inspection"))
    expect(page.locator("#search-results")).to_contain_text("Checked at every turn", timeout=10_000)


def _number_skips(dilemma: Any, choices: list[str]) -> bool:
    """Whether, on this path, some decision's number differs from the count of steps taken to reach it."""
    session = Session(dilemma)
    numbers = decision_numbers(dilemma)
    for step, choice_id in enumerate(choices, 1):
        node = session.node
        assert node is not None
        if numbers[node.id] != step:
            return True
        session.choose(choice_id)
    return False


def _heading_text(tag: Any) -> str:
    for link in tag.select("a.headerlink"):
        link.decompose()
    return " ".join(tag.get_text(" ").split())


def _words(tag: Any) -> str:
    return " ".join(tag.get_text(" ").split())


def _walk_to_compare(dilemma_id: str) -> dict[str, Any]:
    """The dilemma's recorded path that most tests numbering: one on which a decision's number differs
    from the steps taken to reach it, if the dilemma has one, else its longest."""
    dilemma = kit().dilemmas[dilemma_id].model
    walks = [walk for d, walk in REAL_WALKS if d == dilemma_id]
    return max(walks, key=lambda walk: (_number_skips(dilemma, walk["choices"]), len(walk["choices"])))


Shown = dict[str, tuple[str, ...]]
"""What one output shows of each decision on a path: its title, then the labels of its choices."""


def _static_decisions(sections: Any, prefix: str, choice_labels: str) -> Shown:
    """Each decision a page or handout sets out, by node id: its heading and every choice's label."""
    return {
        section["id"].removeprefix(prefix): (
            _heading_text(section.find(re.compile(r"^h\d$"))),
            *(_words(label) for label in section.select(choice_labels)),
        )
        for section in sections
    }


Screen = list[tuple[int, str, str]]
"""A step screen part by part: each part's place in its screen's layout, its kind, and its words with
every space left out (the player lays words out with elements, the widget with spaces and lines)."""


def _screen(parts: list[tuple[int, str, str]]) -> Screen:
    """Parts as drawn (one element or widget at a time) gathered into the layout's parts; the path's
    map, which only the browser draws, left out."""
    merged: dict[int, tuple[str, str]] = {}
    for at, kind, text in parts:
        merged[at] = (kind, merged.get(at, (kind, ""))[1] + text)
    return [
        (at, kind, "".join(text.replace("→", "").split()))
        for at, (kind, text) in sorted(merged.items())
        if kind != "map"
    ]


PLAYER_SCREEN = """() => Array.from(document.querySelectorAll(".ek-stage > [data-part]"))
    .map(n => [Number(n.dataset.at), n.dataset.part, n.textContent])"""


def _widget_screen(widget: Any) -> Screen:
    from bs4 import BeautifulSoup

    def text(child: Any) -> str:
        if hasattr(child, "children"):
            return "".join(text(inner) for inner in child.children)
        if type(child).__name__ == "Textarea":
            return ""
        if type(child).__name__ == "Button":
            return str(child.description)
        return BeautifulSoup(child.value, "html.parser").get_text()

    parts = []
    for child in widget.stage.children:
        [at] = [int(c.removeprefix("ek-at-")) for c in child._dom_classes if c.startswith("ek-at-")]
        [kind] = [c.removeprefix("ek-part-") for c in child._dom_classes if c.startswith("ek-part-")]
        parts.append((at, kind, text(child)))
    return _screen(parts)


def _played(
    page: Page,
    path: list[str],
    choices: list[str],
    labels: dict[str, str],
    screens: list[Screen] | None = None,
) -> tuple[Shown, str]:
    """Play a path in a player already open on `page`: what each decision showed, and the ending's heading.
    With `screens`, every screen on the way is kept there part by part: each decision, each outcome (as
    learners and then in projection mode), each pause, and the ending."""

    def keep() -> None:
        if screens is not None:
            screens.append(_screen([tuple(part) for part in page.evaluate(PLAYER_SCREEN)]))

    shown: Shown = {}
    for node_id, choice_id in zip(path, choices, strict=True):
        buttons = page.locator(".ek-choice-btn").all_inner_texts()
        shown[node_id] = (
            page.locator(".ek-step-heading").inner_text(),
            *(text.removeprefix("→ ").strip() for text in buttons),
        )
        keep()
        page.get_by_role("button", name=labels[choice_id], exact=True).click()
        keep()
        if screens is not None:
            page.locator(".ek-projection-btn").click()
            keep()
            page.locator(".ek-projection-btn").click()
        next_label = "Continue" if choice_id != choices[-1] else "See where this ends"
        page.get_by_role("button", name=next_label, exact=True).click()
        if page.locator(".ek-pause-text").count():
            keep()
        go_on_past_a_pause(page)
    keep()
    return shown, page.locator(".ek-step-heading").inner_text()


COMPARED = sorted({dilemma_id for dilemma_id, _walk in REAL_WALKS})


@pytest.mark.parametrize("dilemma_id", COMPARED)
def test_every_output_shows_each_decision_of_a_real_path_with_the_same_words_and_number(
    page: Page, built_lecturer_book: Path, tmp_path: Path, dilemma_id: str
) -> None:
    """The page, the lecturer's map and diagram, the room tally, the handout, the player after a real
    path, the single-file dilemma and the widget give each decision the same number and title (the
    engine's), and the same choices in the same words; the players and the widget end with the same
    ending. The players and the widget offer the choices the engine offers at that point of the path
    (a choice may wait on earlier ones); the page, map and handout set out all of them. The page's player
    and the widget draw every screen on the way (each decision, each outcome as learners see it and in
    projection mode, each pause, the ending) with the same parts, in the same order, in the same words."""
    from bs4 import BeautifulSoup

    from ethicskit.documents import dilemma_sheet, standalone_dilemma
    from ethicskit.widgets import DilemmaWidget

    catalog = kit()
    walk = _walk_to_compare(dilemma_id)
    dilemma = catalog.dilemmas[dilemma_id].model
    expected = titles(dilemma)
    nodes_by_id = {node.id: node for node in dilemma.nodes}
    path: list[str] = []
    offered: Shown = {}
    session = Session(dilemma)
    for choice_id in walk["choices"]:
        assert session.node is not None
        path.append(session.node.id)
        offered[session.node.id] = (expected[session.node.id], *(c.label for c in session.choices()))
        session.choose(choice_id)
    every_choice: Shown = {n: (expected[n], *(c.label for c in nodes_by_id[n].choices)) for n in path}
    ending = f"Ending: {next(e.title for e in dilemma.endings if e.id == walk['ending'])}"
    prefix = f"dilemma-{dilemma_id}-"
    titles_only: dict[str, dict[str, str]] = {}
    set_out: dict[str, Shown] = {}
    played: dict[str, Shown] = {}
    endings: dict[str, str] = {}

    dilemma_page = built_lecturer_book / "book" / "dilemmas" / f"{dilemma_id}.html"
    page_soup = BeautifulSoup(dilemma_page.read_text(), "html.parser")
    set_out["page"] = _static_decisions(
        page_soup.select("section.ek-node"), prefix, ".ek-choice-label strong"
    )
    titles_only["lecturer map"] = {
        link["href"].removeprefix("#" + prefix): link.get_text() for link in page_soup.select(".ek-branch a")
    }
    titles_only["diagram"] = {
        group["id"].removeprefix(f"ek-map-{dilemma_id}-"): " ".join(group.get_text(" ").split())
        for group in page_soup.select("svg.ek-diagram-svg g.node")
    }
    tally_page = BeautifulSoup((built_lecturer_book / "book" / "tally.html").read_text(), "html.parser")
    tally_data = json.loads(tally_page.select_one("script.ek-tally-data").get_text())
    tallied = next(entry for entry in tally_data if entry["id"] == dilemma_id)
    set_out["room tally"] = {
        node["id"]: (node["title"], *(choice["label"] for choice in node["choices"]))
        for node in tallied["nodes"]
    }
    sheet = BeautifulSoup(dilemma_sheet(dilemma, catalog, lecturer=True), "html.parser")
    # The handout is the page's layout on paper: its choices are found as the page's are.
    set_out["handout"] = _static_decisions(sheet.select("section.ek-node"), prefix, ".ek-choice-label strong")

    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}
    page.goto(dilemma_page.as_uri())
    player_screens: list[Screen] = []
    played["player"], endings["player"] = _played(page, path, walk["choices"], labels, player_screens)
    stored = json.loads(page.evaluate("key => localStorage.getItem(key)", REFLECTIONS_KEY))
    summary = page.locator(".ek-summary-table tbody th").all_inner_texts()
    titles_only["player summary"] = {
        node_id: row.split(": ")[0] for node_id, row in zip(path, summary, strict=True)
    }
    single_file = tmp_path / f"{dilemma_id}.html"
    single_file.write_text(standalone_dilemma(dilemma, catalog), encoding="utf-8")
    # Pages opened from disk share one store, and the player resumes a path kept there.
    page.evaluate("() => window.localStorage.clear()")
    page.goto(single_file.as_uri())
    played["single-file dilemma"], endings["single-file dilemma"] = _played(
        page, path, walk["choices"], labels
    )

    widget = DilemmaWidget(dilemma, catalog)
    played["widget"] = {}
    widget_screens: list[Screen] = []
    for node_id, choice_id in zip(path, walk["choices"], strict=True):
        heading = BeautifulSoup(widget.stage.children[0].value, "html.parser").get_text()
        played["widget"][node_id] = (heading, *(button.description for button in widget.choice_buttons))
        widget_screens.append(_widget_screen(widget))
        widget.choose(choice_id)
        widget_screens.append(_widget_screen(widget))
        widget.projection.value = True
        widget_screens.append(_widget_screen(widget))
        widget.projection.value = False
        widget.proceed()
        if widget.pausing:
            widget_screens.append(_widget_screen(widget))
            widget.go_on()
    widget_screens.append(_widget_screen(widget))
    endings["widget"] = BeautifulSoup(widget.stage.children[0].value, "html.parser").get_text()

    # Both draw every screen from one layout: the same parts in the same order, with the same words. A
    # reflection's label is the one part worded apart: the widget keeps reflections in the notebook.
    def comparable(screen: Screen) -> Screen:
        return [(at, kind, "" if kind == "reflection" else text) for at, kind, text in screen]

    assert len(player_screens) == len(widget_screens)
    for number, (in_player, in_widget) in enumerate(zip(player_screens, widget_screens, strict=True)):
        assert comparable(in_player) == comparable(in_widget), f"screen {number} of the path"
    drawn = {kind for screen in widget_screens for _at, kind, _text in screen}
    assert {"heading", "choices", "views", "codes", "summary", "button"} <= drawn
    # What the widget exports is made from the entry the player stores for the same path.
    kept = ("title", "path", "ending")
    in_player = stored["dilemmas"][dilemma_id]
    assert {key: widget.entry()[key] for key in kept} == {key: in_player[key] for key in kept}

    for output, names in titles_only.items():
        # The lecturer's map names the start in its opening line; it links every later decision.
        checked = [n for n in path if not (output == "lecturer map" and n == dilemma.start)]
        assert {n: names.get(n) for n in checked} == {n: expected[n] for n in checked}, output
    for output, shown in set_out.items():
        assert {n: shown.get(n) for n in path} == every_choice, output
    for output, shown in played.items():
        assert shown == offered, output
    assert endings == dict.fromkeys(endings, ending)


def test_some_compared_path_numbers_a_decision_otherwise_than_by_steps_taken() -> None:
    """Counting the learner's steps instead of using the engine's numbers would fail the comparison
    above: at least one compared path reaches a decision whose number is not its step."""
    catalog = kit()
    assert any(_number_skips(catalog.dilemmas[d].model, _walk_to_compare(d)["choices"]) for d in COMPARED)


def test_the_language_switch_leads_to_the_same_page_and_back_by_keyboard(
    page: Page, site_server: str
) -> None:
    """A reader on an English page moves to the same page in Welsh with the switch, and back again."""
    page.goto(f"{site_server}/en/{CASE_PAGE}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    to_welsh = page.locator(".ek-language-switch").get_by_role("link", name=OWN_NAMES["cy"], exact=True)
    to_welsh.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}/cy/{CASE_PAGE}")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    to_english = page.locator(".ek-language-switch").get_by_role("link", name=OWN_NAMES["en"], exact=True)
    expect(to_english).to_be_visible()
    to_english.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}/en/{CASE_PAGE}")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_switch_sits_level_with_the_page_buttons_and_search_is_offered_once(
    page: Page, site_server: str, width: int
) -> None:
    """On a desktop's width and a phone's, the language switch stands inside the article header, on one
    line with the theme's page buttons and before them; and the page shows one way to search (the
    sidebar's field, or on a phone the header's button), which Ctrl+K also opens."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_server}/en/{CASE_PAGE}")
    header = page.locator(".bd-header-article").bounding_box()
    switch_link = page.locator(".ek-language-switch-link").bounding_box()
    buttons = page.locator(".article-header-buttons").bounding_box()
    assert header and switch_link and buttons
    assert header["y"] <= switch_link["y"]
    assert switch_link["y"] + switch_link["height"] <= header["y"] + header["height"]
    middle = [box["y"] + box["height"] / 2 for box in (switch_link, buttons)]
    assert abs(middle[0] - middle[1]) < 2, middle
    assert switch_link["x"] + switch_link["width"] <= buttons["x"]
    searches = [button for button in page.locator(".search-button__button").all() if button.is_visible()]
    assert len(searches) == 1
    page.keyboard.press("Control+k")
    expect(page.locator("#pst-search-dialog")).to_have_attribute("open", "")


def test_the_search_fields_icon_stands_before_the_text_typed_into_it(page: Page, site_server: str) -> None:
    """In the search dialog (Ctrl+K) and on the search page, the magnifying glass sits before the field's
    text, not over its first letters."""

    def icon_clear_of_text(form: Any) -> None:
        expect(form).to_be_visible()
        icon, field = form.locator(".fa-magnifying-glass"), form.locator("input")
        icon_box, field_box = icon.bounding_box(), field.bounding_box()
        assert icon_box and field_box
        padding = float(field.evaluate("f => parseFloat(getComputedStyle(f).paddingLeft)"))
        assert icon_box["x"] + icon_box["width"] <= field_box["x"] + padding, (icon_box, field_box, padding)

    page.goto(f"{site_server}/en/{CASE_PAGE}")
    page.keyboard.press("Control+k")
    icon_clear_of_text(page.locator("#pst-search-dialog form.bd-search"))
    page.goto(f"{site_server}/en/search.html?q=consent")
    icon_clear_of_text(page.locator(".bd-search-container form.bd-search"))


def test_the_root_page_opens_each_language_from_disk(page: Page, built_site: Path) -> None:
    """The site's root page, opened from disk with no script, leads to each language's book."""
    for language in LANGUAGES:
        page.goto((built_site / "index.html").as_uri())
        page.get_by_role("link", name=OWN_NAMES[language], exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert page.url.startswith((built_site / language).as_uri())
