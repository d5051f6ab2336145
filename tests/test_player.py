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
from playwright.sync_api import Browser, Page, expect

from conftest import (
    FIXTURES,
    REFLECTIONS_KEY,
    WCAG_A_AA_STYLES_IN_PLACE,
    axe,
    build_book,
    kit_scripts,
    make_fixture_book,
    play_choices_by_keyboard,
    press_until_focused,
    serve,
    settled_storage,
    tab_to,
)
from ethicskit.catalog import load_catalog
from ethicskit.documents import standalone_dilemma
from ethicskit.engine import Session, enumerate_paths
from ethicskit.export import codes_panel, codes_words, related_clauses, summary_verdict
from ethicskit.models import Dilemma, Jurisdiction

pytestmark = pytest.mark.browser

DILEMMA = Dilemma.model_validate(
    yaml.safe_load((FIXTURES / "valid" / "exercises" / "dilemmas" / "demo-dilemma.yml").read_text())
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_fixture_book(tmp_path_factory.mktemp("player") / "book")
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-3000:]
    return book / "_build" / "html"


@pytest.fixture(scope="module")
def book(site: Path) -> Iterator[str]:
    """The fixture book, served on 127.0.0.1 as a reader's web server or VLE serves it.

    Opened from file:// pages instead, headless Chromium now and then (about one new browser context
    in a hundred when three browsers run at once) keeps a page's storage writes to that page: another
    tab never sees them and a reload finds the store empty. Served pages have not shown it in the same
    trial.
    """
    with serve(site) as url:
        yield url


def play_by_keyboard(page: Page, choices: list[str]) -> None:
    labels = {choice.id: choice.label for node in DILEMMA.nodes for choice in node.choices}
    play_choices_by_keyboard(page, labels, choices)


@pytest.mark.parametrize(
    ("choices", "ending"), enumerate_paths(DILEMMA), ids=lambda v: "-".join(v) if isinstance(v, list) else v
)
def test_every_ending_is_reached_by_keyboard_and_agrees_with_the_engine(
    page: Page, book: str, errors: list[str], choices: list[str], ending: str
) -> None:
    """Each path, played with Tab and Enter, reaches the engine's ending and shows its perspective path."""
    page.goto(f"{book}/dilemma.html")
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


def test_verdicts_are_held_back_until_the_ending_by_default(page: Page, book: str, errors: list[str]) -> None:
    """After a choice the learner reads what happened, not the leans; the ending shows each side's view."""
    page.goto(f"{book}/dilemma.html")
    switch = page.get_by_role("button", name="Projection mode: each side's view at every step")
    expect(switch).to_have_attribute("aria-pressed", "false")
    press_until_focused(page, "Close it by Friday")
    page.keyboard.press("Enter")
    stage = page.locator(".ek-stage")
    expect(stage.locator(".ek-consequence")).to_be_visible()
    expect(stage.locator(".ek-views")).to_have_count(0)
    expect(stage).not_to_contain_text("The target is met.")  # the agency's view of this choice
    expect(stage).not_to_contain_text("strongly")
    expect(stage).not_to_contain_text("This choice honours")
    expect(stage.locator(".ek-verdicts-later")).to_contain_text("shown at the end")
    # The cited clause is still there to weigh, without saying which way it cuts.
    expect(page.get_by_role("region", name="What the codes and the law say")).to_contain_text(
        "Demo standards 1.1"
    )
    press_until_focused(page, "Continue")
    page.keyboard.press("Enter")
    press_until_focused(page, "Apologise and reopen the assessment")
    page.keyboard.press("Enter")
    expect(stage.locator(".ek-views")).to_have_count(0)
    press_until_focused(page, "See where this ends")
    page.keyboard.press("Enter")
    rows = page.locator(".ek-summary-table tbody tr")
    expect(rows).to_have_count(2)
    first = rows.nth(0)
    expect(first.locator("th")).to_contain_text("Decision 1: Close it by Friday")
    expect(first.locator("td").nth(0)).to_contain_text("+2 strongly for")
    expect(first.locator("td").nth(0)).to_contain_text("The target is met.")
    expect(first.locator("td").nth(2)).to_contain_text("-2 strongly against")
    expect(first.locator("td").nth(2)).to_contain_text("Their views are barely heard.")
    expect(page.locator(".ek-summary-table caption")).to_have_text(
        "How each side saw your path, decision by decision (a picture, not a score)"
    )
    assert errors == []


