"""The browser scripts in the pseudo-locale, in Chromium: every word they show comes from the catalogue.

Each page is made inside `language("qps")`, so every catalogue message shows between ⟦ and ⟧, and is
then used as a person would (keyboard only for the player). At each step the text the scripts wrote is
checked with `escaped_text`: anything left that is neither a marked message nor content is English
that a script carries of its own.

The checks cover what the scripts write. Words a page receives from Python in a script's data (decision
titles, jurisdiction names, clause labels, the worksheet's steps, the record shapes) are the Python
side's to translate, and so are the parts of a page written on the server; both are left out here, so
this test fails only for a script.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import (
    REFLECTIONS_KEY,
    REPO,
    WALKTHROUGHS,
    load_walkthroughs,
    press_until_focused,
    serve,
    settled_storage,
    tab_to,
)
from ethicskit import records, worksheet
from ethicskit.catalog import Catalog, load_catalog
from ethicskit.documents import standalone_dilemma, static_text
from ethicskit.export import dilemma_payload, script_safe, script_words_element, tally_payload
from ethicskit.sphinx.assets import page_scripts
from ethicskit.words import PSEUDO_CLOSE, PSEUDO_OPEN, _, current, language, n_, pseudo
from pseudo import _PUNCTUATION, escaped_text

pytestmark = pytest.mark.browser

PLAYER_WRITES = ".ek-player, .ek-my-reflections"
"""What the player and the reflections script write on a single-file dilemma: the player's own
container and the reflections list. The rest of the page (headings, the no-script map) is the server's."""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(REPO)
    assert problems == []
    return loaded


def strings(value: object) -> Iterator[str]:
    """Every string in a JSON-like value, whitespace and end punctuation trimmed as `escaped_text`
    reports it."""
    if isinstance(value, str):
        yield " ".join(value.split()).strip(_PUNCTUATION)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def flattened(text: str) -> str:
    """Messages inside messages ("⟦Ìmpöŕţéð {dilemmas}⟧" holding "⟦1 ðîlémmà⟧") as one marked stretch,
    so that what follows an inner message ("; ñöţhîñĝ ...⟧") is read as marked too: `escaped_text`
    cuts out the innermost messages only."""
    out, depth = [], 0
    for char in text:
        if char == PSEUDO_OPEN:
            depth += 1
            if depth > 1:
                continue
        elif char == PSEUDO_CLOSE and depth:
            depth -= 1
            if depth:
                continue
        out.append(char)
    return "".join(out)


def escaped(html: str, within: str, given: Iterable[str]) -> list[str]:
    """Text the scripts wrote outside the catalogue: escaped text that is not a string the page's data
    gave them whole."""
    data = set(given)
    return [text for text in escaped_text(flattened(html), within=within) if text not in data]


MARKED = re.compile(re.escape(PSEUDO_OPEN) + ".*?" + re.escape(PSEUDO_CLOSE), re.DOTALL)


def escaped_lines(text: str, given: Iterable[str]) -> list[str]:
    """The same check on a downloaded file, line by line once its messages (which may run over several
    lines) are cut out, its Markdown marks set aside."""
    rest = MARKED.sub("\n", flattened(text))
    html = "".join(f"<p>{escape(line.lstrip('#> -*').strip('*'))}</p>" for line in rest.splitlines())
    return escaped(html, "p", given)


def written(page: Page) -> str:
    """What the player and the reflections script have written on the page now (the outermost elements
    `PLAYER_WRITES` names, whole): the rest of a single-file dilemma, its data and its map, is far larger
    and never changes."""
    return str(
        page.evaluate(
            """selector => Array.from(document.querySelectorAll(selector))
                .filter(el => !el.parentElement || !el.parentElement.closest(selector))
                .map(el => el.outerHTML).join("")""",
            PLAYER_WRITES,
        )
    )


def longest_walk(path: Path) -> dict[str, Any]:
    return max(load_walkthroughs(path), key=lambda walk: (len(walk["choices"]), walk["ending"]))


@pytest.fixture
def served_tmp(tmp_path: Path) -> Iterator[str]:
    """The test's own folder, served on 127.0.0.1, for a page that stores and reloads: opened from
    file:// pages, headless Chromium now and then keeps a context's storage writes from other documents
    (see test_player's `book`)."""
    with serve(tmp_path) as url:
        yield url


