"""Content translations: the structure check, untranslated and outdated strings, the review record,
chapter catalogues, stamping, and a build in another language using them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from playwright.sync_api import Page, expect

from conftest import build_book, go_on_past_a_pause, make_fixture_book, press_until_focused
from ethicskit.catalog import load_catalog
from ethicskit.cli import main
from ethicskit.documents import standalone_dilemma
from ethicskit.engine import Session
from ethicskit.export import dilemma_payload
from ethicskit.problems import ProblemCode, Severity
from ethicskit.translations import (
    ItemState,
    chapter_translation,
    digest,
    translation_path,
)
from ethicskit.words import _, language, pseudo

FIXTURES = Path(__file__).parent / "fixtures"
DILEMMA = "exercises/dilemmas/demo-dilemma.yml"
WELSH = translation_path("cy", DILEMMA)


def kit(tmp_path: Path) -> Path:
    """The valid fixture content with the fixture's Welsh translation of the demo dilemma."""
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(FIXTURES / "translation" / "translations", root / "translations")
    return root


def edit(root: Path, path: str, old: str, new: str, count: int = 1) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def forget(root: Path, key: str) -> None:
    """Drop a string's record, as if it had never been translated."""
    file = root / WELSH
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"  {key}: ")]
    assert len(kept) == len(lines) - 1
    file.write_text("".join(kept), encoding="utf-8")


def shown(problems: list[object]) -> list[str]:
    return [str(problem) for problem in problems]


def test_the_fixture_translation_is_complete_and_valid(tmp_path: Path) -> None:
    catalog, problems = load_catalog(kit(tmp_path))
    assert problems == []
    assert catalog.translations.warnings == []
    item = catalog.translations.item("cy", DILEMMA)
    assert item.path == WELSH
    assert item.state is ItemState.TRANSLATED
    assert item.total == item.translated == 43


class Changed(NamedTuple):
    name: str
    old: str
    new: str
    expected: str


STRUCTURE = [
    Changed(
        "an id",
        "  - id: rushed\n",
        "  - id: rhuthro\n",
        f"{WELSH}:32: 'nodes.1.id' is 'rhuthro' here but 'rushed' in the English: a translation keeps ids, "
        "links, references, numbers, dates and set values exactly as they are [translation-structure]",
    ),
    Changed(
        "a link",
        "leads_to: ending-reopen",
        "leads_to: ending-time",
        f"{WELSH}:37: 'nodes.1.choices.0.leads_to' is 'ending-time' here but 'ending-reopen' in the English: "
        "a translation keeps ids, links, references, numbers, dates and set values exactly as they are "
        "[translation-structure]",
    ),
    Changed(
        "the start",
        "start: deadline",
        "start: rushed",
        f"{WELSH}:6: 'start' is 'rushed' here but 'deadline' in the English: a translation keeps ids, links, "
        "references, numbers, dates and set values exactly as they are [translation-structure]",
    ),
    Changed(
        "a clause reference",
        'strains: ["demo-standards:1.1"]',
        'strains: ["demo-standards:2.1"]',
        f"{WELSH}:20: 'nodes.0.choices.0.strains.0' is 'demo-standards:2.1' here but 'demo-standards:1.1' in "
        "the English: a translation keeps ids, links, references, numbers, dates and set values exactly as "
        "they are [translation-structure]",
    ),
    Changed(
        "a law reference",
        'law: [{ref: "demo-act:1", relation: honours}]',
        'law: [{ref: "demo-act:2(1)", relation: honours}]',
        f"{WELSH}:44: 'nodes.1.choices.0.law.0.ref' is 'demo-act:2(1)' here but 'demo-act:1' in the English: "
        "a translation keeps ids, links, references, numbers, dates and set values exactly as they are "
        "[translation-structure]",
    ),
    Changed(
        "a lean",
        "{text: Cyrhaeddir y targed., lean: 2}",
        "{text: Cyrhaeddir y targed., lean: 1}",
        f"{WELSH}:17: 'nodes.0.choices.0.perspectives.agency.lean' is 1 here but 2 in the English: a "
        "translation keeps ids, links, references, numbers, dates and set values exactly as they are "
        "[translation-structure]",
    ),
    Changed(
        "an enum",
        "escalation: supervision",
        "escalation: goruchwyliaeth",
        f"{WELSH}:30: 'nodes.0.choices.1.escalation' is 'goruchwyliaeth' here but 'supervision' in the "
        "English: a translation keeps ids, links, references, numbers, dates and set values exactly as "
        "they are [translation-structure]",
    ),
    Changed(
        "a removed choice",
        "      - id: stand-by\n        label: Sefyll wrth yr asesiad a gaewyd\n",
        "      - id: stand-by\n",
        f"{WELSH}:45: 'nodes.1.choices.1.label' is in the English but missing here [translation-structure]",
    ),
    Changed(
        "an added field",
        "    prompt: Beth fyddwch chi'n ei wneud?\n",
        "    prompt: Beth fyddwch chi'n ei wneud?\n    nodyn: ychwanegol\n",
        f"{WELSH}:11: 'nodes.0.nodyn' is not in the English [translation-structure]",
    ),
    Changed(
        "a missing list item",
        '      - {ref: "demo-act:2(1)", relation: strains}\n',
        "",
        f"{WELSH}:79: 'endings.1.law' should be a list of 2 items, as in the English [translation-structure]",
    ),
]