def test_projection_mode_shows_each_sides_view_at_every_step_by_keyboard(
    page: Page, book: str, errors: list[str]
) -> None:
    """The lecturer's switch, pressed by keyboard, shows the leans after each choice and can be undone."""
    page.goto(f"{book}/dilemma.html")
    press_until_focused(page, "Projection mode: each side's view at every step")
    page.keyboard.press("Enter")
    switch = page.get_by_role("button", name="Projection mode: each side's view at every step")
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".ek-live")).to_have_text(
        "Projection mode on: each side's view is shown after every choice."
    )
    press_until_focused(page, "Close it by Friday")
    page.keyboard.press("Enter")
    views = page.locator(".ek-stage .ek-views")
    expect(views).to_contain_text("The agency: The target is met. (+2, strongly for)")
    expect(page.get_by_role("region", name="What the codes and the law say")).to_contain_text("This choice")
    # Switched off again on the outcome, the same step redraws without the leans.
    press_until_focused(page, "Projection mode: each side's view at every step")
    page.keyboard.press("Space")
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(views).to_have_count(0)
    assert errors == []


def test_projection_mode_can_be_set_in_the_address(page: Page, book: str) -> None:
    """?projection=on opens the player with the switch pressed, for a lecturer's bookmarked link."""
    page.goto(f"{book}/dilemma.html?projection=on")
    switch = page.get_by_role("button", name="Projection mode: each side's view at every step")
    expect(switch).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Ask for more time in supervision").click()
    expect(page.locator(".ek-stage .ek-views")).to_contain_text(
        "The person served: They are heard properly. (+2"
    )
    page.goto(f"{book}/dilemma.html")
    expect(switch).to_have_attribute("aria-pressed", "false")


def test_back_and_restart(page: Page, book: str) -> None:
    """Back undoes a decision, and is unavailable while there is none to undo; Start again returns to
    the first."""
    page.goto(f"{book}/dilemma.html")
    back = page.get_by_role("button", name="Back")
    expect(back).to_be_disabled()
    page.get_by_role("button", name="Close it by Friday").click()
    expect(back).to_be_enabled()
    back.click()
    expect(page.locator(".ek-step-heading")).to_have_text("Decision 1")
    expect(back).to_be_disabled()
    page.get_by_role("button", name="Close it by Friday").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".ek-path li")).to_have_text(["Close it by Friday"])
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".ek-step-heading")).to_have_text("Decision 1")
    expect(page.locator(".ek-path li")).to_have_text(["No decisions yet."])


def test_codes_panel_follows_the_jurisdiction_switch(page: Page, book: str) -> None:
    """The codes panel lists the choice's cited clauses with their paraphrases."""
    page.goto(f"{book}/dilemma.html")
    page.get_by_role("button", name="Ask for more time in supervision").click()
    panel = page.get_by_role("region", name="What the codes and the law say")
    expect(panel).to_contain_text("Demo standards 1.1: Respect people's rights")
    expect(panel).to_contain_text("Related by theme, England:")
    page.get_by_label("Show the codes of:").select_option("scotland")
    expect(page.get_by_role("region", name="What the codes and the law say")).to_contain_text(
        "Related by theme, Scotland:"
    )


