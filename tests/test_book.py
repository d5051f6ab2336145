"""The real book: builds strictly, and every case and clause in the catalogue has its anchor."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import BOOKS, REPO, every_book, kit
from ethicskit.balance import dilemma_balance
from ethicskit.catalog import load_catalog
from ethicskit.documents import handout, standalone_dilemma, worksheet_sheet
from ethicskit.languages import LANGUAGES
from ethicskit.models import clause_anchor
from ethicskit.signposting import signpost, support_lines
from ethicskit.words import words_for

pytestmark = pytest.mark.build


def parsed(page: Path) -> lxml.html.HtmlElement:
    """A built page's element tree. The sweeps over every page read only ids and links, which lxml
    reads many times faster than BeautifulSoup; tests that look at a page's words use BeautifulSoup."""
    return lxml.html.fromstring(page.read_bytes())


@cache
def all_ids(site: Path) -> dict[str, set[str]]:
    """The ids on every page of a built site, by page (read once per site and session)."""
    return {
        path.relative_to(site).as_posix(): set(parsed(path).xpath("//@id")) for path in site.rglob("*.html")
    }


def test_every_case_and_every_clause_has_its_anchor(built_book: Path) -> None:
    """Each case renders once as a section of the book (a printable seminar pack, a download, holds its
    own copy); each clause of each code has its stable anchor."""
    catalog, problems = load_catalog(REPO)
    assert problems == []
    assert catalog.cases and catalog.codes
    ids = all_ids(built_book)
    for case_id in catalog.cases:
        pages = [
            page
            for page, found in ids.items()
            if f"case-{case_id}" in found and not page.startswith("downloads/")
        ]
        assert pages == [f"book/cases/{case_id}.html"], case_id
    for code_id, loaded in catalog.codes.items():
        page = ids[f"book/codes/{code_id}.html"]
        for _, clause in loaded.model.clauses():
            assert clause_anchor(f"{code_id}:{clause.id}") in page, (code_id, clause.id)


def test_the_footer_states_both_licences(built_book: Path) -> None:
    """Lecturers can see on every page what they may reuse."""
    footer = BeautifulSoup((built_book / "book" / "intro.html").read_text(), "html.parser").find(
        "footer", class_="bd-footer-content"
    )
    assert footer is not None
    text = " ".join(footer.get_text().split())
    assert "CC BY 4.0" in text and "MIT licence" in text


