"""One worksheet export and one way of writing dates, whichever output writes them.

The completed worksheet has one layout (`worksheet.markdown_layout`), which Python fills for the widget
and the page's My reflections export fills in the browser; a record's days are stored as ISO days and
written by Babel in Python and, from the pattern the page carries, by words.js in the browser. These
tests fill the real book's worksheet in Chromium by keyboard, as a learner would, and compare what the
page exports with what Python and the widget write for the same answers, byte for byte; and they compare
the dates both sides write for the same days, in every interface language.
"""

from __future__ import annotations

import contextlib
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import (
    REPO,
    WALKTHROUGHS,
    kit_scripts,
    load_walkthroughs,
    press_until_focused,
    serve,
    settled_storage,
    tab_to,
)
from ethicskit import reflections, worksheet
from ethicskit.catalog import load_catalog
from ethicskit.documents import worksheet_sheet
from ethicskit.export import script_words_element
from ethicskit.widgets import OWN_SITUATION, DilemmaWidget, WorksheetWidget
from ethicskit.words import _, available_languages, current, language, stored_date

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "qps", *available_languages()]
"""Every interface language: English, the pseudo-locale and each language with a catalogue."""

STORAGE_KEY = "first-loyalty/reflections/v1"

DAYS = [
    *(f"2026-{month:02d}-01" for month in range(1, 13)),
    *(
        f"2027-{month:02d}-{last}"
        for month, last in zip(range(1, 13), (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), strict=True)
    ),
    "2024-02-29",
    "2026-12-05",
    "0999-07-09",
    # Not days: kept as they are on both sides.
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "5 December 2026",
    "",
]


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_stored_day_reads_the_same_in_python_and_in_the_browser(
    page: Page, tmp_path: Path, code: str
) -> None:
    """The same ISO day gives the same text from `stored_date` (Babel) and from words.js in Chromium."""
    with language(code):
        element = script_words_element(["reflections.js"])
        expected = [stored_date(day) for day in DAYS]
        spelled = current().date(datetime.date(2026, 12, 5))
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Dates</title></head><body>'
        f"{kit_scripts(words_element=element)}</body></html>"
    )
    (tmp_path / "dates.html").write_text(html, encoding="utf-8")
    page.goto((tmp_path / "dates.html").as_uri())
    written = page.evaluate("days => days.map(window.ethicskitWords.date)", DAYS)
    assert written == expected
    # The days are written out as the language writes them, not left as ISO.
    assert expected[DAYS.index("2026-12-05")] == spelled and "2026" in spelled and "-" not in spelled


def answers_for(index: int, case_id: str) -> dict[str, str]:
    """What a learner writes on the index-th worksheet: every answer on the first, with spaces and a
    line break around the words, and one answer of the three-part step left blank; a few on each of the
    others, different each time, so a blank answer, a part of a step and a whole step are all exported."""
    fields = worksheet.field_ids()
    if index == 0:
        answers = {field: f"  {field} for {case_id}.\nA second line.  " for field in fields}
        del answers["consequences-profession"]
        return answers
    chosen = {fields[index % len(fields)], fields[(index * 5 + 3) % len(fields)], "consequences-person"}
    return {field: f"{field} {index}" for field in fields if field in chosen}