def test_panel_shows_the_law_a_choice_and_an_ending_cite(page: Page, book: str) -> None:
    """A choice's provisions appear under the codes, by relation; an ending's in its own region, with an
    unchecked provision marked as such."""
    page.goto(f"{book}/dilemma.html")
    page.get_by_role("button", name="Close it by Friday").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Apologise and reopen the assessment").click()
    panel = page.get_by_role("region", name="What the codes and the law say")
    # How the choice stands to the law is a verdict: held back until the ending, shown in projection mode.
    expect(panel).to_contain_text("Law that bears on this choice")
    expect(panel).not_to_contain_text("honours in law")
    expect(panel).to_contain_text("Demonstration Act 2099, s 1: Duty to assess. The invented council")
    page.get_by_role("button", name="Projection mode").click()
    expect(panel).to_contain_text("This choice honours in law:")
    page.get_by_role("button", name="See where this ends").click()
    law = page.get_by_role("region", name="What the law says")
    expect(law).to_contain_text("This ending strains in law:")
    expect(law).to_contain_text("(Not yet checked against the official text.)")


def test_reflections_survive_reload_export_and_import(page: Page, book: str, tmp_path: Path) -> None:
    """A reflection is saved as typed, survives a reload, exports as Markdown and JSON, and imports back."""
    page.goto(f"{book}/dilemma.html")
    page.get_by_role("button", name="Ask for more time in supervision").click()
    page.get_by_role("button", name="See where this ends").click()
    page.get_by_label("When have you asked for time?", exact=False).fill("Once, before a review; it helped.")
    settled_storage(page)
    page.reload()
    expect(page.get_by_label("When have you asked for time?", exact=False)).to_have_value(
        "Once, before a review; it helped."
    )

    page.goto(f"{book}/reflections.html")
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


