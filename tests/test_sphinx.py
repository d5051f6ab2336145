"""The Sphinx extension, exercised by building a small fixture book with Jupyter Book."""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import build_book, make_fixture_book
from ethicskit.sphinx import collector

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_fixture_book(tmp_path_factory.mktemp("fixture") / "book")
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book / "_build" / "html"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_clause_role_links_to_the_clause_anchor_with_its_paraphrase(fixture_site: Path) -> None:
    """`{clause}` becomes a numbered link to the clause's anchor, described by its paraphrase."""
    page = soup(fixture_site, "index.html")
    links = page.select("a.ek-clause-link")
    assert [link.get_text() for link in links] == ["Demo standards 1.1", "the do-not clause"]
    assert [link["href"] for link in links] == [
        "code.html#demo-standards-1-1",
        "code.html#demo-standards-2-1",
    ]
    tip = page.find(id=links[0]["aria-describedby"])
    assert tip is not None and tip["role"] == "tooltip"
    assert (
        tip.get_text() == "Respect people's rights and views and involve them in decisions about their lives."
    )


def test_law_role_links_to_the_provision_anchor_with_its_paraphrase(fixture_site: Path) -> None:
    """`{law}` becomes a link to the provision's anchor, described by its heading and paraphrase on hover
    and on keyboard focus, like a clause."""
    page = soup(fixture_site, "law.html")
    links = page.select("p a.ek-clause-link")[:2]
    assert [link.get_text() for link in links] == [
        "Demonstration Act 2099, s 2(1)",
        "the duty to look into risk",
    ]
    assert [link["href"] for link in links] == ["#demo-act-2-1", "#demo-act-2-1"]
    tip = page.find(id=links[0]["aria-describedby"])
    assert tip is not None and tip["role"] == "tooltip"
    assert tip.get_text().startswith("Enquiries: The invented council must make enquiries")
    assert tip.get_text().endswith("(Not yet checked against the official text.)")


def test_law_page_has_an_anchor_per_provision_marks_the_unverified_and_lists_uses(
    fixture_site: Path,
) -> None:
    """Each provision has its anchor; an unverified one says so in words; 'used in' names the case and
    the dilemma's ending with how it stands to the provision."""
    page = soup(fixture_site, "law.html")
    items = page.select(".ek-provision")
    assert [item["id"] for item in items] == ["demo-act-1", "demo-act-2-1"]
    assert items[0].select_one(".ek-verified") is not None and items[0].select_one(".ek-unverified") is None
    unverified = items[1].select_one(".ek-unverified")
    assert unverified is not None
    assert unverified.get_text() == (
        "Not checked against the official text: Invented for the tests; there is no official text to read."
    )
    used = [" ".join(line.get_text().split()) for line in items[1].select(".ek-used-in li")]
    assert used == ["Case: A demonstration case", "The Friday deadline: the ending “Put right late”"]
    index = [" ".join(row.get_text().split()) for row in page.select("#law-england tbody tr")]
    assert index == ["Demonstration Act 2099 Act of the UK Parliament In force 1 of 2 provisions"]
    assert page.select("#law-scotland tbody tr")[0].get_text().startswith("Demonstration (Scotland)")


def test_unknown_provision_in_a_page_fails_the_strict_build(tmp_path: Path) -> None:
    """A `{law}` naming a provision the digests do not have is a located warning, so -W fails the build."""
    book = make_fixture_book(tmp_path / "book")
    (book / "index.md").write_text("# Fixture book\n\nSee {law}`demo-act:99`.\n")
    result = build_book(book, book)
    assert result.returncode != 0
    assert re.search(r"index\.md:3: WARNING: provision 'demo-act:99' is not in law/", result.stderr)


def test_code_page_has_a_stable_anchor_per_clause_and_plain_polarity(fixture_site: Path) -> None:
    """Every clause has its anchor; 'do-not' clauses say so in words, not only in style."""
    page = soup(fixture_site, "code.html")
    anchors = [item["id"] for item in page.select(".ek-clause-item")]
    assert anchors == [f"demo-standards-{n}" for n in ("1-1", "1-2", "1-10", "2-1", "2-2")]
    will_not = [item["id"] for item in page.select(".ek-clause-item") if item.select_one(".ek-will-not")]
    assert will_not == ["demo-standards-2-1", "demo-standards-2-2"]
    unverified = page.select_one("#demo-standards-1-10 .ek-unverified")
    assert unverified is not None and "fixture clause with no official wording" in unverified.get_text()
    assert page.select_one(".ek-status-current") is not None
    assert page.select_one("a.ek-official")["href"] == "https://example.org/demo-standards"


