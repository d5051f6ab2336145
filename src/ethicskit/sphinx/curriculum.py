"""Curriculum map pages: per framework, each item and the material that serves it; and a finder that
lists, per material, the items its outcomes are mapped to.

A lecturer scans these for a module handbook, so every row links to the case, dilemma or seminar, and
an item whose wording the kit could not read says so in words beside it, never only in a colour.
"""

from __future__ import annotations

import re

from docutils import nodes

from ..catalog import Catalog
from ..curriculum import Framework, FrameworkItem, MappedOutcome, mapped_outcomes, resolve_item, uses_of
from ..layout.blocks import item_link, link_to, row, section, sentence_nodes, table_with_head
from ..words import _, current


def item_anchor(framework_id: str, item_id: str) -> str:
    """The HTML id of an item's row on its framework's page, e.g. `swe-ets-2021-1-1`."""
    return f"{framework_id}-{re.sub(r'[^a-z0-9]+', '-', item_id.lower())}"


def _item_label(item: FrameworkItem, prefix: str = "", title: nodes.Node | None = None) -> list[nodes.Node]:
    """The item's number, level and title as one message (their order and punctuation are interface
    words); `title` replaces the title's text, e.g. with a link to the item."""
    values = {"framework": prefix, "number": item.id, "level": item.level or "", "title": "{title}"}
    if prefix and item.level:
        message = _("{framework} {number}. {level}: {title}", **values)
    elif item.level:
        message = _("{number}. {level}: {title}", **values)
    elif prefix:
        message = _("{framework} {number}. {title}", **values)
    else:
        message = _("{number}. {title}", **values)
    return sentence_nodes(message, title=title if title is not None else nodes.Text(item.title))


def _unverified(item: FrameworkItem) -> nodes.strong:
    text = _("Unverified: {reason}.", reason=item.unverified_reason)
    return nodes.strong(text, text, classes=["ek-unverified"])


def _source(framework: Framework) -> nodes.paragraph:
    para = nodes.paragraph("", "", classes=["ek-curriculum-source"])
    para += nodes.Text(_("Source: {title}", title=framework.source_title) + " ")
    para += nodes.reference(
        framework.source_url, framework.source_url, refuri=framework.source_url, classes=["ek-official"]
    )
    para += nodes.Text(" " + _("(read on {date})", date=current().date(framework.checked_on)))
    return para


def _dilemmas_by_case(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for dilemma_id, loaded in sorted(catalog.dilemmas.items()):
        found.setdefault(loaded.model.case, []).append((dilemma_id, loaded.model.title))
    return found


def _material(
    mapped: MappedOutcome, dilemmas: dict[str, list[tuple[str, str]]], catalog: Catalog
) -> nodes.container:
    """'Case: Title · Dilemma: Title', linked; then the outcome itself on its own line."""
    box = nodes.container("", classes=["ek-curriculum-material"])
    line = nodes.paragraph("", "")
    line += nodes.strong("", _("Case:") if mapped.kind == "case" else _("Seminar:"))
    line += nodes.Text(" ")
    anchor = f"{mapped.kind}-{mapped.material_id}"
    line += item_link(catalog, mapped.kind, mapped.material_id, mapped.material_title, anchor)
    if mapped.kind == "case":
        for dilemma_id, title in dilemmas.get(mapped.material_id, []):
            line += nodes.Text(" \u00b7 ")
            line += nodes.strong("", _("Dilemma rehearsing it:"))
            line += nodes.Text(" ")
            line += item_link(catalog, "dilemma", dilemma_id, title, f"dilemma-{dilemma_id}")
    box += line
    box += nodes.paragraph(
        "", _("Outcome: {outcome}", outcome=mapped.outcome), classes=["ek-curriculum-outcome"]
    )
    return box


def render_curriculum_map(framework: Framework, catalog: Catalog) -> list[nodes.Node]:
    """A framework's page: where it comes from, then one row per item with the material mapped to it."""
    uses = uses_of(catalog)
    dilemmas = _dilemmas_by_case(catalog)
    intro = nodes.container("", classes=["ek-curriculum-framework"], ids=[f"framework-{framework.id}"])
    intro += nodes.paragraph("", framework.title)
    intro += nodes.paragraph(
        "", _("Issued by {issuer}; version: {version}.", issuer=framework.issuer, version=framework.version)
    )
    intro += nodes.paragraph("", _("Who is judged against it: {who}", who=framework.applies_to))
    intro += _source(framework)
    intro += nodes.paragraph("", _("What was read: {notes}", notes=framework.notes), classes=["ek-muted"])
    table, body = table_with_head(
        "ek-curriculum-map", [_("Item"), _("What it asks (in the kit's words)"), _("Material")], [22, 38, 40]
    )
    for item in framework.items:
        label = nodes.paragraph("", "", *_item_label(item))
        asks = nodes.paragraph("", item.paraphrase)
        if not item.verified:
            asks += nodes.Text(" ")
            asks += _unverified(item)
        materials = nodes.container("")
        mapped = uses.get(f"{framework.id}:{item.id}", [])
        for each in mapped:
            materials += _material(each, dilemmas, catalog)
        if not mapped:
            materials += nodes.paragraph("", _("Nothing in the kit is mapped to this item yet."))
        built = row([label, asks, materials])
        built["ids"] = [item_anchor(framework.id, item.id)]
        body += built
    return [intro, table]


def _item_link(ref: str, catalog: Catalog) -> nodes.paragraph:
    para = nodes.paragraph("", "")
    found = resolve_item(ref, catalog)
    if found is None:  # the checker reports unknown items; a page shows what it can
        para += nodes.Text(ref)
        return para
    framework, item = found
    link = link_to("framework", framework.id, item.title, item_anchor(framework.id, item.id))
    para.extend(_item_label(item, framework.short_title, title=link))
    if not item.verified:
        para += nodes.Text(" ")
        para += nodes.strong("", _("(unverified)"), classes=["ek-unverified"])
    return para


def render_outcome_finder(catalog: Catalog) -> list[nodes.Node]:
    """Every mapped outcome with its material and the items it serves, grouped by material; then, per
    framework, the items that have material, so a lecturer can go either way."""
    dilemmas = _dilemmas_by_case(catalog)
    by_material = section("curriculum-by-material", _("What each case and seminar maps to"))
    table, body = table_with_head(
        "ek-curriculum-by-material", [_("Material and outcome"), _("Framework items")], [55, 45]
    )
    for mapped in mapped_outcomes(catalog):
        items = nodes.container("")
        for ref in mapped.items:
            items += _item_link(ref, catalog)
        body += row([_material(mapped, dilemmas, catalog), items])
    by_material += table
    by_item = section("curriculum-by-item", _("Find material for a framework item"))
    uses = uses_of(catalog)
    for framework_id, loaded in sorted(catalog.frameworks.items()):
        framework = loaded.model
        group = section(f"curriculum-find-{framework_id}", framework.title)
        group += _source(framework)
        listing = nodes.bullet_list()
        for item in framework.items:
            serving = uses.get(f"{framework_id}:{item.id}", [])
            if not serving:
                continue
            entry = nodes.list_item()
            entry += _item_link(f"{framework_id}:{item.id}", catalog)
            entry += nodes.bullet_list(
                "", *[nodes.list_item("", _material(m, dilemmas, catalog)) for m in serving]
            )
            listing += entry
        if not listing.children:
            listing += nodes.list_item("", nodes.paragraph("", _("Nothing in the kit is mapped to it yet.")))
        group += listing
        by_item += group
    return [by_item, by_material]
