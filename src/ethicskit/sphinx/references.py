"""Resolve `{clause}` and `{law}` references into links to the clause's or provision's anchor."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..models import clause_anchor, law_label
from .content import catalog_of, page_key, pages
from .nodes import catalog_ref, clause_link, clause_ref, law_ref

logger = logging.getLogger(__name__)


class ResolveClauseReferences(SphinxPostTransform):
    """Turn every pending clause reference into a link with its paraphrase, or warn."""

    default_priority = 10

    def run(self, **kwargs: Any) -> None:
        catalog = catalog_of(self.env)
        registry = pages(self.env)
        for number, node in enumerate(self.document.findall(clause_ref)):
            ref = node["ref"]
            found = catalog.cited(ref)
            if found is None:
                logger.warning(
                    f"clause '{ref}' is not in the catalogue; list clause ids with "
                    f"'ethicskit clauses {ref.partition(':')[0]}' [unknown-clause]",
                    location=node,
                    type="ethicskit",
                    subtype="unknown-clause",
                )
                node.replace_self(nodes.literal(ref, ref))
                continue
            code = found.code
            text = node.astext() if node["explicit"] else found.label
            page = registry.get(page_key("code", code.id))
            if page is None:
                logger.warning(
                    f"clause '{ref}' is cited but no page shows the code '{code.id}'; add a "
                    f"'{{code-of-practice}} {code.id}' directive to a page [no-code-page]",
                    location=node,
                    type="ethicskit",
                    subtype="no-code-page",
                )
                node.replace_self(nodes.inline(text, text))
                continue
            uri = self.app.builder.get_relative_uri(self.env.docname, page)
            if found.clause is not None:
                uri += "#" + clause_anchor(ref)
            link = clause_link(text, text, refuri=uri, tip=found.text, tip_id=f"ek-tip-{number}")
            link.source, link.line = node.source, node.line
            node.replace_self(link)


class ResolveLawReferences(SphinxPostTransform):
    """Turn every pending provision reference into a link with its paraphrase, or warn."""

    default_priority = 10

    def run(self, **kwargs: Any) -> None:
        catalog = catalog_of(self.env)
        registry = pages(self.env)
        for number, node in enumerate(self.document.findall(law_ref)):
            ref = node["ref"]
            found = catalog.resolve_law(ref)
            if found is None:
                logger.warning(
                    f"provision '{ref}' is not in law/; list an instrument's provisions with "
                    f"'ethicskit law {ref.partition(':')[0]}' [unknown-provision]",
                    location=node,
                    type="ethicskit",
                    subtype="unknown-provision",
                )
                node.replace_self(nodes.literal(ref, ref))
                continue
            instrument, provision = found
            text = node.astext() if node["explicit"] else law_label(instrument, provision)
            page = registry.get(page_key("law", instrument.id))
            if page is None:
                logger.warning(
                    f"provision '{ref}' is cited but no page shows '{instrument.id}'; add a "
                    f"'{{law-digest}} {instrument.id}' directive to a page [no-law-page]",
                    location=node,
                    type="ethicskit",
                    subtype="no-law-page",
                )
                node.replace_self(nodes.inline(text, text))
                continue
            anchor = clause_anchor(f"{instrument.id}:{provision.number}")
            uri = self.app.builder.get_relative_uri(self.env.docname, page) + "#" + anchor
            tip = f"{provision.heading}: {provision.paraphrase}"
            if provision.verified is None:
                tip += " (Not yet checked against the official text.)"
            link = clause_link(text, text, refuri=uri, tip=tip, tip_id=f"ek-law-tip-{number}")
            link.source, link.line = node.source, node.line
            node.replace_self(link)


class ResolveCatalogReferences(SphinxPostTransform):
    """Turn links to cases, codes and dilemmas into links to the pages that show them, or warn."""

    default_priority = 10

    def run(self, **kwargs: Any) -> None:
        registry = pages(self.env)
        for node in list(self.document.findall(catalog_ref)):
            key = node["key"]
            page = registry.get(key)
            text = node.astext()
            if page is None:
                kind, _, item_id = key.partition(":")
                logger.warning(
                    f"no page shows the {kind} '{item_id}'; add a '{{{kind}}} {item_id}' directive "
                    "to a page listed in _toc.yml [no-page]",
                    location=node,
                    type="ethicskit",
                    subtype="no-page",
                )
                node.replace_self(nodes.inline(text, text))
                continue
            uri = self.app.builder.get_relative_uri(self.env.docname, page)
            if node.get("anchor"):
                uri += "#" + node["anchor"]
            reference = nodes.reference(text, text, refuri=uri, internal=True, classes=["ek-catalog-link"])
            node.replace_self(reference)
