"""The `{clause}` and `{law}` roles: ``{clause}`swe-2019:6.5` ``, ``{law}`care-act-2014:42` ``, or with
text of one's own, ``{law}`the enquiry duty <care-act-2014:42>` ``."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from ..layout.nodes import clause_ref, law_ref

_EXPLICIT = re.compile(r"^(?P<text>.+?)\s*<(?P<ref>[^<>]+)>$", re.DOTALL)


class ClauseRole(SphinxRole):
    """Cite a clause; the link and its paraphrase are filled in once every page has been read."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        match = _EXPLICIT.match(self.text)
        ref = (match.group("ref") if match else self.text).strip()
        text = match.group("text") if match else ""
        node = clause_ref(self.rawtext, text, ref=ref, explicit=bool(match))
        self.set_source_info(node)
        return [node], []


class LawRole(SphinxRole):
    """Cite a provision of law; the link and its paraphrase are filled in once every page has been read."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        match = _EXPLICIT.match(self.text)
        ref = (match.group("ref") if match else self.text).strip()
        text = match.group("text") if match else ""
        node = law_ref(self.rawtext, text, ref=ref, explicit=bool(match))
        self.set_source_info(node)
        return [node], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("clause", ClauseRole())
    app.add_role("law", LawRole())


__all__ = ["ClauseRole", "nodes"]