@pytest.mark.parametrize("walkthrough", WALKTHROUGHS, ids=[path.stem for path in WALKTHROUGHS])
def test_the_single_file_dilemma_shows_only_catalogue_words(
    page: Page, tmp_path: Path, served_tmp: str, catalog: Catalog, walkthrough: Path
) -> None:
    """A recorded path played by keyboard, a reflection typed, the map shown and projection mode
    switched on and off at every outcome: nothing the scripts write escapes the catalogue."""
    dilemma = catalog.dilemmas[walkthrough.stem].model
    walk = longest_walk(walkthrough)
    with language("qps"):
        html = standalone_dilemma(dilemma, catalog)
        payload = dilemma_payload(dilemma, catalog)
        words = {
            name: _(name)
            for name in ("Show the whole map", "Hide the whole map", "Continue", "See where this ends")
        }
        words["projection"] = _("Projection mode: each side's view at every step")
        words["saved"] = _("Saved on this device.")
    typed_texts = [
        "What the record leaves out matters as much as what it says.",
        "Next time I would ask for the decision in writing.",
    ]
    given = set(strings(payload)) | set(strings(typed_texts))  # what the learner wrote is theirs
    nodes = {node["id"]: node for node in payload["nodes"]}
    labels = {choice["id"]: choice for node in payload["nodes"] for choice in node["choices"]}
    file = tmp_path / f"{dilemma.id}.html"
    file.write_text(html, encoding="utf-8")
    page.goto(f"{served_tmp}/{file.name}")

    def check(step: str) -> None:
        assert escaped(written(page), PLAYER_WRITES, given) == [], step

    check("at the start")
    press_until_focused(page, words["Show the whole map"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=words["Hide the whole map"], exact=True)).to_be_visible()
    check("with the whole map shown")

    typed = False
    at = payload["start"]
    for number, choice_id in enumerate(walk["choices"], 1):
        if nodes[at]["pauseBefore"]:
            with language("qps"):
                go_on = _("Go on to {title}", title=nodes[at]["title"])
            check(f"at the pause before decision {number}")
            press_until_focused(page, go_on)
            page.keyboard.press("Enter")
        if nodes[at]["prompt"] and not typed:
            tab_to(page, page.locator(".ek-stage textarea"))
            page.keyboard.type(typed_texts[0])
            expect(page.locator(".ek-stage .ek-saved")).to_have_text(words["saved"])
            typed = True
        check(f"at decision {number}")
        choice = labels[choice_id]
        press_until_focused(page, choice["label"])
        page.keyboard.press("Enter")
        with language("qps"):
            announced = _(
                "You chose: {label}. {consequence}", label=choice["label"], consequence=choice["consequence"]
            )
        expect(page.locator(".ek-live")).to_have_text(announced)
        check(f"after choice {number}, projection mode off")
        press_until_focused(page, words["projection"])
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name=words["projection"])).to_have_attribute("aria-pressed", "true")
        check(f"after choice {number}, projection mode on")
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name=words["projection"])).to_have_attribute(
            "aria-pressed", "false"
        )
        last = number == len(walk["choices"])
        press_until_focused(page, words["See where this ends"] if last else words["Continue"])
        page.keyboard.press("Enter")
        at = choice["to"]

    ending = next(e for e in payload["endings"] if e["id"] == walk["ending"])
    expect(page.locator(".ek-step-heading")).to_have_text(ending["heading"])
    tab_to(page, page.locator(".ek-stage textarea").last)
    page.keyboard.type(typed_texts[1])
    expect(page.locator(".ek-stage .ek-saved").last).to_have_text(words["saved"])
    check("at the ending, projection mode off")
    # The path drawn on the map is an SVG, which escaped_text passes over: its label is checked here.
    path_label = page.locator(".ek-path-svg").get_attribute("aria-label") or ""
    assert path_label.startswith("\u27e6")
    assert escaped_lines(path_label, given) == []
    press_until_focused(page, words["projection"])
    page.keyboard.press("Enter")
    check("at the ending, projection mode on")
    # Opened again, the player resumes at the ending and the reflections below it list what was saved.
    settled_storage(page)
    page.reload()
    expect(page.locator(".ek-step-heading")).to_have_text(ending["heading"])
    expect(page.locator(".ek-my-reflections .ek-reflection-entry")).to_have_count(1)
    check("opened again, with the reflections listed")


def test_the_check_finds_a_script_word_outside_the_catalogue() -> None:
    """The filter on data strings does not hide a sentence a script builds around them."""
    given = {"Decision 1", "Report the missed visit"}
    assert escaped(
        "<div class='ek-player'><p>You chose: Report the missed visit</p></div>", ".ek-player", given
    )
    marked = pseudo("You chose: Report the missed visit")
    assert not escaped(f"<div class='ek-player'><p>{marked}</p><p>Decision 1</p></div>", ".ek-player", given)


