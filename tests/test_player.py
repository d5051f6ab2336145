"""The dilemma player and reflections page in Chromium, driven as a person would: keyboard only."""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import FIXTURES, build_book, make_fixture_book, play_choices_by_keyboard, press_until_focused
from ethicskit.engine import Session, enumerate_paths
from ethicskit.models import Dilemma
from ethicskit.sphinx.assets import STATIC

pytestmark = pytest.mark.browser

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
DILEMMA = Dilemma.model_validate(
    yaml.safe_load((FIXTURES / "valid" / "exercises" / "dilemmas" / "demo-dilemma.yml").read_text())
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_fixture_book(tmp_path_factory.mktemp("player") / "book")
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-3000:]
    return book / "_build" / "html"


@pytest.fixture
def errors(page: Page) -> Iterator[list[str]]:
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    yield found


def play_by_keyboard(page: Page, choices: list[str]) -> None:
    labels = {choice.id: choice.label for node in DILEMMA.nodes for choice in node.choices}
    play_choices_by_keyboard(page, labels, choices)


@pytest.mark.parametrize(
    ("choices", "ending"), enumerate_paths(DILEMMA), ids=lambda v: "-".join(v) if isinstance(v, list) else v
)
def test_every_ending_is_reached_by_keyboard_and_agrees_with_the_engine(
    page: Page, site: Path, errors: list[str], choices: list[str], ending: str
) -> None:
    """Each path, played with Tab and Enter, reaches the engine's ending and shows its perspective path."""
    page.goto((site / "dilemma.html").as_uri())
    play_by_keyboard(page, choices)
    title = next(e.title for e in DILEMMA.endings if e.id == ending)
    expect(page.locator(".ek-step-heading")).to_have_text(f"Ending: {title}")
    session = Session(DILEMMA)
    for choice_id in choices:
        session.choose(choice_id)
    shown = [
        [int(cell.split()[0]) for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(".ek-summary-table tbody tr").all()
    ]
    assert shown == [list(step) for step in session.perspective_path()]
    assert errors == []


def test_back_and_restart(page: Page, site: Path) -> None:
    """Back undoes a decision; Start again returns to the first."""
    page.goto((site / "dilemma.html").as_uri())
    page.get_by_role("button", name="Close it by Friday").click()
    page.get_by_role("button", name="Back").click()
    expect(page.locator(".ek-step-heading")).to_have_text("Decision 1")
    page.get_by_role("button", name="Close it by Friday").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".ek-path li")).to_have_text(["Close it by Friday"])
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".ek-step-heading")).to_have_text("Decision 1")
    expect(page.locator(".ek-path li")).to_have_text(["No decisions yet."])


def test_codes_panel_follows_the_jurisdiction_switch(page: Page, site: Path) -> None:
    """The codes panel lists the choice's cited clauses with their paraphrases."""
    page.goto((site / "dilemma.html").as_uri())
    page.get_by_role("button", name="Ask for more time in supervision").click()
    panel = page.get_by_role("region", name="What the codes say")
    expect(panel).to_contain_text("Demo standards 1.1: Respect people's rights")
    expect(panel).to_contain_text("Related by theme, England:")
    page.get_by_label("Show the codes of:").select_option("scotland")
    expect(page.get_by_role("region", name="What the codes say")).to_contain_text(
        "Related by theme, Scotland:"
    )


def test_reflections_survive_reload_export_and_import(page: Page, site: Path, tmp_path: Path) -> None:
    """A reflection is saved as typed, survives a reload, exports as Markdown and JSON, and imports back."""
    page.goto((site / "dilemma.html").as_uri())
    page.get_by_role("button", name="Ask for more time in supervision").click()
    page.get_by_role("button", name="See where this ends").click()
    page.get_by_label("When have you asked for time?", exact=False).fill("Once, before a review; it helped.")
    page.reload()
    expect(page.get_by_label("When have you asked for time?", exact=False)).to_have_value(
        "Once, before a review; it helped."
    )

    page.goto((site / "reflections.html").as_uri())
    expect(page.locator(".ek-reflection-list")).to_contain_text("Path: Ask for more time in supervision")
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Download as Markdown").click()
    text = Path(markdown.value.path()).read_text()
    assert "## The Friday deadline" in text
    assert "- Path: Decision 1: Ask for more time in supervision" in text
    assert "- Ending: Time to listen" in text
    assert "- Clauses: Demo standards 1.1; Demo standards 2.1" in text
    assert "Once, before a review; it helped." in text
    with page.expect_download() as exported:
        page.get_by_role("button", name="Download as JSON").click()
    saved = tmp_path / "reflections.json"
    shutil.copy(exported.value.path(), saved)
    assert json.loads(saved.read_text())["dilemmas"]["demo-dilemma"]["ending"]["id"] == "ending-time"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all").click()
    expect(page.locator(".ek-reflection-list")).to_contain_text("No reflections yet.")
    page.get_by_label("Import JSON:").set_input_files(str(saved))
    expect(page.locator(".ek-reflection-list")).to_contain_text("Once, before a review; it helped.")

    # Printed for supervision: the reflections, without the buttons and navigation around them.
    page.emulate_media(media="print")
    expect(page.locator(".ek-reflection-list")).to_contain_text("Once, before a review; it helped.")
    expect(page.get_by_role("button", name="Download as Markdown")).to_be_hidden()
    for chrome in page.locator(".bd-sidebar-primary, .bd-header").all():
        expect(chrome).to_be_hidden()
    assert page.pdf(format="A4").startswith(b"%PDF")


