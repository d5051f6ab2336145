"""The book built in Welsh: no English interface words from Sphinx, the themes or the kit.

The real book is built once with ETHICSKIT_LANGUAGE=cy. Content not yet translated (chapters, cases,
dilemmas) may still be English; what is checked is the interface: the theme's header, sidebars,
buttons, footer and search page, Sphinx's and the copy button's script words, and the text the kit's
own elements write from its catalogue.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
import snowballstemmer
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from bs4.element import Comment
from playwright.sync_api import Page, expect

from conftest import REPO, serve
from ethicskit import words
from pseudo import content_text, kit_element, outermost
from search_index import indexed_pages, search_index

pytestmark = pytest.mark.build

PORTER = snowballstemmer.stemmer("porter")
"""The English stemmer Sphinx would use for a language it has no search language for."""

ENGLISH_INTERFACE = [
    # sphinx-book-theme and pydata-sphinx-theme
    "Skip to main content",
    "Back to top",
    "Search this book...",
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Print to PDF",
    "Download source file",
    "Download this page",
    "Fullscreen mode",
    "Color mode",
    "Light",
    "Dark",
    "System Settings",
    "Site navigation",
    "Section Navigation",
    "On this page",
    "Contents",
    "Main",
    "Page",  # the print-only contents' label
    "previous page",
    "next page",
    "previous",
    "next",
    "By First Loyalty contributors",
    # Sphinx
    "Search",
    "Error",
    "Please activate JavaScript to enable the search functionality.",
    "Note",
    "Important",
    # the book's footer as _config.yml ships it
    "Teaching content:",
    ". Software:",
    "MIT licence",
    # the kit's own words
    "What do you do?",
    "Start again",
    "Show the whole map",
    "Questions for discussion",
    "Check your understanding",
    "Official text",
    "Content note",
]
"""Interface words that a Welsh page must not show in English (a whole text or attribute value)."""

NOT_CHECKED: dict[str, str] = {}
"""The kit's elements left out of the check for English messages (CSS selector: why): none now that the
notebook's kernel writes its widgets in the build's language."""

SHOWN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "data-bs-title", "data-tooltip")


def representative_pages(root: Path) -> dict[str, Path]:
    """The landing page, a case, a dilemma, a code digest and the search page."""

    def first(folder: str) -> Path:
        return sorted((root / "book" / folder).glob("*.html"))[0]

    return {
        "index": root / "book" / "intro.html",
        "case": first("cases"),
        "dilemma": first("dilemmas"),
        "code": root / "book" / "codes" / "swe-2019.html"
        if (root / "book" / "codes" / "swe-2019.html").is_file()
        else first("codes"),
        "search": root / "search.html",
    }


def shown_words(html: str) -> set[str]:
    """Each piece of text a reader sees or hears: text (whitespace collapsed) and the attributes read
    out or shown as tooltips; scripts, styles and comments left out."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    found = {
        " ".join(text.split())
        for text in soup.find_all(string=True)
        if not isinstance(text, Comment) and text.strip()
    }
    for element in soup.find_all(True):
        found |= {" ".join(str(element[name]).split()) for name in SHOWN_ATTRIBUTES if element.has_attr(name)}
    return found


def english_on(html: str) -> list[str]:
    shown = shown_words(html)
    return [english for english in ENGLISH_INTERFACE if english in shown]


def test_welsh_pages_say_they_are_welsh(built_welsh_book: Path) -> None:
    for name, page in representative_pages(built_welsh_book).items():
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="cy"[ >]', html), name


@pytest.mark.parametrize("name", ["index", "case", "dilemma", "code", "search"])
def test_no_english_interface_words_on_a_welsh_page(built_welsh_book: Path, name: str) -> None:
    page = representative_pages(built_welsh_book)[name]
    assert english_on(page.read_text(encoding="utf-8")) == []