def test_superseded_code_shows_a_historical_banner_naming_its_successor(fixture_site: Path) -> None:
    """A superseded code is labelled historical and names what replaced it."""
    banner = soup(fixture_site, "old.html").select_one(".ek-status-superseded")
    assert banner is not None
    text = " ".join(banner.get_text().split())
    assert text.startswith("Historical: no longer in force")
    assert "replaced by Demo standards (Test fixture issuer)" in text
    assert banner.find("a", string="Demo standards") is not None


def test_case_renders_every_part_and_no_lecturer_text_in_the_student_edition(fixture_site: Path) -> None:
    """The case section carries its parts in order; instructor notes are absent, not hidden."""
    page = soup(fixture_site, "case.html")
    case = page.select_one("section#case-demo-case")
    assert case is not None
    parts = [section["id"] for section in case.find_all("section")]
    assert parts == [
        "case-demo-case-objectives",
        "case-demo-case-narrative",
        "case-demo-case-tension",
        "case-demo-case-clauses",
        "case-demo-case-law",
        "case-demo-case-law-settles",
        "case-demo-case-law-discretion",
        "case-demo-case-questions",
        "case-demo-case-key-points",
    ]
    # The key points come after the questions, folded, so a student reading alone meets the questions first.
    folded = case.select_one("#case-demo-case-key-points details.ek-folded")
    assert folded is not None and folded.get("open") is None
    assert folded.select_one("summary").get_text().startswith("Show the key points")
    assert folded.select("li")
    headers = [th.get_text(strip=True) for th in case.select("table.ek-tension th")]
    assert headers == ["The agency asks", "The codes ask"]
    assert len(case.select(".ek-cited:not(.ek-cited-law) a.ek-clause-link")) == 3
    law = case.select_one("#case-demo-case-law")
    assert law is not None and law.select_one("h2, h3").get_text().startswith("Law and duties")
    links = [a["href"] for a in law.select(".ek-cited-law a.ek-clause-link")]
    assert links == ["law.html#demo-act-1", "law.html#demo-act-2-1"]
    # The second provision was never read against an official text, and the case says so.
    assert "not yet checked against the official text" in law.select(".ek-cited-law")[1].get_text()
    html = (fixture_site / "case.html").read_text()
    assert "Read aloud, then pairs." not in html
    assert "ek-instructor" not in html


LECTURER_ONLY = [
    "Read aloud, then pairs.",
    "Ask the room whether an apology alone is enough.",
    "Lecturer-only fixture",
    "Fixture step one happens here.",
    "Lecturer edition:",
    "Lecturer-only fixture exemplar answer.",
    "Lecturer-only fixture comment on the standards.",
    "Lecturer-only fixture feedforward.",
    "Lecturer-only fixture expert contribution.",
    "Exemplar answers with marker's comments",
    "Marker's comments",
    "How balanced this dilemma is",
    "ek-balance",
]


@pytest.fixture(scope="module")
def lecturer_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = make_fixture_book(tmp_path_factory.mktemp("lecturer") / "book")
    result = build_book(book, book, edition="lecturer")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book / "_build" / "html"


def test_student_edition_holds_no_lecturer_text_on_any_page(fixture_site: Path) -> None:
    """Lecturer material is left out of the student build, not hidden in it."""
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for text in LECTURER_ONLY:
            assert text not in html, f"{text!r} in {page.name}"


def test_student_edition_shows_the_rubric_reading_and_inclusion_notes_but_no_exemplar(
    fixture_site: Path,
) -> None:
    """Students see how the task is marked at each level, what to read and how the session adapts."""
    page = soup(fixture_site, "seminar.html")
    rubric = page.select_one("#seminar-demo-seminar-rubric")
    assert rubric is not None
    tables = rubric.select("table.ek-rubric")
    assert len(tables) == 3
    heads = [[th.get_text(" ", strip=True) for th in table.select("thead th")] for table in tables]
    assert (
        heads[0]
        == heads[1]
        == [
            "Criterion",
            "First (70 and above)",
            "Upper second (60\N{EN DASH}69)",
            "Lower second (50\N{EN DASH}59)",
            "Third (40\N{EN DASH}49)",
            "Fail (below 40)",
        ]
    )
    assert heads[2] == [
        "Criterion",
        "Distinction (70 and above)",
        "Merit (60\N{EN DASH}69)",
        "Pass (50\N{EN DASH}59)",
        "Fail (below 50)",
    ]
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in tables[2].select("tbody tr")
    ]
    assert rows[1] == [
        "Use of the law (30%)",
        "Fixture L7 distinction on the law.",
        "Fixture L7 merit on the law.",
        "Fixture L7 pass on the law.",
        "Fixture L7 fail on the law.",
    ]
    assert all(tr.find("th") is not None for tr in tables[0].select("tbody tr")), "criteria head their rows"
    text = page.get_text(" ")
    for shown in (
        "Fixture alternative to the reading, for every edition.",
        "Fixture note for students without placement experience.",
        "Fixture note for students with English as an additional language.",
        "Fixture note for neurodivergent students.",
        "Ada Example. Deadlines and Voices in Fixture Practice. Fixture Press, Nowhere, 2020.",
        "Fixture reason to read the article.",
    ):
        assert shown in text
    assert page.select_one("#seminar-demo-seminar-exemplars") is None