def test_clear_asks_first_and_keeps_everything_if_cancelled(page: Page, site: Path) -> None:
    """Dismissing the confirmation deletes nothing."""
    page.goto((site / "dilemma.html").as_uri())
    page.get_by_role("button", name="Close it by Friday").click()
    page.goto((site / "reflections.html").as_uri())
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear all").click()
    expect(page.locator(".ek-reflection-list")).to_contain_text("Path: Close it by Friday")


def test_content_is_inserted_as_text_never_as_html(page: Page, tmp_path: Path, errors: list[str]) -> None:
    """A payload with markup in every text field shows the markup literally and runs nothing."""
    evil = '<img src=x onerror="window.__pwned=1">'
    views = {side: {"text": evil, "lean": 1} for side in ("agency", "profession", "person")}
    payload = {
        "schema": 1,
        "id": "evil",
        "title": evil,
        "start": "n1",
        "jurisdiction": "england",
        "jurisdictions": [{"id": "england", "label": evil, "codes": ["england"]}],
        "clauses": {
            "x:1": {
                "code": evil,
                "id": "1",
                "text": evil,
                "themes": ["records"],
                "jurisdiction": "england",
                "current": True,
            }
        },
        "nodes": [
            {
                "id": "n1",
                "number": 1,
                "title": evil,
                "situation": evil,
                "prompt": evil,
                "choices": [
                    {
                        "id": "c1",
                        "label": evil,
                        "to": "e1",
                        "consequence": evil,
                        "views": views,
                        "honours": ["x:1"],
                        "strains": [],
                        "themes": ["records"],
                        "escalation": None,
                        "when": [],
                    }
                ],
            }
        ],
        "endings": [
            {
                "id": "e1",
                "title": evil,
                "heading": evil,
                "debrief": evil,
                "clauses": ["x:1"],
                "prompt": evil,
                "selfCare": evil,
            }
        ],
    }
    data = json.dumps(payload).replace("</", "<\\/")
    player = (STATIC / "dilemma-player.js").read_text()
    page_file = tmp_path / "evil.html"
    page_file.write_text(
        "<!doctype html><html lang='en'><head><title>t</title></head><body><main>"
        "<section class='ek-dilemma'><h1>t</h1>"
        f"<script type='application/json' class='ek-dilemma-data'>{data}</script>"
        "<section class='ek-node'><h2>map</h2></section></section></main>"
        f"<script>{player}</script></body></html>"
    )
    page.goto(page_file.as_uri())
    expect(page.locator(".ek-situation")).to_have_text(evil)
    page.locator(".ek-choice-btn").click()
    expect(page.locator(".ek-consequence")).to_have_text(evil)
    page.locator(".ek-next-btn").click()
    expect(page.locator(".ek-debrief")).to_have_text(evil)
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert errors == []


