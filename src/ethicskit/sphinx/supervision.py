"""The newly qualified social worker's route: the first year in each nation, then each case's questions.

Cases are grouped by the nation they are set in, because what the first year is called, who sets it and
what it is judged against differ by nation (see `first_year`). The PCF is England's framework: cases set
elsewhere still name domains, but the page says they are a lens for reflection there, not a requirement.
"""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from ..first_year import FirstYearScheme, scheme_for, schemes
from ..layout.blocks import (
    bullets,
    closes_a_sentence,
    in_a_row,
    item_link,
    item_text,
    row,
    section,
    sentence,
    table_with_head,
)
from ..models import Case, Jurisdiction
from ..words import _

NATION_ORDER = (
    Jurisdiction.ENGLAND,
    Jurisdiction.SCOTLAND,
    Jurisdiction.WALES,
    Jurisdiction.NORTHERN_IRELAND,
)


def scheme_anchor(scheme: FirstYearScheme) -> str:
    return f"first-year-{scheme.key}"


def _source(scheme: FirstYearScheme) -> nodes.paragraph:
    link = nodes.reference(
        scheme.source_url, scheme.source_url, refuri=scheme.source_url, classes=["ek-official"]
    )
    para = sentence(
        _(
            "Source: {title}, {link}; checked {date}.",
            title=scheme.source_title,
            date=scheme.checked_on,
            link="{link}",
        ),
        ["ek-first-year-source"],
        link=link,
    )
    if not scheme.verified:
        para += nodes.Text(" ")
        unverified = _("Unverified: {reason}.", reason=scheme.unverified_reason)
        para += nodes.strong("", unverified, classes=["ek-unverified"])
    return para


def render_first_year_schemes() -> list[nodes.Node]:
    """One row per nation (England split by service): the scheme, who sets it, what it is judged against."""
    table, body = table_with_head(
        "ek-first-year",
        [_("Where you practise"), _("Your first year"), _("Set by"), _("Judged against")],
        [16, 22, 22, 40],
    )
    for scheme in schemes():
        where = nodes.paragraph("", "")
        where += nodes.reference("", scheme.heading, refid=scheme_anchor(scheme))
        body += row([where, scheme.name, scheme.set_by, scheme.judged_against])
    out: list[nodes.Node] = [table]
    for scheme in schemes():
        box = section(scheme_anchor(scheme), scheme.heading, classes=["ek-first-year-scheme"])
        box += nodes.paragraph(
            "",
            _(
                "{scheme}, set by {body}. Judged against {standard}.",
                scheme=scheme.name,
                body=scheme.set_by,
                standard=scheme.judged_against,
            ),
        )
        box += nodes.paragraph("", scheme.what_changes)
        box += _source(scheme)
        out.append(box)
    return out


def _case_entry(
    case_id: str, case: Case, dilemma_ids: dict[str, tuple[str, str]], catalog: Catalog
) -> nodes.section:
    title = item_text(catalog, "case", case_id, nodes.Text(case.title))
    sec = section(f"asye-{case_id}", title, classes=["ek-asye-case"])
    case_link = item_link(catalog, "case", case_id, case.title, f"case-{case_id}")
    if case_id in dilemma_ids:
        dilemma_id, dilemma_title = dilemma_ids[case_id]
        dilemma_link = item_link(catalog, "dilemma", dilemma_id, dilemma_title, f"dilemma-{dilemma_id}")
        sec += sentence(
            _("Read the case: {case}; then work through the dilemma {dilemma}."),
            case=case_link,
            dilemma=dilemma_link,
        )
    else:
        read = _("Read the case: {case}") if closes_a_sentence(case.title) else _("Read the case: {case}.")
        sec += sentence(read, case=case_link)
    scheme = scheme_for(case.setting.jurisdiction, case.setting.service)
    if scheme is not None:
        scheme_link = nodes.reference("", scheme.name, refid=scheme_anchor(scheme))
        sec += sentence(
            _("Your first year in this setting: {scheme}."), ["ek-asye-scheme"], scheme=scheme_link
        )
    england = case.setting.jurisdiction is Jurisdiction.ENGLAND
    message = (
        _("PCF domains it helps you reflect on: {refs}")
        if england
        else _("PCF domains it helps you reflect on (England's framework, used here only as a lens): {refs}")
    )
    refs = in_a_row(clauses=case.supervision.pcf)
    sec += sentence(message, ["ek-asye-pcf"], refs=refs)
    sec += nodes.paragraph("", _("Questions to prepare for supervision:"))
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
        heading = _("Cases set in {place}", place=nation.label)
        group = section(f"asye-nation-{nation.value}", heading, classes=["ek-asye-nation"])
        for case_id, case in sorted(by_nation[nation], key=lambda item: item[1].title):
            group += _case_entry(case_id, case, dilemma_ids, catalog)
        out.append(group)
    return out
