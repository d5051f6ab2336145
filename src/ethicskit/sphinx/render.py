"""Models to docutils nodes. Every text field is inserted as text, so nothing in content becomes markup."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from docutils import nodes
from sphinx import addnodes

from ..balance import AGENCY_PERSON_MIN, FREE_ANSWER_MAX, UNIQUELY_BEST_MAX, dilemma_balance
from ..catalog import Catalog, Citation, Relation, law_key
from ..diagram import caption_id, diagram_classes, diagram_html, legend
from ..engine import Branch, branch_map, numbered_nodes
from ..engine import titles as dilemma_titles
from ..models import (
    Case,
    Choice,
    CodeOfPractice,
    CodeStatus,
    Dilemma,
    Instrument,
    InstrumentStatus,
    LawCitation,
    Lean,
    Polarity,
    Section,
    Theme,
    clause_anchor,
)
from ..signposting import signpost
from .nodes import catalog_ref, clause_ref, folded, law_ref

ISSUER_NOTES = {
    "regulator": (
        "issued by a regulator: registration depends on meeting it, and a failure to do so "
        "can be a question of fitness to practise"
    ),
    "professional-body": (
        "issued by a professional association: it binds its members and guides the profession, "
        "but it is not a condition of registration"
    ),
    "international-federation": (
        "issued by the international federations of the profession: it defines social work "
        "worldwide and grounds national codes, without binding anyone directly"
    ),
    "legal-instrument": "law: public authorities, and those working for them, must act compatibly with it",
}


def paragraphs(text: str, classes: Iterable[str] = ()) -> list[nodes.Node]:
    """Plain text with blank-line-separated paragraphs, as paragraph nodes."""
    return [
        nodes.paragraph(block, block, classes=list(classes))
        for block in (part.strip() for part in text.split("\n\n"))
        if block
    ]


def section(ids: str, title: str, *children: nodes.Node, classes: Iterable[str] = ()) -> nodes.section:
    """A section with an id and a title."""
    node = nodes.section(ids=[ids], classes=list(classes))
    node += nodes.title(title, title)
    node.extend(children)
    return node


def bullets(items: Iterable[nodes.Node | str], enumerated: bool = False) -> nodes.Element:
    """A bullet (or numbered) list of text or nodes."""
    listing: nodes.Element = nodes.enumerated_list() if enumerated else nodes.bullet_list()
    for item in items:
        entry = nodes.list_item()
        entry += nodes.paragraph(item, item) if isinstance(item, str) else item
        listing += entry
    return listing


def field_list(rows: Iterable[tuple[str, nodes.Node | str]]) -> nodes.field_list:
    """Label/value pairs, e.g. a case's setting."""
    fields = nodes.field_list(classes=["ek-facts"])
    for label, value in rows:
        field = nodes.field()
        field += nodes.field_name(label, label)
        body = nodes.field_body()
        if isinstance(value, str):
            body += nodes.paragraph(value, value)
        else:
            body += nodes.paragraph("", "", value)
        field += body
        fields += field
    return fields


def doc_link(target: str, text: str) -> addnodes.pending_xref:
    """A link to another page of the book, resolved (and checked) by Sphinx."""
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + target, refexplicit=True)
    xref += nodes.inline(text, text)
    return xref  # type: ignore[no-any-return]


def cite(ref: str) -> clause_ref:
    """A clause reference node, resolved into a link later."""
    return clause_ref("", "", ref=ref, explicit=False)


def cite_law(ref: str) -> law_ref:
    """A provision reference node, resolved into a link later."""
    return law_ref("", "", ref=ref, explicit=False)


def link_to(kind: str, item_id: str, text: str, anchor: str = "") -> catalog_ref:
    """A link to the page that shows a case, code or dilemma, resolved later."""
    return catalog_ref(text, text, key=f"{kind}:{item_id}", anchor=anchor)


JURISDICTION_ORDER = [
    "england",
    "scotland",
    "wales",
    "northern-ireland",
    "uk",
    "europe",
    "international",
    "united-states",
]


PLACE_NAMES = {"uk": "UK", "united-states": "United States", "northern-ireland": "Northern Ireland"}


def _label(value: str) -> str:
    return PLACE_NAMES.get(value, value.replace("-", " ").capitalize())


# --- codes -------------------------------------------------------------------------------------


def render_code(code: CodeOfPractice, catalog: Catalog) -> list[nodes.Node]:
    """A code's page body: status, who it binds, then every clause with its stable anchor."""
    out: list[nodes.Node] = []
    status_classes = ["ek-status", f"ek-status-{code.status.value}"]
    banner = nodes.admonition(
        classes=[*status_classes, "note" if code.status is CodeStatus.CURRENT else "warning"]
    )
    if code.status is CodeStatus.CURRENT:
        heading = "Current"
        body = f"In force from {code.in_force_from:%-d %B %Y}." if code.in_force_from else "In force."
        banner += nodes.title(heading, heading)
        banner += nodes.paragraph(body, body)
    else:
        heading = "Historical: no longer in force"
        banner += nodes.title(heading, heading)
        successor = catalog.codes[code.superseded_by].model if code.superseded_by else None
        para = nodes.paragraph()
        para += nodes.Text(f"This code stopped applying {_when(code.superseded_on)}. It was replaced by ")
        if successor is not None:
            link = link_to("code", successor.id, successor.short_title)
            link["classes"].append("ek-successor")
            para += link
            para += nodes.Text(f" ({successor.issuer}).")
        else:
            para += nodes.Text(f"{code.successor}.")
        banner += para
    out.append(banner)
    if code.gaps:
        gap = nodes.admonition(classes=["warning", "ek-gaps"])
        gap += nodes.title("What this digest leaves out", "What this digest leaves out")
        gap += paragraphs(code.gaps)
        out.append(gap)

    if code.document_level:
        out += _render_document(code, catalog)
        return out
    facts = field_list(
        [
            ("Official title", code.title),
            ("Issued by", f"{code.issuer} ({ISSUER_NOTES[code.issuer_type.value]})"),
            ("Applies in", _label(code.jurisdiction.value)),
            ("Edition", code.version),
            ("Official text", _external(code.official_url)),
        ]
    )
    out.append(facts)
    out += paragraphs(code.binds, classes=["ek-binds"])
    clauses = [clause for _, clause in code.clauses()]
    verified = sum(clause.verified for clause in clauses)
    checked = (
        f"Last checked on {code.checked.on:%-d %B %Y}, against: {code.checked.against.rstrip('.')}. "
        f"{verified} of {len(clauses)} clauses have been compared with the official wording."
    )
    if code.checked.notes:
        checked += f" {code.checked.notes}"
    out.append(nodes.paragraph(checked, checked, classes=["ek-checked"]))
    if code.checked.sources:
        out.append(_sources(code))
    out.append(
        nodes.paragraph(
            "",
            "Every clause below is a paraphrase in this kit's own words, not the official wording. "
            "Read the official text before relying on a clause.",
            classes=["ek-paraphrase-note"],
        )
    )
    for code_section in code.sections:
        out.append(_render_section(code, code_section, catalog))
    return out


