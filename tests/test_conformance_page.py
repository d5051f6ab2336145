"""The book's accessibility conformance page: the test run's report when there is evidence, a plain note
when there is none, an error naming the file when the evidence is broken, and no axe violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Page

from conftest import FIXTURE_EVIDENCE, REPO, axe, build_book, make_fixture_book
from ethicskit.catalog import load_catalog
from ethicskit.conformance import CRITERIA, EVIDENCE_FOLDER, Evidence, judge, write
from ethicskit.release import PARTS, make_release
from ethicskit.words import PSEUDO_OPEN

pytestmark = pytest.mark.build

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGE = "conformance.html"


def _book_with_the_page(folder: Path) -> Path:
    """The fixture book with the real book's conformance page added to its table of contents."""
    book = make_fixture_book(folder)
    (book / "conformance.md").write_text(
        (REPO / "book" / "accessibility-conformance.md").read_text(encoding="utf-8").replace("{doc}", ""),
        encoding="utf-8",
    )
    with (book / "_toc.yml").open("a", encoding="utf-8") as toc:
        toc.write("  - file: conformance\n")
    return book


def _build(folder: Path, evidence: Path) -> Path:
    book = _book_with_the_page(folder / "book")
    result = build_book(book, folder / "out", evidence=evidence)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return folder / "out" / "_build" / "html"


@pytest.fixture(scope="module")
def with_evidence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("evidence"), FIXTURE_EVIDENCE)


@pytest.fixture(scope="module")
def in_the_pseudo_locale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    result = build_book(_book_with_the_page(folder / "book"), folder / "out", language="qps")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return folder / "out" / "_build" / "html"


@pytest.fixture(scope="module")
def without_evidence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("no-evidence")
    return _build(folder, folder / "no-run-has-written-this.json")