def test_lecturer_edition_adds_every_kind_of_teaching_note(lecturer_site: Path) -> None:
    """The same source built as the lecturer edition has case notes, node notes, seminar notes and a map."""
    notes = soup(lecturer_site, "case.html").select_one(".ek-instructor")
    assert notes is not None and "Read aloud, then pairs." in notes.get_text()
    dilemma = soup(lecturer_site, "dilemma.html")
    assert (
        "Ask the room whether an apology alone is enough."
        in dilemma.select_one("#dilemma-demo-dilemma-rushed").get_text()
    )
    seminar = soup(lecturer_site, "seminar.html").get_text()
    for text in (
        "Lecturer-only fixture facilitation text.",
        "Lecturer-only fixture debrief text.",
        "Lecturer-only fixture online text.",
        "Lecturer-only fixture large-group text.",
        "Fixture step one happens here.",
        "Lecturer-only fixture exemplar answer.",
        "Lecturer-only fixture comment on reflection.",
        "Lecturer-only fixture feedforward.",
        "Lecturer-only fixture expert contribution.",
        "Lecturer-only fixture fallback without an expert.",
    ):
        assert text in seminar
    exemplar = soup(lecturer_site, "seminar.html").select_one("#seminar-demo-seminar-exemplar-1")
    assert exemplar is not None
    assert (
        exemplar.find(["h2", "h3", "h4"])
        .get_text(strip=True)
        .startswith("Exemplar at Level 6, marked 64 (upper second)")
    )
    assert [a.get_text() for a in exemplar.select("a.ek-clause-link")] == ["Demo standards 1.1"]
    banner = soup(lecturer_site, "index.html").select_one(".bd-header-announcement")
    assert banner is not None and "Lecturer edition" in banner.get_text()


def test_lecturer_edition_shows_the_dilemmas_balance_figures(lecturer_site: Path) -> None:
    """The fixture dilemma's figures, as worked out by hand in test_cli's test_stats_json test."""
    section = soup(lecturer_site, "dilemma.html").select_one("#dilemma-demo-dilemma-balance")
    assert section is not None
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [" ".join(td.get_text().split()) for td in tr.select("td")] for tr in section.select("tbody tr")
        )
    }
    assert rows["Decisions with a free answer"] == ["2 of 2", "at most 50%"]
    assert rows["Decisions with a uniquely best option for profession and person"][0] == "2 of 2"
    assert rows["Correlation of agency and person leans"] == [
        "\N{MINUS SIGN}0.94",
        "at least \N{MINUS SIGN}0.3",
    ]
    assert rows["Choices where the professional option costs the person"][0] == "1"
    assert rows["Escalation choices (routes)"][0] == "1 of 5 (supervision 1)"
    verdict = section.select_one(".ek-one-sided")
    assert verdict is not None
    assert "no decision where the agency's request" in verdict.get_text()


def test_branch_map_follows_every_choice_and_refers_back_to_decisions_already_mapped(
    lecturer_site: Path,
) -> None:
    """The all-branches map nests each choice under its decision, with a link to where it leads."""
    section = soup(lecturer_site, "dilemma.html").select_one("#dilemma-demo-dilemma-map")
    assert section is not None
    rows = [" ".join(p.get_text().split()) for p in section.select(".ek-branch > p")]
    labels = [row.split(" → ")[0] for row in rows]
    assert labels == [
        "Close it by Friday",
        "Apologise and reopen the assessment",
        "Stand by the closed assessment",
        "Answer the complaint openly",
        "Ask for more time in supervision (escalation: supervision)",
    ]
    assert rows[1].endswith("→ Ending: Put right late")
    targets = {a["href"] for a in section.select(".ek-branch a")}
    assert "#dilemma-demo-dilemma-rushed" in targets


