"""The book in the pseudo-locale: every word the kit's own elements show is a catalogue message or content.

The real book is built once with ETHICSKIT_LANGUAGE=qps, where every catalogue message is shown between
⟦ and ⟧. On every page, the text inside the kit's elements (classes starting `ek-`) must then be either
marked or content (the YAML and the chapters); anything else is interface text that escaped the catalogue.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.element import Comment, Tag

from conftest import REPO
from ethicskit.words import PSEUDO_CLOSE, PSEUDO_OPEN
from pseudo import Content, Within, content_text, escaped_text, kit_element, outermost, scopes_of

pytestmark = pytest.mark.build

EXCLUDED: dict[str, str] = {
    ".ek-conformance .caption-number": (
        "Sphinx's own number before a table's caption ('Table 1'), from Sphinx's catalogue for the book's "
        "language, which has none for the pseudo-locale"
    ),
}
"""Elements left out of the check (CSS selector: why). Everything else the extension writes is checked;
the parts its scripts write do not exist in the static page."""

EXCLUDED_PAGES: dict[str, str] = {}
"""Pages left out of the check (path prefix: why)."""

_BLOCKS = ["p", "li", "summary", "dt", "dd", "th", "td", "caption", "h1", "h2", "h3", "h4", "h5", "h6"]
_SEPARATE = "\x01"
_MARKED = re.compile(re.escape(PSEUDO_OPEN) + f"[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*" + re.escape(PSEUDO_CLOSE))
_PUNCTUATION = " .,;:()\u2013\u2014-\u00b7|/"
# Sphinx curls the straight quotes of content as it writes a page (an apostrophe becomes U+2019, '...'
# an ellipsis, '--' a dash); content is compared in the straight form on both sides.
_STRAIGHT = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u2013": "--"}
)


# A date is written by Babel in the build's language, not looked up in the catalogue.
_DATE = re.compile(
    r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
)


@cache
def straight_content(root: Path) -> Content:
    """The content text with its quotes straightened, to compare with a page where Sphinx curled them."""
    corpus = content_text(root)
    return Content(
        frozenset(text.translate(_STRAIGHT) for text in corpus.whole), corpus.joined.translate(_STRAIGHT)
    )


@cache
def _is_content(piece: str, root: Path) -> bool:
    text = " ".join(piece.translate(_STRAIGHT).split()).strip(_PUNCTUATION)
    return bool(_DATE.fullmatch(text)) or straight_content(root).holds(text)


def _bearing_on(soup: BeautifulSoup, within: Within) -> set[int] | None:
    """The blocks (by identity) inside an element matching `within`, or holding one: only they can
    change what `escaped_text(..., within=within)` reads, so the rest of a page (the theme's navigation,
    most of it) need not be cut up. None when every block counts."""
    if within is None:
        return None
    scopes = scopes_of(soup, within)
    bearing = {id(element) for scope in scopes for element in [scope, *scope.parents]}
    for scope in outermost(scopes):  # which hold all the others
        bearing.update(id(inside) for inside in scope.find_all(_BLOCKS))
    return bearing


def messages_whole(html: str | BeautifulSoup, root: Path = REPO, within: Within = None) -> BeautifulSoup:
    """The page with each sentence's catalogue messages cut out whole, and each piece of text left
    between them as its own element, so `escaped_text` sees them as a reader does.

    A message may hold a link ('Used in: {places}'), so its marks sit in different text nodes; content
    next to it stays a separate piece. Section anchors ('#') and code (commands and file names, never
    translated) are dropped; content whose quotes Sphinx curled, and dates, are taken as content. A page
    already parsed is changed in place. With `within` (the selector `escaped_text` will be given), only
    the blocks that bear on those elements are cut up.
    """
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    for element in soup.select("a.headerlink, code"):
        element.decompose()
    bearing = _bearing_on(soup, within)
    for block in soup.find_all(_BLOCKS):
        if bearing is not None and id(block) not in bearing:
            continue
        nested = block.find(_BLOCKS) or block.find(["svg", "script", "style"])
        if nested or block.find(attrs={"aria-label": True}):
            continue
        texts = [str(node) for node in block.find_all(string=True) if not isinstance(node, Comment)]
        joined = _SEPARATE.join(texts)
        while _MARKED.search(joined):
            joined = _MARKED.sub(_SEPARATE, joined)
        block.clear()
        for piece in joined.split(_SEPARATE):
            span = soup.new_tag("span")
            span.string = "" if _is_content(piece, root) else piece
            block.append(span)
    return soup


def escaped_on(page: Path, root: Path = REPO) -> list[str]:
    """The text of a built page's kit elements that is neither a catalogue message nor content."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    for selector in EXCLUDED:
        for element in soup.select(selector):
            if isinstance(element, Tag):
                element.decompose()
    return escaped_text(messages_whole(soup, root, kit_element), within=kit_element, root=root)


def book_pages(site: Path) -> list[Path]:
    return sorted(page for page in site.rglob("*.html") if "_static" not in page.parts)


@pytest.mark.parametrize(
    "edition", ["built_pseudo_book", "built_pseudo_lecturer_book"], ids=["student", "lecturer"]
)
def test_no_interface_text_on_any_page_escapes_the_catalogue(
    edition: str, request: pytest.FixtureRequest
) -> None:
    """Built in the pseudo-locale, no page of either edition shows interface text outside the catalogue."""
    book: Path = request.getfixturevalue(edition)
    pages = book_pages(book)
    assert len(pages) > 50
    checked = {
        name: page
        for page in pages
        if not (name := page.relative_to(book).as_posix()).startswith(tuple(EXCLUDED_PAGES))
    }
    escaped = {name: found for name, page in checked.items() if (found := escaped_on(page))}
    assert escaped == {}


def test_the_pseudo_locale_book_marks_the_words_it_writes(built_pseudo_book: Path) -> None:
    """The check above can fail: the pseudo-locale build really marks the kit's words, and English
    interface text slipped into a page is found."""
    page = built_pseudo_book / "book" / "cases" / "withheld-assessment.html"
    if not page.is_file():
        page = next(p for p in book_pages(built_pseudo_book) if "/cases/" in p.as_posix())
    html = page.read_text(encoding="utf-8")
    assert PSEUDO_OPEN in html
    soup = BeautifulSoup(html, "html.parser")
    case = soup.select_one(".ek-case")
    assert case is not None
    case.append(BeautifulSoup('<p class="ek-note">Questions for discussion</p>', "html.parser"))
    assert escaped_text(messages_whole(str(soup), within=kit_element), within=kit_element) == [
        "Questions for discussion"
    ]