@pytest.mark.parametrize("change", STRUCTURE, ids=[change.name for change in STRUCTURE])
def test_a_translation_that_changes_anything_but_text_is_an_error(tmp_path: Path, change: Changed) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, change.old, change.new)
    catalog, problems = load_catalog(root)
    assert shown(problems) == [change.expected]
    assert ProblemCode.TRANSLATION_STRUCTURE.hint.startswith("Translate only the text")
    # A broken translation is never used: the item stays English.
    assert catalog.translations.item("cy", DILEMMA).model is None


def test_the_translation_is_validated_like_its_source(tmp_path: Path) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, "title: Amser i wrando", "title: Amser i <b>wrando</b>")
    _catalog, problems = load_catalog(root)
    assert shown(problems) == [f"{WELSH}:70: 'endings.0.title' contains the HTML tag <b> [html-in-text]"]


def test_untranslated_and_outdated_strings_are_warnings_at_their_lines(tmp_path: Path) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, "    prompt: Beth fyddwch chi'n ei wneud?", "    prompt: What do you do?")
    forget(root, "nodes/deadline/prompt")
    edit(root, DILEMMA, "debrief: Asking for time protected the assessment.", "debrief: Time protected it.")
    catalog, problems = load_catalog(root)
    assert problems == []
    warnings = catalog.translations.warnings
    assert shown(warnings) == [
        f"{WELSH}:10: warning: 'nodes/deadline/prompt' is still in English [untranslated]",
        f"{WELSH}:71: warning: the English of 'endings/ending-time/debrief' has changed since it was "
        "translated [translation-outdated]",
    ]
    assert all(warning.severity is Severity.WARNING for warning in warnings)
    item = catalog.translations.item("cy", DILEMMA)
    assert item.state is ItemState.OUTDATED
    assert (item.translated, item.outdated, item.total) == (41, 1, 43)


def test_the_checker_reports_translation_warnings_without_failing(tmp_path: Path) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, "title: Ateb yn y diwedd", "title: Answered in the end")
    forget(root, "endings/ending-complaint/title")
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["problems"] == []
    untranslated = [w for w in report["warnings"] if w["code"] == "untranslated"]
    assert untranslated == [
        {
            "path": WELSH,
            "line": 83,
            "code": "untranslated",
            "severity": "warning",
            "message": "'endings/ending-complaint/title' is still in English",
            "hint": ProblemCode.UNTRANSLATED.hint,
        }
    ]


def test_the_checker_fails_on_a_changed_link(tmp_path: Path) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, "leads_to: complaint", "leads_to: ending-complaint")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert f"{WELSH}:47: 'nodes.1.choices.1.leads_to' is 'ending-complaint'" in result.output
    assert "- translation-structure: Translate only the text" in result.output


def test_a_translation_without_a_source_is_an_error(tmp_path: Path) -> None:
    root = kit(tmp_path)
    stray = root / translation_path("cy", "cases/no-such-case.yml")
    stray.parent.mkdir(parents=True)
    stray.write_text("id: no-such-case\n", encoding="utf-8")
    _catalog, problems = load_catalog(root)
    assert shown(problems) == [
        "translations/cy/content/cases/no-such-case.yml: there is no content file 'cases/no-such-case.yml' "
        "for this to translate [translation-orphan]"
    ]


def test_a_record_that_is_not_a_mapping_of_digests_is_an_error(tmp_path: Path) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, "translated_from:\n", "translated_from: yes\nold_records:\n")
    _catalog, problems = load_catalog(root)
    assert f"{WELSH}:87: 'translated_from' should map each translated field" in shown(problems)[0]


def test_a_string_left_as_the_english_on_purpose_counts_once_recorded(tmp_path: Path) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, "title: Cywiro'n hwyr", "title: Put right late")
    forget(root, "endings/ending-reopen/title")
    catalog, _problems = load_catalog(root)
    assert [w.code for w in catalog.translations.warnings] == [ProblemCode.UNTRANSLATED]
    # Stamping it by name records that it stays as the English.
    result = CliRunner().invoke(
        main, ["translation", "stamp", str(root / WELSH), "endings/ending-reopen/title", "--root", str(root)]
    )
    assert result.exit_code == 0, result.output
    catalog, problems = load_catalog(root)
    assert problems == []
    assert catalog.translations.warnings == []


def test_stamping_records_new_translations_but_never_hides_an_outdated_one(tmp_path: Path) -> None:
    root = kit(tmp_path)
    welsh = root / WELSH
    text = welsh.read_text(encoding="utf-8")
    welsh.write_text(text[: text.index("translated_from:")], encoding="utf-8")  # no record at all
    catalog, _problems = load_catalog(root)
    assert {w.code for w in catalog.translations.warnings} == {ProblemCode.TRANSLATION_OUTDATED}
    assert (
        f"{WELSH}:4: warning: no record of the English 'title' was translated from [translation-outdated]"
        in (shown(catalog.translations.warnings))
    )
    runner = CliRunner()
    assert runner.invoke(main, ["translation", "stamp", str(welsh), "--root", str(root)]).exit_code == 0
    assert f"  title: {digest('The Friday deadline')}\n" in welsh.read_text(encoding="utf-8")
    catalog, _problems = load_catalog(root)
    assert catalog.translations.warnings == []
    # The English changes: stamping without naming the field leaves it outdated.
    edit(root, DILEMMA, "title: Time to listen", "title: Time to be heard")
    assert runner.invoke(main, ["translation", "stamp", str(welsh), "--root", str(root)]).exit_code == 0
    catalog, _problems = load_catalog(root)
    assert [w.code for w in catalog.translations.warnings] == [ProblemCode.TRANSLATION_OUTDATED]
    named = ["translation", "stamp", str(welsh), "endings/ending-time/title", "--root", str(root)]
    assert runner.invoke(main, named).exit_code == 0
    catalog, _problems = load_catalog(root)
    assert catalog.translations.warnings == []
    unknown = runner.invoke(
        main, ["translation", "stamp", str(welsh), "endings/nope/title", "--root", str(root)]
    )
    assert unknown.exit_code == 1
    assert "no text field 'endings/nope/title' in this file" in unknown.output


