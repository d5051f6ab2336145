"""Self-checks on the page: the fixture book's HTML, then Chromium driven by keyboard alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import WCAG_A_AA_STYLES_IN_PLACE, axe, build_book, make_fixture_book, serve, settled_storage
from test_selfchecks import add_self_check

KEY = "first-loyalty/self-checks/v1"
FIRST = "#sc-demo-case-deadline-or-duty"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_fixture_book(tmp_path_factory.mktemp("self-check") / "book")
    add_self_check(book / "cases" / "demo-case.yml")
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book / "_build" / "html"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site on 127.0.0.1: the answers are stored and the page reloaded (see test_player's `book`)."""
    with serve(site) as url:
        yield url


def soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_the_case_page_lists_questions_then_folds_every_answer_with_its_reasons(site: Path) -> None:
    page = soup(site, "case.html")
    check = page.select_one("#case-demo-case-self-check .ek-self-check")
    assert check is not None
    prompts = [p.get_text() for p in check.select(".ek-sc-question .ek-sc-prompt")]
    assert prompts[0] == "1. What decides when the demonstration assessment is finished?"
    assert prompts[1].endswith("True or false?") and prompts[2].endswith(
        "(Choose every answer that applies.)"
    )
    # Before answering nothing says which option is right: verdicts and reasons sit in the folded section.
    questions = " ".join(q.get_text() for q in check.select(".ek-sc-question"))
    assert "Right" not in questions and "fixture duty to assess" not in questions
    folded = check.select_one("details.ek-folded")
    assert folded is not None and folded.get("open") is None
    assert folded.summary is not None and folded.summary.get_text().startswith("Answers and why")
    verdicts = [v.get_text() for v in folded.select(".ek-sc-verdict")]
    assert verdicts[:3] == [
        "Not right: (a) The team's Friday target.",
        "Right: (b) What the assessment finds about the person's needs and views.",
        "Not right: (c) Whatever the manager signs off.",
    ]
    grounds = folded.select(".ek-sc-feedback .ek-sc-cites")
    assert [a["href"] for a in grounds[1].select("a")] == [
        "code.html#demo-standards-1-1",
        "law.html#demo-act-1",
    ]
    model = folded.select_one(".ek-sc-model")
    assert model is not None and "Points to look for in yours:" in model.get_text()
    assert page.select_one("script[src^='_static/self-check.js']") is not None
    assert soup(site, "code.html").select_one("script[src^='_static/self-check.js']") is None
    # Only a SCORM package's page talks to a VLE: the book does not carry that script.
    assert (site / "_static" / "dilemma-player.js").is_file()
    assert not (site / "_static" / "scorm-vle.js").exists()


def test_a_chapter_shows_its_self_check_from_the_data_file(site: Path) -> None:
    check = soup(site, "chapter.html").select_one(".ek-chapter-self-check #self-check-chapter")
    assert check is not None
    assert len(check.select(".ek-sc-question")) == 3
    assert check.select_one("a[href='scottish-law.html#demo-scottish-act-4']") is not None