def _render_document(code: CodeOfPractice, catalog: Catalog) -> list[nodes.Node]:
    """A document-level digest: the document's facts, a plain warning that its clauses are not digested,
    and where it is cited as a whole."""
    out: list[nodes.Node] = []
    notice = nodes.admonition(classes=["warning", "ek-document-only"])
    heading = "Described as a document: its clauses are not digested yet"
    notice += nodes.title(heading, heading)
    para = nodes.paragraph()
    para += nodes.Text(
        "This kit does not yet give this code clause by clause: no clause is listed or paraphrased here, "
        "because its numbered wording could not be read in an official or faithful copy. Read the "
        "official text for what it asks: "
    )
    para += _external(code.official_url)
    para += nodes.Text(".")
    notice += para
    out.append(notice)
    in_force = f"{code.in_force_from:%-d %B %Y}" if code.in_force_from else "not confirmed"
    out.append(
        field_list(
            [
                ("Official title", code.title),
                ("Issued by", f"{code.issuer} ({ISSUER_NOTES[code.issuer_type.value]})"),
                ("Applies in", _label(code.jurisdiction.value)),
                ("Edition", code.version),
                ("In force from", in_force),
                ("Official text", _external(code.official_url)),
            ]
        )
    )
    out += paragraphs(code.binds, classes=["ek-binds"])
    if code.structure:
        out.append(
            section(f"{code.id}-structure", "How the document is organised", *paragraphs(code.structure))
        )
    checked = (
        f"Facts last checked on {code.checked.on:%-d %B %Y}, against: {code.checked.against.rstrip('.')}."
    )
    if code.checked.notes:
        checked += f" {code.checked.notes}"
    out.append(nodes.paragraph(checked, checked, classes=["ek-checked"]))
    if code.checked.sources:
        out.append(_sources(code))
    citations = catalog.citations.get(code.id, [])
    if citations:
        out.append(_used_in(citations, catalog))
    return out


def _sources(code: CodeOfPractice) -> nodes.Element:
    """The sources a digest was compared with, each marked as the issuer's own or a copy."""
    items = []
    for source in code.checked.sources:
        entry = nodes.paragraph(ids=[f"{code.id}-source-{source.id}"])
        kind = "the issuer's own" if source.official else "a copy or quotation, not the issuer's own"
        if source.url:
            entry += nodes.reference(source.title, source.title, refuri=source.url, classes=["ek-source"])
        else:
            entry += nodes.Text(source.title)
        extra = f" ({kind}"
        if source.seen_on:
            extra += f"; dated {source.seen_on:%-d %B %Y}"
        if source.sha256:
            extra += f"; file SHA-256 {source.sha256[:12]}…"
        extra += ")."
        if source.notes:
            extra += f" {source.notes}"
        entry += nodes.Text(extra)
        items.append(entry)
    return section(f"{code.id}-sources", "Sources compared", bullets(items), classes=["ek-sources"])


def _when(value: date | str | None) -> str:
    """'on 2 December 2019', 'in July 2014' or 'in 2012', from a date or a partial ISO date."""
    if isinstance(value, date):
        return f"on {value:%-d %B %Y}"
    if value and re.fullmatch(r"\d{4}-\d{2}", value):
        return f"in {date.fromisoformat(value + '-01'):%B %Y}"
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"on {date.fromisoformat(value):%-d %B %Y}"
    return f"in {value}"


def _external(url: str) -> nodes.reference:
    return nodes.reference(url, url, refuri=url, classes=["ek-official"])


def _render_section(code: CodeOfPractice, code_section: Section, catalog: Catalog) -> nodes.section:
    if not code_section.id[0].isdigit():
        title = code_section.title
    elif "." in code_section.id:
        title = f"{code_section.id} {code_section.title}"
    else:
        title = f"{code_section.id}. {code_section.title}"
    sec = section(f"{code.id}-section-{clause_anchor(code_section.id)}", title, classes=["ek-code-section"])
    if code_section.clause_count is None:
        note = (
            "This section may have more clauses than are shown here: the official text could not be "
            "read far enough to list them all."
        )
        sec += nodes.paragraph(note, note, classes=["ek-unverified", "ek-section-gap"])
    if code_section.polarity is Polarity.DO_NOT:
        sec["classes"].append("ek-do-not")
        note = (
            "Every clause in this section states something a practitioner undertakes NOT to do. "
            "Each is marked 'Will not'."
        )
        sec += nodes.paragraph(note, note, classes=["ek-polarity-note"])
    for clause in code_section.clauses:
        anchor = clause_anchor(f"{code.id}:{clause.id}")
        item = nodes.container(ids=[anchor], classes=["ek-clause-item"])
        para = nodes.paragraph(classes=["ek-clause-text"])
        para += nodes.strong(clause.id, clause.id, classes=["ek-clause-number"])
        para += nodes.Text(" ")
        if code_section.polarity is Polarity.DO_NOT:
            para += nodes.strong("Will not:", "Will not:", classes=["ek-will-not"])
            para += nodes.Text(" ")
        para += nodes.Text(clause.paraphrase)
        item += para
        themes = ", ".join(theme.label for theme in clause.themes)
        item += nodes.paragraph(themes, f"Themes: {themes}", classes=["ek-clause-themes"])
        if not clause.verified:
            note = f"Not checked against the official wording: {clause.unverified_reason}"
            item += nodes.paragraph(note, note, classes=["ek-unverified"])
        elif clause.verified_against:
            source = code.checked.source(clause.verified_against)
            if source is not None:
                kind = "the issuer's own" if source.official else "a copy or quotation"
                note = f"Number and meaning checked against: {source.title} ({kind})."
                item += nodes.paragraph(note, note, classes=["ek-verified-source"])
        citations = catalog.citations.get(f"{code.id}:{clause.id}", [])
        if citations:
            item += _used_in(citations, catalog)
        sec += item
    return sec


