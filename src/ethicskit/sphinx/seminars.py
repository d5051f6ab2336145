"""Seminar plans as pages: what students need in every edition, the running notes in the lecturer's."""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from ..models import Seminar
from .render import bullets, cite, field_list, link_to, paragraphs, row, section, table_with_head


def minutes(count: int) -> str:
    return "1 minute" if count == 1 else f"{count} minutes"


def _refs(label: str, refs: list[str]) -> nodes.paragraph:
    para = nodes.paragraph("", f"{label}: ", classes=["ek-outcome-refs"])
    for number, ref in enumerate(refs):
        if number:
            para += nodes.Text(", ")
        para += cite(ref)
    return para


def _materials(seminar: Seminar, catalog: Catalog) -> list[nodes.Node]:
    items: list[nodes.Node] = []
    for case_id in seminar.materials.cases:
        para = nodes.paragraph("", "Case: ")
        para += link_to("case", case_id, catalog.cases[case_id].model.title, f"case-{case_id}")
        items.append(para)
    for dilemma_id in seminar.materials.dilemmas:
        para = nodes.paragraph("", "Dilemma: ")
        para += link_to(
            "dilemma", dilemma_id, catalog.dilemmas[dilemma_id].model.title, f"dilemma-{dilemma_id}"
        )
        items.append(para)
    if seminar.materials.worksheet:
        para = nodes.paragraph("", "The ")
        para += link_to("worksheet", "worksheet", "ethical-reasoning worksheet")
        para += nodes.Text(", one per student or group")
        items.append(para)
    items += [nodes.paragraph(item, item) for item in seminar.materials.other]
    return [bullets(items)]


def _timeline(seminar: Seminar, lecturer: bool) -> nodes.table:
    """Start and end minute of each activity; the lecturer edition adds what happens in it."""
    headings = ["When", "Activity"] + (["What happens"] if lecturer else [])
    table, body = table_with_head("ek-timeline", headings, (1, 2, 5)[: len(headings)])
    start = 0
    for activity in seminar.timeline:
        end = start + activity.minutes
        cells: list[str | nodes.Node] = [f"{start}\N{EN DASH}{end} min", activity.title]
        if lecturer:
            cells.append(nodes.container("", *paragraphs(activity.what_happens)))
        body += row(cells)
        start = end
    return table


def render_seminar(seminar: Seminar, catalog: Catalog, lecturer: bool, pack_uri: str) -> nodes.section:
    """A seminar plan; lecturer-only fields are left out of the student edition's doctree entirely."""
    ident = f"seminar-{seminar.id}"
    root = nodes.section(ids=[ident], classes=["ek-seminar"])
    root += nodes.title(seminar.title, seminar.title)
    root += paragraphs(seminar.summary, classes=["ek-summary"])
    pack = nodes.paragraph("", "", classes=["ek-download"])
    label = "Printable seminar pack" + (" (lecturer's copy)" if lecturer else "")
    pack += nodes.reference(label, label, refuri=pack_uri)
    pack += nodes.Text(
        ": the plan, its cases and its dilemmas on one print-ready page. Print it, or save it as PDF."
    )
    root += pack
    root += field_list(
        [
            ("For", "; ".join(audience.label for audience in seminar.audience)),
            ("Length", minutes(seminar.duration_minutes)),
        ]
    )
    outcomes = []
    for outcome in seminar.learning_outcomes:
        item = nodes.container("", nodes.paragraph(outcome.outcome, outcome.outcome), classes=["ek-outcome"])
        item += _refs("Professional Capabilities Framework", outcome.pcf)
        item += _refs("Professional standards", outcome.standards)
        outcomes.append(item)
    root += section(f"{ident}-outcomes", "Learning outcomes", bullets(outcomes))
    root += section(f"{ident}-preparation", "Before the session", *paragraphs(seminar.preparation))
    root += section(f"{ident}-materials", "Materials", *_materials(seminar, catalog))
    root += section(f"{ident}-timeline", "How the session runs", _timeline(seminar, lecturer))
    root += section(f"{ident}-ground-rules", "Ground rules", bullets(seminar.ground_rules))
    root += section(f"{ident}-care", "Looking after yourself and each other", *paragraphs(seminar.care))
    root += section(f"{ident}-follow-up", "After the session", *paragraphs(seminar.follow_up))
    if lecturer:
        for suffix, heading, text in (
            ("facilitation", "Facilitation notes", seminar.facilitation_notes),
            ("debrief", "Debrief", seminar.debrief),
            ("online", "Running it online", seminar.variations.online),
            ("large-group", "Running it with a large group", seminar.variations.large_group),
        ):
            root += section(f"{ident}-{suffix}", heading, *paragraphs(text), classes=["ek-instructor-notes"])
    return root


def render_seminars_index(catalog: Catalog) -> list[nodes.Node]:
    """A table of every seminar plan: title, who it is for, length and what it uses."""
    table, body = table_with_head("ek-seminars-index", ["Seminar", "For", "Length", "Uses"], (3, 3, 1, 4))
    for _, loaded in sorted(catalog.seminars.items(), key=lambda item: item[1].model.title):
        seminar = loaded.model
        title = nodes.paragraph()
        title += link_to("seminar", seminar.id, seminar.title, f"seminar-{seminar.id}")
        uses = [catalog.cases[case_id].model.title for case_id in seminar.materials.cases]
        uses += [f"dilemma: {catalog.dilemmas[d].model.title}" for d in seminar.materials.dilemmas]
        if seminar.materials.worksheet:
            uses.append("worksheet")
        audience = "; ".join(item.label for item in seminar.audience)
        body += row([title, audience, minutes(seminar.duration_minutes), "; ".join(uses)])
    if not catalog.seminars:
        return [nodes.paragraph(text="No seminar plans yet: add one under exercises/seminars/.")]
    return [table]
