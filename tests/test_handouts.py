"""Printed handouts and single-file dilemmas, made by the `ethicskit` command and opened as a reader would."""

from __future__ import annotations

import functools
import math
import re
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, Request, expect
from pypdf import PdfReader

from conftest import (
    FIXTURES,
    REPO,
    WCAG_A_AA_STYLES_IN_PLACE,
    axe,
    kit,
    press_until_focused,
    run_cli,
    settled_storage,
)
from ethicskit.catalog import Catalog, load_catalog
from ethicskit.diagram import choice_keys
from ethicskit.documents import dilemma_sheet, handout, standalone_dilemma
from ethicskit.export import dilemma_refs
from ethicskit.words import language
from test_player import DILEMMA

pytestmark = pytest.mark.browser

ROOT = FIXTURES / "valid"


def ethicskit(*args: str) -> subprocess.CompletedProcess[str]:
    """The command on the fixture content."""
    return run_cli(*args, "--root", str(ROOT))


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
    "The ending strains in law: Demonstration Act 2099, s 2(1)",
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
    levels = student.select("section[id$='-rubric'] > section")
    assert [level.find(["h3", "h4"]).get_text() for level in levels] == ["Level 5", "Level 6", "Level 7"]
    tables = [level.select_one("table.ek-rubric") for level in levels]
    assert [th.get_text() for th in tables[2].select("thead th")] == [
        "Criterion",
        "Distinction (70 and above)",
        "Merit (60\N{EN DASH}69)",
        "Pass (50\N{EN DASH}59)",
        "Fail (below 50)",
    ]
    assert [th.get_text() for th in tables[0].select("tbody th.stub")] == [
        "Use of the standards (40%)",
        "Use of the law (30%)",
        "Reflection (30%)",
    ]
    text = student.get_text(" ")
    assert "Ada Example. Deadlines and Voices in Fixture Practice." in text
    assert "Fixture note for neurodivergent students." in text
    assert "Lecturer-only fixture" not in text and "Exemplar" not in text
    notes = " ".join(section.get_text(" ") for section in lecturer.select("section.ek-instructor-notes"))
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
    page: Page, errors: list[str], tmp_path: Path
) -> None:
    """One file: the player, reflections and export work from file:// and nothing else is requested."""
    exported = tmp_path / "dilemma.html"
    result = ethicskit("export", "dilemma", "demo-dilemma", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if isinstance(request, Request) else None)
    page.goto(exported.as_uri())
    labels = {choice.id: choice.label for node in DILEMMA.nodes for choice in node.choices}
    press_until_focused(page, labels["ask-for-time"])
    page.keyboard.press("Enter")
    # The exported player holds each side's view back until the ending, as the book's does.
    expect(page.locator(".ek-stage .ek-consequence")).to_be_visible()
    expect(page.locator(".ek-stage .ek-views")).to_have_count(0)
    press_until_focused(page, "See where this ends")
    page.keyboard.press("Enter")
    expect(page.locator(".ek-summary-table")).to_contain_text("They are heard properly.")
    page.get_by_label("When have you asked for time?", exact=False).fill("Before a review.")
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()
    settled_storage(page)
    page.reload()
    expect(page.locator(".ek-reflection-list")).to_contain_text("Before a review.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as Markdown").click()
    assert "Before a review." in Path(download.value.path()).read_text()
    assert [url for url in requests if url != exported.as_uri()] == []
    assert errors == []


# --- print layout, read back from the PDF ----------------------------------------------------------

FOOTER_TOP = 40
"""Points above the foot of the page: text below this line is the running footer (in the 18 mm margin)."""


@dataclass(frozen=True)
class PrintedPdf:
    """What a printed PDF shows, read in one pass over its text (pypdf reads a long handout slowly)."""

    pages: list[tuple[list[str], str]]
    """For each page: its body lines from top to bottom, and its footer text."""
    sizes: list[tuple[float, int, str]]
    """Every run of text as (size in points on paper, page number, text)."""