def _used_in(citations: list[Citation], catalog: Catalog, case_anchor_suffix: str = "") -> nodes.paragraph:
    """Where a clause or a provision is cited: cases, and dilemma choices and endings with how each
    stands to it ("honoured by the choice ..."); a provision links to the case's law section."""
    para = nodes.paragraph("", "Used in: ", classes=["ek-used-in"])
    for number, citation in enumerate(citations):
        if number:
            para += nodes.Text("; ")
        if citation.kind == "case":
            para += nodes.Text("case ")
            anchor = f"case-{citation.owner}{case_anchor_suffix}"
            para += link_to("case", citation.owner, citation.label, anchor)
            continue
        dilemma = catalog.dilemmas[citation.owner].model
        verb = RELATION_WORDS.get(citation.relation)
        what = "the choice" if citation.kind == "choice" else "the ending"
        para += nodes.Text(f"{verb} {what} " if verb else f"{what} ")
        para += link_to("dilemma", dilemma.id, f"“{citation.label}”", f"dilemma-{dilemma.id}-{citation.item}")
        para += nodes.Text(f" in {dilemma.title}")
    return para


def render_codes_by_theme(catalog: Catalog) -> list[nodes.Node]:
    """For each theme, the clauses of every current code that carry it, code by code, then the
    provisions of law on the same theme, so the floor the codes stand on is in view."""
    laws = [law for law in laws_in_reading_order(catalog) if law.kind.is_legislation]
    current = sorted(
        catalog.current_codes(),
        key=lambda code: (JURISDICTION_ORDER.index(code.jurisdiction.value), code.id),
    )
    out: list[nodes.Node] = []
    whole = [code for code in current if code.document_level]
    if whole:
        para = nodes.paragraph(classes=["ek-document-only-note"])
        para += nodes.Text(
            "Not in these tables, because the kit describes them only as documents and does not yet "
            "digest their clauses: "
        )
        for number, code in enumerate(whole):
            if number:
                para += nodes.Text("; ")
            para += link_to("code", code.id, code.short_title)
            para += nodes.Text(f" ({_label(code.jurisdiction.value)})")
        para += nodes.Text(". Read their official texts for what they say on each theme.")
        out.append(para)
    for theme in Theme:
        table, body = table_with_head("ek-theme-table", ["Jurisdiction", "Code", "Clauses"], (1, 2, 6))
        for code in current:
            clauses = [clause for _, clause in code.clauses() if theme in clause.themes]
            if not clauses:
                continue
            items = []
            for clause in clauses:
                entry = nodes.paragraph()
                entry += cite(f"{code.id}:{clause.id}")
                entry += nodes.Text(f": {clause.paraphrase}")
                items.append(entry)
            body += row([_label(code.jurisdiction.value), code.short_title, bullets(items)])
        for law in laws:
            provisions = [p for p in law.provisions if any(topic.theme is theme for topic in p.themes)]
            if provisions:
                items = []
                for provision in provisions:
                    entry = nodes.paragraph()
                    entry += cite_law(f"{law.id}:{provision.number}")
                    entry += nodes.Text(f": {provision.paraphrase}")
                    items.append(entry)
                body += row([nations_label(law), f"{law.short_title or law.title} (law)", bullets(items)])
        out.append(section(f"theme-{theme.value}", theme.label, table, classes=["ek-theme"]))
    return out


ISSUER_KINDS = {
    "regulator": "Regulator",
    "professional-body": "Professional association",
    "international-federation": "International federation",
    "legal-instrument": "Law",
}


def codes_in_reading_order(catalog: Catalog) -> list[CodeOfPractice]:
    """Current codes before historical ones; within each, by nation as the UK reader meets them."""
    return sorted(
        (loaded.model for loaded in catalog.codes.values()),
        key=lambda code: (
            code.status is not CodeStatus.CURRENT,
            JURISDICTION_ORDER.index(code.jurisdiction.value),
            code.id,
        ),
    )


def render_codes_index(catalog: Catalog) -> list[nodes.Node]:
    """Every code in the kit, current ones first: what kind of document it is and how far it is checked."""
    codes = codes_in_reading_order(catalog)
    headings = ["Code", "Issued by", "Applies in", "Edition", "Status", "Coverage"]
    table, body = table_with_head("ek-codes-index", headings, (4, 2, 2, 1, 2, 3))
    for code in codes:
        name = nodes.paragraph()
        name += link_to("code", code.id, code.short_title)
        status = "Current" if code.status is CodeStatus.CURRENT else "Historical"
        body += row(
            [
                name,
                ISSUER_KINDS[code.issuer_type.value],
                _label(code.jurisdiction.value),
                code.version,
                status,
                coverage(code),
            ]
        )
    return [table]


def coverage(code: CodeOfPractice) -> str:
    """How much of a code the kit covers, said plainly: 'document only', or clauses digested and verified."""
    if code.document_level:
        return "Document only: clauses not yet digested"
    clauses = [clause for _, clause in code.clauses()]
    verified = sum(clause.verified for clause in clauses)
    counted = all(section.clause_count is not None for section in code.sections)
    digested = f"{len(clauses)} clauses digested" + ("" if counted and not code.gaps else " (not all)")
    return f"{digested}; {verified} verified"