# ---- the other scripts, each on a page made of the script, its words and its data ------------------


def script_page(scripts: list[str], body: str) -> str:
    """A page running `scripts` after words.js and the player script (whose storage they share)."""
    names = ["dilemma-player.js", *scripts]
    inline = "".join(f"<script>{static_text(name)}</script>" for name in ["words.js", *names])
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Words</title></head><body><main>'
        f"{body}{script_words_element(names)}</main>{inline}</body></html>"
    )


def data_element(cls: str, value: object) -> str:
    text = script_safe(json.dumps(value, ensure_ascii=False))
    return f'<script type="application/json" class="{cls}">{text}</script>'


def test_the_room_tally_shows_only_catalogue_words(page: Page, tmp_path: Path, catalog: Catalog) -> None:
    """Revealing, counting, going on to an ending and back, importing and clearing a tally."""
    with language("qps"):
        dilemmas = tally_payload(catalog)
        html = script_page(
            ["tally.js"], f'<div class="ek-room-tally">{data_element("ek-tally-data", dilemmas)}</div>'
        )
        words = {
            name: _(name)
            for name in ("Reveal the choices", "Previous decision", "Clear this tally", "Start again")
        }
        go_on = _("Go on with: {choice}", choice="CHOICE")
    given = set(strings(dilemmas))
    file = tmp_path / "tally.html"
    file.write_text(html, encoding="utf-8")
    page.goto(file.as_uri())
    page.on("dialog", lambda dialog: dialog.accept())

    def check(step: str) -> None:
        assert escaped(page.content(), ".ek-room-tally", given) == [], step

    check("at the first decision")
    first = dilemmas[0]
    press_until_focused(page, words["Reveal the choices"])
    page.keyboard.press("Enter")
    page.keyboard.type("7")
    check("with the choices revealed and counted")
    # Go on along each decision's first choice until an ending.
    nodes = {node["id"]: node for node in first["nodes"]}
    at = first["start"]
    while at in nodes:
        choice = nodes[at]["choices"][0]
        if not page.get_by_role("button", name=go_on.replace("CHOICE", choice["label"]), exact=True).count():
            press_until_focused(page, words["Reveal the choices"])
            page.keyboard.press("Enter")
        press_until_focused(page, go_on.replace("CHOICE", choice["label"]))
        page.keyboard.press("Enter")
        at = choice["to"]
        check(f"at {at}")
    press_until_focused(page, words["Previous decision"])
    page.keyboard.press("Enter")
    check("back a decision")
    exported = tmp_path / "student.json"
    path = [{"node": first["start"], "choice": nodes[first["start"]]["choices"][0]["id"]}]
    exported.write_text(
        json.dumps({"version": 1, "dilemmas": {first["id"]: {"path": path}}}), encoding="utf-8"
    )
    page.locator("#ek-tally-import").set_input_files([str(exported), str(exported)])
    with language("qps"):
        added = n_(
            "Added the paths of {people} of {count} file for this dilemma.",
            "Added the paths of {people} of {count} files for this dilemma.",
            2,
            people=2,
        )
    expect(page.locator(".ek-room-tally .ek-live")).to_have_text(added)
    check("after an import")
    press_until_focused(page, words["Clear this tally"])
    page.keyboard.press("Enter")
    expect(page.locator(".ek-room-tally .ek-live")).to_have_text(pseudo("Tally cleared."))
    check("after clearing")


def test_the_worksheet_shows_only_catalogue_words(
    page: Page, tmp_path: Path, served_tmp: str, catalog: Catalog
) -> None:
    """Typing an answer, saving it, switching case and coming back."""
    with language("qps"):
        data = {
            "steps": worksheet.as_payload(),
            "cases": [
                {"id": case_id, "title": loaded.model.title}
                for case_id, loaded in sorted(catalog.cases.items())
            ],
        }
        html = script_page(
            ["worksheet.js"], f'<div class="ek-worksheet">{data_element("ek-worksheet-data", data)}</div>'
        )
        saved, loaded = _("Saved on this device."), _("Loaded your saved worksheet for this case.")
    given = set(strings(data))
    file = tmp_path / "worksheet.html"
    file.write_text(html, encoding="utf-8")
    case_id = data["cases"][0]["id"]
    page.goto(f"{served_tmp}/{file.name}?case={case_id}")

    def check(step: str) -> None:
        assert escaped(page.content(), ".ek-worksheet", given) == [], step

    check("on opening")
    tab_to(page, page.locator(".ek-worksheet textarea").first)
    page.keyboard.type("The review is due on Friday.")
    expect(page.locator(".ek-worksheet .ek-saved")).to_have_text(saved)
    check("after typing")
    settled_storage(page)
    page.reload()
    expect(page.locator(".ek-worksheet .ek-saved")).to_have_text(loaded)
    check("after a reload")


