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
from .render import link_to, row, section, table_with_head


def item_anchor(framework_id: str, item_id: str) -> str:
    """The HTML id of an item's row on its framework's page, e.g. `swe-ets-2021-1-1`."""
    return f"{framework_id}-{re.sub(r'[^a-z0-9]+', '-', item_id.lower())}"


def _item_label(item: FrameworkItem) -> str:
    level = f"{item.level}: " if item.level else ""
    return f"{item.id}. {level}{item.title}"


def _unverified(item: FrameworkItem) -> nodes.strong:
    text = f"Unverified: {item.unverified_reason}."
    return nodes.strong(text, text, classes=["ek-unverified"])


def _source(framework: Framework) -> nodes.paragraph:
    para = nodes.paragraph("", "Source: ", classes=["ek-curriculum-source"])
    para += nodes.Text(f"{framework.source_title}, ")
    para += nodes.reference(
        framework.source_url, framework.source_url, refuri=framework.source_url, classes=["ek-official"]
    )
    para += nodes.Text(f"; read on {framework.checked_on.isoformat()}.")
    return para


def _dilemmas_by_case(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for dilemma_id, loaded in sorted(catalog.dilemmas.items()):
        found.setdefault(loaded.model.case, []).append((dilemma_id, loaded.model.title))
    return found


def _material(mapped: MappedOutcome, dilemmas: dict[str, list[tuple[str, str]]]) -> nodes.paragraph:
    """'Case: Title (and its dilemma Title)', linked; then the outcome itself."""
    para = nodes.paragraph("", "", classes=["ek-curriculum-material"])
    para += nodes.Text("Case: " if mapped.kind == "case" else "Seminar: ")
    anchor = f"{mapped.kind}-{mapped.material_id}"
    para += link_to(mapped.kind, mapped.material_id, mapped.material_title, anchor)
    if mapped.kind == "case":
        for dilemma_id, title in dilemmas.get(mapped.material_id, []):
            para += nodes.Text(", rehearsed in the dilemma ")
            para += link_to("dilemma", dilemma_id, title, f"dilemma-{dilemma_id}")
    para += nodes.Text(f". Outcome: {mapped.outcome}")
    return para


def render_curriculum_map(framework: Framework, catalog: Catalog) -> list[nodes.Node]:
    """A framework's page: where it comes from, then one row per item with the material mapped to it."""
    uses = uses_of(catalog)
    dilemmas = _dilemmas_by_case(catalog)
    intro = nodes.container("", classes=["ek-curriculum-framework"], ids=[f"framework-{framework.id}"])
    intro += nodes.paragraph(
        "", f"{framework.title}. Issued by {framework.issuer}; version: {framework.version}."
    )
    intro += nodes.paragraph("", f"Who is judged against it: {framework.applies_to}")
    intro += _source(framework)
    intro += nodes.paragraph("", f"What was read: {framework.notes}", classes=["ek-muted"])
    table, body = table_with_head(
        "ek-curriculum-map", ["Item", "What it asks (in the kit's words)", "Material"], [22, 38, 40]
    )
    for item in framework.items:
        label = nodes.paragraph("", _item_label(item))
        asks = nodes.paragraph("", item.paraphrase)
        if not item.verified:
            asks += nodes.Text(" ")
            asks += _unverified(item)
        materials = nodes.container("")
        mapped = uses.get(f"{framework.id}:{item.id}", [])
        for each in mapped:
            materials += _material(each, dilemmas)
        if not mapped:
            materials += nodes.paragraph("", "Nothing in the kit is mapped to this item yet.")
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
    text = f"{framework.short_title} {_item_label(item)}"
    para += link_to("framework", framework.id, text, item_anchor(framework.id, item.id))
    if not item.verified:
        para += nodes.Text(" ")
        para += nodes.strong("(unverified)", "(unverified)", classes=["ek-unverified"])
    return para


def render_outcome_finder(catalog: Catalog) -> list[nodes.Node]:
    """Every mapped outcome with its material and the items it serves, grouped by material; then, per
    framework, the items that have material, so a lecturer can go either way."""
    dilemmas = _dilemmas_by_case(catalog)
    by_material = section("curriculum-by-material", "What each case and seminar maps to")
    table, body = table_with_head(
        "ek-curriculum-by-material", ["Material and outcome", "Framework items"], [55, 45]
    )
    for mapped in mapped_outcomes(catalog):
        items = nodes.container("")
        for ref in mapped.items:
            items += _item_link(ref, catalog)
        body += row([_material(mapped, dilemmas), items])
    by_material += table
    by_item = section("curriculum-by-item", "Find material for a framework item")
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
            entry += nodes.bullet_list("", *[nodes.list_item("", _material(m, dilemmas)) for m in serving])
            listing += entry
        if not listing.children:
            listing += nodes.list_item("", nodes.paragraph("", "Nothing in the kit is mapped to it yet."))
        group += listing
        by_item += group
    return [by_item, by_material]