def row(cells: Iterable[str | nodes.Node]) -> nodes.row:
    """A table row; text cells become paragraphs, nodes go in as they are."""
    built = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(cell, cell) if isinstance(cell, str) else cell
        built += entry
    return built


def table_with_head(
    css_class: str, headings: list[str], widths: Iterable[int]
) -> tuple[nodes.table, nodes.tbody]:
    """A table with its heading row; returns the table and the body to add rows to."""
    table = nodes.table(classes=[css_class])
    group = nodes.tgroup(cols=len(headings))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += row(headings)
    group += head
    body = nodes.tbody()
    group += body
    return table, body


# --- law ---------------------------------------------------------------------------------------

KIND_WORDS = {
    "act": "Act of the UK Parliament",
    "asp": "Act of the Scottish Parliament",
    "measure": "Measure of the National Assembly for Wales",
    "order": "Order in Council (Northern Ireland)",
    "regulations": "Regulations",
    "guidance": "Statutory guidance or code of practice",
    "policy": "Policy (not law)",
}

STATUS_WORDS = {
    InstrumentStatus.IN_FORCE: "In force",
    InstrumentStatus.PARTLY_IN_FORCE: "Partly in force",
    InstrumentStatus.NOT_YET_IN_FORCE: "Not yet in force",
    InstrumentStatus.REPEALED: "Repealed",
    InstrumentStatus.POLICY: "Policy, not law",
}

RELATION_WORDS = {
    Relation.HONOURS: "honoured by",
    Relation.STRAINS: "strained by",
    Relation.UNLAWFUL: "would be broken by",
}


def nations_label(instrument: Instrument) -> str:
    return ", ".join(_label(nation.value) for nation in instrument.nations)


def render_instrument(instrument: Instrument, catalog: Catalog) -> list[nodes.Node]:
    """A statute digest's page body: what it is, where it applies, then every provision with its anchor,
    whether it was checked, and where the kit uses it."""
    out: list[nodes.Node] = []
    banner = nodes.admonition(
        classes=["note" if instrument.kind.is_legislation else "warning", "ek-law-status"]
    )
    heading = STATUS_WORDS[instrument.status]
    banner += nodes.title(heading, heading)
    if instrument.status_note:
        banner += paragraphs(instrument.status_note)
    out.append(banner)
    official: str | nodes.Node = (
        _external(instrument.official_url) if instrument.official_url else "address not confirmed"
    )
    out.append(
        field_list(
            [
                ("Official title", instrument.title),
                ("Citation", instrument.citation),
                ("Kind", KIND_WORDS[instrument.kind.value]),
                ("Applies in", nations_label(instrument)),
                ("Year", str(instrument.year)),
                ("Official text", official),
            ]
        )
    )
    out += paragraphs(instrument.extent_note, classes=["ek-binds"])
    verified = sum(provision.verified is not None for provision in instrument.provisions)
    if instrument.provisions:
        checked = (
            f"{verified} of {len(instrument.provisions)} provisions have been read against their official "
            "text; the others are marked below."
        )
        out.append(nodes.paragraph(checked, checked, classes=["ek-checked"]))
    else:
        note = "This document is cited as a whole: no part of it is digested here yet."
        out.append(nodes.paragraph(note, note, classes=["ek-checked"]))
    out.append(
        nodes.paragraph(
            "",
            "Every provision below is a paraphrase in this kit's own words, not the law's wording, and not "
            "legal advice. Read the official text, as amended, before relying on it.",
            classes=["ek-paraphrase-note"],
        )
    )
    for provision in instrument.provisions:
        ref = f"{instrument.id}:{provision.number}"
        item = nodes.container(ids=[clause_anchor(ref)], classes=["ek-clause-item", "ek-provision"])
        para = nodes.paragraph(classes=["ek-clause-text"])
        number = law_number(provision.unit.value, provision.number)
        para += nodes.strong(number, number, classes=["ek-clause-number"])
        para += nodes.Text(f" {provision.heading}. ")
        para += nodes.Text(provision.paraphrase)
        item += para
        topics = ", ".join(topic.label for topic in provision.themes)
        item += nodes.paragraph(topics, f"Topics: {topics}", classes=["ek-clause-themes"])
        if provision.nations is not None:
            where = ", ".join(_label(nation.value) for nation in provision.nations)
            note = f"This provision applies in {where} only."
            item += nodes.paragraph(note, note, classes=["ek-provision-nations"])
        if provision.url:
            link = nodes.paragraph("", "Official text: ", classes=["ek-provision-url"])
            link += _external(provision.url)
            item += link
        if provision.verified is not None:
            note = (
                f"Checked on {provision.verified.on:%-d %B %Y} against: "
                f"{provision.verified.against.rstrip('.')}."
            )
            item += nodes.paragraph(note, note, classes=["ek-verified"])
        else:
            note = f"Not checked against the official text: {provision.unverified}"
            item += nodes.paragraph(note, note, classes=["ek-unverified"])
        citations = catalog.law_citations.get(law_key(ref), [])
        if citations:
            item += _used_in(citations, catalog, case_anchor_suffix="-law")
        out.append(item)
    return out


def law_number(unit: str, number: str) -> str:
    """A provision's number as a reader sees it: 'Section 42', 'Article 66', 'Schedule 1 paragraph 2'."""
    if unit in {"section", "subsection"}:
        return f"Section {number}"
    if unit == "regulation":
        return f"Regulation {number}"
    if unit == "paragraph":
        return f"Paragraph {number}"
    return number


def laws_in_reading_order(catalog: Catalog) -> list[Instrument]:
    """Legislation before guidance and policy; within each, by first nation as the UK reader meets them."""
    return sorted(
        (loaded.model for loaded in catalog.laws.values()),
        key=lambda law: (
            not law.kind.is_legislation,
            min(JURISDICTION_ORDER.index(nation.value) for nation in law.nations),
            law.title,
        ),
    )


