"""The index of seminar plans, a page of the book only; each plan's layout is `layout/seminar.py`."""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from ..layout.blocks import Part, item_link, item_text, joined, row, sentence_nodes, table_with_head
from ..layout.seminar import minutes
from ..words import _


def render_seminars_index(catalog: Catalog) -> list[nodes.Node]:
    """A table of every seminar plan: title, who it is for, length and what it uses."""
    headings = [_("Seminar"), _("For"), _("Length"), _("Uses")]
    table, body = table_with_head("ek-seminars-index", headings, (3, 3, 1, 4))
    for _key, loaded in sorted(catalog.seminars.items(), key=lambda item: item[1].model.title):
        seminar = loaded.model
        title = nodes.paragraph()
        title += item_link(catalog, "seminar", seminar.id, seminar.title, f"seminar-{seminar.id}")
        uses: list[Part] = [
            item_text(catalog, "case", case_id, nodes.Text(catalog.cases[case_id].model.title))
            for case_id in seminar.materials.cases
        ]
        uses += [
            sentence_nodes(
                _("dilemma: {title}"),
                title=item_text(catalog, "dilemma", d, nodes.Text(catalog.dilemmas[d].model.title)),
            )
            for d in seminar.materials.dilemmas
        ]
        if seminar.materials.worksheet:
            uses.append(nodes.Text(_("worksheet")))
        audience = _("; ").join(item.label for item in seminar.audience)
        used = nodes.paragraph("", "", *joined(uses, _("; ")))
        body += row([title, audience, minutes(seminar.duration_minutes), used])
    if not catalog.seminars:
        return [nodes.paragraph(text=_("No seminar plans yet: add one under exercises/seminars/."))]
    return [table]