def test_clear_asks_first_and_keeps_everything_if_cancelled(page: Page, book: str) -> None:
    """Dismissing the confirmation deletes nothing."""
    page.goto(f"{book}/dilemma.html")
    page.get_by_role("button", name="Close it by Friday").click()
    # As a person would, leave once the choice has landed: its consequence is shown and the path is
    # stored. Leaving within the same instant can outrun the browser's own write of the storage.
    expect(page.get_by_role("button", name="Continue")).to_be_visible()
    settled_storage(page)
    page.goto(f"{book}/reflections.html")
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
        "jurisdictions": [{"id": "england", "label": evil, "codes": ["england"], "related_heading": evil}],
        "codes_words": dict.fromkeys(("held_back", "honours", "strains", "none_related"), evil),
        "sides": [{"id": side, "name": evil} for side in ("agency", "profession", "person")],
        "leans": [evil] * 5,
        "signs": [evil] * 5,
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
                        "panel": codes_panel(["x:1"], [], []),
                        "verdict": summary_verdict(["x:1"], []),
                        "themes": ["records"],
                        "escalation": None,
                    }
                ],
                "conditions": [],
                "offers": {"": ["c1"]},
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
    player = kit_scripts("dilemma-player.js")
    page_file = tmp_path / "evil.html"
    page_file.write_text(
        "<!doctype html><html lang='en'><head><title>t</title></head><body><main>"
        "<section class='ek-dilemma'><h1>t</h1>"
        f"<script type='application/json' class='ek-dilemma-data'>{data}</script>"
        "<section class='ek-node'><h2>map</h2></section></section></main>"
        f"{player}</body></html>"
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


def _clause(
    code: str, binding: bool, jurisdiction: str = "england", current: bool = True
) -> dict[str, object]:
    return {
        "code": code,
        "id": "1",
        "text": f"{code} text.",
        "themes": ["records"],
        "jurisdiction": jurisdiction,
        "current": current,
        "binding": binding,
    }


def test_related_by_theme_lists_the_binding_standards_first() -> None:
    """Clauses from the nation's regulator lead the list even when other codes' ids sort before them;
    cited clauses, other nations' and withdrawn codes' clauses and clauses without a shared theme are
    left out, and at most six are listed."""
    clauses = {f"a-body-{n}:1": _clause(f"Body {n}", False) for n in range(7)}
    clauses["z-regulator:1"] = _clause("Regulator", True)
    clauses["cited:1"] = _clause("Cited", False)
    clauses["b-elsewhere:1"] = _clause("Elsewhere", True, jurisdiction="scotland")
    clauses["b-withdrawn:1"] = _clause("Withdrawn", True, current=False)
    clauses["b-other-theme:1"] = {**_clause("Other", True), "themes": ["consent"]}
    related = related_clauses(clauses, ["cited:1"], ["records"], {Jurisdiction.ENGLAND, Jurisdiction.UK})
    assert related == ["z-regulator:1", *(f"a-body-{n}:1" for n in range(5))]


def test_the_player_lists_the_related_clauses_the_payload_gives_for_the_nation(
    page: Page, tmp_path: Path
) -> None:
    """The player shows, in order, the clauses the payload chose for the nation switched to, and marks
    the words the payload names as English."""
    views = {side: {"text": "Seen.", "lean": 0} for side in ("agency", "profession", "person")}
    clauses = {"z-regulator:1": _clause("Regulator", True), "a-body-0:1": _clause("Body 0", False)}
    clauses["a-body-0:1"]["english"] = ["text"]  # a code not yet translated, on a page in another language
    clauses["w-regulator:1"] = _clause("Welsh regulator", True, jurisdiction="wales")
    clauses["cited:1"] = _clause("Cited", False)
    payload = {
        "schema": 1,
        "id": "order",
        "title": "Order",
        "start": "n1",
        "jurisdiction": "england",
        "jurisdictions": [
            {"id": "england", "label": "England", "codes": ["england", "uk"], "related_heading": "Related:"},
            {"id": "wales", "label": "Wales", "codes": ["wales", "uk"], "related_heading": "Related:"},
        ],
        "codes_words": codes_words(),
        "clauses": clauses,
        "nodes": [
            {
                "id": "n1",
                "situation": "A situation.",
                "prompt": None,
                "choices": [
                    {
                        "id": "c1",
                        "label": "Choose",
                        "to": "e1",
                        "consequence": "It happens.",
                        "views": views,
                        "honours": ["cited:1"],
                        "strains": [],
                        "panel": codes_panel(["cited:1"], [], []),
                        "verdict": summary_verdict(["cited:1"], []),
                        "themes": ["records"],
                        "related": {"england": ["z-regulator:1", "a-body-0:1"], "wales": ["w-regulator:1"]},
                        "escalation": None,
                    }
                ],
                "conditions": [],
                "offers": {"": ["c1"]},
            }
        ],
        "endings": [{"id": "e1", "title": "End", "debrief": "Done.", "clauses": [], "prompt": "Why?"}],
    }
    player = kit_scripts("dilemma-player.js")
    page_file = tmp_path / "order.html"
    page_file.write_text(
        "<!doctype html><html lang='en'><head><title>t</title></head><body><main>"
        "<section class='ek-dilemma'><h1>t</h1>"
        f"<script type='application/json' class='ek-dilemma-data'>{json.dumps(payload)}</script>"
        "<section class='ek-node'><h2>map</h2></section></section></main>"
        f"{player}</body></html>"
    )
    page.goto(page_file.as_uri())
    page.get_by_role("button", name="Choose").click()
    related = page.locator(".ek-related li")
    expect(related).to_have_count(2)
    expect(related.first).to_contain_text("Regulator 1:")
    expect(related.nth(1)).to_contain_text("Body 0 1:")
    # Words the payload names as English are marked so, with a visible note; the others are not.
    expect(related.nth(1).locator("span[lang='en']")).to_have_text("Body 0 text.")
    expect(related.nth(1).locator(".ek-in-english")).to_have_text("(in English)")
    expect(related.first.locator("[lang], .ek-in-english")).to_have_count(0)


@pytest.mark.parametrize("name", ["dilemma.html", "reflections.html"])
def test_player_pages_have_no_wcag_violations_before_and_after_playing(
    page: Page, book: str, name: str
) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation, on arrival and at an ending."""
    page.goto(f"{book}/{name}")
    if name == "dilemma.html":
        page.get_by_role("button", name="Ask for more time in supervision").click()
        results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("button", name="See where this ends").click()
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()


def map_item(page: Page, item: str) -> object:
    return page.locator(f"#ek-map-demo-dilemma-{item}")


def test_the_whole_map_shows_only_what_was_reached_until_a_first_ending_then_everything(
    page: Page, book: str, errors: list[str]
) -> None:
    """No spoilers: the diagram, the map as text and the decisions open up as the learner plays."""
    page.goto(f"{book}/dilemma.html")
    expect(page.locator(".ek-student-map")).to_be_hidden()
    press_until_focused(page, "Show the whole map")
    page.keyboard.press("Enter")
    expect(page.locator(".ek-student-map")).to_be_visible()
    expect(map_item(page, "deadline")).to_be_visible()
    for unseen in (
        "rushed",
        "complaint",
        "ending-time",
        "ending-reopen",
        "comply",
        "ask-for-time",
        "apologise",
    ):
        expect(map_item(page, unseen)).to_be_hidden()
    expect(page.locator("#dilemma-demo-dilemma-deadline")).to_be_visible()
    expect(page.locator("#dilemma-demo-dilemma-comply")).to_be_hidden()  # its consequence would spoil it
    expect(page.locator("#dilemma-demo-dilemma-rushed")).to_be_hidden()
    expect(page.locator(".ek-student-map .ek-branch")).to_have_count(5)
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
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()

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
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()

    # Once an ending has been reached, the whole map stays open, even after starting again.
    page.get_by_role("button", name="Start again").click()
    expect(map_item(page, "ending-time")).to_be_visible()
    expect(page.locator("#dilemma-demo-dilemma-ask-for-time")).to_be_visible()

    # The path drawn on the map goes into the exported record and the reflections page.
    page.get_by_role("button", name="Close it by Friday").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Apologise and reopen the assessment").click()
    page.get_by_role("button", name="See where this ends").click()
    settled_storage(page)
    page.goto(f"{book}/reflections.html")
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


def test_worksheet_is_filled_by_keyboard_saved_and_exported_with_reflections(
    page: Page, book: str, errors: list[str]
) -> None:
    """A case's worksheet: typed by keyboard, kept across a reload, listed and exported with reflections."""
    page.goto(f"{book}/worksheet.html?case=demo-case")
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
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()

    settled_storage(page)
    page.reload()
    expect(facts).to_have_value("The review is due on Friday.")
    working_on.select_option("own-situation")
    expect(facts).to_have_value("")

    page.goto(f"{book}/reflections.html")
    expect(page.locator(".ek-reflection-list")).to_contain_text("Worksheet: A demonstration case")
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Download as Markdown").click()
    text = Path(markdown.value.path()).read_text()
    assert "## Worksheet: A demonstration case" in text
    assert "### The facts\n\nThe review is due on Friday." in text
    assert "### Consequences\n\n**For the agency:** The figure is met." in text
    assert "**For the person who uses services:** Not heard." in text
    # A record in a regulator's shape, chosen and saved by keyboard: the ASYE log entry, as plain text.
    chooser = page.get_by_label("Record for your regulator or ASYE:")
    tab_to(page, chooser)
    page.keyboard.press("ArrowDown")
    expect(chooser).to_have_value("asye-crl")
    press_until_focused(page, "Download record as text")
    with page.expect_download() as record:
        page.keyboard.press("Enter")
    assert record.value.suggested_filename == "first-loyalty-asye-critical-reflection.txt"
    log = Path(record.value.path()).read_text()
    assert log.startswith("ASYE critical reflection log entry: First Loyalty\n")
    assert "not evidence of practice" in log
    assert "ethical-reasoning worksheet on \u201cA demonstration case\u201d" in log
    assert "Consequences: For the agency\n\nThe figure is met." in log
    assert "STAGE OF THE ASYE\nTo complete:" in log
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()
    assert errors == []


def test_room_tally_counts_hands_imports_paths_and_exports_csv(
    page: Page, book: str, tmp_path: Path, errors: list[str]
) -> None:
    """The lecturer reveals choices, types the show of hands, adds students' files and saves a CSV."""
    page.goto(f"{book}/tally.html?dilemma=demo-dilemma")
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
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()

    settled_storage(page)
    page.reload()
    page.get_by_role("button", name="Reveal the choices").click()
    expect(page.get_by_label("Close it by Friday")).to_have_value("7")
    student = tmp_path / "student.json"
    path = [{"node": "deadline", "choice": "comply"}, {"node": "rushed", "choice": "apologise"}]
    student.write_text(json.dumps({"version": 1, "dilemmas": {"demo-dilemma": {"path": path}}}))
    page.get_by_label("Import students' exported paths (JSON):").set_input_files(str(student))
    expect(page.locator(".ek-room-tally .ek-live")).to_have_text(
        "Added the paths of 1 of 1 file for this dilemma."
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


# --- the reflections store loses nothing ------------------------------------------------------------

STORE_KEY = REFLECTIONS_KEY
PROMPT = "What do you do? (your reflection, kept only on this device)"


def stored(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", STORE_KEY)


def put(page: Page, raw: str) -> None:
    """Store `raw` as this browser's reflections, as a test's starting point."""
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [STORE_KEY, raw])
    settled_storage(page)


def saved_reflection(text: str, key: str = "deadline") -> dict[str, object]:
    reflection = {"prompt": "What do you do?", "text": text, "updated": "2026-01-05"}
    entry = {"title": "The Friday deadline", "path": [], "ending": None, "updated": "2026-01-05"}
    return {"version": 1, "dilemmas": {"demo-dilemma": {**entry, "reflections": {key: reflection}}}}


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ('{"version": 1, "dilemmas": {"demo-dilemma": ', "damaged"),
        ('{"version": 7, "dilemmas": {}, "journal": []}', "newer version"),
        ('{"theme": "dark", "fontSize": 18}', "not First Loyalty reflections"),
        ('{"version": 1, "dilemmas": {"demo-dilemma": {"title": 3}}}', "not First Loyalty reflections"),
    ],
    ids=["damaged", "future-version", "foreign", "wrong-shape"],
)
def test_a_store_that_cannot_be_read_is_kept_and_explained(
    page: Page, book: str, errors: list[str], raw: str, words: str
) -> None:
    """The player and the reflections page say what is wrong; no write touches the stored data until the
    reader downloads it as it is and chooses Clear all."""
    page.goto(f"{book}/dilemma.html")
    put(page, raw)
    page.reload()
    expect(page.locator(".ek-dilemma .ek-store-notice")).to_contain_text(words)
    page.get_by_label(PROMPT).fill("A thought that cannot be saved here.")
    expect(page.locator(".ek-reflection .ek-saved")).to_contain_text("Not saved.")
    page.get_by_role("button", name="Close it by Friday").click()
    assert stored(page) == raw

    page.goto(f"{book}/reflections.html")
    expect(page.locator(".ek-my-reflections .ek-store-notice")).to_contain_text(words)
    with page.expect_download() as kept:
        page.get_by_role("button", name="Download the stored data as it is").click()
    assert Path(kept.value.path()).read_text() == raw
    assert stored(page) == raw
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all").click()
    expect(page.locator(".ek-my-reflections .ek-store-notice")).to_be_empty()
    assert stored(page) is None
    assert errors == []