def render_law_index(catalog: Catalog) -> list[nodes.Node]:
    """Nation by nation, every instrument that applies there: what kind it is and how far it is checked."""
    out: list[nodes.Node] = []
    laws = laws_in_reading_order(catalog)
    for nation in ("england", "wales", "scotland", "northern-ireland"):
        table, body = table_with_head(
            "ek-law-index", ["Instrument", "Kind", "Status", "Checked"], (5, 3, 2, 2)
        )
        for law in laws:
            if nation not in {n.value for n in law.nations}:
                continue
            name = nodes.paragraph()
            name += link_to("law", law.id, law.title)
            verified = sum(provision.verified is not None for provision in law.provisions)
            checked = (
                f"{verified} of {len(law.provisions)} provisions" if law.provisions else "cited as a whole"
            )
            body += row([name, KIND_WORDS[law.kind.value], STATUS_WORDS[law.status], checked])
        out.append(section(f"law-{nation}", _label(nation), table, classes=["ek-law-nation"]))
    return out


def law_citation_list(label: str, citations: list[LawCitation]) -> list[nodes.Node]:
    """A choice's or ending's provisions, grouped as honoured, strained and unlawful."""
    out: list[nodes.Node] = []
    for relation, heading in (
        ("honours", f"{label} honours in law"),
        ("strains", f"{label} strains in law"),
        ("unlawful", "Unlawful under"),
    ):
        refs = [law.ref for law in citations if law.relation.value == relation]
        if refs:
            para = nodes.paragraph("", f"{heading}: ", classes=["ek-choice-law", f"ek-law-{relation}"])
            for number, ref in enumerate(refs):
                if number:
                    para += nodes.Text(", ")
                para += cite_law(ref)
            out.append(para)
    return out


# --- cases -------------------------------------------------------------------------------------


def content_note(case: Case, support_page: str) -> nodes.admonition:
    """What a reader will meet, and where to find support, before the case or its dilemma."""
    assert case.content_note is not None
    note = nodes.admonition(classes=["warning", "ek-content-note"])
    note += nodes.title("Content note", "Content note")
    note += paragraphs(case.content_note.note)
    note += nodes.paragraph(signpost(), signpost(), classes=["ek-signpost"])
    more = nodes.paragraph()
    more += doc_link(support_page, "More support, including support connected with work and study")
    note += more
    return note


def render_case(case: Case, catalog: Catalog, edition: str, support_page: str) -> nodes.section:
    """A whole case as one section: content note first, then the case, then questions."""
    ident = f"case-{case.id}"
    root = nodes.section(ids=[ident], classes=["ek-case"])
    root += nodes.title(case.title, case.title)
    if case.content_note is not None:
        root += content_note(case, support_page)

    root += paragraphs(case.summary, classes=["ek-summary"])
    setting = case.setting
    root += field_list(
        [
            ("Setting", _label(setting.service.value)),
            ("Where", _label(setting.jurisdiction.value)),
            ("Practitioner", f"{setting.role} ({_label(setting.experience.value).lower()})"),
            ("Time to discuss", f"about {case.duration_minutes} minutes"),
            ("Themes", ", ".join(theme.label for theme in case.themes)),
        ]
    )
    root += section(f"{ident}-objectives", "What you will learn", bullets(case.objectives))
    root += section(f"{ident}-narrative", "The case", *paragraphs(case.narrative, classes=["ek-narrative"]))
    root += section(f"{ident}-tension", "Where the loyalties pull apart", *_tension(case))
    clauses = []
    for cited in case.clauses:
        found = catalog.cited(cited.ref)
        entry = nodes.paragraph()
        entry += cite(cited.ref)
        if found is not None:
            entry += nodes.Text(f": {found.text}")
        why = nodes.paragraph("", f"Why it bears on this case: {cited.rationale}", classes=["ek-rationale"])
        clauses.append(nodes.container("", entry, why, classes=["ek-cited"]))
    root += section(f"{ident}-clauses", "What the codes say", bullets(clauses))
    root += render_case_law(case, catalog)
    root += section(
        f"{ident}-questions", "Questions for discussion", bullets(case.questions, enumerated=True)
    )
    # Folded, after the questions: a student reading alone meets the questions before the conclusions.
    key_points = folded(
        "",
        bullets(case.key_points),
        summary="Show the key points (after you have thought about the questions)",
    )
    root += section(f"{ident}-key-points", "Key points", key_points)
    if case.self_check is not None:
        from .selfcheck import render_self_check  # it builds on this module's helpers

        check = render_self_check(case.self_check, case.id)
        root += section(f"{ident}-self-check", "Check your understanding", check)
    if edition == "lecturer":
        notes_ = case.instructor_notes
        parts = [
            ("How to run it", notes_.how_to_run),
            ("What students often say", notes_.likely_responses),
            ("What the codes say", notes_.what_the_codes_say),
            ("Pitfalls", notes_.pitfalls),
        ]
        box = nodes.container(classes=["ek-instructor"])
        for heading, text in parts:
            box += nodes.rubric(heading, heading)
            box += paragraphs(text)
        root += section(f"{ident}-instructor", "Notes for the lecturer", box, classes=["ek-instructor-notes"])
    return root


def render_case_law(case: Case, catalog: Catalog) -> nodes.section:
    """Law and duties: the provisions of the case's nation, what they settle, where discretion begins."""
    ident = f"case-{case.id}-law"
    intro = (
        f"The law that applies in {_label(case.setting.jurisdiction.value)}, in this kit's own words: "
        "the floor that the codes and the employer's policies stand on."
    )
    items = []
    for cited in case.law.provisions:
        found = catalog.resolve_law(cited.ref)
        entry = nodes.paragraph()
        entry += cite_law(cited.ref)
        if found is not None:
            entry += nodes.Text(f" ({found[1].heading}): {found[1].paraphrase}")
            if found[1].verified is None:
                entry += nodes.Text(" ")
                entry += nodes.emphasis(
                    "(not yet checked against the official text)",
                    "(not yet checked against the official text)",
                )
        why = nodes.paragraph("", f"Here: {cited.rationale}", classes=["ek-rationale"])
        items.append(nodes.container("", entry, why, classes=["ek-cited", "ek-cited-law"]))
    settles = section(f"{ident}-settles", "What the law already settles", *paragraphs(case.law.settles))
    discretion = section(f"{ident}-discretion", "Where discretion begins", *paragraphs(case.law.discretion))
    return section(
        ident,
        "Law and duties",
        nodes.paragraph(intro, intro, classes=["ek-law-intro"]),
        bullets(items),
        settles,
        discretion,
        classes=["ek-case-law"],
    )


