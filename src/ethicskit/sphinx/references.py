"""Resolve `{clause}` and `{law}` references into links to the clause's or provision's anchor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..layout.blocks import clause_in_english, provision_in_english
from ..layout.nodes import catalog_ref, clause_ref, law_ref
from ..models import clause_anchor, law_label, provision_label
from ..words import _
from .content import catalog_of, page_key, pages
from .nodes import clause_link

logger = logging.getLogger(__name__)


def _warn(node: nodes.Node, message: str, code: str) -> None:
    logger.warning(f"{message} [{code}]", location=node, type="ethicskit", subtype=code)


@dataclass(frozen=True)
class _Target:
    """Where a resolved reference points, and what its tooltip says."""

    text: str
    short_text: str
    """What it says after another of its code or instrument in a row (see `layout.blocks.in_a_row`)."""
    page_key: str
    no_page: str  # the warning when no page shows the code or instrument
    no_page_code: str
    anchor: str | None
    tip: str
    tip_in_english: bool = False
    """Whether the tooltip quotes a digest not yet translated into the page's language."""


class _ResolveTooltipReferences(SphinxPostTransform):
    """One loop for `{clause}` and `{law}`: an unknown reference or a missing page is a located
    warning (so `-W` fails the build), and a found one becomes a link with its paraphrase as a tooltip."""

    default_priority = 10
    node_class: type[nodes.Element]
    tip_prefix: str

    def lookup(self, ref: str, explicit_text: str | None) -> _Target | tuple[str, str]:
        """The target, or (message, code) for a reference that names nothing."""
        raise NotImplementedError

    def run(self, **kwargs: Any) -> None:
        registry = pages(self.env)
        for number, node in enumerate(self.document.findall(self.node_class)):
            ref = node["ref"]
            found = self.lookup(ref, node.astext() if node["explicit"] else None)
            if isinstance(found, tuple):
                _warn(node, *found)
                node.replace_self(nodes.literal(ref, ref))
                continue
            page = registry.get(found.page_key)
            if page is None:
                _warn(node, found.no_page, found.no_page_code)
                node.replace_self(nodes.inline(found.text, found.text))
                continue
            uri = self.app.builder.get_relative_uri(self.env.docname, page)
            if found.anchor:
                uri += "#" + found.anchor
            tip_id = f"{self.tip_prefix}-{number}"
            short = bool(node.get("short")) and found.short_text != found.text
            text = found.short_text if short else found.text
            # Marked and noted in the page's language, as every list of items is (render.item_text).
            note = _("(in English)") if found.tip_in_english else ""
            link = clause_link(text, text, refuri=uri, tip=found.tip, tip_id=tip_id, tip_note=note)
            if short:
                link["full_label"] = found.text
            link.source, link.line = node.source, node.line
            node.replace_self(link)


class ResolveClauseReferences(_ResolveTooltipReferences):
    """Turn every pending clause reference into a link with its paraphrase, or warn."""

    node_class = clause_ref
    tip_prefix = "ek-tip"

    def lookup(self, ref: str, explicit_text: str | None) -> _Target | tuple[str, str]:
        found = catalog_of(self.env).cited(ref)
        if found is None:
            code_id = ref.partition(":")[0]
            message = (
                f"clause '{ref}' is not in the catalogue; list clause ids with 'ethicskit clauses {code_id}'"
            )
            return message, "unknown-clause"
        code = found.code
        return _Target(
            text=explicit_text or found.label,
            short_text=explicit_text or found.short_label,
            page_key=page_key("code", code.id),
            no_page=f"clause '{ref}' is cited but no page shows the code '{code.id}'; add a "
            f"'{{code-of-practice}} {code.id}' directive to a page",
            no_page_code="no-code-page",
            anchor=clause_anchor(ref) if found.clause is not None else None,
            tip=found.text,
            tip_in_english=clause_in_english(catalog_of(self.env), found),
        )


class ResolveLawReferences(_ResolveTooltipReferences):
    """Turn every pending provision reference into a link with its paraphrase, or warn."""

    node_class = law_ref
    tip_prefix = "ek-law-tip"

    def lookup(self, ref: str, explicit_text: str | None) -> _Target | tuple[str, str]:
        found = catalog_of(self.env).resolve_law(ref)
        if found is None:
            instrument_id = ref.partition(":")[0]
            message = (
                f"provision '{ref}' is not in law/; list an instrument's provisions with "
                f"'ethicskit law {instrument_id}'"
            )
            return message, "unknown-provision"
        instrument, provision = found
        tip = (
            _("{heading}: {text}", heading=provision.heading_label, text=provision.paraphrase)
            if provision.verified is not None
            else _(
                "{heading}: {text} (Not yet checked against the official text.)",
                heading=provision.heading_label,
                text=provision.paraphrase,
            )
        )
        return _Target(
            text=explicit_text or law_label(instrument, provision),
            short_text=explicit_text or provision_label(provision),
            page_key=page_key("law", instrument.id),
            no_page=f"provision '{ref}' is cited but no page shows '{instrument.id}'; add a "
            f"'{{law-digest}} {instrument.id}' directive to a page",
            no_page_code="no-law-page",
            anchor=clause_anchor(f"{instrument.id}:{provision.number}"),
            tip=tip,
            tip_in_english=provision_in_english(catalog_of(self.env), instrument, provision),
        )


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