def test_starting_a_translation_copies_the_source_and_it_counts_as_untranslated(tmp_path: Path) -> None:
    root = kit(tmp_path)
    result = CliRunner().invoke(
        main, ["translation", "start", "cy", "cases/demo-case.yml", "--root", str(root)]
    )
    assert result.exit_code == 0, result.output
    assert (root / "translations/cy/content/cases/demo-case.yml").read_text(encoding="utf-8") == (
        root / "cases/demo-case.yml"
    ).read_text(encoding="utf-8")
    catalog, problems = load_catalog(root)
    assert problems == []
    item = catalog.translations.item("cy", "cases/demo-case.yml")
    assert item.state is ItemState.NOT_TRANSLATED
    assert item.total > 0
    assert len([w for w in catalog.translations.warnings if w.path.endswith("demo-case.yml")]) == item.total
    # The names stay as they are: pseudonyms are not text to translate.
    assert not any("pseudonyms" in w.message for w in catalog.translations.warnings)
    again = CliRunner().invoke(
        main, ["translation", "start", "cy", "cases/demo-case.yml", "--root", str(root)]
    )
    assert again.exit_code == 1
    assert "exists already" in again.output


def test_a_build_in_the_language_uses_the_translation_and_english_elsewhere(tmp_path: Path) -> None:
    root = kit(tmp_path)
    edit(root, WELSH, "title: Amser i wrando", "title: Time to listen")
    forget(root, "endings/ending-time/title")
    with language("qps"):
        english, _problems = load_catalog(root)  # a language the kit has no translation into
    assert english.dilemmas["demo-dilemma"].model.title == "The Friday deadline"
    # The fixture's translation, moved to the pseudo-locale: the one other language every build knows.
    shutil.move(root / "translations" / "cy", root / "translations" / "qps")
    with language("qps"):
        catalog, problems = load_catalog(root)
    assert problems == []
    dilemma = catalog.dilemmas["demo-dilemma"].model
    assert catalog.translations.applied == "qps"
    assert dilemma.title == "Y terfyn amser ddydd Gwener"
    assert dilemma.endings[0].title == "Time to listen"  # untranslated: English, and marked
    assert dilemma.nodes[0].choices[0].leads_to == "rushed"
    assert catalog.translations.item("qps", DILEMMA).state is ItemState.PARTLY
    # The case has no translation: English.
    assert catalog.cases["demo-case"].model.title == english.cases["demo-case"].model.title
    # English builds never use a translation.
    plain, _problems = load_catalog(root)
    assert plain.dilemmas["demo-dilemma"].model.title == "The Friday deadline"


REVIEW = "translations/cy/review.yml"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "  - source: cases/missing.yml\n    review: awaiting\n",
            f"{REVIEW}:5: 'cases/missing.yml' is neither a chapter nor a content file of the kit "
            "[translation-review]",
        ),
        (
            "  - source: exercises/dilemmas/demo-dilemma.yml\n    review: awaiting\n",
            f"{REVIEW}:5: 'exercises/dilemmas/demo-dilemma.yml' is listed twice [translation-review]",
        ),
        (
            "  - source: cases/demo-case.yml\n    review: done\n",
            f"{REVIEW}:6: 'items.1.review': write 'awaiting', or the review as {{reviewed: YYYY-MM-DD, by: "
            "the reviewer's role} [invalid-value]",
        ),
    ],
)
def test_the_review_record_is_checked(tmp_path: Path, entry: str, expected: str) -> None:
    root = kit(tmp_path)
    with (root / REVIEW).open("a", encoding="utf-8") as file:
        file.write(entry)
    _catalog, problems = load_catalog(root)
    assert expected in shown(problems)