def _tension(case: Case) -> list[nodes.Node]:
    table = nodes.table(classes=["ek-tension"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=1)
    group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for heading in ("The agency asks", "The codes ask"):
        entry = nodes.entry()
        entry += nodes.paragraph(heading, heading)
        row += entry
    head += row
    group += head
    body = nodes.tbody()
    row = nodes.row()
    for text in (case.tension.agency_asks, case.tension.codes_ask):
        entry = nodes.entry()
        entry += paragraphs(text)
        row += entry
    body += row
    group += body
    affected = nodes.paragraph("", "Who is affected:", classes=["ek-affected-label"])
    return [table, affected, bullets(case.tension.people_affected)]


# --- dilemmas ----------------------------------------------------------------------------------

LEAN_WORDS = {
    Lean.STRONGLY_AGAINST: "pulls strongly away",
    Lean.AGAINST: "pulls away",
    Lean.NEUTRAL: "neutral",
    Lean.TOWARDS: "pulls towards",
    Lean.STRONGLY_TOWARDS: "pulls strongly towards",
}


VERDICT_SUMMARY = "How each side saw this choice, and what it honours or strains (open once you have chosen)"
"""The line a student opens a choice's verdict by."""


def _refs_paragraph(heading: str, refs: list[nodes.Node], classes: list[str]) -> nodes.paragraph:
    para = nodes.paragraph("", f"{heading}: ", classes=classes)
    for number, ref in enumerate(refs):
        if number:
            para += nodes.Text(", ")
        para += ref
    return para


def choice_verdict(choice: Choice) -> list[nodes.Node]:
    """How each side saw a choice, with its lean, and what it honours or strains in the codes and in law."""
    views = [
        (side, getattr(choice.perspectives, key))
        for side, key in (
            ("The agency", "agency"),
            ("The profession", "profession"),
            ("The person", "person"),
        )
    ]
    out: list[nodes.Node] = [
        bullets([f"{side}: {view.text} ({LEAN_WORDS[view.lean]})" for side, view in views])
    ]
    for heading, refs in (("Honours", choice.honours), ("Strains", choice.strains)):
        if refs:
            out.append(_refs_paragraph(heading, [cite(ref) for ref in refs], ["ek-choice-clauses"]))
    out += law_citation_list("The choice", choice.law)
    return out


def bearing_on(choice: Choice) -> list[nodes.Node]:
    """The clauses and provisions a choice cites, in one sorted list each, without saying how it stands."""
    out: list[nodes.Node] = []
    clauses = sorted({*choice.honours, *choice.strains})
    if clauses:
        heading = "Clauses that bear on this choice"
        out.append(_refs_paragraph(heading, [cite(ref) for ref in clauses], ["ek-choice-bearing"]))
    provisions = sorted({law.ref for law in choice.law})
    if provisions:
        heading = "Law that bears on this choice"
        out.append(_refs_paragraph(heading, [cite_law(ref) for ref in provisions], ["ek-choice-bearing"]))
    return out


def dilemma_anchor(dilemma_id: str, item_id: str) -> str:
    """The anchor of a node, choice or ending of a dilemma."""
    return f"dilemma-{dilemma_id}-{item_id}"


def render_dilemma(dilemma: Dilemma, catalog: Catalog, edition: str, support_page: str) -> nodes.section:
    """The whole graph as linked text: works without JavaScript and prints as a complete map."""
    root = nodes.section(ids=[f"dilemma-{dilemma.id}"], classes=["ek-dilemma"])
    root += nodes.title(dilemma.title, dilemma.title)
    case = catalog.cases.get(dilemma.case)
    if case is not None and case.model.content_note is not None:
        root += content_note(case.model, support_page)
    root += paragraphs(dilemma.summary, classes=["ek-summary"])
    if case is not None:
        para = nodes.paragraph("", "Based on the case ")
        para += link_to("case", case.model.id, case.model.title, f"case-{case.model.id}")
        para += nodes.Text(".")
        root += para
    endings = {ending.id: ending for ending in dilemma.endings}
    titles = dilemma_titles(dilemma)
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}
    root += render_branch_map(dilemma, titles, edition)
    if edition == "lecturer":
        root += render_balance(dilemma)
    for node in numbered_nodes(dilemma):
        if node.pause_before:
            # Read without the player (or printed), the page pauses here too; the player shows its own.
            pause = nodes.container(
                ids=[f"{dilemma_anchor(dilemma.id, node.id)}-pause"], classes=["ek-pause"]
            )
            heading = f"A pause before {titles[node.id]}"
            pause += nodes.paragraph(heading, "", nodes.strong(heading, heading))
            pause += paragraphs(node.pause_before)
            pause += nodes.paragraph(signpost(), signpost(), classes=["ek-signpost"])
            root += pause
        sec = section(dilemma_anchor(dilemma.id, node.id), titles[node.id], classes=["ek-node"])
        sec += paragraphs(node.situation, classes=["ek-situation"])
        if node.prompt:
            sec += nodes.paragraph("", "", nodes.emphasis(node.prompt, node.prompt), classes=["ek-prompt"])
        choices = []
        for choice in node.choices:
            item = nodes.container(ids=[dilemma_anchor(dilemma.id, choice.id)], classes=["ek-choice"])
            label = nodes.paragraph(classes=["ek-choice-label"])
            label += nodes.strong(choice.label, choice.label)
            if choice.when:
                needed = "; ".join(labels[w] for w in choice.when)
                label += nodes.Text(f" (offered only after: {needed})")
            item += label
            item += paragraphs(choice.consequence, classes=["ek-consequence"])
            verdict = choice_verdict(choice)
            if edition == "lecturer":
                item += verdict
            else:
                # The student edition holds each side's view, and what the choice honours or strains,
                # behind a fold, as the player holds them until the ending: a reader without JavaScript
                # meets what happened first and weighs the clauses that bear on it before any verdict.
                item += bearing_on(choice)
                item += folded("", *verdict, summary=VERDICT_SUMMARY, classes=["ek-verdict"])
            if choice.escalation is not None:
                route = _label(choice.escalation.value)
                item += nodes.paragraph("", f"Escalation route: {route}", classes=["ek-escalation"])
            if edition == "lecturer" and choice.facilitator_note:
                item += nodes.container("", *paragraphs(choice.facilitator_note), classes=["ek-instructor"])
            go = nodes.paragraph("", "Then: ", classes=["ek-next"])
            go += nodes.reference(
                titles[choice.leads_to],
                titles[choice.leads_to],
                refid=dilemma_anchor(dilemma.id, choice.leads_to),
            )
            item += go
            choices.append(item)
        sec += bullets(choices)
        if edition == "lecturer" and node.facilitator_note:
            sec += nodes.container("", *paragraphs(node.facilitator_note), classes=["ek-instructor"])
        root += sec
    for ending in endings.values():
        sec = section(dilemma_anchor(dilemma.id, ending.id), titles[ending.id], classes=["ek-ending"])
        sec += paragraphs(ending.debrief, classes=["ek-debrief"])
        if ending.clauses:
            para = nodes.paragraph("", "Clauses: ", classes=["ek-ending-clauses"])
            for number, ref in enumerate(ending.clauses):
                if number:
                    para += nodes.Text(", ")
                para += cite(ref)
            sec += para
        sec += law_citation_list("The ending", ending.law)
        sec += nodes.paragraph(
            "", f"To reflect on: {ending.reflection_prompt}", classes=["ek-reflection-prompt"]
        )
        if ending.self_care:
            box = nodes.admonition(classes=["note", "ek-self-care"])
            box += nodes.title("Looking after yourself", "Looking after yourself")
            box += paragraphs(ending.self_care)
            sec += box
        root += sec
    return root


