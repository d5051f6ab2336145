"""Find interface text that escapes the word catalogue, in an output made in the pseudo-locale.

In the pseudo-locale every catalogue message is shown between ⟦ and ⟧ with its letters accented, and
placeholders filled inside the brackets. Whatever text is left once those are cut out must be content
(the words of cases, dilemmas, codes, law and chapters, which are translated as content) or carry no
letters at all. Anything else is interface text written in English outside the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Comment, Doctype, NavigableString, Tag
from pydantic import BaseModel

from ethicskit.catalog import load_catalog
from ethicskit.words import PSEUDO_CLOSE, PSEUDO_OPEN

REPO = Path(__file__).resolve().parent.parent
# The innermost marked message: one message may hold another ('A pause before ⟦Decision 3⟧').
_MARKED = re.compile(re.escape(PSEUDO_OPEN) + f"[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*" + re.escape(PSEUDO_CLOSE))
_CUT = "\x00"
_LETTERS = re.compile(r"[A-Za-z]{2,}")
# A diagram's SVG wraps its labels across lines; its words are checked in the map as text beside it.
_SKIPPED = {"script", "style", "title", "svg"}
_PUNCTUATION = " .,;:()\u2013\u2014-\u00b7|/"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for item in value.__dict__.values():
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, Iterable) and not isinstance(value, bytes):
        for item in value:
            yield from _strings(item)


@dataclass(frozen=True)
class Content:
    """The kit's content text: each string whole, and all of it joined for finding longer passages."""

    whole: frozenset[str]
    joined: str

    def holds(self, part: str) -> bool:
        # A short piece ("Start again") must be a whole content string, such as a title: a chapter that
        # mentions a button by name must not let the button's English label pass as content.
        if len(part.split()) < SHORT_WORDS:
            return part in self.whole
        return _in_joined(self, part)


@cache
def _in_joined(corpus: Content, part: str) -> bool:
    # Each page of a book repeats most of its pieces (the sidebar, the footer): a search of the whole
    # content is made once per piece.
    return part in corpus.joined


SHORT_WORDS = 5


_HEADING = re.compile(r"^#{1,6} +(.+?) *$", re.M)


@cache
def content_text(root: Path = REPO) -> Content:
    """Every piece of content text the kit holds: YAML models and the book's own pages."""
    catalog, _problems = load_catalog(root)
    models: list[object] = [
        loaded.model
        for group in (catalog.codes, catalog.laws, catalog.cases, catalog.dilemmas, catalog.seminars)
        for loaded in group.values()
    ]
    models += [loaded.model for loaded in (catalog.chapter_reading, catalog.chapter_self_checks) if loaded]
    models += [loaded.model for loaded in catalog.frameworks.values()]
    strings = {" ".join(text.split()) for model in models for text in _strings(model)}
    strings |= {" ".join(text.split()) for text in _strings(catalog.bibliography.__dict__)}
    pieces = [*strings]
    chapters = [page.read_text(encoding="utf-8") for page in sorted((root / "book").rglob("*.md"))]
    pieces += chapters
    # A chapter's headings are whole pieces of content: pages that list chapters show their titles alone.
    strings |= {" ".join(found.split()) for text in chapters for found in _HEADING.findall(text)}
    # A piece of text is compared with its end punctuation stripped ('No reflection.' shows as a
    # table cell whose text is compared as 'No reflection'), so each string is held in that form too.
    whole = frozenset(strings | {text.strip(_PUNCTUATION) for text in strings})
    return Content(whole, "\n".join(" ".join(piece.split()) for piece in pieces))


def kit_element(tag: Tag) -> bool:
    """Whether an element is one of the kit's own: everything the extension writes carries an `ek-`
    class. (The same as the selector `[class^="ek-"], [class*=" ek-"]`, and much quicker.)"""
    return any(name.startswith("ek-") for name in tag.get("class") or ())


Within = str | Callable[[Tag], bool] | None
"""Where in a page to look: elements matching a CSS selector, or for which a function says yes (much
quicker over a whole book than a selector matching attributes), or everywhere (None)."""


def scopes_of(soup: BeautifulSoup, within: Within) -> list[Tag]:
    if within is None:
        return [soup]
    return list(soup.find_all(within)) if callable(within) else list(soup.select(within))


def outermost(scopes: list[Tag]) -> list[Tag]:
    """The scopes not inside another of them: reading these whole reads every one."""
    chosen = {id(scope) for scope in scopes}
    return [scope for scope in scopes if not any(id(parent) in chosen for parent in scope.parents)]


def escaped_text(html: str | BeautifulSoup, within: Within = None, root: Path = REPO) -> list[str]:
    """The pieces of text in `html` (inside the elements `within` names, if given) that are neither
    catalogue messages nor content. A page already parsed is read as it is."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    # Scopes nest (a kit element inside another): each one inside another is read with it.
    scopes = outermost(scopes_of(soup, within))
    corpus = content_text(root)
    escaped: list[str] = []
    for scope in scopes:
        for node in scope.find_all(string=True):
            if isinstance(node, (Comment, Doctype)) or not isinstance(node, NavigableString):
                continue
            if any(parent.name in _SKIPPED for parent in node.parents):
                continue
            escaped += _unmarked(str(node), corpus)
    for scope in scopes:
        for element in scope.find_all(attrs={"aria-label": True}):
            if element.name == "svg" or element.find_parent("svg"):
                continue
            escaped += _unmarked(str(element["aria-label"]), corpus)
    return sorted(set(escaped))


def _unmarked(text: str, corpus: Content) -> list[str]:
    left = []
    text = " ".join(text.split())
    while _MARKED.search(text):
        text = _MARKED.sub(_CUT, text)
    for part in text.split(_CUT):
        part = part.strip(_PUNCTUATION)
        if _LETTERS.search(part) and not corpus.holds(part):
            left.append(part)
    return left