def test_a_recorded_review_and_a_chapter_are_read(tmp_path: Path) -> None:
    root = kit(tmp_path)
    (root / "book" / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (root / REVIEW).write_text(
        "items:\n"
        "  - source: exercises/dilemmas/demo-dilemma.yml\n"
        '    review: {reviewed: 2027-01-20, by: "lecturer in social work"}\n'
        "  - source: book/intro.md\n"
        "    review: awaiting\n",
        encoding="utf-8",
    )
    catalog, problems = load_catalog(root)
    assert problems == []
    review = catalog.translations.reviews["cy"]
    assert not review.awaiting(DILEMMA)
    assert review.awaiting("book/intro.md")


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("entries", "state", "counts"),
    [
        ('msgid "One"\nmsgstr "Un"\n\nmsgid "Two"\nmsgstr "Dau"\n', ItemState.TRANSLATED, (2, 2, 0)),
        ('msgid "One"\nmsgstr "Un"\n\nmsgid "Two"\nmsgstr ""\n', ItemState.PARTLY, (2, 1, 0)),
        ('msgid "One"\nmsgstr ""\n', ItemState.NOT_TRANSLATED, (1, 0, 0)),
        ('#, fuzzy\nmsgid "One"\nmsgstr "Un"\n\nmsgid "Two"\nmsgstr "Dau"\n', ItemState.OUTDATED, (2, 1, 1)),
    ],
)
def test_a_chapter_counts_as_translated_when_every_entry_of_its_catalogue_is(
    tmp_path: Path, entries: str, state: ItemState, counts: tuple[int, int, int]
) -> None:
    po = tmp_path / "translations" / "cy" / "LC_MESSAGES" / "book" / "intro.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO_HEADER + entries, encoding="utf-8")
    found = chapter_translation(tmp_path, "cy", "book/intro")
    assert found is not None
    assert found.state is state
    assert (found.total, found.translated, found.fuzzy) == counts
    assert chapter_translation(tmp_path, "cy", "book/other") is None


# --- the book: notes on pages in another language, and the status page ---------------------------