def test_my_reflections_shows_only_catalogue_words(
    page: Page, tmp_path: Path, served_tmp: str, catalog: Catalog
) -> None:
    """A list with a played dilemma and a worksheet, its exports, an import, a damaged store and a clear."""
    dilemma = catalog.dilemmas[sorted(catalog.dilemmas)[0]].model
    with language("qps"):
        payload = dilemma_payload(dilemma, catalog)
        shapes = records.as_payload()
        steps = worksheet.as_payload()
        html = script_page(
            ["reflections.js"],
            f'<div class="ek-my-reflections">{data_element("ek-record-shapes", shapes)}</div>',
        )
        words = {
            name: _(name)
            for name in (
                "Download as Markdown",
                "Download record as text",
                "Download record as Markdown",
                "Clear all",
                "All reflections deleted.",
            )
        }
    node = payload["nodes"][0]
    choice = node["choices"][0]
    ending = payload["endings"][0]
    clause = next(iter(payload["clauses"].values()))["label"]
    store = {
        "version": 1,
        "dilemmas": {
            dilemma.id: {
                "title": dilemma.title,
                "updated": "2026-03-02",
                "path": [
                    {
                        "node": node["id"],
                        "title": node["title"],
                        "choice": choice["id"],
                        "label": choice["label"],
                        "clauses": [clause],
                    }
                ],
                "ending": {"id": ending["id"], "title": ending["title"], "clauses": []},
                "finished": True,
                "reflections": {
                    node["id"]: {
                        "prompt": node["prompt"] or ending["prompt"],
                        "text": "Pressed for time.",
                        "updated": "2026-03-02",
                    }
                },
            }
        },
        "worksheets": {
            "own-situation": {
                "title": dilemma.title,
                "updated": "2026-03-02",
                "answers": {steps[0]["fields"][0]["id"]: "The facts as I saw them."},
                "steps": [[steps[0]["title"], steps[0]["fields"][0]["id"]]],
            }
        },
    }
    given = set(strings(payload)) | set(strings(shapes)) | set(strings(steps)) | set(strings(store))
    given |= {text.upper() for text in strings(shapes)}  # the plain-text record capitalises its field labels
    given |= {text.partition(":")[2] for text in strings(shapes)}  # a field's parts: "fixed:text"
    # The day they were saved on, as the page writes it: dates are Babel's, not catalogue messages.
    with language("qps"):
        saved_on = current().date(datetime.date(2026, 3, 2))
    given |= {saved_on, "Pressed for time.", "The facts as I saw them."}
    file = tmp_path / "reflections.html"
    file.write_text(html, encoding="utf-8")
    page.goto(f"{served_tmp}/{file.name}")
    page.evaluate(
        "([key, store]) => localStorage.setItem(key, JSON.stringify(store))", [REFLECTIONS_KEY, store]
    )
    settled_storage(page)
    page.reload()
    page.on("dialog", lambda dialog: dialog.accept())

    def check(step: str) -> None:
        assert escaped(page.content(), ".ek-my-reflections", given) == [], step

    check("with a dilemma and a worksheet listed")
    for button in ("Download as Markdown", "Download record as Markdown", "Download record as text"):
        press_until_focused(page, words[button])
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert "\u27e6" in text
        # The image of the path is data, and sources' addresses are not words.
        lines = "\n".join(line for line in text.splitlines() if "data:image" not in line)
        assert escaped_lines(lines, given) == [], button

    exported = tmp_path / "theirs.json"
    theirs = {**store, "worksheets": {}}
    exported.write_text(json.dumps(theirs), encoding="utf-8")
    page.get_by_label(pseudo("Import JSON:")).set_input_files(str(exported))
    expect(page.locator(".ek-my-reflections [role=status]")).to_contain_text("\u27e6")
    check("after an import")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    page.get_by_label(pseudo("Import JSON:")).set_input_files(str(tmp_path / "bad.json"))
    expect(page.locator(".ek-my-reflections [role=status]")).to_have_text(
        pseudo("That file is not valid JSON, so it is not an export of reflections. Nothing was imported.")
    )
    check("after a bad import")

    page.evaluate("key => localStorage.setItem(key, '{ cut off here')", REFLECTIONS_KEY)
    settled_storage(page)
    page.reload()
    expect(page.locator(".ek-my-reflections .ek-store-notice")).to_contain_text("\u27e6")
    check("with a damaged store")
    press_until_focused(page, words["Clear all"])
    page.keyboard.press("Enter")
    expect(page.locator(".ek-my-reflections [role=status]")).to_have_text(words["All reflections deleted."])
    check("after clearing")