def _write_import(tmp_path: Path, kind: str) -> Path:
    file = tmp_path / f"{kind}.json"
    if kind == "malformed":
        file.write_text('{"version": 1, "dilemmas": {', encoding="utf-8")
    elif kind == "oversized":
        file.write_text(json.dumps(saved_reflection("x" * (5 * 1024 * 1024 + 1024))), encoding="utf-8")
    elif kind == "future-version":
        file.write_text(json.dumps({**saved_reflection("From a later kit."), "version": 2}), encoding="utf-8")
    elif kind == "markup":
        file.write_text(json.dumps(saved_reflection('<img src="x" onerror="alert(1)">')), encoding="utf-8")
    elif kind == "script-link":
        file.write_text(json.dumps(saved_reflection("See [this](javascript:alert(1)).")), encoding="utf-8")
    else:
        file.write_text(json.dumps([1, 2, 3]), encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("malformed", "not valid JSON"),
        ("oversized", "larger than 5 MB"),
        ("future-version", "newer version of First Loyalty (format 2"),
        ("markup", "HTML or a script link (in dilemmas.demo-dilemma.reflections.deadline.text)"),
        ("script-link", "HTML or a script link"),
        ("foreign", "not an export of First Loyalty reflections"),
    ],
)
def test_a_bad_import_file_changes_nothing(
    page: Page, book: str, tmp_path: Path, errors: list[str], kind: str, words: str
) -> None:
    """Each bad import file gets its own message, and the reflections already stored stay as they were."""
    page.goto(f"{book}/reflections.html")
    before = json.dumps(saved_reflection("Kept through every import."))
    put(page, before)
    page.reload()
    page.get_by_label("Import JSON:").set_input_files(str(_write_import(tmp_path, kind)))
    status = page.locator(".ek-my-reflections [role=status]")
    # A large file takes a moment to hand to the page on a busy machine.
    expect(status).to_contain_text(words, timeout=20_000)
    expect(status).to_contain_text("Nothing was imported")
    assert stored(page) == before
    expect(page.locator(".ek-reflection-list")).to_contain_text("Kept through every import.")
    assert errors == []