def test_the_diagram_sits_with_its_map_as_text_in_the_lecturer_edition_and_behind_the_player_for_students(
    fixture_site: Path, lecturer_site: Path
) -> None:
    """Lecturers see the diagram on the page; students get it only through "Show the whole map"."""
    lecturer = soup(lecturer_site, "dilemma.html")
    box = lecturer.select_one("section#dilemma-demo-dilemma-map .ek-diagram")
    assert box is not None and box.select_one("svg.ek-diagram-svg") is not None
    caption = box.select_one(".ek-diagram-caption")
    assert caption is not None and caption["id"] == box.select_one("svg")["aria-labelledby"]
    assert caption.select_one("a")["href"] == "#dilemma-demo-dilemma-map-text"
    assert lecturer.select_one("section#dilemma-demo-dilemma-map-text .ek-branch") is not None
    assert [a["href"] for a in box.select("svg a")] == [
        "#dilemma-demo-dilemma-deadline",
        "#dilemma-demo-dilemma-rushed",
        "#dilemma-demo-dilemma-ending-time",
        "#dilemma-demo-dilemma-complaint",
        "#dilemma-demo-dilemma-ending-reopen",
        "#dilemma-demo-dilemma-ending-complaint",
    ]
    assert lecturer.select_one(".ek-student-map") is None
    student = soup(fixture_site, "dilemma.html")
    hidden = student.select_one(".ek-dilemma > .ek-student-map")
    assert hidden is not None and hidden.select_one("svg.ek-diagram-svg") is not None
    assert hidden.select_one("#dilemma-demo-dilemma-map-text") is not None
    assert "Until you reach your first ending" in hidden.get_text()
    assert student.select_one("section#dilemma-demo-dilemma-map") is None


def test_content_problems_stop_the_build_with_the_checkers_message(tmp_path: Path) -> None:
    """Bad content: the build reports file, line and problem, writes no pages and shows no traceback."""
    book = make_fixture_book(tmp_path / "book")
    case = book / "cases" / "demo-case.yml"
    case.write_text(case.read_text().replace('ref: "demo-standards:1.1"', 'ref: "demo-standards:7.1"'))
    result = build_book(book, book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "cases/demo-case.yml:20: WARNING: clause 'demo-standards:7.1' does not exist in "
        "codes_of_practice/demo-standards.yml [unknown-clause]"
    ) in output
    assert "Traceback" not in output
    assert not list((book / "_build" / "html").glob("*.html"))


def test_unknown_clause_in_a_page_fails_the_strict_build(tmp_path: Path) -> None:
    """A `{clause}` naming a clause that does not exist is a warning, so -W fails the build."""
    book = make_fixture_book(tmp_path / "book")
    (book / "index.md").write_text("# Fixture book\n\nSee {clause}`demo-standards:9.9`.\n")
    result = build_book(book, book)
    assert result.returncode != 0
    assert re.search(
        r"index\.md:3: WARNING: clause 'demo-standards:9\.9' is not in the catalogue", result.stderr
    )


def test_editing_one_case_rebuilds_only_its_pages(tmp_path: Path) -> None:
    """A case's YAML is a dependency of the pages that embed it, and of no other page."""
    book = make_fixture_book(tmp_path / "book")
    assert build_book(book, book).returncode == 0
    case = book / "cases" / "demo-case.yml"
    case.write_text(case.read_text().replace("Read aloud, then pairs.", "Read aloud, then small groups."))
    result = build_book(book, book)
    assert result.returncode == 0
    read = re.findall(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)$", result.stdout, re.MULTILINE)
    assert read == ["case"]


def used_in_lines(site: Path, page: str, anchor: str) -> list[str]:
    """The lines of an item's 'Used in' list, as a reader sees them."""
    used = soup(site, page).select_one(f"#{anchor} .ek-used-in")
    assert used is not None
    assert " ".join(used.select_one(".ek-used-in-heading").get_text().split()) == "Used in:"
    return [" ".join(line.get_text().split()) for line in used.select("li")]


def test_each_clause_lists_where_it_is_used_without_giving_a_dilemmas_verdicts_away(
    fixture_site: Path,
) -> None:
    """'Used in' is computed from the catalogue: the cases on one line, then a line for each dilemma
    with its choices and endings, all linked. The student edition does not say how each choice stands
    to the clause: the dilemma holds that back until its endings."""
    assert used_in_lines(fixture_site, "code.html", "demo-standards-1-1") == [
        "Case: A demonstration case",
        "The Friday deadline: the choice “Close it by Friday”; the choice “Ask for more time in "
        "supervision”; the ending “Time to listen”",
    ]
    used = soup(fixture_site, "code.html").select_one("#demo-standards-1-1 .ek-used-in")
    assert used is not None
    hrefs = [link["href"] for link in used.select("a")]
    assert hrefs == [
        "case.html#case-demo-case",
        "dilemma.html#dilemma-demo-dilemma",
        "dilemma.html#dilemma-demo-dilemma-comply",
        "dilemma.html#dilemma-demo-dilemma-ask-for-time",
        "dilemma.html#dilemma-demo-dilemma-ending-time",
    ]
    article = soup(fixture_site, "code.html").select_one("article")
    assert article is not None
    assert not re.search(r"honoured by|strained by|would be broken by", article.get_text())
    assert soup(fixture_site, "code.html").select_one("#demo-standards-1-10 .ek-used-in") is None


