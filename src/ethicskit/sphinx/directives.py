"""Directives that embed catalogue content in a page; each notes the YAML it reads as a dependency."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .content import catalog_of, code_pages
from .render import render_case, render_code


class _CatalogDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def _missing(self, kind: str, known: list[str]) -> list[nodes.Node]:
        listed = ", ".join(sorted(known)) or "none"
        raise self.error(f"no {kind} '{self.arguments[0]}' in the catalogue (known: {listed})")


class CaseDirective(_CatalogDirective):
    """Render a whole case: ```{case} case-id```."""

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.cases.get(self.arguments[0])
        if loaded is None:
            return self._missing("case", list(catalog.cases))
        self.env.note_dependency(str(catalog.root / loaded.path))
        for cited in loaded.model.clauses:
            code = catalog.codes.get(cited.ref.partition(":")[0])
            if code is not None:
                self.env.note_dependency(str(catalog.root / code.path))
        config = self.config
        return [render_case(loaded.model, catalog, config.ethicskit_edition, config.ethicskit_support_page)]


class CodeOfPracticeDirective(_CatalogDirective):
    """Render a code's status, scope and every clause with a stable anchor.

    Usage: ```{code-of-practice} swe-2019```.
    """

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.codes.get(self.arguments[0])
        if loaded is None:
            return self._missing("code of practice", list(catalog.codes))
        self.env.note_dependency(str(catalog.root / loaded.path))
        pages = code_pages(self.env)
        other = pages.get(loaded.model.id)
        if other is not None and other != self.env.docname:
            raise self.error(f"the code '{loaded.model.id}' is already shown in full on '{other}'")
        pages[loaded.model.id] = self.env.docname
        return render_code(loaded.model, catalog)


def setup_directives(app: Sphinx) -> None:
    app.add_directive("case", CaseDirective)
    app.add_directive("code-of-practice", CodeOfPracticeDirective)