def _article(site: Path) -> Tag:
    soup = BeautifulSoup((site / PAGE).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    return article


def _text(node: Tag) -> str:
    """Text as a reader sees it, with Sphinx's typographic apostrophes made straight."""
    return " ".join(node.get_text(" ").replace("\u2019", "'").split())


def test_the_page_shows_every_criterion_with_the_level_and_evidence_the_run_gave(with_evidence: Path) -> None:
    article = _article(with_evidence)
    text = _text(article)
    assert "No test evidence" not in text
    assert "Generated from a test run of the kit dated 2026-01-01" in text
    assert "Pages: 3 pages of the built book (student edition), each checked with axe-core 4.10.2" in text
    tables = article.select("table.ek-conformance")
    assert [_text(t.select_one("caption .caption-text")) for t in tables] == [  # type: ignore[arg-type]
        "WCAG 2.1 Level A success criteria",
        "WCAG 2.1 Level AA success criteria",
    ]
    for table in tables:
        assert [_text(th) for th in table.select("thead th")] == [
            "Criterion",
            "Conformance level",
            "Remarks and evidence",
        ]
    rows = {
        _text(tr.select("td")[0]): (_text(tr.select("td")[1]), _text(tr.select("td")[2]))
        for table in tables
        for tr in table.select("tbody tr")
    }
    # Every criterion, once, with exactly the level and remarks the rules give for this evidence.
    assert list(rows) == [
        f"{number} {name}" for wanted in ("A", "AA") for number, name, level in CRITERIA if level == wanted
    ]
    for judgement in judge(Evidence.read(FIXTURE_EVIDENCE)):
        assert rows[f"{judgement.number} {judgement.name}"] == (judgement.conformance, judgement.remarks)
    levels = {row[0] for row in rows.values()}
    assert levels == {"Supports", "Partially supports", "Not evaluated"}
    assert rows["1.4.3 Contrast (Minimum)"][0] == "Partially supports"
    assert (
        "axe-core found failures on 1 page: student: book/cases/index.html."
        in rows["1.4.3 Contrast (Minimum)"][1]
    )
    assert rows["2.4.2 Page Titled"] == (
        "Supports",
        "axe-core rules passed: document-title (on 3 of 3 pages).",
    )
    assert rows["2.1.1 Keyboard"][0] == "Supports" and "2 of 2 recorded paths" in rows["2.1.1 Keyboard"][1]
    assert rows["1.4.1 Use of Color"][0] == "Not evaluated"


def test_without_evidence_the_page_says_so_and_how_to_produce_it(without_evidence: Path) -> None:
    article = _article(without_evidence)
    text = _text(article)
    assert "No test evidence was present when this copy of the book was built" in text
    assert "never written by hand" in text
    assert "ETHICSKIT_EVIDENCE=_build/accessibility make test" in text and "make release" in text
    assert article.select("table") == []
    assert "Partially supports" not in text and "Not evaluated" not in text


def test_broken_evidence_stops_the_build_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "accessibility-evidence.json"
    broken.write_text('{"axe": [{"page": "only a page"}], "keyboard": []}', encoding="utf-8")
    book = _book_with_the_page(tmp_path / "book")
    result = build_book(book, tmp_path / "out", evidence=broken)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "accessibility-evidence.json is not what a test run writes" in output
    assert "Traceback" not in output


@pytest.mark.browser
@pytest.mark.parametrize("variant", ["with_evidence", "without_evidence"])
def test_the_page_has_no_wcag_a_or_aa_violations(
    page: Page, variant: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(variant)
    page.goto((site / PAGE).as_uri())
    page.wait_for_load_state("load")
    results = axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


def test_the_real_book_lists_the_page_under_accessibility_and_links_it() -> None:
    toc = (REPO / "_toc.yml").read_text(encoding="utf-8")
    assert (
        "- file: book/accessibility\n        sections:\n          - file: book/accessibility-conformance"
        in toc
    )
    assert "{doc}`accessibility-conformance`" in (REPO / "book" / "accessibility.md").read_text(
        encoding="utf-8"
    )


def test_a_run_that_leaves_evidence_in_the_kit_reaches_the_page_and_the_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `make release` does it: evidence under the kit's _build/accessibility, a build that looks
    there by default, and a bundle whose report is the one the built page shows."""
    book = _book_with_the_page(tmp_path / "book")
    evidence = Evidence.read(FIXTURE_EVIDENCE)
    evidence.keyboard[0]["played"] = False  # a run unlike the fixture's, so the page cannot be the fixture's
    write(evidence, book / EVIDENCE_FOLDER, "2026-02-03")
    result = build_book(book, tmp_path / "out", evidence=None)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = tmp_path / "out" / "_build" / "html"
    text = _text(_article(site))
    assert "dated 2026-02-03" in text and "1 of 2 recorded paths" in text
    # The release checks the page against the report it bundles; here the page sits at the root.
    import ethicskit.release as release_module

    catalog, problems = load_catalog(book)
    assert problems == []
    part = next(part for part in PARTS if part.title.startswith("Accessibility"))
    monkeypatch.setattr(release_module, "CONFORMANCE_PAGE", PAGE)
    bundle = make_release(catalog, "1.0.0", tmp_path / "dist", site, site, parts=[part])
    bundled = (bundle / "accessibility-conformance-report.md").read_text(encoding="utf-8")
    assert "dated 2026-02-03" in bundled and "1 of 2 recorded paths" in bundled


def test_the_page_is_read_again_when_its_evidence_appears_changes_or_goes_and_not_otherwise(
    tmp_path: Path,
) -> None:
    """A book built before any test run must not rewrite its report page on every later build; it must
    pick the evidence up once a run leaves it, and follow it when it changes or is taken away."""
    book, out = _book_with_the_page(tmp_path / "book"), tmp_path / "out"
    evidence = tmp_path / "evidence" / "accessibility-evidence.json"
    page = out / "_build" / "html" / PAGE

    def build() -> str:
        result = build_book(book, out, evidence=evidence)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return _text(_article(out / "_build" / "html"))

    assert "No test evidence was present" in build()
    written = page.stat().st_mtime_ns
    assert "No test evidence was present" in build()
    assert page.stat().st_mtime_ns == written, "rebuilt with nothing changed"

    shown = Evidence.read(FIXTURE_EVIDENCE)
    write(shown, evidence.parent, "2026-02-03")
    assert "dated 2026-02-03" in build()
    written = page.stat().st_mtime_ns
    assert "dated 2026-02-03" in build()
    assert page.stat().st_mtime_ns == written, "rebuilt with nothing changed"

    write(shown, evidence.parent, "2026-03-04")
    assert "dated 2026-03-04" in build()
    evidence.unlink()
    assert "No test evidence was present" in build()


def test_the_page_in_the_pseudo_locale_is_all_catalogue_messages(in_the_pseudo_locale: Path) -> None:
    """Headings, table headings, caption, levels and remarks are marked; criterion numbers and W3C's
    names sit inside a marked message. (The whole pseudo book is checked in test_book_words.)"""
    from test_book_words import escaped_on

    assert PSEUDO_OPEN in (in_the_pseudo_locale / PAGE).read_text(encoding="utf-8")
    assert escaped_on(in_the_pseudo_locale / PAGE) == []