@pytest.mark.parametrize("code", ["en", "qps"])
def test_the_worksheet_exported_by_the_page_is_the_one_python_and_the_widget_write(
    page: Page, request: pytest.FixtureRequest, code: str
) -> None:
    """Every worksheet of the real book (a situation of one's own and each case), filled by keyboard and
    exported from My reflections, is `as_markdown` of the same answers and the widget's export, exactly."""
    book: Path = request.getfixturevalue("built_book" if code == "en" else "built_pseudo_book")
    catalog, problems = load_catalog(REPO)
    assert problems == []
    with language(code):
        saved = _("Saved on this device.")
        download = _("Download as Markdown")
    # Served, as a reader's web server or VLE serves the book: opened from file://, Chromium now and then
    # never shares one page's storage with the next (see conftest.settled_storage).
    served = contextlib.ExitStack()
    request.addfinalizer(served.close)
    url = served.enter_context(serve(book))
    page.goto(f"{url}/book/worksheet.html")
    select = page.locator("#ek-ws-case")
    # One numbering of the steps: the form, the page as printed without script, the widget and the paper.
    with language(code):
        headings = [worksheet.step_heading(number, step) for number, step in enumerate(worksheet.steps(), 1)]
        paper = BeautifulSoup(worksheet_sheet(catalog), "html.parser").select(".ek-worksheet-step .rubric")
        in_widget = [
            BeautifulSoup(part.value, "html.parser").get_text()
            for part in WorksheetWidget(catalog, language=code).children
            if getattr(part, "value", "").startswith("<h3>")
        ]
    printed = BeautifulSoup((book / "book" / "worksheet.html").read_text(encoding="utf-8"), "html.parser")
    assert [" ".join(h.get_text().split()) for h in printed.select(".ek-worksheet-step .rubric")] == headings
    assert page.locator(".ek-worksheet legend").all_inner_texts() == headings
    assert in_widget == headings and [h.get_text() for h in paper] == headings
    options = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert options == [OWN_SITUATION, *sorted(catalog.cases)]
    typed: dict[str, dict[str, str]] = {}
    for index, case_id in enumerate(options):
        if index:
            tab_to(page, select, key="Shift+Tab")
            page.keyboard.press("ArrowDown")
            expect(select).to_have_value(case_id)
        typed[case_id] = answers_for(index, case_id)
        for field_id, text in typed[case_id].items():
            tab_to(page, page.locator(f"#ek-ws-{field_id}"))
            page.keyboard.type(text)
        expect(page.locator(".ek-worksheet .ek-saved")).to_have_text(saved)
    stored = json.loads(page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')"))["worksheets"]
    assert sorted(stored) == sorted(options)

    settled_storage(page)
    page.goto(f"{url}/book/reflections.html")
    press_until_focused(page, download)
    with page.expect_download() as exported:
        page.keyboard.press("Enter")
    text = Path(exported.value.path()).read_text(encoding="utf-8")

    today = datetime.date.today()
    widget = WorksheetWidget(catalog, language=code)
    written = []
    with language(code):
        day = current().date(today)
        for case_id in sorted(stored):
            entry = stored[case_id]
            # What the page stored is what was typed, on today's date.
            assert {key: value for key, value in entry["answers"].items() if value} == typed[case_id]
            assert entry["updated"] == today.isoformat()
            from_python = worksheet.as_markdown(entry["title"], entry["answers"], day)
            widget.case.value = case_id
            for field_id, area in widget.fields.items():
                area.value = entry["answers"].get(field_id, "")
            assert widget.titles[case_id] == entry["title"]
            assert widget.markdown() == from_python, case_id
            written.append(from_python)
    # The export holds nothing but the worksheets after its opening lines: each is Python's text.
    assert text[text.index("\n## ") :] == "\n" + "\n".join(written)
    assert today.isoformat() not in text


def open_my_reflections_scripts(page: Page, file: Path, words_element: str) -> None:
    """A page of nothing but My reflections' scripts and their words, opened: what they write is read
    through `FirstLoyaltyReflections`."""
    scripts = kit_scripts("dilemma-player.js", "reflections.js", words_element=words_element)
    file.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>My reflections</title></head>'
        f'<body><div class="ek-my-reflections"></div>{scripts}</body></html>',
        encoding="utf-8",
    )
    page.goto(file.as_uri())


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_browser_fills_the_worksheet_layout_exactly_as_python_does(
    page: Page, tmp_path: Path, code: str
) -> None:
    """Awkward answers and titles (braces, blank answers, answers of spaces, line breaks) give the same
    text from the page's script and from `as_markdown`; the layout the page receives is Python's."""
    with language(code):
        element = script_words_element(["dilemma-player.js", "reflections.js"])
        layout = worksheet.markdown_layout()
        day = current().date(datetime.date(2026, 12, 5))
        cases = [
            ("A {date} and a {title}", {"facts": "{title}", "options": "   ", "decision": "\nSo.\n\n"}),
            ("$& $1", {field: f"$& {field}\r\n\tend" for field in worksheet.field_ids()}),
            ("", {}),
            # Spaces other than the ASCII ones are the learner's text, kept on both sides.
            ("\u00a0", {"facts": "\u00a0\x85\u2028x\ufeff\x1c", "law": "\ufeff"}),
        ]
        expected = [worksheet.as_markdown(title, answers, day) for title, answers in cases]
    open_my_reflections_scripts(page, tmp_path / "fill.html", element)
    assert page.evaluate("() => window.ethicskitWords.layout('worksheet')") == layout
    filled = page.evaluate(
        "([cases, day]) => cases.map(([title, answers]) => FirstLoyaltyReflections.fillWorksheet("
        "window.ethicskitWords.layout('worksheet'), title, answers, day))",
        [cases, day],
    )
    assert filled == expected