def test_a_self_check_shows_only_catalogue_words(page: Page, tmp_path: Path, catalog: Catalog) -> None:
    """Checking a multiple-choice answer, comparing a short answer, and forgetting the answers."""
    case = next(loaded.model for _id, loaded in sorted(catalog.cases.items()) if loaded.model.self_check)
    assert case.self_check is not None
    questions = case.self_check.questions
    chosen = next(q for q in questions if q.options)
    short = next((q for q in questions if not q.options), None)
    with language("qps"):
        body = self_check_html([q for q in (chosen, short) if q is not None])
        html = script_page(["self-check.js"], body)
        words = {
            name: _(name)
            for name in ("Check", "Compare with a model answer", "Forget my answers on this device")
        }
    file = tmp_path / "self-check.html"
    file.write_text(html, encoding="utf-8")
    page.goto(file.as_uri())

    def check(step: str) -> None:
        assert escaped(page.content(), ".ek-self-check", []) == [], step

    check("on opening")
    press_until_focused(page, words["Check"])
    page.keyboard.press("Enter")
    expect(page.locator(".ek-sc-result").first).to_have_text(pseudo("Choose an answer first."))
    check("checked with no answer")
    page.locator(".ek-sc-form input").first.check()
    press_until_focused(page, words["Check"])
    page.keyboard.press("Enter")
    expect(page.locator(".ek-sc-summary").first).to_contain_text("\u27e6")
    check("checked with an answer")
    if short is not None:
        press_until_focused(page, words["Compare with a model answer"])
        page.keyboard.press("Enter")
        check("compared with the model answer")
    press_until_focused(page, words["Forget my answers on this device"])
    page.keyboard.press("Enter")
    expect(page.locator(".ek-sc-status")).to_have_text(
        pseudo("Your answers to these questions were removed from this browser.")
    )
    check("after forgetting")


def self_check_html(questions: list[Any]) -> str:
    """The self-check as the page writes it (see layout/selfcheck.py), its own words marked as the
    pseudo-locale marks them: the questions, then the folded answers."""
    parts, answers = [], []
    for question in questions:
        qid = f"sc-words-{question.id}"
        kind = f"ek-sc-{question.kind.value}"
        multiple = " ek-sc-multiple" if question.multiple else ""
        options = "".join(f"<li><p>{escape(option.text)}</p></li>" for option in question.options)
        parts.append(
            f'<div class="ek-sc-question {kind}{multiple}" id="{qid}">'
            f'<p class="ek-sc-prompt">{escape(question.prompt)}</p>'
            + (f'<ol class="ek-sc-options">{options}</ol>' if options else "")
            + "</div>"
        )
        if question.options:
            feedback = "".join(
                f'<div class="ek-sc-feedback {"ek-sc-right" if option.correct else "ek-sc-wrong"}">'
                f"<p>{escape(pseudo('Right' if option.correct else 'Not right'))}</p>"
                f"<p>{escape(option.feedback)}</p></div>"
                for option in question.options
            )
        else:
            feedback = (
                f'<div class="ek-sc-feedback ek-sc-model"><p>{escape(question.model_answer or "")}</p></div>'
            )
        answers.append(f'<div class="ek-sc-answer">{feedback}</div>')
    summary = escape(pseudo("Answers and why"))
    folded = f'<details class="ek-folded"><summary>{summary}</summary>{"".join(answers)}</details>'
    return f'<div class="ek-self-check" id="self-check-words">{"".join(parts)}{folded}</div>'


def test_a_page_saving_through_the_player_carries_the_players_words() -> None:
    """The worksheet, reflections and tally pages show the player script's messages (why nothing could
    be saved) without holding a dilemma, so their pages carry its words; a self-check page does not."""
    for cls in ("ek-worksheet", "ek-my-reflections", "ek-room-tally"):
        assert "dilemma-player.js" in page_scripts({cls}), cls
    assert page_scripts({"ek-self-check"}) == ["self-check.js"]
    assert page_scripts({"ek-dilemma"}) == ["dilemma-player.js"]