def test_an_import_merges_and_overwrites_nothing(page: Page, book: str, tmp_path: Path) -> None:
    """Reflections and worksheet answers on both sides are all kept; a newer path keeps the older one."""
    page.goto(f"{book}/reflections.html")
    mine = saved_reflection("Written on this computer.")
    mine["worksheets"] = {
        "demo-case": {
            "title": "A demonstration case",
            "answers": {"facts": "My facts."},
            "updated": "2026-01-05",
        }
    }
    put(page, json.dumps(mine))
    theirs = saved_reflection("Written on the library computer.")
    theirs["dilemmas"]["demo-dilemma"]["updated"] = "2026-02-01"  # type: ignore[index]
    theirs["dilemmas"]["demo-dilemma"]["path"] = [{"label": "Close it by Friday", "choice": "comply"}]  # type: ignore[index]
    theirs["worksheets"] = {
        "demo-case": {
            "title": "A demonstration case",
            "answers": {"facts": "Their facts.", "options": "Their options."},
            "updated": "2026-02-01",
        }
    }
    file = tmp_path / "theirs.json"
    file.write_text(json.dumps(theirs), encoding="utf-8")
    page.reload()
    page.get_by_label("Import JSON:").set_input_files(str(file))
    expect(page.locator(".ek-my-reflections [role=status]")).to_contain_text(
        "nothing already here was overwritten"
    )
    merged = json.loads(stored(page) or "{}")
    entry = merged["dilemmas"]["demo-dilemma"]
    assert entry["reflections"]["deadline"]["text"] == (
        "Written on this computer.\n\n(imported) Written on the library computer."
    )
    assert entry["path"][0]["label"] == "Close it by Friday"
    assert entry["earlierPaths"] == [[]]
    assert merged["worksheets"]["demo-case"]["answers"] == {
        "facts": "My facts.\n\n(imported) Their facts.",
        "options": "Their options.",
    }


