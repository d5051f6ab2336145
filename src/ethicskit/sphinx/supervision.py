"""The newly qualified social worker's route: each case's PCF domains and supervision questions."""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from .render import bullets, cite, link_to, section


def render_supervision_map(catalog: Catalog) -> list[nodes.Node]:
    """For every case, by title: the PCF domains it evidences, its dilemma, and questions for supervision."""
    dilemmas = {loaded.model.case: loaded.model for loaded in catalog.dilemmas.values()}
    out: list[nodes.Node] = []
    for case_id, loaded in sorted(catalog.cases.items(), key=lambda item: item[1].model.title):
        case = loaded.model
        sec = section(f"asye-{case_id}", case.title, classes=["ek-asye-case"])
        read = nodes.paragraph("", "Read the case: ")
        read += link_to("case", case_id, case.title, f"case-{case_id}")
        dilemma = dilemmas.get(case_id)
        if dilemma is not None:
            read += nodes.Text("; then work through the dilemma ")
            read += link_to("dilemma", dilemma.id, dilemma.title, f"dilemma-{dilemma.id}")
        read += nodes.Text(".")
        sec += read
        domains = nodes.paragraph("", "PCF domains it lets you evidence: ", classes=["ek-asye-pcf"])
        for number, ref in enumerate(case.supervision.pcf):
            if number:
                domains += nodes.Text(", ")
            domains += cite(ref)
        sec += domains
        sec += nodes.paragraph("", "Questions to prepare for supervision:")
        sec += bullets(case.supervision.prompts)
        out.append(sec)
    return out