def test_make_book_stops_on_broken_content_before_building(tmp_path: Path) -> None:
    """`make book` runs the checker first: broken content exits non-zero and builds nothing."""
    root = tmp_path / "kit"
    for name in ("_config.yml", "_toc.yml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text((REPO / name).read_text())
    for folder in ("book", "cases", "codes_of_practice"):
        subprocess.run(["cp", "-r", str(REPO / folder), str(root / folder)], check=True)
    case = next((root / "cases").glob("*.yml"))
    case.write_text(case.read_text().replace("narrative:", "narrative_text:", 1))
    result = subprocess.run(
        ["make", "-s", "-C", str(REPO), "book", f"ROOT={root}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"{case.relative_to(root).as_posix()}:" in result.stdout
    assert "[unknown-field]" in result.stdout and "[missing-field]" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (root / "_build").exists()


def test_social_work_england_has_all_fifty_standards_in_six_sections() -> None:
    """The regulator's standards: sections 1 to 6 holding 7, 7, 15, 8, 6 and 7 standards."""
    catalog = kit()
    code = catalog.codes["swe-2019"].model
    assert [(section.id, len(section.clauses)) for section in code.sections] == [
        ("1", 7),
        ("2", 7),
        ("3", 15),
        ("4", 8),
        ("5", 6),
        ("6", 7),
    ]
    assert [section.polarity.value for section in code.sections].count("do-not") == 1
    assert code.sections[4].polarity.value == "do-not"


def test_every_digest_lists_as_many_clauses_as_each_section_declares() -> None:
    catalog = kit()
    for code_id, loaded in catalog.codes.items():
        assert loaded.model.gaps or all(section.clause_count for section in loaded.model.sections), code_id
        for section in loaded.model.sections:
            if section.clause_count is not None:
                assert len(section.clauses) == section.clause_count, (code_id, section.id)


def test_the_comparison_page_lists_every_current_code(built_book: Path) -> None:
    """Every current code is named on the comparison page, in a table or as a document-only code."""
    catalog = kit()
    page = (built_book / "book" / "codes" / "compared.html").read_text()
    text = " ".join(BeautifulSoup(page, "html.parser").get_text().split())
    for code in catalog.current_codes():
        assert code.short_title in text, code.id


def test_the_codes_index_links_every_code_and_says_how_far_it_is_checked(built_book: Path) -> None:
    """Each code's row says how much the kit covers: the document only, or clauses digested and verified."""
    catalog = kit()
    soup = BeautifulSoup((built_book / "book" / "codes" / "index.html").read_text(), "html.parser")
    rows = soup.select("table.ek-codes-index tbody tr")
    assert len(rows) == len(catalog.codes)
    for code_id, loaded in catalog.codes.items():
        code = loaded.model
        row = next(row for row in rows if row.find("a", href=f"{code_id}.html"))
        text = " ".join(row.get_text().split())
        if code.document_level:
            assert "Document only: clauses not yet digested" in text, code_id
            continue
        clauses = [clause for _, clause in code.clauses()]
        assert f"{len(clauses)} clauses digested" in text, code_id
        assert f"{sum(clause.verified for clause in clauses)} verified" in text, code_id


def test_document_level_codes_say_plainly_that_their_clauses_are_not_digested(built_book: Path) -> None:
    """The Northern Ireland and 2026 Welsh codes: facts, a plain notice, the official link, no clauses,
    and the cases that cite them as a whole; the comparison page names them as missing from its tables."""
    catalog = kit()
    for code_id, case_id in (("niscc", "the-tracker-on-the-phone"), ("scw-2026", "within-the-hour")):
        code = catalog.codes[code_id].model
        assert code.document_level and not code.sections
        soup = BeautifulSoup((built_book / "book" / "codes" / f"{code_id}.html").read_text(), "html.parser")
        notice = soup.select_one(".ek-document-only")
        assert notice is not None, code_id
        assert "does not yet give this code clause by clause" in " ".join(notice.get_text().split())
        assert notice.find("a", href=code.official_url) is not None
        assert not soup.select(".ek-clause-item")
        used = soup.select_one(".ek-used-in")
        assert used is not None and used.find("a", href=re.compile(rf"cases/{case_id}\.html")), code_id
        case_page = (built_book / "book" / "cases" / f"{case_id}.html").read_text()
        assert f"{code_id}.html" in case_page
    compared = BeautifulSoup((built_book / "book" / "codes" / "compared.html").read_text(), "html.parser")
    note = compared.select_one(".ek-document-only-note")
    assert note is not None
    assert {a["href"] for a in note.find_all("a")} == {"niscc.html", "scw-2026.html"}


@every_book
def test_every_internal_link_and_anchor_resolves(book: str, request: pytest.FixtureRequest) -> None:
    """No page of either edition, in either language, links to a missing page or to an anchor its target
    does not have; links to the other language's pages are followed into its folder of the site."""
    built_book: Path = request.getfixturevalue(book)
    site = built_book.parent
    ids = all_ids(site)
    broken = []
    for page in sorted(built_book.rglob("*.html")):
        for href in parsed(page).xpath("//a/@href"):
            if href.startswith(("http://", "https://", "mailto:", "tel:", "javascript:")):
                continue
            target, _, anchor = href.partition("#")
            resolved = (page.parent / target).resolve() if target else page
            if not resolved.is_file() or not resolved.is_relative_to(site):
                broken.append(f"{page.relative_to(built_book)} -> {href}")
                continue
            page_ids = ids.get(resolved.relative_to(site).as_posix(), set())
            if anchor and resolved.suffix == ".html" and anchor not in page_ids:
                broken.append(f"{page.relative_to(built_book)} -> {href}")
    assert broken == []


VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_html_errors(pages: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )


@every_book
def test_every_page_is_valid_html(book: str, request: pytest.FixtureRequest) -> None:
    """The Nu HTML Checker finds no error on any page of either edition in either language (each
    language's own root page only redirects)."""
    built_book: Path = request.getfixturevalue(book)
    pages = [
        path
        for path in sorted(built_book.rglob("*.html"))
        if path.relative_to(built_book).parts[0] != "_static" and path != built_book / "index.html"
    ]
    result = nu_html_errors(pages)
    assert result.returncode == 0, result.stderr[-5000:]


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_clean_builds_are_identical(language: str, built_site: Path, tmp_path: Path) -> None:
    """Building the same commit twice gives byte-identical files in each language, so a build can be
    checked and cached."""
    from conftest import build_site

    second, result = build_site(REPO, tmp_path / "again", only=language)
    assert result.returncode == 0, result.stdout[-3000:]
    first_site, second_site = built_site / language, second / language
    first_files = {p.relative_to(first_site) for p in first_site.rglob("*") if p.is_file()}
    second_files = {p.relative_to(second_site) for p in second_site.rglob("*") if p.is_file()}
    assert first_files == second_files
    differing = [
        str(name)
        for name in sorted(first_files)
        if (first_site / name).read_bytes() != (second_site / name).read_bytes()
    ]
    assert differing == []


def _plain(text: str) -> str:
    """Text as a reader sees it, with typographic quotes made straight and spaces collapsed."""
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _lecturer_only_texts() -> list[str]:
    catalog = kit()
    texts = []
    for case in catalog.cases.values():
        notes = case.model.instructor_notes
        texts += [notes.how_to_run, notes.likely_responses, notes.pitfalls]
    for dilemma in catalog.dilemmas.values():
        texts += [node.facilitator_note for node in dilemma.model.nodes if node.facilitator_note]
        figures = dilemma_balance(dilemma.model)
        texts.append(f"Decisions with a free answer {figures.free_answer} of {figures.decisions}")
    for seminar in catalog.seminars.values():
        plan = seminar.model
        texts += [plan.facilitation_notes, plan.debrief, plan.variations.online, plan.variations.large_group]
        texts += [activity.what_happens for activity in plan.timeline]
        expert = plan.expert_by_experience
        texts += [expert.contribution, expert.arranging, expert.if_unavailable]
        for exemplar in plan.assessment.exemplars:
            texts += [exemplar.answer, exemplar.feedforward]
            texts += [comment.comment for comment in exemplar.comments]
    return [_plain(text.split("\n\n")[0])[:80] for text in texts]


def test_the_student_edition_holds_no_lecturer_text_and_the_lecturer_edition_holds_all(
    built_book: Path, built_lecturer_book: Path
) -> None:
    """One source, two builds: each teaching note is absent from the student HTML, present in the other."""
    needles = _lecturer_only_texts()
    assert len(needles) > 150
    student = " ".join(
        _plain(BeautifulSoup(p.read_text(), "lxml").get_text(" ")) for p in built_book.rglob("*.html")
    )
    lecturer = " ".join(
        _plain(BeautifulSoup(p.read_text(), "lxml").get_text(" "))
        for p in built_lecturer_book.rglob("*.html")
    )
    assert [needle for needle in needles if needle in student] == []
    assert [needle for needle in needles if needle not in lecturer] == []
    assert "Map of every branch" not in student and "Map of every branch" in lecturer
    assert "How balanced this dilemma is" not in student and "How balanced this dilemma is" in lecturer


VERDICTS = [
    f"{verdict} by the {item} {{item}}"
    for verdict in ("honoured", "strained", "would be broken")
    for item in ("choice", "ending")
]
"""The messages that say how a choice or an ending stands to a clause or provision."""


@every_book
def test_no_code_or_law_page_of_the_student_edition_gives_a_dilemmas_verdicts_away(
    book: str, request: pytest.FixtureRequest
) -> None:
    """A student following a citation from a dilemma to its code or its law reads where the clause is
    used, not how each choice stands to it: the dilemma holds that back until its endings. The
    lecturer edition says it wherever a page lists uses."""
    edition, language = BOOKS[book]
    built: Path = request.getfixturevalue(book)
    words = words_for(language)
    verdicts = [words(message, item="{item}").partition("{item}")[0].strip() for message in VERDICTS]
    assert all(verdicts)
    pages = sorted([*built.glob("book/codes/*.html"), *built.glob("book/law/*.html")])
    lines = [
        " ".join(line.text_content().split())
        for page in pages
        for used in parsed(page).find_class("ek-used-in")
        for line in used.iter("li")
    ]
    assert len(lines) > 300
    with_verdicts = [line for line in lines if any(verdict in line for verdict in verdicts)]
    if edition == "student":
        assert with_verdicts == []
    else:
        assert len(with_verdicts) > 100


def test_a_provisions_heading_takes_one_full_stop_and_none_before_a_colon(built_book: Path) -> None:
    """Older Acts print their headings with a full stop ('Duty of local authority to assess needs.'):
    the law's page adds none of its own after one, and a tooltip or a printed line that puts the
    heading before a colon or in brackets leaves it out; an abbreviation keeps its own ('plans etc.')."""
    lines = [
        " ".join(line.text_content().split())
        for page in sorted(built_book.glob("book/law/*.html"))
        for line in parsed(page).xpath(
            "//div[contains(@class, 'ek-provision')]/p[contains(@class, 'ek-clause-text')]"
        )
    ]
    assert len(lines) > 50
    assert [line for line in lines if re.search(r"\w\.\.(\s|$)", line)] == []
    assert "Section 12A Duty of local authority to assess needs. When" in " | ".join(lines)
    assert "Section 67 Involvement in assessments, plans etc. Where" in " | ".join(lines)
    labelled = re.compile(r"(?<!\betc)\.\)?: ")
    tips = [
        (page.name, tip.text_content())
        for page in sorted([*built_book.glob("book/**/*.html"), *built_book.glob("downloads/*.html")])
        for tip in parsed(page).xpath(
            "//span[contains(@class, 'ek-tip')] | //ul[contains(@class, 'ek-spelled-out')]/li"
        )
    ]
    assert len(tips) > 1000
    assert [tip for tip in tips if labelled.search(tip[1])] == []
    assert any("Duty of local authority to assess needs: " in tip for _page, tip in tips)


@every_book
def test_no_sentence_ends_twice(book: str, request: pytest.FixtureRequest) -> None:
    """A title that ends as a sentence ends ('Whose service is it?'), put at the end of one of the
    kit's sentences, takes no full stop after it; nor does anything else that already ends with one."""
    built: Path = request.getfixturevalue(book)
    doubled = re.compile(r"(?:[?!]|[a-z]\.)\.(?=\s|$)")
    found = []
    for page in sorted(built.rglob("*.html")):
        tree = parsed(page)
        for hidden in tree.xpath("//script | //style"):
            hidden.drop_tree()
        text = " ".join(tree.text_content().split())
        found += [f"{page.name}: {text[max(0, m.start() - 60) : m.end()]}" for m in doubled.finditer(text)]
    assert found == []


@every_book
def test_the_case_lists_by_theme_and_by_code_run_in_title_order(
    book: str, request: pytest.FixtureRequest
) -> None:
    """A reader scanning 'Cases by theme' or 'Cases by code' for a case finds it by its title, in the
    book's language, not by the name of its file."""
    built: Path = request.getfixturevalue(book)
    lists = 0
    for page, prefix in (
        ("book/cases/index.html", "cases-theme-"),
        ("book/cases/by-code.html", "cases-code-"),
    ):
        tree = parsed(built / page)
        for section in tree.xpath(f"//section[starts-with(@id, '{prefix}')]"):
            titles = [
                " ".join(item.xpath(".//a[contains(@class, 'ek-catalog-link')]")[0].text_content().split())
                for item in section.xpath("./ul/li")
            ]
            assert titles == sorted(titles, key=str.casefold), (page, section.get("id"))
            lists += len(titles) > 1
    assert lists > 10


def test_every_bibliography_entry_is_cited_and_listed_once(built_book: Path) -> None:
    """The references page lists exactly the entries in references.bib: none uncited, none missing."""
    keys = re.findall(r"^@\w+\{([^,]+),", (REPO / "book" / "references.bib").read_text(), re.MULTILINE)
    page = BeautifulSoup((built_book / "book" / "references.html").read_text(), "html.parser")
    assert len(keys) == len(set(keys))
    assert len(page.select(".citation-list > div")) == len(keys)


def test_every_chapter_opens_with_objectives_and_closes_with_key_points(built_book: Path) -> None:
    """The chapters of 'Understanding first loyalty': objectives first, key points last, all collected."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    part = next(part for part in toc["parts"] if part["caption"] == "Understanding first loyalty")
    chapters = [chapter["file"] for chapter in part["chapters"]]
    assert len(chapters) >= 8
    collected = BeautifulSoup((built_book / "book" / "key-points.html").read_text(), "html.parser")
    for name in chapters:
        article = BeautifulSoup((built_book / f"{name}.html").read_text(), "html.parser").select_one(
            "article"
        )
        boxes = article.select(".admonition")
        assert "ek-objectives" in boxes[0]["class"], name
        assert "ek-key-points" in boxes[-1]["class"], name
        assert not boxes[-1].find_next_sibling(["p", "section", "div", "ul"]), name
        heading = collected.select_one(f"a[href='{name.split('/')[-1]}.html']")
        assert heading is not None, name


@pytest.mark.parametrize("edition", ["student", "lecturer"])
def test_no_link_leads_nowhere_and_every_seminar_pack_exists(
    edition: str, built_book: Path, built_lecturer_book: Path
) -> None:
    """No kit page links to "#" alone, and each seminar page's pack link opens a pack of its edition."""
    site = built_book if edition == "student" else built_lecturer_book
    catalog = kit()
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(), "lxml")
        dead = [a.get_text() for a in soup.select("main a") if a.get("href") in ("#", "")]
        assert not dead, (path.relative_to(site).as_posix(), dead)
    for seminar_id, loaded in catalog.seminars.items():
        page = BeautifulSoup((site / "book" / "seminars" / f"{seminar_id}.html").read_text(), "html.parser")
        link = page.select_one(".ek-download a")
        assert link is not None, seminar_id
        pack = (site / "book" / "seminars" / link["href"]).resolve()
        text = BeautifulSoup(pack.read_text(), "html.parser").get_text()
        assert loaded.model.title in text
        assert ("Facilitation notes" in text) == (edition == "lecturer"), (seminar_id, edition)


def test_every_content_note_carries_the_same_signposting_on_screen_on_paper_and_in_a_single_file(
    built_book: Path,
) -> None:
    """One signposting text: case page, handout, single-file dilemma and support page agree."""

    catalog = kit()
    noted = [case_id for case_id, loaded in catalog.cases.items() if loaded.model.content_note]
    assert noted
    for case_id in noted:
        page = BeautifulSoup((built_book / "book" / "cases" / f"{case_id}.html").read_text(), "html.parser")
        note = page.select_one(".ek-content-note .ek-signpost")
        assert note is not None and " ".join(note.get_text().split()) == signpost(), case_id
        sheet = BeautifulSoup(handout("case", case_id, catalog, lecturer=False)[1], "html.parser")
        assert signpost() in " ".join(sheet.get_text().split()), case_id
    for loaded in catalog.dilemmas.values():
        if catalog.cases[loaded.model.case].model.content_note:
            single = BeautifulSoup(standalone_dilemma(loaded.model, catalog), "html.parser")
            assert signpost() in " ".join(single.get_text().split()), loaded.model.id
    support = " ".join(
        BeautifulSoup((built_book / "book" / "support.html").read_text(), "html.parser").get_text().split()
    )
    for line in support_lines():
        assert line.name in support and line.how in support and line.when in support
        number = re.search(r"\d[\d ]+\d", line.how)
        # the short text names every line
        assert number is not None and number.group() in signpost(), line.name


def test_the_dilemmas_index_draws_every_dilemma_for_the_lecturer_and_none_for_students(
    built_book: Path, built_lecturer_book: Path
) -> None:
    """Planning a seminar: the lecturer's index shows each dilemma's diagram, linked to its map as text."""
    catalog = kit()
    lecturer = BeautifulSoup((built_lecturer_book / "book/dilemmas/index.html").read_text(), "html.parser")
    diagrams = lecturer.select(".ek-dilemmas-index .ek-diagram")
    assert len(diagrams) == len(catalog.dilemmas)
    for box in diagrams:
        dilemma_id = box["id"].removeprefix("dilemma-").removesuffix("-diagram")
        assert box.select_one("svg.ek-diagram-svg") is not None and box.select("svg a") == []
        link = box.select_one(".ek-diagram-caption a")
        assert link["href"] == f"{dilemma_id}.html#dilemma-{dilemma_id}-map-text"
    student = BeautifulSoup((built_book / "book/dilemmas/index.html").read_text(), "html.parser")
    assert len(student.select(".ek-dilemmas-index")) == len(catalog.dilemmas)
    assert student.select("svg") == []


@pytest.mark.parametrize("edition", ["student", "lecturer"])
def test_every_dilemma_page_draws_its_diagram_linked_to_its_decisions_and_to_its_map_as_text(
    edition: str, built_book: Path, built_lecturer_book: Path
) -> None:
    """Every dilemma, not only the fixture's: the lecturer's page shows the diagram, the student's keeps
    it behind "Show the whole map"; each box is a link to its decision on the same page, the scrolling
    frame can take focus, and the caption links to the map as text, which maps every choice."""
    from ethicskit.engine import titles

    catalog = kit()
    site = built_book if edition == "student" else built_lecturer_book
    pages = {}
    for path in (site / "book" / "dilemmas").glob("*.html"):
        soup = BeautifulSoup(path.read_text(), "html.parser")
        for section in soup.select("section.ek-dilemma[id]"):
            pages[section["id"].removeprefix("dilemma-")] = soup
    assert set(pages) == set(catalog.dilemmas)
    for dilemma_id, loaded in catalog.dilemmas.items():
        page = pages[dilemma_id]
        holder = (
            f"section#dilemma-{dilemma_id}-map" if edition == "lecturer" else ".ek-dilemma > .ek-student-map"
        )
        box = page.select_one(f"{holder} #dilemma-{dilemma_id}-diagram")
        assert box is not None, (edition, dilemma_id)
        assert box.select_one(".ek-diagram-scroll")["tabindex"] == "0"
        links = [a["href"] for a in box.select("svg.ek-diagram-svg a")]
        assert sorted(links) == sorted(f"#dilemma-{dilemma_id}-{item}" for item in titles(loaded.model))
        assert all(page.find(id=href[1:]) is not None for href in links), dilemma_id
        caption = box.select_one(".ek-diagram-caption")
        assert caption["id"] == box.select_one("svg")["aria-labelledby"]
        text_link = caption.select_one("a")["href"]
        assert text_link == f"#dilemma-{dilemma_id}-map-text"
        text = page.find(id=text_link[1:])
        assert text is not None
        within = text if edition == "lecturer" else page.select_one(holder)
        choices = sum(len(node.choices) for node in loaded.model.nodes)
        assert len(within.select(".ek-branch")) == choices, dilemma_id
        if edition == "student":
            assert page.select_one(f"section#dilemma-{dilemma_id}-map") is None
            assert "Until you reach your first ending" in page.select_one(holder).get_text()


def test_the_student_text_of_a_dilemma_about_suicide_says_no_single_conversation_causes_a_death() -> None:
    """Said to students, not only in a lecturer's note: in the content note every output shows before the
    case and its dilemmas (page, handout, single file), and at the hardest decision itself."""
    catalog = kit()
    said = "no single conversation causes a death"
    about_suicide = [
        loaded.model
        for loaded in catalog.dilemmas.values()
        if (note := catalog.cases[loaded.model.case].model.content_note) is not None
        and any(topic.value == "suicide" for topic in note.topics)
    ]
    assert about_suicide
    for dilemma in about_suicide:
        note = catalog.cases[dilemma.case].model.content_note
        assert note is not None and said in " ".join(note.note.split())
        for html in (
            handout("dilemma", dilemma.id, catalog, lecturer=False)[1],
            standalone_dilemma(dilemma, catalog),
        ):
            student = BeautifulSoup(html, "html.parser")
            assert said in " ".join(student.select_one(".ek-content-note").get_text(" ").split())
        assert any(said in " ".join(node.situation.split()) for node in dilemma.nodes)


# What only a screen shows (section anchors, clause tooltips, the lines that open folded content, the
# note on where self-check answers are kept, the links to the support page and to the printable pack)
# and what only paper shows (the words of the clauses a seminar's outcomes name, which a screen shows
# on hover).
SCREEN_ONLY = "a.headerlink, .ek-tip, summary, .ek-sc-intro, .ek-content-note p:has(a), .ek-download"
PAPER_ONLY = ".ek-spelled-out, .ek-print-only"
# A diagram's caption and key describe the drawing, which paper draws with a key on each arrow.
DRAWING = ".ek-diagram-caption, .ek-arrow-key"


def _what_a_reader_reads(html: str, selector: str) -> list[str]:
    """An item as a reader reads it, block by block (headings, paragraphs, list and table entries), with
    what only one of screen and paper shows taken out."""
    soup = BeautifulSoup(html, "html.parser")
    item = soup.select_one(selector)
    assert item is not None, selector
    for gone in item.select(f"{SCREEN_ONLY}, {PAPER_ONLY}, {DRAWING}"):
        gone.decompose()
    blocks = item.select("h1, h2, h3, h4, h5, p, dt")
    return [" ".join(block.get_text(" ").split()) for block in blocks]


REFERENCE_ROWS = (
    ".ek-choice-clauses, .ek-choice-law, .ek-choice-bearing, .ek-outcome-refs, .ek-sc-cites, .ek-asye-pcf"
)
"""The lines that list references in a row: what a choice honours, strains or bears on, what a seminar
teaches, what a self-check answer rests on, and the PCF domains a case helps reflect on."""


def test_a_row_of_references_names_each_code_and_instrument_once(built_lecturer_book: Path) -> None:
    """A choice that honours three clauses of one code reads 'Social Work England professional
    standards 1.3, 4.1; BASW Code of Ethics 2.1.3', not the code's name before each number; on the page
    and on paper alike, with every reference still a link on the page."""
    catalog = kit()
    names = sorted({loaded.model.short_title for loaded in catalog.codes.values()})
    names += sorted({loaded.model.short_title or loaded.model.title for loaded in catalog.laws.values()})
    rows = 0
    grouped = 0
    for page in sorted((built_lecturer_book / "book").rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for line in soup.select(REFERENCE_ROWS):
            for tip in line.select(".ek-tip"):
                tip.decompose()
            text = " ".join(line.get_text(" ").split())
            listed = text.partition(": ")[2]  # after the line's lead-in ('Honours: ')
            rows += 1
            for name in names:
                assert listed.count(f"{name} ") + listed.count(f"{name},") <= 1, (page.name, text)
            links = line.select("a")
            grouped += len(links) > 1
            assert all(link.get("href") for link in links), (page.name, text)
    assert rows > 100 and grouped > 10, (rows, grouped)
    sheet = BeautifulSoup(handout("dilemma", "checked-at-every-turn", catalog, lecturer=True)[1], "lxml")
    on_paper = [" ".join(line.get_text(" ").split()) for line in sheet.select(".ek-choice-clauses")]
    assert (
        "Honours: Social Work England professional standards 1.3 , 4.1 ; BASW Code of Ethics 2.1.3"
        in on_paper
    )


def test_every_layout_reads_the_same_on_its_page_on_paper_and_in_a_single_file(
    built_book: Path, built_lecturer_book: Path
) -> None:
    """One layout: every case's and every seminar plan's page and its printed handout or pack, in each
    edition; every dilemma's page and its single file (students) or printed handout (lecturers); and the
    worksheet page and the printed worksheet (under its title) give the same headings and the same
    words in the same order."""
    catalog = kit()
    for book, lecturer in ((built_book, False), (built_lecturer_book, True)):
        for case_id in sorted(catalog.cases):
            page = (book / "book" / "cases" / f"{case_id}.html").read_text(encoding="utf-8")
            on_page = _what_a_reader_reads(page, f"section#case-{case_id}")
            on_paper = _what_a_reader_reads(handout("case", case_id, catalog, lecturer)[1], "main")
            assert on_paper == on_page, (case_id, lecturer)
        for seminar_id in sorted(catalog.seminars):
            page = (book / "book" / "seminars" / f"{seminar_id}.html").read_text(encoding="utf-8")
            on_page = _what_a_reader_reads(page, f"section#seminar-{seminar_id}")
            pack = handout("seminar", seminar_id, catalog, lecturer)[1]
            on_paper = _what_a_reader_reads(pack, f"section#seminar-{seminar_id}")
            assert on_paper == on_page, (seminar_id, lecturer)
        for dilemma_id, loaded in sorted(catalog.dilemmas.items()):
            page = (book / "book" / "dilemmas" / f"{dilemma_id}.html").read_text(encoding="utf-8")
            on_page = _what_a_reader_reads(page, f"section#dilemma-{dilemma_id}")
            # Students read it on screen in the single file too; lecturers print it.
            other = (
                handout("dilemma", dilemma_id, catalog, lecturer=True)[1]
                if lecturer
                else standalone_dilemma(loaded.model, catalog)
            )
            assert _what_a_reader_reads(other, f"section#dilemma-{dilemma_id}") == on_page, (
                dilemma_id,
                lecturer,
            )
    worksheet = (built_book / "book" / "worksheet.html").read_text(encoding="utf-8")
    on_page = _what_a_reader_reads(worksheet, ".ek-worksheet")
    assert on_page and on_page == _what_a_reader_reads(worksheet_sheet(catalog), ".ek-worksheet")[1:]
