"""Printed handouts and single-file dilemmas, made by the `ethicskit` command and opened as a reader would."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Page, Request, expect
from pypdf import PdfReader

from conftest import CHROMIUM, FIXTURES, press_until_focused
from ethicskit.catalog import load_catalog
from ethicskit.documents import handout
from test_player import DILEMMA, WCAG_A_AA

pytestmark = pytest.mark.browser

ETHICSKIT = Path(sys.executable).parent / "ethicskit"
ROOT = FIXTURES / "valid"


def ethicskit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ETHICSKIT), *args, "--root", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "CHROMIUM": CHROMIUM},
    )


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4, in points
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return unicodedata.normalize("NFKC", text)  # any ligature the font still forms becomes its letters


CASE_SECTIONS = [
    "A demonstration case",
    "What you will learn",
    "The case",
    "Where the loyalties pull apart",
    "What the codes say",
    "Law and duties",
    "Demonstration Act 2099, s 2(1) (Enquiries)",
    "What the law already settles",
    "Where discretion begins",
    "Questions for discussion",
    "Key points",
]
DILEMMA_SECTIONS = [
    "The Friday deadline",
    "Map of every branch",
    "Questions for discussion",
    "Decision 1",
    "Decision 2",
    "Ending: Time to listen",
    "Ending: Put right late",
    "Strains in law: Demonstration Act 2099, s 2(1)",
]
SEMINAR_SECTIONS = [
    "Demo seminar on deadlines",
    "Learning outcomes",
    "Before the session",
    "Materials",
    "How the session runs",
    "Ground rules",
    "Looking after yourself and each other",
    "After the session",
    "Reading",
    "Making the session work for everyone",
    "How the task is marked",
    "Level 7",
    "A demonstration case",
    "The Friday deadline",
    "The ethical-reasoning worksheet",
    "What the law says",
    "What does the law require, permit or forbid here, and whose duty is it?",
]


@pytest.mark.parametrize(
    ("kind", "item", "sections", "lecturer_text"),
    [
        ("case", "demo-case", CASE_SECTIONS, "Read aloud, then pairs."),
        ("dilemma", "demo-dilemma", DILEMMA_SECTIONS, "Ask the room whether an apology alone is enough."),
        ("seminar", "demo-seminar", SEMINAR_SECTIONS, "Lecturer-only fixture facilitation text."),
    ],
)
def test_handout_is_an_a4_pdf_with_its_title_and_sections_and_notes_only_for_the_lecturer(
    tmp_path: Path, kind: str, item: str, sections: list[str], lecturer_text: str
) -> None:
    student, lecturer = tmp_path / "student.pdf", tmp_path / "lecturer.pdf"
    result = ethicskit("handout", kind, item, "-o", str(student))
    assert result.returncode == 0, result.stderr
    text = pdf_text(student)
    assert text.startswith(sections[0])
    missing = [section for section in sections if section not in text]
    assert missing == []
    assert lecturer_text not in text
    result = ethicskit("handout", kind, item, "--lecturer", "-o", str(lecturer))
    assert result.returncode == 0, result.stderr
    assert lecturer_text in pdf_text(lecturer)


def test_seminar_pack_shows_the_rubric_to_everyone_and_the_exemplar_only_to_the_lecturer() -> None:
    """Students get the rubric, reading and inclusion notes; exemplars and the expert slot are not theirs."""
    catalog, problems = load_catalog(ROOT)
    assert problems == []
    student = BeautifulSoup(handout("seminar", "demo-seminar", catalog, lecturer=False)[1], "html.parser")
    lecturer = BeautifulSoup(handout("seminar", "demo-seminar", catalog, lecturer=True)[1], "html.parser")
    tables = student.select("table.rubric")
    assert len(tables) == 3
    assert [th.get_text() for th in tables[2].select("thead th")] == [
        "Criterion",
        "Distinction (70 and above)",
        "Merit (60\N{EN DASH}69)",
        "Pass (50\N{EN DASH}59)",
        "Fail (below 50)",
    ]
    assert [th.get_text() for th in tables[0].select("tbody th[scope=row]")] == [
        "Use of the standards (40%)",
        "Use of the law (30%)",
        "Reflection (30%)",
    ]
    text = student.get_text(" ")
    assert "Ada Example. Deadlines and Voices in Fixture Practice." in text
    assert "Fixture note for neurodivergent students." in text
    assert "Lecturer-only fixture" not in text and "Exemplar" not in text
    notes = lecturer.select_one("section.lecturer").get_text(" ")
    for shown in (
        "Exemplar at Level 6, marked 64 (upper second)",
        "Lecturer-only fixture exemplar answer.",
        "Demo standards 1.1",
        "Lecturer-only fixture comment on the law.",
        "Lecturer-only fixture feedforward.",
        "Lecturer-only fixture expert contribution.",
    ):
        assert shown in notes


def test_only_the_lecturers_seminar_pack_maps_every_branch_of_its_dilemmas(tmp_path: Path) -> None:
    """The students' pack leaves the map out, as the student edition does; the lecturer's keeps it."""
    for flags, expected in (((), False), (("--lecturer",), True)):
        pdf = tmp_path / f"pack{len(flags)}.pdf"
        result = ethicskit("handout", "seminar", "demo-seminar", *flags, "-o", str(pdf))
        assert result.returncode == 0, result.stderr
        assert ("Map of every branch" in pdf_text(pdf)) is expected


def test_handout_of_an_unknown_item_names_the_known_ones(tmp_path: Path) -> None:
    result = ethicskit("handout", "case", "no-such-case", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "no case 'no-such-case' (known: demo-case)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()


def test_exported_dilemma_plays_from_file_by_keyboard_and_exports_reflections(
    page: Page, tmp_path: Path
) -> None:
    """One file: the player, reflections and export work from file:// and nothing else is requested."""
    exported = tmp_path / "dilemma.html"
    result = ethicskit("export", "dilemma", "demo-dilemma", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if isinstance(request, Request) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(exported.as_uri())
    labels = {choice.id: choice.label for node in DILEMMA.nodes for choice in node.choices}
    press_until_focused(page, labels["ask-for-time"])
    page.keyboard.press("Enter")
    # The exported player holds each side's view back until the ending, as the book's does.
    expect(page.locator(".ek-consequence")).to_be_visible()
    expect(page.locator(".ek-stage .ek-views")).to_have_count(0)
    press_until_focused(page, "See where this ends")
    page.keyboard.press("Enter")
    expect(page.locator(".ek-summary-table")).to_contain_text("They are heard properly.")
    page.get_by_label("When have you asked for time?", exact=False).fill("Before a review.")
    results = Axe().run(page, options={**WCAG_A_AA, "preload": False})
    assert results.violations_count == 0, results.generate_report()
    page.reload()
    expect(page.locator(".ek-reflection-list")).to_contain_text("Before a review.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as Markdown").click()
    assert "Before a review." in Path(download.value.path()).read_text()
    assert [url for url in requests if url != exported.as_uri()] == []
    assert errors == []