def _r(value: float | None) -> str:
    return (
        "undefined (a side never varies)" if value is None else f"{value:+.2f}".replace("-", "\N{MINUS SIGN}")
    )


def render_balance(dilemma: Dilemma) -> nodes.section:
    """The dilemma's balance figures for the lecturer (the measures are defined in `ethicskit.balance`)."""
    figures = dilemma_balance(dilemma)
    decisions = figures.decisions
    routes = ", ".join(
        f"{route.replace('-', ' ')} {count}" for route, count in figures.escalation_routes.items()
    )
    rows = [
        (
            "Decisions with a free answer",
            f"{figures.free_answer} of {decisions}",
            f"at most {FREE_ANSWER_MAX:.0%}",
        ),
        (
            "Decisions with a uniquely best option for profession and person",
            f"{figures.uniquely_best} of {decisions}",
            f"at most {UNIQUELY_BEST_MAX:.0%}",
        ),
        (
            "Correlation of agency and person leans",
            _r(figures.agency_person),
            f"at least {AGENCY_PERSON_MIN:+.1f}".replace("-", "\N{MINUS SIGN}"),
        ),
        ("Correlation of agency and profession leans", _r(figures.agency_profession), ""),
        ("Correlation of profession and person leans", _r(figures.profession_person), ""),
        (
            "Choices where the professional option costs the person",
            str(figures.costs_the_person),
            "at least 1",
        ),
        ("Decisions where the agency's request is the right call", str(figures.agency_right), "at least 1"),
        (
            "Escalation choices (routes)",
            f"{figures.escalations} of {figures.choices}" + (f" ({routes})" if routes else ""),
            "varied routes",
        ),
        (
            "Escalation choices the profession leans strongly towards",
            str(figures.escalation_profession_strong),
            "",
        ),
    ]
    table, body = table_with_head("ek-balance-figures", ["Measure", "This dilemma", "Target"], (3, 2, 1))
    for cells in rows:
        body += row(list(cells))
    intro = nodes.paragraph(
        "",
        "Computed from the leans of every choice, as 'ethicskit stats' reports them. Students do not "
        "see these figures; a free answer is a decision where one option is at least as good as every "
        "other for both the profession and the person.",
    )
    missed = figures.one_sided()
    verdict = (
        nodes.paragraph("", "Misses: " + "; ".join(missed) + ".", classes=["ek-one-sided"])
        if missed
        else nodes.paragraph("", "Meets every balance target.", classes=["ek-balanced"])
    )
    return section(
        f"dilemma-{dilemma.id}-balance",
        "How balanced this dilemma is",
        intro,
        table,
        verdict,
        classes=["ek-balance", "ek-instructor-notes"],
    )


def map_text_anchor(dilemma_id: str) -> str:
    """The anchor of a dilemma's map as text, the diagram's text alternative."""
    return f"dilemma-{dilemma_id}-map-text"


def render_diagram(
    dilemma: Dilemma, links: bool = True, text_link: nodes.Node | None = None
) -> nodes.container:
    """The diagram, its legend and a link to the same map as text."""
    box = nodes.container(ids=[f"dilemma-{dilemma.id}-diagram"], classes=diagram_classes(dilemma))
    box += nodes.raw("", diagram_html(dilemma, links), format="html")
    caption = nodes.paragraph(ids=[caption_id(dilemma)], classes=["ek-diagram-caption"])
    caption += nodes.strong("Diagram of every branch.", "Diagram of every branch.")
    caption += nodes.Text(f" {legend()} ")
    if links:
        caption += nodes.Text("Each box links to its decision or ending below. ")
    if text_link is None:
        text_link = nodes.reference("Map as text", "Map as text", refid=map_text_anchor(dilemma.id))
    caption += text_link
    caption += nodes.Text(".")
    box += caption
    return box