def test_the_lecturer_edition_says_how_each_choice_stands_to_a_clause_or_provision(
    lecturer_site: Path,
) -> None:
    """The lecturer, planning a seminar from a code's or a law's page, sees each choice's verdict."""
    assert used_in_lines(lecturer_site, "code.html", "demo-standards-1-1") == [
        "Case: A demonstration case",
        "The Friday deadline: strained by the choice “Close it by Friday”; honoured by the choice “Ask "
        "for more time in supervision”; the ending “Time to listen”",
    ]
    assert used_in_lines(lecturer_site, "law.html", "demo-act-2-1") == [
        "Case: A demonstration case",
        "The Friday deadline: strained by the ending “Put right late”",
    ]


def test_dilemma_map_links_every_choice_to_where_it_leads(fixture_site: Path) -> None:
    """Without JavaScript the dilemma is a linked map: each choice links to its node or ending."""
    page = soup(fixture_site, "dilemma.html")
    anchors = {tag["id"] for tag in page.find_all(id=True)}
    for item in ("deadline", "rushed", "comply", "ask-for-time", "apologise", "ending-time", "ending-reopen"):
        assert f"dilemma-demo-dilemma-{item}" in anchors
    nexts = {choice["id"]: choice.select_one(".ek-next a")["href"] for choice in page.select(".ek-choice")}
    assert nexts == {
        "dilemma-demo-dilemma-comply": "#dilemma-demo-dilemma-rushed",
        "dilemma-demo-dilemma-ask-for-time": "#dilemma-demo-dilemma-ending-time",
        "dilemma-demo-dilemma-apologise": "#dilemma-demo-dilemma-ending-reopen",
        "dilemma-demo-dilemma-stand-by": "#dilemma-demo-dilemma-complaint",
        "dilemma-demo-dilemma-answer-complaint": "#dilemma-demo-dilemma-ending-complaint",
    }


def test_codes_by_theme_lists_every_current_code_and_no_superseded_one(fixture_site: Path) -> None:
    """The comparison page has a table per theme, generated from the data, current codes only."""
    page = soup(fixture_site, "themes.html")
    tables = page.select("section.ek-theme")
    assert len(tables) == 17
    confidentiality = page.select_one("section#theme-confidentiality table")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in confidentiality.select("tbody tr")
    ]
    assert [row[:2] for row in rows] == [["England", "Demo standards"]]
    assert "Demo standards 1.2" in rows[0][2]
    article = page.select_one("article")
    assert article is not None
    assert "Old demo code" not in article.get_text()


def test_changing_a_citation_also_rebuilds_the_cited_codes_page(tmp_path: Path) -> None:
    """When a case cites a different clause, the code page and the case indexes are rebuilt too."""
    book = make_fixture_book(tmp_path / "book")
    assert build_book(book, book).returncode == 0
    case = book / "cases" / "demo-case.yml"
    case.write_text(case.read_text().replace('ref: "demo-standards:2.1"', 'ref: "demo-standards:1.2"'))
    result = build_book(book, book)
    assert result.returncode == 0
    read = re.findall(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)$", result.stdout, re.MULTILINE)
    assert read == ["case", "cases-by-code", "cases-by-theme", "code"]
    used = soup(book / "_build" / "html", "code.html").select_one("#demo-standards-1-2 .ek-used-in")
    assert used is not None and "A demonstration case" in used.get_text()


def test_case_indexes_are_generated_from_the_catalogue(fixture_site: Path) -> None:
    """'Cases by theme' lists each case under its themes; 'cases by code' lists the clauses it cites."""
    by_theme = soup(fixture_site, "cases-by-theme.html")
    sections = [section["id"] for section in by_theme.select("article section section")]
    assert sections == ["cases-theme-challenging-employer", "cases-theme-participation-consent"]
    link = by_theme.select_one("#cases-theme-participation-consent a.ek-catalog-link")
    assert link is not None and link["href"] == "case.html#case-demo-case"
    by_code = soup(fixture_site, "cases-by-code.html")
    codes = [section["id"] for section in by_code.select("article section section")]
    assert codes == ["cases-code-demo-standards", "cases-code-demo-old"]
    cited = [a.get_text() for a in by_code.select("#cases-code-demo-standards a.ek-clause-link")]
    assert cited == ["Demo standards 1.1", "2.1"]  # the code named once in a row