@pytest.mark.browser
def test_a_student_answers_by_keyboard_hears_why_and_keeps_the_answer_on_the_device(
    page: Page, served: str, errors: list[str]
) -> None:
    page.goto(f"{served}/case.html")
    form = page.locator(f"{FIRST} fieldset.ek-sc-form")
    expect(form.locator("legend")).to_have_text(
        "1. What decides when the demonstration assessment is finished?"
    )
    result = page.locator(f"{FIRST} .ek-sc-result")
    expect(result).to_have_attribute("aria-live", "polite")
    expect(result).to_be_empty()
    expect(page.locator(f"{FIRST} > .ek-sc-options")).to_be_hidden()  # the form replaces the plain list
    first = page.get_by_role("radio", name="The team's Friday target.")
    for _ in range(80):
        if first.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("could not reach the first option with the Tab key")
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(f"{FIRST} .ek-sc-check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(result).to_contain_text("Not quite: read why, then try again.")
    expect(result).to_contain_text("it does not end the fixture duty to assess")
    expect(result.get_by_role("link", name="Demo standards 2.1")).to_be_visible()
    expect(result).not_to_contain_text("tie the outcome to what is found")  # only the option chosen

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")  # arrows move between the options of one question, as in any form
    right = page.get_by_role("radio", name="What the assessment finds about the person's needs and views.")
    expect(right).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(result).to_contain_text("Right.")
    expect(result).to_contain_text("tie the outcome to what is found")

    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored == {"self-check-demo-case": {"sc-demo-case-deadline-or-duty": {"chosen": [1]}}}
    settled_storage(page)
    page.reload()
    expect(right).to_be_checked()
    expect(result).to_contain_text("Right.")
    assert errors == []
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_question_is_set_near_the_size_of_its_options_not_as_a_heading(
    page: Page, site: Path, width: int
) -> None:
    """A self-check's question (its form's legend) is bold and a little larger than its options, not at
    the size of a heading, on a wide screen and on a phone."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto((site / "case.html").as_uri())
    form = page.locator(f"{FIRST} fieldset.ek-sc-form")
    sizes = form.evaluate(
        """form => [form.querySelector('legend'), form.querySelector('.ek-sc-option label')]
            .map(el => parseFloat(getComputedStyle(el).fontSize))"""
    )
    question, option = sizes
    assert option < question <= 1.15 * option, sizes


@pytest.mark.browser
def test_several_answers_a_short_answer_and_forgetting(page: Page, site: Path, errors: list[str]) -> None:
    page.goto((site / "case.html").as_uri())
    multiple = page.locator("#sc-demo-case-risk-and-closure")
    multiple.get_by_role("checkbox", name="Enquiries are made before the file is closed.").check()
    multiple.get_by_role("button", name="Check").click()
    expect(multiple.locator(".ek-sc-result")).to_contain_text("Partly: there is more than one right answer.")
    short = page.locator("#sc-demo-case-say-it-yourself")
    short.get_by_role("textbox", name="Your answer").fill("The duty comes from the act.")
    short.get_by_role("button", name="Compare with a model answer").click()
    expect(short.locator(".ek-sc-result")).to_contain_text("Points to look for in yours:")
    page.get_by_role("button", name="Forget my answers on this device").click()
    expect(page.locator(".ek-sc-status")).to_have_text(
        "Your answers to these questions were removed from this browser."
    )
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')")) == {}
    expect(short.get_by_role("textbox", name="Your answer")).to_have_value("")
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_without_javascript_the_answers_are_one_fold_away(browser: object, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((site / "case.html").as_uri())
    expect(page.locator(f"{FIRST} .ek-sc-options")).to_be_visible()
    answers = page.locator("#self-check-demo-case details.ek-folded")
    expect(answers.locator(".ek-sc-answer").first).to_be_hidden()
    answers.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(answers.locator(".ek-sc-answer").first).to_be_visible()
    context.close()


@pytest.mark.browser
def test_paper_shows_the_questions_then_the_answers_with_reasons(page: Page, site: Path) -> None:
    page.goto((site / "case.html").as_uri())
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator(f"{FIRST} fieldset.ek-sc-form")).to_be_hidden()
    expect(page.locator(f"{FIRST} > .ek-sc-options")).to_be_visible()
    expect(page.locator("#self-check-demo-case .ek-sc-answers-heading")).to_be_visible()
    expect(page.locator("#sc-demo-case-deadline-or-duty-answer")).to_contain_text(
        "Rests on: Demo standards 2.1"
    )


def test_a_page_loads_the_players_script_and_code_styles_only_where_it_uses_them(site: Path) -> None:
    """The player's script on pages with a dilemma or saving through its store (the worksheet); code
    highlighting and copy buttons on none of these pages, which hold no block of code."""

    def loaded(name: str) -> set[str]:
        page = soup(site, name)
        found = [tag.get("src") for tag in page.select("script[src]")]
        found += [tag.get("href") for tag in page.select("link[rel=stylesheet]")]
        return {str(address).split("?")[0].rpartition("/")[2] for address in found}

    for name in ("dilemma.html", "worksheet.html"):
        assert "dilemma-player.js" in loaded(name), name
    for name in ("code.html", "case.html"):
        assert "dilemma-player.js" not in loaded(name), name
    for name in ("dilemma.html", "worksheet.html", "code.html", "case.html"):
        assert not loaded(name) & {"pygments.css", "copybutton.js", "clipboard.min.js", "copybutton.css"}
    assert {"ethicskit.js", "words.js"} <= loaded("code.html")
