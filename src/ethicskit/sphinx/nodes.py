"""The extension's own docutils nodes and how they become HTML (other formats get plain text)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


class clause_ref(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A `{clause}` reference waiting to be resolved into a link once every page has been read."""


class law_ref(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A `{law}` reference waiting to be resolved into a link to the provision's anchor."""


class catalog_ref(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A link to the page showing a case, code or dilemma, resolved once every page has been read."""


class clause_link(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A resolved clause link; HTML shows the clause's paraphrase on hover and on focus."""


def visit_clause_link_html(self: Any, node: clause_link) -> None:
    tip_id = node["tip_id"]
    tip = self.encode(node["tip"])
    note = node.get("tip_note", "")
    if note:
        # Words of a digest not yet translated: English, then the note in the page's language.
        tip = f'<span lang="en">{tip}</span> <span class="ek-in-english">{self.encode(note)}</span>'
    self.body.append(
        f'<span class="ek-clause">'
        f'<a class="reference internal ek-clause-link" href="{self.attval(node["refuri"])}" '
        f'aria-describedby="{tip_id}">{self.encode(node.astext())}</a>'
        f'<span class="ek-tip" role="tooltip" id="{tip_id}">{tip}</span>'
        f"</span>"
    )
    raise nodes.SkipNode


class folded(nodes.General, nodes.Element):  # type: ignore[misc]
    """Content a reader opens when ready: HTML `<details>`, with `summary` as the line to open it by."""


def visit_folded_html(self: Any, node: folded) -> None:
    classes = " ".join(["ek-folded", *node.get("classes", [])])
    self.body.append(f'<details class="{classes}"><summary>{self.encode(node["summary"])}</summary>')


def depart_folded_html(self: Any, node: folded) -> None:
    self.body.append("</details>")


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