FULL_STORAGE = """
(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).startsWith("first-loyalty/reflections")) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return setItem.call(this, key, value);
  };
})();
"""


def test_a_full_storage_quota_says_so_and_keeps_what_is_stored(
    page: Page, book: str, tmp_path: Path, errors: list[str]
) -> None:
    """When the browser refuses to store more, the player, the worksheet and an import each say so, and
    what was stored before is untouched."""
    page.goto(f"{book}/dilemma.html")
    before = json.dumps(saved_reflection("Saved before the storage filled up."))
    put(page, before)
    page.add_init_script(FULL_STORAGE)
    page.reload()
    expect(page.get_by_label(PROMPT)).to_have_value("Saved before the storage filled up.")
    page.get_by_label(PROMPT).fill("Saved before the storage filled up, and more.")
    expect(page.locator(".ek-reflection .ek-saved")).to_contain_text("storage for this site is full")
    page.get_by_role("button", name="Close it by Friday").click()
    expect(page.locator(".ek-dilemma .ek-store-notice")).to_contain_text("Your path is not saved")
    assert stored(page) == before

    page.goto(f"{book}/worksheet.html?case=demo-case")
    page.get_by_role("group", name="1. The facts").get_by_label("Your answer").fill("Due on Friday.")
    expect(page.locator(".ek-worksheet .ek-saved")).to_contain_text("storage for this site is full")

    page.goto(f"{book}/reflections.html")
    file = tmp_path / "more.json"
    file.write_text(
        json.dumps(saved_reflection("From another computer.", key="ending-time")), encoding="utf-8"
    )
    page.get_by_label("Import JSON:").set_input_files(str(file))
    expect(page.locator(".ek-my-reflections [role=status]")).to_contain_text("Nothing was imported")
    expect(page.locator(".ek-my-reflections [role=status]")).to_contain_text("full")
    assert stored(page) == before
    assert errors == []