@pytest.mark.parametrize("name", ["dilemma.html", "reflections.html"])
def test_player_pages_have_no_wcag_violations_before_and_after_playing(
    page: Page, site: Path, name: str
) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation, on arrival and at an ending."""
    page.goto((site / name).as_uri())
    if name == "dilemma.html":
        page.get_by_role("button", name="Ask for more time in supervision").click()
        results = Axe().run(page, options=WCAG_A_AA)
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("button", name="See where this ends").click()
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


def map_item(page: Page, item: str) -> object:
    return page.locator(f"#ek-map-demo-dilemma-{item}")


def test_the_whole_map_shows_only_what_was_reached_until_a_first_ending_then_everything(
    page: Page, site: Path, errors: list[str]
) -> None:
    """No spoilers: the diagram, the map as text and the decisions open up as the learner plays."""
    page.goto((site / "dilemma.html").as_uri())
    expect(page.locator(".ek-student-map")).to_be_hidden()
    press_until_focused(page, "Show the whole map")
    page.keyboard.press("Enter")
    expect(page.locator(".ek-student-map")).to_be_visible()
    expect(map_item(page, "deadline")).to_be_visible()
    for unseen in ("rushed", "ending-time", "ending-reopen", "comply", "ask-for-time", "apologise"):
        expect(map_item(page, unseen)).to_be_hidden()
    expect(page.locator("#dilemma-demo-dilemma-deadline")).to_be_visible()
    expect(page.locator("#dilemma-demo-dilemma-comply")).to_be_hidden()  # its consequence would spoil it
    expect(page.locator("#dilemma-demo-dilemma-rushed")).to_be_hidden()
    expect(page.locator(".ek-student-map .ek-branch")).to_have_count(3)
    expect(page.locator(".ek-student-map .ek-branch:visible")).to_have_count(0)

    page.get_by_role("button", name="Close it by Friday").click()
    for seen in ("deadline", "rushed", "comply"):
        expect(map_item(page, seen)).to_be_visible()
    for unseen in ("ending-time", "ending-reopen", "ask-for-time", "apologise"):
        expect(map_item(page, unseen)).to_be_hidden()
    expect(page.locator(".ek-student-map .ek-c-comply")).to_be_visible()
    expect(page.locator(".ek-student-map .ek-c-ask-for-time")).to_be_hidden()
    expect(page.locator("#dilemma-demo-dilemma-comply")).to_be_visible()
    expect(page.locator("#dilemma-demo-dilemma-ask-for-time")).to_be_hidden()
    # Each box is a link, reached with Tab, that goes to its decision on the page.
    tab_to(page, page.locator("#ek-map-demo-dilemma-rushed a"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#dilemma-demo-dilemma-rushed$"))
    assert errors == []
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()
    errors.clear()  # axe reads the theme's stylesheets, which a file:// page refuses and logs

    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Apologise and reopen the assessment").click()
    page.get_by_role("button", name="See where this ends").click()
    for item in ("deadline", "rushed", "ending-time", "ending-reopen", "comply", "ask-for-time", "apologise"):
        expect(map_item(page, item)).to_be_visible()
    drawn = page.locator(".ek-path-map svg")
    expect(drawn).to_have_attribute(
        "aria-label",
        "Your path on the map of every branch: Decision 1: Close it by Friday; "
        "Decision 2: Apologise and reopen the assessment; then Ending: Put right late",
    )
    heavy = drawn.locator("g.edge path[stroke-width='5']")
    expect(heavy).to_have_count(2)
    expect(drawn.locator("g.node [fill='#d9d9d9']")).to_have_count(3)  # the two decisions and the ending
    expect(drawn.locator("a")).to_have_count(0)
    assert drawn.evaluate("svg => svg.querySelectorAll('[id]').length") == 0
    assert errors == []
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()
    errors.clear()

    # Once an ending has been reached, the whole map stays open, even after starting again.
    page.get_by_role("button", name="Start again").click()
    expect(map_item(page, "ending-time")).to_be_visible()
    expect(page.locator("#dilemma-demo-dilemma-ask-for-time")).to_be_visible()

    # The path drawn on the map goes into the exported record and the reflections page.
    page.get_by_role("button", name="Close it by Friday").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Apologise and reopen the assessment").click()
    page.get_by_role("button", name="See where this ends").click()
    page.goto((site / "reflections.html").as_uri())
    image = page.locator(".ek-path-image")
    expect(image).to_have_attribute("alt", re.compile(r"Decision 2: Apologise and reopen the assessment"))
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Download as Markdown").click()
    text = Path(markdown.value.path()).read_text()
    assert "- Path: Decision 1: Close it by Friday → Decision 2: Apologise and reopen the assessment" in text
    found = re.search(
        r"!\[Your path drawn on the map of every branch\]\(data:image/svg\+xml;base64,([^)]+)\)", text
    )
    assert found is not None
    picture = base64.b64decode(found.group(1)).decode()
    assert picture.count('stroke-width="5"') >= 2 and "Decision 2" in picture
    assert errors == []


def tab_to(page: Page, target: object, limit: int = 120) -> None:
    """Tab forward until the given locator has focus."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):  # type: ignore[attr-defined]
            return
        page.keyboard.press("Tab")
    pytest.fail("could not reach the field with the Tab key")