def _played_widget(code: str, dilemma_id: str, choices: list[str]) -> DilemmaWidget:
    """The widget played along a recorded path, with something written at every prompt it met."""
    catalog, _problems = load_catalog(REPO)
    widget = DilemmaWidget(catalog.dilemmas[dilemma_id].model, catalog, language=code)
    for number, choice_id in enumerate(choices, start=1):
        if widget.reflection_box is not None:
            widget.reflection_box.value = f"What I weighed at step {number}: {{path}} and $& stay as typed."
        widget.choose(choice_id)
        widget.proceed()
        if widget.pausing:
            widget.go_on()
    if widget.reflection_box is not None:
        widget.reflection_box.value = "At the ending.\n\nA second paragraph."
    return widget


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_reflections_download_is_the_layout_python_fills_for_the_widget(
    page: Page, tmp_path: Path, code: str
) -> None:
    """My reflections' Markdown download, written by the page's script, is `reflections.as_markdown` of
    the same store, exactly: for stores with awkward titles, texts and paths (braces, replacement
    patterns, no path, a path stored without titles, a drawn map with letters beyond ASCII), and for the
    entries the widget makes along real paths, which its own export writes the same way."""
    [walk_file, *_rest] = WALKTHROUGHS
    walk = load_walkthroughs(walk_file)[-1]
    widget = _played_widget(code, walk_file.stem, list(walk["choices"]))
    stores: list[dict[str, Any]] = [
        {"dilemmas": {walk_file.stem: widget.entry()}},
        {"dilemmas": {}, "worksheets": {}},
        {
            "dilemmas": {
                "b-{title}": {
                    "title": "A {date} and $& $1",
                    "updated": "2026-12-05",
                    "path": [{"label": "Ask {id}", "clauses": ["X 1.1", "X 1.1", "Y 2"]}, {"label": "Go on"}],
                    "ending": {"title": "{ending}", "clauses": ["Y 2", "Z 3"]},
                    "pathMap": "<svg><title>Map \u2013 \u0175</title></svg>",
                    "reflections": {
                        "x": {"prompt": "Why?", "text": ""},
                        "y": {"prompt": "{text}", "text": "$1"},
                    },
                },
                "a-started": {
                    "title": "Started",
                    "updated": "5 December 2026",
                    "path": [],
                    "reflections": {},
                },
            },
            "worksheets": {"own": {"title": "Mine", "updated": "2026-12-04", "answers": {"facts": " f "}}},
        },
    ]
    with language(code):
        element = script_words_element(["dilemma-player.js", "reflections.js"])
        layout = reflections.markdown_layout()
        today = current().date(datetime.date.today())
        expected = [reflections.as_markdown(store, today) for store in stores]
    assert widget.markdown() == expected[0]
    open_my_reflections_scripts(page, tmp_path / "download.html", element)
    assert page.evaluate("() => window.ethicskitWords.layout('reflections')") == layout
    written = page.evaluate("stores => stores.map(FirstLoyaltyReflections.markdown)", stores)
    assert written == expected
    # The store's day is written as the language writes it, and the drawn map is shown as an image.
    assert "2026-12-05" not in expected[2] and "](data:image/svg+xml;base64," in expected[2]