def test_the_check_finds_english_interface_words(built_welsh_book: Path) -> None:
    """The check above can fail: the Welsh page shows the Welsh words, and an English one added to it
    is found."""
    html = representative_pages(built_welsh_book)["dilemma"].read_text(encoding="utf-8")
    shown = shown_words(html)
    assert {"Neidio i'r prif gynnwys", "Yn ôl i'r brig", "Chwilio'r llyfr hwn..."} <= shown
    assert "Beth ydych chi'n ei wneud?" in html  # the player's words, for its script
    spoiled = html.replace(
        "</main>", '<button title="Toggle primary sidebar"></button><p>Back to top</p></main>'
    )
    assert english_on(spoiled) == ["Back to top", "Toggle primary sidebar"]
    # and the kit's elements are checked for its English messages
    assert "Show the whole map" in english_messages()
    player = '<div class="ek-player"><button>Show the whole map</button></div>'
    assert "Show the whole map" in shown_words(player)


@cache
def english_messages() -> set[str]:
    """The kit's English messages of three words or more that Welsh writes differently, and that no
    content holds (so content not yet translated is not taken for interface text)."""
    with words.TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    welsh = words.words_for("cy")
    content = content_text(REPO)
    return {
        m.id
        for m in template
        if isinstance(m.id, str)
        and len(m.id.split()) >= 3
        and "{" not in m.id
        and welsh(m.id) != m.id
        and not content.holds(m.id)
    }