def test_key_points_page_collects_each_chapters_points_under_a_link_to_it(fixture_site: Path) -> None:
    """Chapters open with objectives and close with key points; one page gathers the points in order."""
    chapter = soup(fixture_site, "chapter.html")
    assert chapter.select_one(".ek-objectives .admonition-title").get_text() == "In this chapter you will"
    assert chapter.select_one(".ek-key-points .admonition-title").get_text() == "Key points"
    page = soup(fixture_site, "key-points.html")
    heading = page.select_one("#key-points-chapter a")
    assert (
        heading is not None
        and heading["href"] == "chapter.html"
        and heading.get_text() == "A fixture chapter"
    )
    points = [li.get_text(strip=True) for li in page.select("#key-points-chapter li")]
    assert points == ["The first fixture point.", "The second fixture point."]


def test_seminar_page_shows_outcomes_mapped_to_clauses_and_a_timed_outline(fixture_site: Path) -> None:
    """Students see outcomes, preparation, materials, the outline with its minutes, rules, care, follow-up."""
    page = soup(fixture_site, "seminar.html")
    outcome = page.select(".ek-outcome")[1]
    assert [a.get_text() for a in outcome.select("a.ek-clause-link")] == [
        "Demo capabilities 1",
        "6",  # each code named once in a row
        "Demo standards 2.1",
    ]
    # Read out of its sentence, in a screen reader's list of links, the short link says what it is.
    assert [a.get("aria-label") for a in outcome.select("a.ek-clause-link")] == [
        None,
        "Demo capabilities 6",
        None,
    ]
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in page.select(".ek-timeline tbody tr")
    ]
    assert rows == [
        ["0\N{EN DASH}10 min", "Welcome and ground rules"],
        ["10\N{EN DASH}35 min", "Play the dilemma in groups"],
        ["35\N{EN DASH}50 min", "Whole-group debrief"],
    ]
    materials = {
        a.get_text(): a["href"] for a in page.select("#seminar-demo-seminar-materials a.ek-catalog-link")
    }
    assert materials == {
        "A demonstration case": "case.html#case-demo-case",
        "The Friday deadline": "dilemma.html#dilemma-demo-dilemma",
        "ethical-reasoning worksheet": "worksheet.html",
    }
    index = soup(fixture_site, "seminars.html").select_one(".ek-seminars-index tbody tr")
    assert index is not None and index.select_one("a")["href"] == "seminar.html#seminar-demo-seminar"


def _sidebar_links(site: Path, page: str) -> set[str]:
    nav = soup(site, page).select_one("nav.bd-docs-nav")
    assert nav is not None
    return {a["href"] for a in nav.select("a")}


def test_a_chapter_with_more_pages_than_the_limit_leaves_them_out_of_the_sidebar(tmp_path: Path) -> None:
    """Large kits list chapters only in the sidebar, so pages stay light and builds grow linearly."""
    book = make_fixture_book(tmp_path / "book")
    toc = book / "_toc.yml"
    text = toc.read_text().replace("  - file: seminar\n", "").replace("  - file: worksheet\n", "")
    text = text.replace(
        "  - file: seminars\n",
        "  - file: seminars\n    sections:\n      - file: seminar\n      - file: worksheet\n",
    )
    toc.write_text(text)
    assert build_book(book, book).returncode == 0
    assert "seminar.html" in _sidebar_links(book / "_build" / "html", "index.html")
    config = book / "_config.yml"
    config.write_text(
        config.read_text().replace(
            "    ethicskit_edition: student\n",
            "    ethicskit_edition: student\n    ethicskit_nav_section_limit: 1\n",
        )
    )
    shutil.rmtree(book / "_build")
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-2000:]
    site = book / "_build" / "html"
    links = _sidebar_links(site, "index.html")
    assert "seminars.html" in links and "seminar.html" not in links
    # The sidebar is made once and marked per page: the page's chapter, or the chapter itself.
    for page, current in (
        ("seminar.html", "seminars.html"),
        ("worksheet.html", "seminars.html"),
        ("seminars.html", "#"),
        ("case.html", "#"),
    ):
        marked = soup(site, page).select("nav.bd-docs-nav li.toctree-l1.current.active > a")
        assert [a["href"] for a in marked] == [current], page
    assert soup(site, "case.html").select_one("nav.bd-docs-nav a.current")["href"] == "#"
    assert "case.html" in _sidebar_links(site, "seminar.html")


