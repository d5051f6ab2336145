"""The kit's own docutils nodes, shared by every output that writes a layout.

How each becomes HTML in the book is registered in `sphinx/nodes.py`; on paper, `paper.py` resolves
the references to their labels and shows folded content open.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class clause_ref(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A `{clause}` reference waiting to be resolved into a link once every page has been read."""


class law_ref(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A `{law}` reference waiting to be resolved into a link to the provision's anchor."""


class catalog_ref(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A link to the page showing a case, code or dilemma, resolved once every page has been read."""


class folded(nodes.General, nodes.Element):  # type: ignore[misc]
    """Content a reader opens when ready: HTML `<details>`, with `summary` as the line to open it by."""


def visit_folded_html(self: Any, node: folded) -> None:
    """Opened by the reader: a `<details>` with the node's `summary` as the line to open it by. The
    book's HTML builder and the single-file dilemma's writer both write it so."""
    classes = " ".join(["ek-folded", *node.get("classes", [])])
    self.body.append(f'<details class="{classes}"><summary>{self.encode(node["summary"])}</summary>')


def depart_folded_html(self: Any, node: folded) -> None:
    self.body.append("</details>")