def printed(path: Path) -> PrintedPdf:
    """The PDF at `path` as read; read again only when the file changes, as the checks below each ask."""
    stat = path.stat()
    return _read_printed(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_printed(path: Path, _changed: int, _size: int) -> PrintedPdf:
    pages: list[tuple[list[str], str]] = []
    sizes: list[tuple[float, int, str]] = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        rows: dict[int, list[tuple[float, str]]] = {}

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            size: float,
            n: int = number,
            rows: dict[int, list[tuple[float, str]]] = rows,
        ) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            rows.setdefault(round(y), []).append((x, text))
            # The size is the font size scaled by the text matrix and by the page's transformation, so
            # a diagram Chromium shrank to fit the page reports the size its labels really print at:
            # the text's vertical unit vector, through the text matrix and then the page's.
            up_x, up_y = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            sizes.append((round(size * math.hypot(up_x, up_y), 2), n, text.strip()))

        page.extract_text(visitor_text=visit)
        lines = {
            y: unicodedata.normalize("NFKC", " ".join("".join(t for _, t in sorted(parts)).split()))
            for y, parts in rows.items()
        }
        body = [lines[y] for y in sorted(lines, reverse=True) if y >= FOOTER_TOP]
        footer = " ".join(lines[y] for y in sorted(lines, reverse=True) if y < FOOTER_TOP)
        pages.append((body, footer))
    return PrintedPdf(pages, sizes)


def pdf_pages(path: Path) -> list[tuple[list[str], str]]:
    """For each page: its body lines from top to bottom, and its footer text."""
    return printed(path).pages


SMALLEST_PRINTED_TEXT = 8.0
"""Points: the least a reader on paper can be asked to read, diagram labels included."""


def printed_text_sizes(path: Path) -> list[tuple[float, int, str]]:
    """Every run of text in the PDF as (size in points on paper, page number, text)."""
    return printed(path).sizes


def too_small_to_read(path: Path) -> list[str]:
    return [
        f"page {page}: {text!r} at {size} pt"
        for size, page, text in sorted(printed_text_sizes(path))
        if size < SMALLEST_PRINTED_TEXT
    ]


def test_the_text_size_check_reads_a_shrunken_diagram_at_its_printed_size(tmp_path: Path) -> None:
    """The check itself: an SVG label set at 14 units reads 10.5 pt at full size, and about 5 pt when
    the picture is squeezed to half its width, as a large diagram is squeezed onto a page."""
    from ethicskit.printing import print_pdf

    def sheet(width: str) -> str:
        return (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>t</title></head><body>"
            f"<p style='font-size: 11pt'>Body text</p><svg width='600' height='60' viewBox='0 0 600 60' "
            f"style='width: {width}; height: auto'><text x='10' y='30' font-size='14'>A label</text></svg>"
            "</body></html>"
        )

    full, squeezed = tmp_path / "full.pdf", tmp_path / "squeezed.pdf"
    print_pdf(sheet("600px"), full, "Check")
    print_pdf(sheet("300px"), squeezed, "Check")
    sizes = {text: size for size, _, text in printed_text_sizes(full)}
    assert sizes["Body text"] == pytest.approx(11, abs=0.1)
    assert sizes["A label"] == pytest.approx(10.5, abs=0.1)
    assert too_small_to_read(full) == []
    assert too_small_to_read(squeezed) == ["page 1: 'A label' at 5.25 pt"]


REPO_CATALOG = kit()
EVERY_DILEMMA = sorted(REPO_CATALOG.dilemmas)


def print_handout(
    kind: str, item: str, catalog: Catalog, output: Path, lecturer: bool = False
) -> tuple[str, str]:
    """Print a handout to `output` as `ethicskit handout` prints it (the same layout, printed the same
    way), from a catalogue already loaded and checked; returns its title and HTML. The command itself is
    tested above, on the fixture content: the checks below read the real kit's handouts back, and the
    command would load and check the whole kit again for each (longer than the printing)."""
    from ethicskit.printing import print_pdf

    title, html = handout(kind, item, catalog, lecturer)
    print_pdf(html, output, title)
    return title, html


@pytest.mark.parametrize("item", EVERY_DILEMMA)
def test_every_dilemma_handout_prints_its_diagram_large_enough_to_read(tmp_path: Path, item: str) -> None:
    """Every label of the map, read back from the PDF, prints at 8 pt or more; and the diagram is there."""
    output = tmp_path / "handout.pdf"
    print_handout("dilemma", item, REPO_CATALOG, output)
    runs = Counter(text for _, _, text in printed_text_sizes(output))
    keys = choice_keys(REPO_CATALOG.dilemmas[item].model).values()
    # Each choice's key is printed twice: on its arrow in the diagram, and in the key under it.
    assert {key: runs[key] for key in keys if runs[key] < 2} == {}
    assert too_small_to_read(output) == []


