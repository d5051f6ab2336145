"""How the kit's nodes become HTML in the book (other formats get plain text), and the resolved clause
link, which only the book has. The nodes a layout is written with are in `layout/nodes.py`."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..layout.nodes import depart_folded_html, folded, visit_folded_html


class clause_link(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A resolved clause link; HTML shows the clause's paraphrase on hover and on focus. A short link
    ('4.5', after another clause of its code in a row) carries its full label (`full_label`) for a screen
    reader's list of links, where it is read out of its sentence."""


def visit_clause_link_html(self: Any, node: clause_link) -> None:
    tip_id = node["tip_id"]
    tip = self.encode(node["tip"])
    note = node.get("tip_note", "")
    if note:
        # Words of a digest not yet translated: English, then the note in the page's language.
        tip = f'<span lang="en">{tip}</span> <span class="ek-in-english">{self.encode(note)}</span>'
    name = f' aria-label="{self.attval(node["full_label"])}"' if node.get("full_label") else ""
    self.body.append(
        f'<span class="ek-clause">'
        f'<a class="reference internal ek-clause-link" href="{self.attval(node["refuri"])}"{name} '
        f'aria-describedby="{tip_id}">{self.encode(node.astext())}</a>'
        f'<span class="ek-tip" role="tooltip" id="{tip_id}">{tip}</span>'
        f"</span>"
    )
    raise nodes.SkipNode


def visit_clause_link_text(self: Any, node: clause_link) -> None:
    """Non-HTML builders: the link text alone."""


def depart_clause_link_text(self: Any, node: clause_link) -> None:
    """Nothing to close."""


def setup_nodes(app: Sphinx) -> None:
    plain = (visit_clause_link_text, depart_clause_link_text)
    app.add_node(
        clause_link,
        html=(visit_clause_link_html, None),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    # Other builders show folded content as it is: there is nothing to open on paper.
    app.add_node(
        folded,
        html=(visit_folded_html, depart_folded_html),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