def test_worksheet_is_filled_by_keyboard_saved_and_exported_with_reflections(
    page: Page, site: Path, errors: list[str]
) -> None:
    """A case's worksheet: typed by keyboard, kept across a reload, listed and exported with reflections."""
    page.goto((site / "worksheet.html").as_uri() + "?case=demo-case")
    working_on = page.get_by_label("Working on:")
    expect(working_on).to_have_value("demo-case")
    facts = page.get_by_role("group", name="1. The facts").get_by_label("Your answer")
    tab_to(page, facts)
    page.keyboard.type("The review is due on Friday.")
    for label, text in (
        ("For the agency", "The figure is met."),
        ("For the person who uses services", "Not heard."),
    ):
        tab_to(page, page.get_by_label(label))
        page.keyboard.type(text)
    expect(page.locator(".ek-worksheet .ek-saved")).to_have_text("Saved on this device.")
    # Without preloading, axe reads styles in place instead of fetching them, which file:// forbids.
    results = Axe().run(page, options={**WCAG_A_AA, "preload": False})
    assert results.violations_count == 0, results.generate_report()

    page.reload()
    expect(facts).to_have_value("The review is due on Friday.")
    working_on.select_option("own-situation")
    expect(facts).to_have_value("")

    page.goto((site / "reflections.html").as_uri())
    expect(page.locator(".ek-reflection-list")).to_contain_text("Worksheet: A demonstration case")
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Download as Markdown").click()
    text = Path(markdown.value.path()).read_text()
    assert "## Worksheet: A demonstration case" in text
    assert "### The facts\n\nThe review is due on Friday." in text
    assert "### Consequences: For the person who uses services\n\nNot heard." in text
    with page.expect_download() as record:
        page.get_by_role("button", name="Download as CPD record").click()
    cpd = Path(record.value.path()).read_text()
    assert "ethical-reasoning worksheet on \u201cA demonstration case\u201d" in cpd
    assert "- Consequences: For the agency: The figure is met." in cpd
    assert "- How this will change my practice: To complete" in cpd
    assert errors == []


def test_room_tally_counts_hands_imports_paths_and_exports_csv(
    page: Page, site: Path, tmp_path: Path, errors: list[str]
) -> None:
    """The lecturer reveals choices, types the show of hands, adds students' files and saves a CSV."""
    page.goto((site / "tally.html").as_uri() + "?dilemma=demo-dilemma")
    expect(page.get_by_label("Dilemma:")).to_have_value("demo-dilemma")
    expect(page.get_by_role("heading", name="Decision 1")).to_be_visible()
    expect(page.get_by_label("Close it by Friday")).to_have_count(0)  # choices stay hidden until revealed
    press_until_focused(page, "Reveal the choices")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Close it by Friday")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("3")
    table = page.locator(".ek-tally-table")
    expect(table).to_contain_text("How the room chose at Decision 1 (10 in all)")
    expect(table.locator("tr", has_text="Close it by Friday")).to_contain_text("770%")
    # Without preloading, axe reads styles in place instead of fetching them, which file:// forbids.
    results = Axe().run(page, options={**WCAG_A_AA, "preload": False})
    assert results.violations_count == 0, results.generate_report()

    page.reload()
    page.get_by_role("button", name="Reveal the choices").click()
    expect(page.get_by_label("Close it by Friday")).to_have_value("7")
    student = tmp_path / "student.json"
    path = [{"node": "deadline", "choice": "comply"}, {"node": "rushed", "choice": "apologise"}]
    student.write_text(json.dumps({"version": 1, "dilemmas": {"demo-dilemma": {"path": path}}}))
    page.get_by_label("Import students' exported paths (JSON):").set_input_files(str(student))
    expect(page.locator(".ek-room-tally .ek-live")).to_have_text(
        "Added the paths of 1 of 1 file(s) for this dilemma."
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Download tally as CSV").click()
    rows = Path(download.value.path()).read_text().splitlines()
    assert rows[0] == "dilemma,decision,decision_title,choice,choice_label,count"
    assert "demo-dilemma,deadline,Decision 1,comply,Close it by Friday,8" in rows
    assert "demo-dilemma,rushed,Decision 2,apologise,Apologise and reopen the assessment,1" in rows
    page.get_by_role("button", name="Go on with: Close it by Friday").click()
    expect(page.get_by_role("heading", name="Decision 2")).to_be_focused()
    assert errors == []