def test_the_kits_elements_show_no_english_message(built_welsh_book: Path) -> None:
    """On every page, no text the kit's own elements write is an English catalogue message."""
    found: dict[str, list[str]] = {}
    for page in sorted(built_welsh_book.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for left_out in soup.select(", ".join(NOT_CHECKED)) if NOT_CHECKED else []:
            left_out.decompose()
        shown: set[str] = set()
        for element in outermost(soup.find_all(kit_element)):  # each read whole, with those inside it
            shown |= shown_words(str(element))
        if english := sorted(shown & english_messages()):
            found[page.relative_to(built_welsh_book).as_posix()] = english
    assert found == {}


def test_the_scripts_words_are_welsh(built_welsh_book: Path) -> None:
    """Sphinx's search words and the copy button's, which scripts show, are Welsh too."""
    static = built_welsh_book / "_static"
    search = static / "translations.js"
    table = json.loads(search.read_text(encoding="utf-8").split("(", 1)[1].rsplit(")", 1)[0])
    finished = "Search finished, found ${resultCount} page(s) matching the search query."
    assert table["messages"][finished].startswith("Wedi gorffen chwilio")
    assert table["messages"]["Search Results"] == "Canlyniadau chwilio"
    copy = static / "copybutton.js"
    assert '"cy": {"copy": "Copïo"' in copy.read_text(encoding="utf-8")


def test_the_welsh_search_page_reports_in_welsh(built_welsh_book: Path, page: Page) -> None:
    """Searching in Chromium: the results heading and summary come from the Welsh words."""
    with serve(built_welsh_book) as url:
        page.goto(f"{url}/search.html?q=supervision")
        expect(page.locator("#search-results h2")).to_have_text("Canlyniadau chwilio", timeout=20000)
        expect(page.locator("#search-results p.search-summary")).to_contain_text("Wedi gorffen chwilio")


def test_the_welsh_search_index_holds_welsh_words_whole(built_welsh_book: Path) -> None:
    """Each of these words is on a Welsh pilot page; English rules would have indexed it cut ("llais",
    voice, as "llai", less; "lles", welfare, as "lle", place)."""
    index = search_index(built_welsh_book)
    for word in ("llais", "lles", "gofalus", "agored", "oed"):
        assert PORTER.stemWord(word) != word
        assert word in index["terms"], word
    assert "book/intro" in indexed_pages(index, "llais")
    assert "book/intro" not in indexed_pages(index, "llai")
    for stop_word in ("yr", "mae", "roedd", "ac", "mewn"):
        assert stop_word not in index["terms"], stop_word
    language_data = (built_welsh_book / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "Porter" not in language_data


def search_results(page: Page, url: str, query: str) -> set[str]:
    """Search from the book's search page, as a reader does; the pages found, as paths in the book."""
    page.goto(f"{url}/search.html?q={query}")
    summary = page.locator("#search-results p.search-summary")
    expect(summary).to_contain_text("Wedi gorffen chwilio", timeout=20000)
    links = page.locator("#search-results ul.search li > a").evaluate_all("links => links.map(a => a.href)")
    return {urlparse(link).path.lstrip("/") for link in links}


def article_text(book: Path, path: str) -> str:
    """The lowercased text of a built page's article, what the search index holds of it."""
    article = BeautifulSoup((book / path).read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert article is not None, path
    for hidden in article(["script", "style", "template"]):
        hidden.decompose()
    return article.get_text(" ").lower()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("word", "pilot_page"), [("llais", "book/intro.html"), ("lles", "book/cases/within-the-hour.html")]
)
def test_a_welsh_search_finds_the_pilot_page_holding_the_word_and_only_pages_holding_it(
    built_welsh_book: Path, page: Page, word: str, pilot_page: str
) -> None:
    """A search in Chromium, as a reader makes it. Under English rules it also found every page holding
    only "llai" (less) or "lle" (place), the words the Porter stemmer made of "llais" and "lles"."""
    assert word in article_text(built_welsh_book, pilot_page)
    with serve(built_welsh_book) as url:
        found = search_results(page, url, word)
    assert pilot_page in found
    # Sphinx's search page also finds words that hold what was typed (in a title, or when the word
    # itself is indexed nowhere): a page found must hold the word, whole or within a longer one.
    assert sorted(path for path in found if word not in article_text(built_welsh_book, path)) == []


def test_every_title_still_in_english_is_marked_english_wherever_a_welsh_page_lists_it(
    built_welsh_book: Path,
) -> None:
    """A Welsh page names other pages in its sidebar and at its foot (previous, next), and its own
    headings in its contents list. A title still in English is marked so there as on its own page
    (`lang="en"`, WCAG 3.1.2), so a screen reader reads it in English; a Welsh title is not."""
    import lxml.html

    def page_of(base: Path, href: str) -> Path:
        return (base.parent / href.partition("#")[0]).resolve()

    pages = sorted(built_welsh_book.glob("book/**/*.html"))
    english_title = {}
    for path in pages:
        heading = lxml.html.fromstring(path.read_bytes()).xpath("//article//h1")
        if heading:
            english_title[path.resolve()] = heading[0].get("lang") == "en"
    assert sum(english_title.values()) > 50 and not all(english_title.values())
    checked = {"sidebar": 0, "foot": 0, "contents": 0}
    for path in pages:
        tree = lxml.html.fromstring(path.read_bytes())
        for link in tree.xpath("//nav[contains(@class, 'bd-docs-nav')]//a[contains(@class, 'reference')]"):
            href = link.get("href")
            target = path.resolve() if href == "#" else page_of(path, href)
            if target in english_title:
                assert (link.get("lang") == "en") == english_title[target], (path.name, href)
                checked["sidebar"] += 1
        for link in tree.xpath("//div[contains(@class, 'prev-next-area')]/a"):
            target = page_of(path, link.get("href"))
            if target in english_title:
                marked = link.xpath(".//p[contains(@class, 'prev-next-title')]//*[@lang='en']")
                assert bool(marked) == english_title[target], (path.name, link.get("href"))
                checked["foot"] += 1
        headings = {
            f"#{section.get('id')}": heading.get("lang") == "en"
            for section in tree.xpath("//article//section[@id]")
            for heading in section.xpath("./*[self::h2 or self::h3][1]")
        }
        for link in tree.xpath("//nav[contains(@class, 'page-toc')]//a[starts-with(@href, '#')]"):
            if link.get("href") in headings:
                assert (link.get("lang") == "en") == headings[link.get("href")], (path.name, link.get("href"))
                checked["contents"] += 1
    assert checked["sidebar"] > 5000 and checked["foot"] > 100 and checked["contents"] > 100, checked
