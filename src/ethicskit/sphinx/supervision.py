"""The newly qualified social worker's route: the first year in each nation, then each case's questions.

Cases are grouped by the nation they are set in, because what the first year is called, who sets it and
what it is judged against differ by nation (see `first_year`). The PCF is England's framework: cases set
elsewhere still name domains, but the page says they are a lens for reflection there, not a requirement.
"""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from ..first_year import SCHEMES, FirstYearScheme, scheme_for
from ..models import Case, Jurisdiction
from .render import bullets, cite, link_to, row, section, table_with_head

NATION_ORDER = (
    Jurisdiction.ENGLAND,
    Jurisdiction.SCOTLAND,
    Jurisdiction.WALES,
    Jurisdiction.NORTHERN_IRELAND,
)
NATION_NAMES = {
    Jurisdiction.ENGLAND: "England",
    Jurisdiction.SCOTLAND: "Scotland",
    Jurisdiction.WALES: "Wales",
    Jurisdiction.NORTHERN_IRELAND: "Northern Ireland",
}


def scheme_anchor(scheme: FirstYearScheme) -> str:
    return f"first-year-{scheme.key}"


def _source(scheme: FirstYearScheme) -> nodes.paragraph:
    para = nodes.paragraph("", "Source: ", classes=["ek-first-year-source"])
    para += nodes.Text(f"{scheme.source_title}, ")
    para += nodes.reference(
        scheme.source_url, scheme.source_url, refuri=scheme.source_url, classes=["ek-official"]
    )
    para += nodes.Text(f"; checked {scheme.checked_on}.")
    if not scheme.verified:
        para += nodes.Text(" ")
        para += nodes.strong("", f"Unverified: {scheme.unverified_reason}.", classes=["ek-unverified"])
    return para


def render_first_year_schemes() -> list[nodes.Node]:
    """One row per nation (England split by service): the scheme, who sets it, what it is judged against."""
    table, body = table_with_head(
        "ek-first-year",
        ["Where you practise", "Your first year", "Set by", "Judged against"],
        [16, 22, 22, 40],
    )
    for scheme in SCHEMES:
        where = nodes.paragraph("", "")
        where += nodes.reference("", scheme.heading, refid=scheme_anchor(scheme))
        body += row([where, scheme.name, scheme.set_by, scheme.judged_against])
    out: list[nodes.Node] = [table]
    for scheme in SCHEMES:
        box = section(scheme_anchor(scheme), scheme.heading, classes=["ek-first-year-scheme"])
        box += nodes.paragraph(
            "", f"{scheme.name}, set by {scheme.set_by}. Judged against {scheme.judged_against}."
        )
        box += nodes.paragraph("", scheme.what_changes)
        box += _source(scheme)
        out.append(box)
    return out


def _case_entry(case_id: str, case: Case, dilemma_ids: dict[str, tuple[str, str]]) -> nodes.section:
    sec = section(f"asye-{case_id}", case.title, classes=["ek-asye-case"])
    read = nodes.paragraph("", "Read the case: ")
    read += link_to("case", case_id, case.title, f"case-{case_id}")
    if case_id in dilemma_ids:
        dilemma_id, dilemma_title = dilemma_ids[case_id]
        read += nodes.Text("; then work through the dilemma ")
        read += link_to("dilemma", dilemma_id, dilemma_title, f"dilemma-{dilemma_id}")
    read += nodes.Text(".")
    sec += read
    scheme = scheme_for(case.setting.jurisdiction, case.setting.service)
    if scheme is not None:
        first_year = nodes.paragraph("", "Your first year in this setting: ", classes=["ek-asye-scheme"])
        first_year += nodes.reference("", scheme.name, refid=scheme_anchor(scheme))
        first_year += nodes.Text(".")
        sec += first_year
    england = case.setting.jurisdiction is Jurisdiction.ENGLAND
    label = (
        "PCF domains it helps you reflect on: "
        if england
        else "PCF domains it helps you reflect on (England's framework, used here only as a lens): "
    )
    domains = nodes.paragraph("", label, classes=["ek-asye-pcf"])
    for number, ref in enumerate(case.supervision.pcf):
        if number:
            domains += nodes.Text(", ")
        domains += cite(ref)
    sec += domains
    sec += nodes.paragraph("", "Questions to prepare for supervision:")
    sec += bullets(case.supervision.prompts)
    return sec


def render_supervision_map(catalog: Catalog) -> list[nodes.Node]:
    """Every case, grouped by the nation it is set in, then by title: its first-year scheme,
    the PCF domains it helps a worker reflect on, its dilemma, and questions for supervision."""
    dilemma_ids = {
        loaded.model.case: (loaded.model.id, loaded.model.title) for loaded in catalog.dilemmas.values()
    }
    by_nation: dict[Jurisdiction, list[tuple[str, Case]]] = {}
    for case_id, loaded in catalog.cases.items():
        by_nation.setdefault(loaded.model.setting.jurisdiction, []).append((case_id, loaded.model))
    out: list[nodes.Node] = []
    nations = [n for n in NATION_ORDER if n in by_nation] + sorted(set(by_nation) - set(NATION_ORDER))
    for nation in nations:
        name = NATION_NAMES.get(nation, nation.value.replace("-", " ").title())
        group = section(f"asye-nation-{nation.value}", f"Cases set in {name}", classes=["ek-asye-nation"])
        for case_id, case in sorted(by_nation[nation], key=lambda item: item[1].title):
            group += _case_entry(case_id, case, dilemma_ids)
        out.append(group)
    return out