def test_a_printed_handout_is_tagged_for_screen_readers_in_its_language(tmp_path: Path) -> None:
    """A handout's PDF carries its structure (marked content and a structure tree, with headings) and
    the language it is written in, in English and in Welsh alike, so a screen reader can read it."""
    from pypdf.generic import DictionaryObject

    for code, lang in (("en", "en-GB"), ("cy", "cy")):
        output = tmp_path / f"{code}.pdf"
        with language(code):
            catalog, _ = load_catalog(REPO)
            print_handout("case", "within-the-hour", catalog, output)
        root = PdfReader(output).trailer["/Root"]
        assert root["/Lang"] == lang
        assert bool(root["/MarkInfo"]["/Marked"])
        tree = root["/StructTreeRoot"]
        assert isinstance(tree, DictionaryObject)
        kinds: set[str] = set()
        pending = [tree]
        while pending:
            node = pending.pop()
            if isinstance(node, DictionaryObject):
                kinds.add(str(node.get("/S", "")))
                children = node.get("/K", [])
                pending += [
                    child.get_object() for child in (children if isinstance(children, list) else [children])
                ]
        assert {"/H1", "/H2", "/P", "/L"} <= kinds, kinds


def test_the_tagged_elements_of_a_printed_pdf_are_numbered_the_same_every_time() -> None:
    """Chromium names a tagged table header after a node number that can differ by one between two
    printings of one page: the printed file renumbers them in order, keeping the data cells' references
    to their headers and every byte offset, so the same handout prints to the same bytes."""
    from ethicskit.printing import stable_structure_ids

    def tagged(header: int, other: int) -> bytes:
        return (
            b"<</S /TH /ID (node%08d)>> <</S /TD /A [<</O /Table /Headers [(node%08d)]>>]>> "
            b"<</S /TH /ID (node%08d)>>" % (header, header, other)
        )

    first, second = tagged(101, 107), tagged(102, 108)
    assert first != second
    assert stable_structure_ids(first) == stable_structure_ids(second) == tagged(1, 2)
    assert len(stable_structure_ids(first)) == len(first)


def stranded_headings(path: Path, headings: list[str]) -> list[str]:
    """Headings printed as the last line of a page, their text continuing on the next."""
    wanted = {" ".join(h.split()) for h in headings}
    found = []
    for number, (body, _) in enumerate(pdf_pages(path)[:-1], 1):
        if body and (body[-1] in wanted or any(h.startswith(body[-1] + " ") for h in wanted)):
            found.append(f"page {number}: {body[-1]}")
    return found