def translated_book(target: Path, language_code: str) -> Path:
    """The fixture book with the fixture translation (moved to `language_code`), one string of it left
    in English, a review record and a status page."""
    book = make_fixture_book(target)
    content = book / "translations" / language_code / "content" / "exercises" / "dilemmas"
    content.mkdir(parents=True)
    shutil.copy(FIXTURES / "translation" / WELSH, content / "demo-dilemma.yml")
    shutil.copy(FIXTURES / "translation" / "translations" / "cy" / "review.yml", content.parents[2])
    welsh = content / "demo-dilemma.yml"
    text = welsh.read_text(encoding="utf-8").replace("title: Amser i wrando", "title: Time to listen")
    welsh.write_text(text.replace("  endings/ending-time/title: ", "  dropped: "), encoding="utf-8")
    chapters = book / "translations" / language_code / "LC_MESSAGES"
    chapters.mkdir(parents=True)
    (chapters / "index.po").write_text(PO_HEADER + 'msgid "Fixture book"\nmsgstr ""\n', encoding="utf-8")
    (book / "status.md").write_text(
        "# Translation status\n\n```{translation-status}\n```\n", encoding="utf-8"
    )
    toc = book / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "  - file: status\n", encoding="utf-8")
    return book


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book built in the pseudo-locale, with a pseudo-locale translation of the dilemma."""
    book = translated_book(tmp_path_factory.mktemp("translated") / "book", "qps")
    result = build_book(book, book, language="qps")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book / "_build" / "html"


def notes(page: BeautifulSoup) -> dict[str, str]:
    return {
        next(c for c in note["class"] if c.startswith("ek-translation-") and c != "ek-translation-note"): (
            note.get_text(" ", strip=True)
        )
        for note in page.select(".ek-translation-note")
    }


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_a_translated_page_is_in_the_language_and_says_what_is_not(pseudo_site: Path) -> None:
    dilemma = page(pseudo_site, "dilemma.html")
    assert "Y terfyn amser ddydd Gwener" in dilemma.get_text()
    assert "Time to listen" in dilemma.get_text()  # the one string left in English
    found = notes(dilemma)
    assert set(found) == {"ek-translation-partly", "ek-translation-review"}
    assert found["ek-translation-partly"] == (
        pseudo("Partly translated")
        + " "
        + pseudo("Parts of this page have not been translated yet and are shown in English.")
    )
    assert pseudo("Awaiting review") in found["ek-translation-review"]
    # The translated text is not marked as English (the player's text comes from its payload).
    assert not [node for node in dilemma.select('body [lang="en"]') if "Y terfyn" in node.get_text()]
    # The notes come first, before the content.
    first = dilemma.select_one(".ek-translation-note")
    assert first is not None and "Y terfyn" not in "".join(p.get_text() for p in first.find_all_previous("p"))


@pytest.mark.build
def test_an_untranslated_page_says_it_is_shown_in_english(pseudo_site: Path) -> None:
    case = page(pseudo_site, "case.html")
    assert notes(case) == {
        "ek-translation-missing": pseudo("Not yet translated")
        + " "
        + pseudo("This page has not been translated yet, so it is shown in English.")
    }
    narrative = "The first paragraph of the fictional narrative."
    assert [node.name for node in case.select('[lang="en"]') if node.get_text(strip=True) == narrative] == [
        "p"
    ]
    chapter = page(pseudo_site, "index.html")
    assert set(notes(chapter)) == {"ek-translation-missing"}
    # Its catalogue has no translation for the heading yet.
    assert [h.get_text(strip=True) for h in chapter.select('h1[lang="en"]')] == ["Fixture book#"]


@pytest.mark.build
def test_the_status_page_lists_every_item_from_the_data(pseudo_site: Path) -> None:
    status = page(pseudo_site, "status.html")
    rows = {
        row.select("td")[0].get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("td")[1:]]
        for row in status.select("table.ek-translation-status tbody tr")
    }
    assert rows["Y terfyn amser ddydd Gwener"] == [
        pseudo("partly: {translated} of {count} strings").format(translated=42, count=43),
        pseudo("awaiting review"),
    ]
    # An item not yet translated is listed as every list shows it: its title marked as English, and noted.
    english_case = "A demonstration case" + pseudo("(in English)")
    assert rows[english_case] == [pseudo("not translated"), pseudo("no review recorded")]
    assert rows["Fixture book"] == [pseudo("not translated"), pseudo("no review recorded")]
    chapters = status.select("table.ek-translation-status")[0]
    assert "Y terfyn amser ddydd Gwener" not in chapters.get_text()  # its page only shows the dilemma
    headings = [h.get_text(strip=True).rstrip("#") for h in status.select("section h2")]
    assert headings == [pseudo(h) for h in ("Chapters", "Codes of practice", "Statute digests", "Cases")] + [
        pseudo("Dilemmas"),
        pseudo("Seminar plans"),
    ]
    # Each item links to the page that shows it.
    link = status.select("table.ek-translation-status")[4].find("a", string="Y terfyn amser ddydd Gwener")
    assert link is not None and link["href"] == "dilemma.html"


@pytest.mark.build
def test_an_english_build_shows_no_note_and_lists_each_language(tmp_path: Path) -> None:
    book = translated_book(tmp_path / "book", "cy")
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = book / "_build" / "html"
    dilemma = page(site, "dilemma.html")
    assert "The Friday deadline" in dilemma.get_text()
    assert "Y terfyn" not in dilemma.get_text()
    assert not dilemma.select(".ek-translation-note")
    tips = [tip for html in site.glob("*.html") for tip in page(site, html.name).select(".ek-tip")]
    assert tips and not any(tip.select("[lang], .ek-in-english") for tip in tips)
    status = page(site, "status.html")
    head = [cell.get_text(strip=True) for cell in status.select("table.ek-translation-status thead th")][:3]
    assert head == ["Page or content", "Welsh: translation", "Welsh: review"]
    row = status.select("table.ek-translation-status")[4].find("a", string="The Friday deadline")
    assert row is not None
    cells = [cell.get_text(strip=True) for cell in row.find_parent("tr").select("td")[1:]]
    assert cells == ["partly: 42 of 43 strings", "awaiting review"]


def test_text_that_names_other_text_names_it_as_translated(tmp_path: Path) -> None:
    root = kit(tmp_path)
    seminar = "exercises/seminars/demo-seminar.yml"
    runner = CliRunner()
    assert runner.invoke(main, ["translation", "start", "cy", seminar, "--root", str(root)]).exit_code == 0
    welsh = translation_path("cy", seminar)
    edit(root, welsh, "title: Play the dilemma in groups", "title: Chwarae'r cyfyng-gyngor mewn grwpiau")
    edit(root, welsh, "- criterion: Reflection", "- criterion: Myfyrio")  # the rubric's, not the comment's
    _catalog, problems = load_catalog(root)
    assert shown(problems) == [
        f"{welsh}:46: 'expert_by_experience/during' names 'Play the dilemma in groups' in the English, so it "
        "reads 'Chwarae'r cyfyng-gyngor mewn grwpiau' here, as that is translated [translation-structure]",
        f"{welsh}:130: 'assessment/exemplars/0/comments/2/criterion' names 'Reflection' in the English, so "
        "it reads 'Myfyrio' here, as that is translated [translation-structure]",
    ]
    edit(root, welsh, "during: Play the dilemma in groups", "during: Chwarae'r cyfyng-gyngor mewn grwpiau")
    edit(root, welsh, "- criterion: Reflection", "- criterion: Myfyrio")
    _catalog, problems = load_catalog(root)
    assert problems == []


def test_a_linked_translation_is_refused(tmp_path: Path) -> None:
    root = kit(tmp_path)
    outside = tmp_path / "elsewhere.yml"
    shutil.move(root / WELSH, outside)
    (root / WELSH).symlink_to(outside)
    (root / REVIEW).unlink()
    (root / REVIEW).symlink_to(outside)
    catalog, problems = load_catalog(root)
    assert shown(problems) == [
        f"{WELSH}: 'demo-dilemma.yml' is a symbolic link; the kit reads only real files [symlink]",
        f"{REVIEW}: 'review.yml' is a symbolic link; the kit reads only real files [symlink]",
    ]
    assert catalog.translations.item("cy", DILEMMA).model is None


@pytest.mark.build
def test_a_new_translation_reaches_its_page_in_the_next_build(tmp_path: Path) -> None:
    book = translated_book(tmp_path / "book", "qps")
    assert build_book(book, book, language="qps").returncode == 0
    site = book / "_build" / "html"
    assert set(notes(page(site, "case.html"))) == {"ek-translation-missing"}
    welsh = book / translation_path("qps", "cases/demo-case.yml")
    welsh.parent.mkdir()
    shutil.copy(book / "cases" / "demo-case.yml", welsh)
    edit(
        book, translation_path("qps", "cases/demo-case.yml"), 'title: "A demonstration case"', "title: Achos"
    )
    assert CliRunner().invoke(main, ["translation", "stamp", str(welsh), "--root", str(book)]).exit_code == 0
    result = build_book(book, book, language="qps")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    case = page(site, "case.html")
    assert "Achos" in case.get_text()
    assert set(notes(case)) == {"ek-translation-partly"}


def test_the_checker_reports_a_chapters_untranslated_and_fuzzy_entries_at_their_lines(tmp_path: Path) -> None:
    root = kit(tmp_path)
    (root / "book" / "intro.md").write_text("# Intro\n\nOne.\n\nTwo.\n", encoding="utf-8")
    po = root / "translations" / "cy" / "LC_MESSAGES" / "book" / "intro.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        PO_HEADER + 'msgid "Intro"\nmsgstr "Cyflwyniad"\n\n#, fuzzy\nmsgid "One."\nmsgstr "Un."\n\n'
        'msgid "Two."\nmsgstr ""\n',
        encoding="utf-8",
    )
    catalog, problems = load_catalog(root)
    assert problems == []
    chapter_warnings = [w for w in catalog.translations.warnings if w.path.endswith(".po")]
    assert shown(chapter_warnings) == [
        "translations/cy/LC_MESSAGES/book/intro.po:9: warning: the English of 'One.' has changed since it "
        "was translated (fuzzy) [translation-outdated]",
        "translations/cy/LC_MESSAGES/book/intro.po:12: warning: 'Two.' is not translated yet [untranslated]",
    ]
    (po.parent / "gone.po").write_text(PO_HEADER, encoding="utf-8")
    (po.parent / "intro.po").write_text('msgid "One\n', encoding="utf-8")
    (root / "book" / "broken.md").write_text("# Broken\n", encoding="utf-8")
    shutil.copy(po.parent / "intro.po", po.parent / "broken.po")
    _catalog, problems = load_catalog(root)
    assert [(p.path, p.code) for p in problems] == [
        ("translations/cy/LC_MESSAGES/book/broken.po", ProblemCode.TRANSLATION_STRUCTURE),
        ("translations/cy/LC_MESSAGES/book/gone.po", ProblemCode.TRANSLATION_ORPHAN),
        ("translations/cy/LC_MESSAGES/book/intro.po", ProblemCode.TRANSLATION_STRUCTURE),
    ]
    assert shown(problems)[1] == (
        "translations/cy/LC_MESSAGES/book/gone.po: there is no chapter 'book/gone' for this to translate "
        "[translation-orphan]"
    )


def test_a_kept_mapping_or_a_file_of_another_shape_is_an_error(tmp_path: Path) -> None:
    root = kit(tmp_path)
    assert (
        CliRunner()
        .invoke(main, ["translation", "start", "cy", "cases/demo-case.yml", "--root", str(root)])
        .exit_code
        == 0
    )
    case = translation_path("cy", "cases/demo-case.yml")
    edit(root, case, "provenance:\n", "provenance: dychmygol\nold_provenance:\n")
    _catalog, problems = load_catalog(root)
    assert (
        f"{case}:40: 'provenance' differs from the English: a translation keeps ids, links, references, "
        in (shown(problems)[0])
    )
    (root / case).write_text("- rhestr\n", encoding="utf-8")
    _catalog, problems = load_catalog(root)
    assert shown(problems) == [
        f"{case}:1: the file should hold a mapping of fields, as the English does [translation-structure]"
    ]


# --- what a page in another language shows in English is marked and noted ------------------------


def english_marked(node: Tag) -> bool:
    """Whether the node sits inside an element of the article marked `lang="en"` (the page's own
    `<html lang>` is left out: the pseudo-locale's pages declare English there)."""
    return any(parent.get("lang") == "en" for parent in node.parents if parent.name not in ("html", None))


LISTING_PAGES = [
    "cases-by-theme.html",  # the case indexes
    "cases-by-code.html",
    "code.html",  # "used in" lines
    "law.html",
    "seminars.html",  # the seminars index and a seminar's materials
    "seminar.html",
    "nqsw.html",  # the supervision map
    "curriculum.html",  # the curriculum pages
    "framework.html",
    "dilemma.html",  # "Based on the case ..."
    "status.html",  # the translation status page
]


@pytest.mark.build
def test_a_tooltip_quoting_a_digest_not_yet_translated_is_marked_and_noted(pseudo_site: Path) -> None:
    """A clause's or provision's tooltip on a page in another language quotes its digest, which has no
    translation in the fixture: the words are marked as English and a note in the page's language says
    so. (An English build marks none: `test_an_english_build_shows_no_note_and_lists_each_language`.)"""
    tips = [
        tip for html in pseudo_site.glob("*.html") for tip in page(pseudo_site, html.name).select(".ek-tip")
    ]
    assert {tip["id"].rsplit("-", 1)[0] for tip in tips} == {"ek-tip", "ek-law-tip"}
    for tip in tips:
        quoted, note = tip.find_all(recursive=False)
        assert quoted.name == "span" and quoted.get("lang") == "en" and quoted.get_text().strip()
        assert note.get("class") == ["ek-in-english"] and note.get_text() == pseudo("(in English)")


@pytest.mark.build
@pytest.mark.parametrize("name", LISTING_PAGES)
def test_a_listed_title_not_yet_translated_is_marked_and_noted_as_english(
    pseudo_site: Path, name: str
) -> None:
    article = page(pseudo_site, name).select_one("article")
    assert article is not None
    # The case has no translation: wherever a list names it, its title is marked as English and a note
    # in the page's language says so.
    listed = article.find_all(string=lambda text: text.strip() == "A demonstration case")
    assert listed
    for title in listed:
        marked = next((parent for parent in title.parents if parent.get("lang") == "en"), None)
        assert marked is not None and marked.name == "span", name
        note = marked.find_next_sibling()
        assert note is not None and note.get("class") == ["ek-in-english"]
        assert note.get_text() == pseudo("(in English)")
        assert not english_marked(note)
    # The dilemma's title is translated: shown as it is, with no mark and no note.
    for text in article.find_all(string=lambda s: "Y terfyn amser ddydd Gwener" in s):
        assert not english_marked(text), name
        after = text.parent.find_next_sibling() if text.parent is not None else None
        assert after is None or "ek-in-english" not in (after.get("class") or []), name


@pytest.mark.build
def test_a_listed_string_of_a_partly_translated_item_is_marked_on_its_own(pseudo_site: Path) -> None:
    """An ending whose title is still English, in a dilemma that is otherwise translated."""
    used_in = page(pseudo_site, "code.html").select_one("article").select(".ek-used-in li")  # type: ignore[union-attr]
    links = {link.get_text(strip=True): link for p in used_in for link in p.select("a")}
    time_to_listen = next(link for text, link in links.items() if "Time to listen" in text)
    assert english_marked(time_to_listen)
    translated = next(link for text, link in links.items() if "Ei gau erbyn dydd Gwener" in text)
    assert not english_marked(translated)


@pytest.mark.build
def test_a_chapter_without_a_catalogue_is_marked_english_but_not_the_kits_words(pseudo_site: Path) -> None:
    """The fixture chapter has no catalogue in the language: its own text is English, marked so; what
    the kit writes on it (notes, headings of its boxes, reading list, self-check) is not."""
    article = page(pseudo_site, "chapter.html").select_one("article")
    assert article is not None
    heading = article.select_one("h1")
    assert heading is not None and heading.get("lang") == "en"
    for own in ("Body of the chapter.", "explain the fixture;", "The first fixture point."):
        found = article.find("p", string=own)
        assert found is not None and found.get("lang") == "en", own
    kits = article.select(
        ".ek-translation-note, .ek-objectives > .admonition-title, .ek-key-points > .admonition-title, "
        ".ek-reading-list, .ek-chapter-self-check"
    )
    assert len(kits) == 5
    for element in kits:
        # A clause's tooltip quotes a digest not yet translated: those words alone are marked.
        marked = [node for node in element.select('[lang="en"]') if not node.find_parent(class_="ek-tip")]
        assert not english_marked(element) and not marked, element.get("class")
        assert element.get("lang") is None


def leave_in_english(root: Path, key: str, welsh: str, english: str) -> None:
    """Put a string of the Welsh fixture dilemma back into English, and forget its record."""
    edit(root, WELSH, welsh, english)
    forget(root, key)


def partly_welsh_kit(tmp_path: Path) -> Path:
    """The fixture kit, its Welsh dilemma with the first decision's situation, one choice and that
    choice's consequence and one side's view of it still in English."""
    root = kit(tmp_path)
    leave_in_english(
        root,
        "nodes/deadline/situation",
        "situation: Mae eich rheolwr am gau'r asesiad erbyn dydd Gwener.",
        "situation: Your manager wants the assessment closed by Friday.",
    )
    leave_in_english(
        root,
        "nodes/deadline/choices/comply/label",
        "label: Ei gau erbyn dydd Gwener",
        "label: Close it by Friday",
    )
    leave_in_english(
        root,
        "nodes/deadline/choices/comply/consequence",
        "consequence: Caiff yr asesiad ei gau mewn pryd.",
        "consequence: The assessment is closed on time.",
    )
    leave_in_english(
        root,
        "nodes/deadline/choices/comply/perspectives/agency/text",
        "agency: {text: Cyrhaeddir y targed., lean: 2}",
        "agency: {text: The target is met., lean: 2}",
    )
    return root


def test_the_players_data_names_the_strings_shown_in_english(tmp_path: Path) -> None:
    root = partly_welsh_kit(tmp_path)
    with language("cy"):
        catalog, problems = load_catalog(root)
        assert problems == []
        payload = dilemma_payload(catalog.dilemmas["demo-dilemma"].model, catalog)
    english = {
        "/".join(where): entry["english"] for where, entry in entries(payload, ()) if "english" in entry
    }
    # The clauses and provisions it quotes come from digests the fixture does not translate.
    quoted = {
        where: named for where, named in english.items() if where.startswith(("clauses/", "provisions/"))
    }
    assert quoted and set(quoted) == {f"clauses/{ref}" for ref in payload["clauses"]} | {
        f"provisions/{ref}" for ref in payload["provisions"]
    }
    assert english.keys() - quoted.keys() == {
        "nodes/deadline",
        "nodes/deadline/choices/comply",
        "nodes/deadline/choices/comply/views/agency",
    }
    assert english["nodes/deadline"] == ["situation"]
    assert english["nodes/deadline/choices/comply"] == ["label", "consequence"]
    assert english["nodes/deadline/choices/comply/views/agency"] == ["text"]
    # Without a translation, every string of the dilemma is English.
    (root / WELSH).unlink()
    with language("cy"):
        catalog, problems = load_catalog(root)
        payload = dilemma_payload(catalog.dilemmas["demo-dilemma"].model, catalog)
    assert payload["english"] == ["title"]
    first = payload["nodes"][0]
    assert first["english"] == ["situation", "prompt"]
    assert first["choices"][0]["english"] == ["label", "consequence"]
    assert all(view["english"] == ["text"] for view in first["choices"][0]["views"].values())
    assert payload["endings"][0]["english"] == ["title", "debrief", "prompt"]
    # In English nothing is marked.
    catalog, problems = load_catalog(root)
    assert "english" not in json.dumps(dilemma_payload(catalog.dilemmas["demo-dilemma"].model, catalog))


def entries(value: object, where: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every mapping in the payload, named by its path (list items by their id)."""
    if isinstance(value, dict):
        yield where, value
        for key, item in value.items():
            yield from entries(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            name = item.get("id", str(index)) if isinstance(item, dict) else str(index)
            yield from entries(item, (*where, str(name)))


@pytest.mark.browser
def test_the_player_marks_the_strings_its_data_names_as_english(page: Page, tmp_path: Path) -> None:
    root = partly_welsh_kit(tmp_path)
    with language("cy"):
        catalog, problems = load_catalog(root)
        assert problems == []
        html = standalone_dilemma(catalog.dilemmas["demo-dilemma"].model, catalog)
        projection = _("Projection mode: each side's view at every step")
    file = tmp_path / "dilemma.html"
    file.write_text(html, encoding="utf-8")
    page.goto(file.as_uri())
    stage = page.locator(".ek-stage")
    expect(stage.locator(".ek-situation")).to_have_attribute("lang", "en")
    expect(stage.locator(".ek-reflection label")).to_contain_text("Beth fyddwch chi'n ei wneud?")
    assert stage.locator('.ek-reflection label [lang="en"]').count() == 0
    buttons = stage.locator(".ek-choice-btn")
    expect(buttons.nth(0).locator('[lang="en"]')).to_have_text("Close it by Friday")
    expect(buttons.nth(1)).to_contain_text("Gofyn am fwy o amser mewn goruchwyliaeth")
    assert buttons.nth(1).locator('[lang="en"]').count() == 0
    press_until_focused(page, "Close it by Friday")
    page.keyboard.press("Enter")
    expect(stage.locator('.ek-step-heading [lang="en"]')).to_have_text("Close it by Friday")
    expect(stage.locator(".ek-consequence")).to_have_attribute("lang", "en")
    expect(page.locator('.ek-path li[lang="en"]')).to_have_text("Close it by Friday")
    press_until_focused(page, projection)
    page.keyboard.press("Enter")
    views = stage.locator(".ek-view")
    expect(views.nth(0).locator('[lang="en"]')).to_have_text("The target is met.")
    assert views.nth(1).locator('[lang="en"]').count() == 0


@pytest.mark.browser
def test_an_ending_titled_in_english_keeps_the_mark_inside_the_players_heading(
    page: Page, tmp_path: Path
) -> None:
    """With no translation of the dilemma, its ending's title is English inside the heading's words in
    the page's language: the player marks the title alone."""
    root = partly_welsh_kit(tmp_path)
    (root / WELSH).unlink()
    with language("cy"):
        catalog, problems = load_catalog(root)
        assert problems == []
        dilemma = catalog.dilemmas["demo-dilemma"].model
        html = standalone_dilemma(dilemma, catalog)
        go_on, see_the_end = _("Continue"), _("See where this ends")
        before_title = _("Ending: {title}").split("{title}")[0]
    file = tmp_path / "dilemma.html"
    file.write_text(html, encoding="utf-8")
    page.goto(file.as_uri())
    session = Session(dilemma)
    while session.node is not None:
        choice = session.choices()[0]
        session.choose(choice.id)
        page.get_by_role("button", name=choice.label, exact=True).click()
        page.get_by_role(
            "button", name=go_on if session.node is not None else see_the_end, exact=True
        ).click()
        go_on_past_a_pause(page, "cy")
    ending = session.ending
    assert ending is not None
    heading = page.locator(".ek-step-heading")
    expect(heading.locator('[lang="en"]')).to_have_text(ending.title)
    expect(heading).to_have_text(before_title + ending.title)


@pytest.mark.build
def test_a_title_recorded_as_kept_in_english_loses_its_note_in_the_next_build(tmp_path: Path) -> None:
    """The lists are read again when only a translation's state changes, not the text they show: here
    the case's title is recorded as rightly left in English (stamped by name), so it is no longer noted."""
    book = translated_book(tmp_path / "book", "qps")
    assert build_book(book, book, language="qps").returncode == 0
    site = book / "_build" / "html"
    assert page(site, "cases-by-theme.html").select(".ek-in-english")
    welsh = book / translation_path("qps", "cases/demo-case.yml")
    welsh.parent.mkdir()
    shutil.copy(book / "cases" / "demo-case.yml", welsh)
    stamped = CliRunner().invoke(main, ["translation", "stamp", str(welsh), "title", "--root", str(book)])
    assert stamped.exit_code == 0, stamped.output
    result = build_book(book, book, language="qps")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    listing = page(site, "cases-by-theme.html").select_one("article")
    assert listing is not None and not listing.select(".ek-in-english")
    titles = listing.find_all(string="A demonstration case")
    assert titles and not any(english_marked(text) for text in titles)
    used_in = page(site, "code.html").select(".ek-used-in")
    cases = [text for line in used_in for text in line.find_all(string="A demonstration case")]
    assert cases and not any(english_marked(text) for text in cases)