def render_branch_map(dilemma: Dilemma, titles: dict[str, str], edition: str) -> nodes.Element:
    """Every branch at a glance: the diagram, then the same map as nested text.

    The lecturer edition shows it as a section of the page. The student edition keeps it out of sight
    until the player's "Show the whole map" opens it, and the player then reveals only what the learner
    has reached until their first ending (see dilemma-player.js, `reveal`).
    """
    start = titles[dilemma.start]
    decisions = {node.id for node in dilemma.nodes}
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}

    def listing(branches: tuple[Branch, ...]) -> nodes.Element:
        items = []
        for branch in branches:
            item = nodes.container(classes=["ek-branch", f"ek-c-{branch.choice.id}"])
            para = nodes.paragraph()
            para += nodes.strong(branch.choice.label, branch.choice.label)
            if branch.choice.when:
                needed = "; ".join(
                    f"\N{LEFT DOUBLE QUOTATION MARK}{labels[w]}\N{RIGHT DOUBLE QUOTATION MARK}"
                    for w in branch.choice.when
                )
                para += nodes.Text(f" (only after: {needed})")
            if branch.choice.escalation is not None:
                para += nodes.Text(f" (escalation: {_label(branch.choice.escalation.value).lower()})")
            para += nodes.Text(" \N{RIGHTWARDS ARROW} ")
            target = titles[branch.target]
            para += nodes.reference(target, target, refid=dilemma_anchor(dilemma.id, branch.target))
            if branch.expanded is None and branch.target in decisions:
                para += nodes.Text(" (mapped above)")
            item += para
            if branch.expanded:
                item += listing(branch.expanded)
            items.append(item)
        return bullets(items)

    intro = nodes.paragraph(
        "",
        f"From {start}, every choice and where it leads. In the map as text, a decision reached by more "
        "than one route is mapped the first time and referred to after that.",
    )
    text_heading = "Map as text"
    if edition == "lecturer":
        as_text = section(map_text_anchor(dilemma.id), text_heading, listing(branch_map(dilemma)))
        return section(
            f"dilemma-{dilemma.id}-map",
            "Map of every branch",
            intro,
            render_diagram(dilemma),
            as_text,
            classes=["ek-branch-map", "ek-instructor-notes"],
        )
    # Not a section: a hidden section would still be listed in the page's contents.
    box = nodes.container(ids=[f"dilemma-{dilemma.id}-map"], classes=["ek-branch-map", "ek-student-map"])
    box += nodes.rubric("The whole map", "The whole map")
    box += nodes.paragraph(
        "",
        "Until you reach your first ending, the map shows only the decisions you have reached and the "
        "choices you made; after that it shows every branch.",
        classes=["ek-spoiler-note"],
    )
    box += render_diagram(dilemma)
    box += nodes.rubric(text_heading, text_heading, ids=[map_text_anchor(dilemma.id)])
    box += listing(branch_map(dilemma))
    return box


def render_dilemmas_index(catalog: Catalog, edition: str) -> list[nodes.Node]:
    """Every dilemma with its case; the lecturer edition adds each one's diagram, to plan a seminar."""
    out: list[nodes.Node] = []
    dilemmas = sorted((loaded.model for loaded in catalog.dilemmas.values()), key=lambda d: d.title)
    for dilemma in dilemmas:
        heading = nodes.paragraph(classes=["ek-dilemma-entry"])
        heading += link_to("dilemma", dilemma.id, dilemma.title, f"dilemma-{dilemma.id}")
        case = catalog.cases.get(dilemma.case)
        if case is not None:
            setting = case.model.setting
            where = f"{_label(setting.jurisdiction.value)}, {_label(setting.service.value).lower()}"
            heading += nodes.Text(
                f" ({where}; {len(dilemma.nodes)} decisions, {len(dilemma.endings)} endings)"
            )
        entry: list[nodes.Node] = [heading]
        if edition == "lecturer":
            as_text = link_to("dilemma", dilemma.id, "Map as text", map_text_anchor(dilemma.id))
            entry.append(render_diagram(dilemma, links=False, text_link=as_text))
        out.append(
            section(f"dilemmas-index-{dilemma.id}", dilemma.title, *entry, classes=["ek-dilemmas-index"])
        )
    return out


# --- case indexes ------------------------------------------------------------------------------


def _case_item(case: Case, extra: str = "") -> nodes.paragraph:
    para = nodes.paragraph()
    para += link_to("case", case.id, case.title, f"case-{case.id}")
    setting = f" ({_label(case.setting.jurisdiction.value)}, {_label(case.setting.service.value).lower()})"
    para += nodes.Text(setting + (f": {extra}" if extra else ""))
    return para


def render_cases_by_theme(catalog: Catalog) -> list[nodes.Node]:
    """Every theme with the cases that carry it."""
    cases = [loaded.model for _, loaded in sorted(catalog.cases.items())]
    out: list[nodes.Node] = []
    for theme in Theme:
        tagged = [case for case in cases if theme in case.themes]
        if tagged:
            items = [_case_item(case) for case in tagged]
            out.append(section(f"cases-theme-{theme.value}", theme.label, bullets(items)))
    return out


def render_cases_by_code(catalog: Catalog) -> list[nodes.Node]:
    """Every code with the cases citing it and the clauses they cite; current codes first."""
    cases = [loaded.model for _, loaded in sorted(catalog.cases.items())]
    codes = codes_in_reading_order(catalog)
    out: list[nodes.Node] = []
    for code in codes:
        items = []
        for case in cases:
            refs = [cited.ref for cited in case.clauses if cited.ref.partition(":")[0] == code.id]
            if refs:
                para = _case_item(case, "")
                para += nodes.Text(": ")
                for number, ref in enumerate(refs):
                    if number:
                        para += nodes.Text(", ")
                    para += cite(ref)
                items.append(para)
        if items:
            title = code.title if code.status is CodeStatus.CURRENT else f"{code.title} (historical)"
            out.append(section(f"cases-code-{code.id}", f"{title}: {code.issuer}", bullets(items)))
    return out