def test_two_tabs_writing_at_once_lose_nothing(page: Page, book: str, errors: list[str]) -> None:
    """Two tabs on one dilemma and one worksheet: each tab's words are kept, a tab shows what the other
    saved, and a tab that would write over newer text from elsewhere says so instead."""
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(f"{book}/dilemma.html")
    page.get_by_label(PROMPT).fill("Written in the first tab.")
    expect(other.get_by_label(PROMPT)).to_have_value("Written in the first tab.")
    other.get_by_label(PROMPT).fill("Written in the first tab, then the second.")
    expect(page.get_by_label(PROMPT)).to_have_value("Written in the first tab, then the second.")

    # A write from elsewhere that this tab has not heard of yet: the tab does not write over it.
    elsewhere = saved_reflection("Written in a third window.")
    other.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [STORE_KEY, json.dumps(elsewhere)])
    other.get_by_label(PROMPT).fill("The second tab again.")
    expect(other.locator(".ek-reflection .ek-saved")).to_contain_text("changed in another tab")
    # The tab that declined sees its own writes at once; the first tab hears of them a moment later.
    assert json.loads(stored(other) or "{}") == elsewhere

    # Two tabs filling different answers of one worksheet: both answers are stored.
    for tab in (page, other):
        tab.goto(f"{book}/worksheet.html?case=demo-case")
    page.get_by_role("group", name="1. The facts").get_by_label("Your answer").fill(
        "Facts from the first tab."
    )
    settled_storage(page)
    other.get_by_label("For the agency").fill("Agency view from the second tab.")
    expect(other.locator(".ek-worksheet .ek-saved")).to_have_text("Saved on this device.")
    answers = json.loads(settled_storage(other)[STORE_KEY])["worksheets"]["demo-case"]["answers"]
    assert answers["facts"] == "Facts from the first tab."
    assert "Agency view from the second tab." in answers.values()
    other.close()
    assert errors == []


LEAN_TEXT = re.compile(r"\(((strongly )?(for|against)|neutral)\)")


def test_without_javascript_the_map_shows_no_verdict_until_the_reader_opens_it(
    browser: Browser, book: str, tmp_path: Path
) -> None:
    """With JavaScript off, the book's dilemma page and the single-file dilemma show every consequence and
    no lean; a fold, opened from the keyboard, shows how each side saw the choice."""
    exported = tmp_path / "dilemma.html"
    catalog, _ = load_catalog(FIXTURES / "valid")
    exported.write_text(standalone_dilemma(catalog.dilemmas["demo-dilemma"].model, catalog), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        # One layout: the page and the single file fold the verdicts in the same place, by the same words.
        for url, summary in (
            (f"{book}/dilemma.html", "How each side saw each choice"),
            (exported.as_uri(), "How each side saw each choice"),
        ):
            page.goto(url)
            shown = page.locator("body").inner_text()
            assert "You reopen it." in shown
            assert not LEAN_TEXT.search(shown), url
            for _ in range(80):
                focused = page.locator("summary:focus")
                if focused.count() and focused.inner_text().startswith(summary):
                    break
                page.keyboard.press("Tab")
            else:
                pytest.fail(f"could not reach '{summary}' with the Tab key")
            page.keyboard.press("Enter")
            assert LEAN_TEXT.search(page.locator("body").inner_text()), url
    finally:
        context.close()