@pytest.mark.parametrize("section_limit", [60, 1], ids=["every-page-listed", "chapters-only"])
def test_the_sidebar_made_once_per_folder_is_the_one_the_theme_makes_for_each_page(
    tmp_path: Path, section_limit: int
) -> None:
    """Every page, its sidebar marked from the folder's one copy, is byte for byte the page the theme
    writes when it makes each page's sidebar itself: the page and each chapter above it marked current,
    their toggles open, in a book with pages under chapters and with chapters only."""
    sites = []
    for once_per_folder in (True, False):
        book = make_fixture_book(tmp_path / f"book-{once_per_folder}")
        toc = book / "_toc.yml"
        text = toc.read_text().replace("  - file: seminar\n", "").replace("  - file: worksheet\n", "")
        toc.write_text(
            text.replace(
                "  - file: seminars\n",
                "  - file: seminars\n    sections:\n      - file: seminar\n      - file: worksheet\n",
            )
        )
        config = book / "_config.yml"
        config.write_text(
            config.read_text().replace(
                "    ethicskit_edition: student\n",
                "    ethicskit_edition: student\n"
                f"    ethicskit_nav_section_limit: {section_limit}\n"
                f"    ethicskit_nav_once_per_folder: {str(once_per_folder).lower()}\n",
            )
        )
        result = build_book(book, book)
        assert result.returncode == 0, result.stdout[-2000:]
        sites.append(book / "_build" / "html")
    ours, theirs = (
        {page.relative_to(site): page.read_bytes() for page in site.rglob("*.html")} for site in sites
    )
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    # The comparison is of pages that mark something: a page under a chapter, and its toggle open.
    seminar = soup(sites[0], "seminar.html")
    assert seminar.select("nav.bd-docs-nav li.current.active")
    if section_limit > 1:
        assert seminar.select_one("nav.bd-docs-nav a.current")["href"] == "#"
        assert seminar.select("nav.bd-docs-nav details[open]")