def headings_of(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(html, "html.parser")
    return [
        tag.get_text(" ") for tag in page.select("h1, h2, h3, h4, h5, caption, .rubric, .ek-refs-heading")
    ]


def test_the_stranded_heading_check_finds_a_heading_left_at_a_page_foot(tmp_path: Path) -> None:
    """The check itself: a heading pushed to the foot of a page is found, and break-after: avoid moves it."""
    from ethicskit.printing import print_pdf

    def sheet(rule: str) -> str:
        return (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>t</title><style>"
            "@page { size: A4; margin: 16mm 16mm 18mm; } body { margin: 0; font: 11pt sans-serif; }"
            f"h2 {{ font-size: 14pt; margin: 0; {rule} }} .block {{ height: 40mm; break-inside: avoid; }}"
            "</style></head><body><div style='height: 238mm'>Opening text</div>"
            "<h2>A heading alone</h2><div class='block'>What the heading introduces</div></body></html>"
        )

    loose, kept = tmp_path / "loose.pdf", tmp_path / "kept.pdf"
    print_pdf(sheet(""), loose, "Check")
    print_pdf(sheet("break-after: avoid-page;"), kept, "Check")
    assert stranded_headings(loose, ["A heading alone"]) == ["page 1: A heading alone"]
    assert stranded_headings(kept, ["A heading alone"]) == []


PRINTED = [
    ("dilemma", "demo-dilemma"),
    ("seminar", "demo-seminar"),
    ("case", "demo-case"),
    *(("dilemma", d) for d in ("booked-without-asking", "the-scrutiny-panel")),
    ("seminar", "speaking-up"),
]


def cited_refs(kind: str, item: str, catalog: Catalog) -> set[str]:
    if kind == "case":
        return {c.ref for c in catalog.cases[item].model.clauses}
    if kind == "dilemma":
        return dilemma_refs(catalog.dilemmas[item].model)
    seminar = catalog.seminars[item].model
    refs = {ref for outcome in seminar.learning_outcomes for ref in [*outcome.pcf, *outcome.standards]}
    refs |= {c.ref for case in seminar.materials.cases for c in catalog.cases[case].model.clauses}
    for dilemma in seminar.materials.dilemmas:
        refs |= dilemma_refs(catalog.dilemmas[dilemma].model)
    return refs


@pytest.mark.parametrize(("kind", "item"), PRINTED, ids=[f"{k}-{i}" for k, i in PRINTED])
@pytest.mark.parametrize("lecturer", [False, True], ids=["student", "lecturer"])
def test_a_printed_handout_strands_no_heading_and_shows_what_every_cited_clause_says(
    tmp_path: Path, kind: str, item: str, lecturer: bool
) -> None:
    """Read back from the PDF: no heading ends a page, every cited clause has its paraphrase, the
    decisions carry the numbers the screen shows, and every page's footer has the title and its number."""
    from ethicskit.engine import numbered_nodes, titles

    catalog = load_catalog(ROOT)[0] if item.startswith("demo") else REPO_CATALOG
    output = tmp_path / "handout.pdf"
    title, html = print_handout(kind, item, catalog, output, lecturer)
    pages = pdf_pages(output)
    assert stranded_headings(output, headings_of(html)) == []
    assert too_small_to_read(output) == []
    for number, (_, footer) in enumerate(pages, 1):
        assert footer == f"{title} Page {number} of {len(pages)}"
    text = " ".join(line for body, _ in pages for line in body)
    missing = []
    for ref in sorted(cited_refs(kind, item, catalog)):
        found = catalog.cited(ref)
        assert found is not None
        if f"{found.label}: {' '.join(found.text.split())}" not in text:
            missing.append(ref)
    assert missing == []
    if kind == "dilemma":
        dilemma = catalog.dilemmas[item].model
        named = titles(dilemma)
        for node in numbered_nodes(dilemma):
            opening = " ".join(node.situation.split()[:6])
            assert f"{named[node.id]} {opening}" in text


def test_the_hardest_decision_is_behind_a_pause_that_lets_the_learner_stop_by_keyboard_and_on_paper(
    page: Page, errors: list[str], tmp_path: Path
) -> None:
    """Before Owen's message, the player says what is coming and where support is, and offers to stop;
    all by keyboard, announced, axe-clean, and kept across a reload. On paper the pause ends its page."""
    from ethicskit.engine import titles
    from ethicskit.signposting import signpost

    dilemma = REPO_CATALOG.dilemmas["the-colleagues-we-carry"].model
    [hardest] = [node for node in dilemma.nodes if node.pause_before]
    number = titles(dilemma)[hardest.id]
    exported = tmp_path / "dilemma.html"
    result = run_cli("export", "dilemma", dilemma.id, "-o", str(exported), "--root", str(REPO))
    assert result.returncode == 0, result.stderr
    page.goto(exported.as_uri())
    labels = {c.id: c.label for n in dilemma.nodes for c in n.choices}
    for choice_id in ("decline-and-name-the-system", "keep-it-between-you-with-a-safety-net"):
        press_until_focused(page, labels[choice_id])
        page.keyboard.press("Enter")
        press_until_focused(page, "Continue")
        page.keyboard.press("Enter")
    heading = page.locator(".ek-step-heading")
    expect(heading).to_have_text(f"A pause before {number}")
    expect(heading).to_be_focused()
    expect(page.locator(".ek-live")).to_have_text(f"A pause before {number}")
    stage = page.locator(".ek-stage")
    expect(stage).to_contain_text(signpost())
    expect(stage).not_to_contain_text(hardest.situation.split("\n")[0])
    expect(page.locator(".ek-choice-btn")).to_have_count(0)
    expect(page.locator(".ek-dilemma > .ek-pause")).to_be_hidden()  # the page's own copy, for print
    results = axe().run(page, options=WCAG_A_AA_STYLES_IN_PLACE)
    assert results.violations_count == 0, results.generate_report()

    press_until_focused(page, "Stop here")
    page.keyboard.press("Enter")
    expect(heading).to_have_text(f"You stopped before {number}")
    expect(heading).to_be_focused()
    expect(stage).to_contain_text(signpost())
    expect(page.locator(".ek-path li")).to_have_count(2)  # nothing lost
    press_until_focused(page, "Return to the pause")
    page.keyboard.press("Enter")
    expect(heading).to_have_text(f"A pause before {number}")
    settled_storage(page)
    page.reload()  # the saved path leads here, so the pause comes first again
    expect(page.locator(".ek-step-heading")).to_have_text(f"A pause before {number}")
    press_until_focused(page, f"Go on to {number}")
    page.keyboard.press("Enter")
    expect(page.locator(".ek-step-heading")).to_have_text(number)
    expect(page.locator(".ek-step-heading")).to_be_focused()
    expect(page.locator(".ek-choice-btn")).to_have_count(len(hardest.choices))
    assert errors == []

    pdf = tmp_path / "handout.pdf"
    print_handout("dilemma", dilemma.id, REPO_CATALOG, pdf)
    pages = [body for body, _ in pdf_pages(pdf)]
    [at] = [n for n, body in enumerate(pages) if f"A pause before {number}" in body]
    assert pages[at][-1] == "To stop here, do not turn the page."
    assert pages[at + 1][0] == number


LEAN_WORDS = re.compile(r"\(((strongly )?(for|against)|neutral)\)")


def test_students_read_each_choices_verdict_only_after_the_endings() -> None:
    """The students' dilemma sheet and the single-file dilemma show what happened and the clauses that
    bear on it beside each choice; the leans and what each choice honours or strains come after every
    ending, open on paper and folded in the single file. The lecturer's sheet keeps them beside the choice."""
    # On paper nothing folds: the verdicts are there, under their heading, after every ending.
    catalog, _ = load_catalog(ROOT)
    dilemma = catalog.dilemmas["demo-dilemma"].model
    for html, opened in (
        (dilemma_sheet(dilemma, catalog, lecturer=False), True),
        (standalone_dilemma(dilemma, catalog), False),
    ):
        page = BeautifulSoup(html, "html.parser")
        for choice in page.select(".ek-choice"):
            assert not LEAN_WORDS.search(choice.get_text()), choice.get_text()
            assert "Honours" not in choice.get_text() and "Strains" not in choice.get_text()
        assert "Clauses that bear on this choice:" in page.select_one(".ek-choice").get_text()
        verdicts = page.select_one("section.ek-verdicts")
        assert verdicts is not None
        endings = page.select("section.ek-ending")
        assert endings and all(verdicts in ending.find_all_next("section") for ending in endings)
        assert (verdicts.select_one("details") is None) is opened
        assert len(LEAN_WORDS.findall(verdicts.get_text())) == 3 * sum(len(n.choices) for n in dilemma.nodes)
        assert "Honours:" in verdicts.get_text()
    lecturer = BeautifulSoup(dilemma_sheet(dilemma, catalog, lecturer=True), "html.parser")
    assert lecturer.select("section.ek-verdicts") == []
    assert all(LEAN_WORDS.search(choice.get_text()) for choice in lecturer.select(".ek-choice"))


def test_on_paper_a_case_or_dilemma_named_in_a_sentence_is_set_apart_as_a_title() -> None:
    """The book links a case or dilemma it names; paper and the single file cannot, so they set the title
    apart as one (`<cite>`), or "Based on the case Checked at every turn" runs on as one phrase."""
    dilemma = REPO_CATALOG.dilemmas["checked-at-every-turn"].model
    case_title = REPO_CATALOG.cases[dilemma.case].model.title
    for html in (
        standalone_dilemma(dilemma, REPO_CATALOG),
        dilemma_sheet(dilemma, REPO_CATALOG, lecturer=False),
    ):
        page = BeautifulSoup(html, "html.parser")
        based_on = next(p for p in page.select("p") if p.get_text().startswith("Based on the case"))
        assert [cite.get_text() for cite in based_on.select("cite")] == [case_title]
    pack = BeautifulSoup(handout("seminar", "speaking-up", REPO_CATALOG, lecturer=False)[1], "html.parser")
    titles = {cite.get_text() for cite in pack.select("cite")}
    seminar = REPO_CATALOG.seminars["speaking-up"].model
    assert {REPO_CATALOG.cases[case].model.title for case in seminar.materials.cases} <= titles


def test_each_fact_of_a_seminar_pack_stands_level_with_its_name(page: Page, built_book: Path) -> None:
    """A pack opens with its facts ('For', 'Length'): each value starts on its name's line, not below."""
    page.goto((built_book / "downloads" / "seminar-pack-speaking-up.html").as_uri())
    names = page.locator("dl.ek-facts > dt").all()
    assert len(names) >= 2
    for name in names:
        value = name.locator("xpath=following-sibling::dd[1]/*[1]")  # its first paragraph
        boxes = [name.bounding_box(), value.bounding_box()]
        assert boxes[0] and boxes[1]
        assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2, (name.inner_text(), boxes)
