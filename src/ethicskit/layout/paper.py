"""A layout written as HTML outside the book: for paper (handouts, seminar packs) and for the single-file
dilemma, with docutils' own HTML writer, so the words and their order are the book's.

What the book resolves once every page is read is resolved here from the catalogue: a clause or a
provision reads as its label (what the book's link says), a link to another page as its text, and
folded content is shown open on paper (there is nothing to open) and folded in a single file. Text is
escaped by the writer, so nothing in content becomes markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from docutils.writers.html5_polyglot import HTMLTranslator, Writer
from sphinx import addnodes

from ..catalog import Catalog
from ..models import law_label, provision_label
from .nodes import catalog_ref, clause_ref, depart_folded_html, folded, law_ref, visit_folded_html


def _reference_label(node: clause_ref | law_ref, catalog: Catalog) -> str:
    """What the book's link for a reference says: its explicit title, or the clause's or provision's
    label (short after another of its code or instrument in a row), or the reference itself when the
    catalogue does not know it (the checker reports those)."""
    if node.get("explicit"):
        return str(node.astext())
    ref, short = node["ref"], node.get("short", False)
    if isinstance(node, clause_ref):
        found = catalog.cited(ref)
        if found is None:
            return str(ref)
        return found.short_label if short else found.label
    provision = catalog.resolve_law(ref)
    if provision is None:
        return str(ref)
    return provision_label(provision[1]) if short else law_label(*provision)


def resolve_for_paper(tree: nodes.Node, catalog: Catalog) -> None:
    """Replace, in place, every node only the book can resolve with what a reader sees on paper."""
    for node in list(tree.findall(lambda n: isinstance(n, clause_ref | law_ref))):
        label = _reference_label(node, catalog)
        node.replace_self(nodes.inline(label, label, classes=["ek-ref"]))
    for node in list(tree.findall(lambda n: isinstance(n, catalog_ref | addnodes.pending_xref))):
        text = node.astext()
        # A case's or dilemma's title, which the book sets apart as a link, is set apart on paper as a
        # title (`<cite>`, in italics): "Based on the case Checked at every turn" would otherwise run on.
        title = isinstance(node, catalog_ref)
        node.replace_self(nodes.title_reference(text, text) if title else nodes.inline(text, text))


class _PaperTranslator(HTMLTranslator):  # type: ignore[misc]
    """docutils' HTML5 translator, knowing the one kit node left after `resolve_for_paper`, and the
    data attributes a document asks of an element (`node["html_data"]`, such as the SCORM package's
    `data-lms` on its dilemma)."""

    on_paper = True

    def starttag(
        self, node: nodes.Node, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any
    ) -> str:
        if isinstance(node, nodes.Element):
            for name, value in node.get("html_data", {}).items():
                attributes[f"data-{name}"] = value
        return str(super().starttag(node, tagname, suffix, empty, **attributes))

    def visit_folded(self, node: folded) -> None:
        """On paper, shown open: its summary ('Show the key points…') asks the reader to open something.
        On screen, a `<details>` as in the book."""
        if not self.on_paper:
            visit_folded_html(self, node)

    def depart_folded(self, node: folded) -> None:
        if not self.on_paper:
            depart_folded_html(self, node)


class _ScreenTranslator(_PaperTranslator):
    on_paper = False


def html_of(layout: Iterable[nodes.Node], catalog: Catalog, level: int = 1, on_paper: bool = True) -> str:
    """The HTML of layout nodes, their top sections' titles at heading `level` (h1 for a handout, h2
    for a case inside a seminar pack). `on_paper` False keeps folded content folded, for a document
    read on screen (the single-file dilemma)."""
    settings: Any = get_default_settings(Writer)
    settings.initial_header_level = level
    # No messages from docutils into the page, and none to stderr: the layout is built by the kit.
    settings.report_level = 5
    document = new_document("<layout>", settings)
    document.extend(list(layout))
    resolve_for_paper(document, catalog)
    translator = (_PaperTranslator if on_paper else _ScreenTranslator)(document)
    document.walkabout(translator)
    return "".join(translator.body)