def test_chapter_directives_refuse_markup_and_script_links(tmp_path: Path) -> None:
    """Text given to the objectives and key-points boxes follows the content files' rule: no HTML and no
    javascript:, data: or vbscript: links; each is an error at its line and the strict build fails."""
    book = make_fixture_book(tmp_path / "book")
    chapter = book / "chapter.md"
    text = chapter.read_text()
    text = text.replace("- apply the fixture.", "- apply the [fixture](javascript:alert(1)).")
    text = text.replace("- The second fixture point.", "- The second <b>fixture</b> point.")
    chapter.write_text(text)
    result = build_book(book, book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(
        r"chapter\.md:\d+: ERROR: 'objectives' line 5: contains a link to a 'javascript:' address", output
    )
    assert re.search(r"chapter\.md:\d+: ERROR: 'key-points' line 15: contains the HTML tag <b>", output)
    assert "Traceback" not in output


def test_a_chapter_shows_its_reading_list_from_data(fixture_site: Path) -> None:
    """{reading-list} prints the chapter's entries from the bibliography, after its objectives."""
    page = soup(fixture_site, "chapter.html")
    box = page.select_one(".ek-reading-list")
    assert box is not None
    assert box.find_previous_sibling(class_="ek-objectives") is not None
    text = " ".join(box.get_text(" ").split())
    assert text.startswith("Reading for this chapter Essential Ben Sample. Listening under a deadline.")
    assert "Fixture reason to read the article with the chapter." in text


LEAN_WORDS = re.compile(r"\(((strongly )?(for|against)|neutral)\)")


def test_student_dilemma_page_holds_the_verdicts_behind_a_fold_after_the_endings(fixture_site: Path) -> None:
    """Without the player, a student meets what happened and the clauses that bear on it; each side's lean,
    and what each choice honours or strains, wait after every ending behind a closed fold, as in the
    single-file dilemma and on paper (one layout)."""
    page = soup(fixture_site, "dilemma.html")
    choices = page.select(".ek-choice")
    assert choices
    for choice in choices:
        assert choice.select("details") == []
        assert not LEAN_WORDS.search(choice.get_text()), choice.get_text()
        assert "Honours:" not in choice.get_text() and "Strains:" not in choice.get_text()
    verdicts = page.select_one("section.ek-verdicts")
    assert verdicts is not None
    assert all(verdicts in ending.find_all_next("section") for ending in page.select("section.ek-ending"))
    fold = verdicts.select_one("details.ek-folded")
    assert fold is not None and not fold.has_attr("open")
    assert fold.select_one("summary").get_text().startswith("How each side saw each choice")
    assert len(LEAN_WORDS.findall(fold.get_text())) == 3 * len(choices)
    bearing = [p.get_text() for p in page.select("#dilemma-demo-dilemma-apologise .ek-choice-bearing")]
    assert len(bearing) == 2
    assert bearing[0].startswith("Clauses that bear on this choice: Old demo code honesty")
    assert bearing[1].startswith("Law that bears on this choice: ")
    assert "honours" not in bearing[1]


def test_lecturer_dilemma_page_shows_each_verdict_beside_its_choice(lecturer_site: Path) -> None:
    page = soup(lecturer_site, "dilemma.html")
    assert page.select("section.ek-verdicts") == []
    assert all(LEAN_WORDS.search(choice.get_text()) for choice in page.select(".ek-choice"))
    assert page.select(".ek-choice-bearing") == []


def test_nqsw_route_groups_cases_by_nation_with_that_nations_first_year_and_claims_no_evidence(
    fixture_site: Path,
) -> None:
    """Each nation's first-year scheme is in the table with its source; an English adult case points to
    the adult ASYE, and the PCF is offered for reflection, never as evidence."""
    page = soup(fixture_site, "nqsw.html")
    table = page.select_one("table.ek-first-year")
    assert table is not None
    rows = [tr.get_text(" ", strip=True) for tr in table.select("tbody tr")]
    assert [r.split(" ")[0] for r in rows] == ["England:", "England:", "Scotland", "Wales", "Northern"]
    assert any("NQSW" in r and "Supported Year" in r for r in rows)
    for scheme in page.select("section.ek-first-year-scheme"):
        source = scheme.select_one(".ek-first-year-source a.ek-official")
        assert source is not None and source["href"].startswith("https://"), scheme.get_text()
    wales = page.select_one("#first-year-wales")
    assert wales is not None and wales.select_one(".ek-unverified") is not None
    group = page.select_one("section#asye-nation-england")
    assert group is not None and "Cases set in England" in group.get_text()
    scheme_link = group.select_one(".ek-asye-scheme a")
    assert scheme_link is not None and scheme_link["href"] == "#first-year-england-adults"
    pcf = group.select_one(".ek-asye-pcf")
    assert pcf is not None and "helps you reflect on" in pcf.get_text()
    claims = re.findall(r"lets you evidence|it evidences|as evidence (?:for|of)", page.get_text(" ").lower())
    assert not claims


def test_curriculum_pages_link_items_and_material_both_ways(fixture_site: Path) -> None:
    """The framework page has a row per item with links to the case, its dilemma and the seminar; an
    unverified item says so in words; the finder links each item to its row and lists each material."""
    page = soup(fixture_site, "framework.html")
    rows = page.select("table.ek-curriculum-map tbody tr")
    assert [tr["id"] for tr in rows] == ["demo-framework-d-1", "demo-framework-2-1"]
    hrefs = [a["href"] for a in rows[0].select("a.ek-catalog-link")]
    assert hrefs == [
        "case.html#case-demo-case",
        "dilemma.html#dilemma-demo-dilemma",
        "seminar.html#seminar-demo-seminar",
    ]
    unverified = rows[1].select_one(".ek-unverified")
    assert unverified is not None
    assert unverified.get_text() == "Unverified: invented for the tests; there is no wording to read."
    source = page.select_one(".ek-curriculum-source a.ek-official")
    assert source is not None and source["href"] == "https://example.org/demo-framework"
    finder = soup(fixture_site, "curriculum.html")
    item_links = [a["href"] for a in finder.select("#curriculum-by-item a.ek-catalog-link")]
    assert item_links[0] == "framework.html#demo-framework-d-1"
    materials = [
        " ".join(tr.get_text(" ").split()) for tr in finder.select("#curriculum-by-material tbody tr")
    ]
    assert len(materials) == 2
    assert materials[0].startswith("Case: A demonstration case · Dilemma rehearsing it: The Friday deadline")
    assert materials[1].startswith("Seminar: ")


def test_the_collector_runs_less_often_for_the_length_of_a_build_and_as_before_after() -> None:
    """Set when the configuration is read, put back when the build ends, also after a failed one."""
    before = gc.get_threshold()
    for failure in (None, RuntimeError("a build that stopped")):
        app = SimpleNamespace()
        collector.collect_less(app)  # type: ignore[arg-type]
        assert gc.get_threshold() == collector.BUILD_THRESHOLDS
        assert collector.BUILD_THRESHOLDS[0] > before[0]
        collector.collect_as_before(app, failure)  # type: ignore[arg-type]
        assert gc.get_threshold() == before
    collector.collect_as_before(SimpleNamespace(), None)  # type: ignore[arg-type]  # never started: no change
    assert gc.get_threshold() == before
