"""Models to docutils nodes. Every text field is inserted as text, so nothing in content becomes markup."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date
from docutils import nodes

from ..catalog import Catalog, Citation, Relation, law_key
from ..layout.blocks import (
    Part,
    bullets,
    cite,
    cite_law,
    day,
    field_list,
    in_a_row,
    item_link,
    item_text,
    joined,
    link_to,
    listing_of,
    paragraphs,
    row,
    section,
    sentence,
    sentence_nodes,
    setting_label,
    table_with_head,
)
from ..layout.dilemma import diagram_of, map_text_anchor
from ..models import (
    Case,
    CodeOfPractice,
    CodeStatus,
    Dilemma,
    Instrument,
    InstrumentStatus,
    Polarity,
    Section,
    Theme,
    clause_anchor,
)
from ..words import _, current, n_

# Every interface word below is looked up when a page is read (a directive runs), never at import:
# the build's language is chosen from its configuration first (see `language.py`).


def issuer_note(issuer_type: str) -> str:
    """What force a code has, from who issues it."""
    notes = {
        "regulator": _(
            "issued by a regulator: registration depends on meeting it, and a failure to do so "
            "can be a question of fitness to practise"
        ),
        "professional-body": _(
            "issued by a professional association: it binds its members and guides the profession, "
            "but it is not a condition of registration"
        ),
        "international-federation": _(
            "issued by the international federations of the profession: it defines social work "
            "worldwide and grounds national codes, without binding anyone directly"
        ),
        "legal-instrument": _(
            "law: public authorities, and those working for them, must act compatibly with it"
        ),
    }
    return notes[issuer_type]


def issued_by(code: CodeOfPractice) -> str:
    return _("{issuer} ({force})", issuer=code.issuer, force=issuer_note(code.issuer_type.value))


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


# --- codes -------------------------------------------------------------------------------------


def render_code(code: CodeOfPractice, catalog: Catalog, edition: str) -> list[nodes.Node]:
    """A code's page body: status, who it binds, then every clause with its stable anchor and where the
    kit uses it (`_used_in`, which depends on the edition)."""
    out: list[nodes.Node] = []
    status_classes = ["ek-status", f"ek-status-{code.status.value}"]
    banner = nodes.admonition(
        classes=[*status_classes, "note" if code.status is CodeStatus.CURRENT else "warning"]
    )
    if code.status is CodeStatus.CURRENT:
        heading = _("Current")
        body = (
            _("In force from {date}.", date=day(code.in_force_from)) if code.in_force_from else _("In force.")
        )
        banner += nodes.title(heading, heading)
        banner += nodes.paragraph(body, body)
    else:
        heading = _("Historical: no longer in force")
        banner += nodes.title(heading, heading)
        successor = catalog.codes[code.superseded_by].model if code.superseded_by else None
        if successor is not None:
            link = link_to("code", successor.id, successor.short_title)
            link["classes"].append("ek-successor")
            successor_link = item_text(catalog, "code", successor.id, link, "short_title")
            para = sentence(
                _(
                    "This code stopped applying {when}. It was replaced by {successor} ({issuer}).",
                    when=_when(code.superseded_on),
                    issuer=successor.issuer,
                    successor="{successor}",
                ),
                successor=successor_link,
            )
        else:
            text = _(
                "This code stopped applying {when}. It was replaced by {successor}.",
                when=_when(code.superseded_on),
                successor=code.successor,
            )
            para = nodes.paragraph(text, text)
        banner += para
    out.append(banner)
    if code.gaps:
        gap = nodes.admonition(classes=["warning", "ek-gaps"])
        heading = _("What this digest leaves out")
        gap += nodes.title(heading, heading)
        gap += paragraphs(code.gaps)
        out.append(gap)

    if code.document_level:
        out += _render_document(code, catalog, edition)
        return out
    facts = field_list(
        [
            (_("Official title"), code.title),
            (_("Issued by"), issued_by(code)),
            (_("Applies in"), setting_label(code.jurisdiction.value)),
            (_("Edition"), code.version),
            (_("Official text"), _external(code.official_url)),
        ]
    )
    out.append(facts)
    out += paragraphs(code.binds, classes=["ek-binds"])
    clauses = [clause for _number, clause in code.clauses()]
    verified = sum(clause.verified for clause in clauses)
    checked = _(
        "Last checked on {date}, against: {against}.",
        date=day(code.checked.on),
        against=code.checked.against.rstrip("."),
    )
    checked += " " + n_(
        "{verified} of {count} clause has been compared with the official wording.",
        "{verified} of {count} clauses have been compared with the official wording.",
        len(clauses),
        verified=verified,
    )
    if code.checked.notes:
        checked += f" {code.checked.notes}"
    out.append(nodes.paragraph(checked, checked, classes=["ek-checked"]))
    if code.checked.sources:
        out.append(_sources(code))
    out.append(
        nodes.paragraph(
            "",
            _(
                "Every clause below is a paraphrase in this kit's own words, not the official wording. "
                "Read the official text before relying on a clause."
            ),
            classes=["ek-paraphrase-note"],
        )
    )
    for code_section in code.sections:
        out.append(_render_section(code, code_section, catalog, edition))
    return out


def _render_document(code: CodeOfPractice, catalog: Catalog, edition: str) -> list[nodes.Node]:
    """A document-level digest: the document's facts, a plain warning that its clauses are not digested,
    and where it is cited as a whole."""
    out: list[nodes.Node] = []
    notice = nodes.admonition(classes=["warning", "ek-document-only"])
    heading = _("Described as a document: its clauses are not digested yet")
    notice += nodes.title(heading, heading)
    notice += sentence(
        _(
            "This kit does not yet give this code clause by clause: no clause is listed or paraphrased "
            "here, because its numbered wording could not be read in an official or faithful copy. Read "
            "the official text for what it asks: {link}."
        ),
        link=_external(code.official_url),
    )
    out.append(notice)
    in_force = day(code.in_force_from) if code.in_force_from else _("not confirmed")
    out.append(
        field_list(
            [
                (_("Official title"), code.title),
                (_("Issued by"), issued_by(code)),
                (_("Applies in"), setting_label(code.jurisdiction.value)),
                (_("Edition"), code.version),
                (_("In force from"), in_force),
                (_("Official text"), _external(code.official_url)),
            ]
        )
    )
    out += paragraphs(code.binds, classes=["ek-binds"])
    if code.structure:
        out.append(
            section(f"{code.id}-structure", _("How the document is organised"), *paragraphs(code.structure))
        )
    checked = _(
        "Facts last checked on {date}, against: {against}.",
        date=day(code.checked.on),
        against=code.checked.against.rstrip("."),
    )
    if code.checked.notes:
        checked += f" {code.checked.notes}"
    out.append(nodes.paragraph(checked, checked, classes=["ek-checked"]))
    if code.checked.sources:
        out.append(_sources(code))
    citations = catalog.citations.get(code.id, [])
    if citations:
        out.append(_used_in(citations, catalog, edition))
    return out


def _sources(code: CodeOfPractice) -> nodes.Element:
    """The sources a digest was compared with, each marked as the issuer's own or a copy."""
    items = []
    for source in code.checked.sources:
        entry = nodes.paragraph(ids=[f"{code.id}-source-{source.id}"])
        title: nodes.Node = (
            nodes.reference(source.title, source.title, refuri=source.url, classes=["ek-source"])
            if source.url
            else nodes.Text(source.title)
        )
        facts = [_("the issuer's own") if source.official else _("a copy or quotation, not the issuer's own")]
        if source.seen_on:
            facts.append(_("dated {date}", date=day(source.seen_on)))
        if source.sha256:
            facts.append(_("file SHA-256 {digest}…", digest=source.sha256[:12]))
        entry += sentence_nodes(
            _("{source} ({facts}).", facts=_("; ").join(facts), source="{source}"), source=title
        )
        if source.notes:
            entry += nodes.Text(f" {source.notes}")
        items.append(entry)
    return section(f"{code.id}-sources", _("Sources compared"), bullets(items), classes=["ek-sources"])


def _when(value: date | str | None) -> str:
    """'on 2 December 2019', 'in July 2014' or 'in 2012', from a date or a partial ISO date."""
    if isinstance(value, date):
        return _("on {date}", date=day(value))
    if value and re.fullmatch(r"\d{4}-\d{2}", value):
        month = format_date(date.fromisoformat(value + "-01"), "MMMM y", locale=current().babel_locale)
        return _("in {month}", month=month)
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _("on {date}", date=day(date.fromisoformat(value)))
    return _("in {year}", year=value)


def _external(url: str) -> nodes.reference:
    # An address is shown as it is: Sphinx's smart quotes would turn its '--' into a dash.
    return nodes.reference(url, url, refuri=url, classes=["ek-official"], support_smartquotes=False)


def _render_section(
    code: CodeOfPractice, code_section: Section, catalog: Catalog, edition: str
) -> nodes.section:
    if not code_section.id[0].isdigit():
        title = code_section.title
    elif "." in code_section.id:
        title = _("{number} {title}", number=code_section.id, title=code_section.title)
    else:
        title = _("{number}. {title}", number=code_section.id, title=code_section.title)
    sec = section(f"{code.id}-section-{clause_anchor(code_section.id)}", title, classes=["ek-code-section"])
    if code_section.clause_count is None:
        note = _(
            "This section may have more clauses than are shown here: the official text could not be "
            "read far enough to list them all."
        )
        sec += nodes.paragraph(note, note, classes=["ek-unverified", "ek-section-gap"])
    if code_section.polarity is Polarity.DO_NOT:
        sec["classes"].append("ek-do-not")
        note = _(
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
            will_not = _("Will not:")
            para += nodes.strong(will_not, will_not, classes=["ek-will-not"])
            para += nodes.Text(" ")
        para += nodes.Text(clause.paraphrase)
        item += para
        themes = listing_of(theme.label for theme in clause.themes)
        item += nodes.paragraph(themes, _("Themes: {themes}", themes=themes), classes=["ek-clause-themes"])
        if not clause.verified:
            note = _("Not checked against the official wording: {reason}", reason=clause.unverified_reason)
            item += nodes.paragraph(note, note, classes=["ek-unverified"])
        elif clause.verified_against:
            source = code.checked.source(clause.verified_against)
            if source is not None:
                if source.official:
                    note = _(
                        "Number and meaning checked against: {source} (the issuer's own).",
                        source=source.title,
                    )
                else:
                    note = _(
                        "Number and meaning checked against: {source} (a copy or quotation).",
                        source=source.title,
                    )
                item += nodes.paragraph(note, note, classes=["ek-verified-source"])
        citations = catalog.citations.get(f"{code.id}:{clause.id}", [])
        if citations:
            item += _used_in(citations, catalog, edition)
        sec += item
    return sec


def _used_in(
    citations: list[Citation], catalog: Catalog, edition: str, case_anchor_suffix: str = ""
) -> nodes.container:
    """Where a clause or a provision is cited, as a list: one line naming the cases, then a line for
    each dilemma naming its choices and endings that cite it, each linked to where it stands; a
    provision links to the case's law section.

    The lecturer edition says how each choice or ending stands to the clause ("honoured by the choice
    ..."). The student edition only names them: a dilemma holds back those verdicts until its endings,
    and a code's page, one link away from every choice, must not give them away first."""
    cases: list[Part] = []
    by_dilemma: dict[str, list[Part]] = {}
    for citation in citations:
        if citation.kind == "case":
            anchor = f"case-{citation.owner}{case_anchor_suffix}"
            cases.append(item_link(catalog, "case", citation.owner, citation.label, anchor))
            continue
        dilemma = catalog.dilemmas[citation.owner].model
        quoted = _("“{label}”", label=citation.label)
        link = link_to("dilemma", dilemma.id, quoted, f"dilemma-{dilemma.id}-{citation.item}")
        shown = item_text(catalog, "dilemma", dilemma.id, link, _citation_key(dilemma, citation))
        relation = citation.relation if edition == "lecturer" else None
        by_dilemma.setdefault(dilemma.id, []).append(
            sentence_nodes(used_in_words(citation.kind, relation), item=shown)
        )
    lines: list[nodes.Node] = []
    if cases:
        label = n_("Case: {cases}", "Cases: {cases}", len(cases), cases="{cases}")
        lines.append(sentence(label, cases=joined(cases, _("; "))))
    for dilemma_id, places in by_dilemma.items():
        dilemma = catalog.dilemmas[dilemma_id].model
        title = item_link(catalog, "dilemma", dilemma_id, dilemma.title, f"dilemma-{dilemma_id}")
        lines.append(sentence(_("{dilemma}: {places}"), dilemma=title, places=joined(places, _("; "))))
    block = nodes.container(classes=["ek-used-in"])
    heading = _("Used in:")
    block += nodes.paragraph(heading, heading, classes=["ek-used-in-heading"])
    block += bullets(lines)
    return block


def _citation_key(dilemma: Dilemma, citation: Citation) -> str:
    """Where the cited choice's label or ending's title sits in the dilemma's file."""
    if citation.kind == "ending":
        return f"endings/{citation.item}/title"
    node = next(node for node in dilemma.nodes if any(choice.id == citation.item for choice in node.choices))
    return f"nodes/{node.id}/choices/{citation.item}/label"


def used_in_words(kind: str, relation: Relation | None) -> str:
    """How a choice or an ending stands to a clause, as one phrase with `{item}` (the choice or ending,
    linked) left to fill; with no relation, only what it is."""
    choice = kind == "choice"
    if relation is Relation.HONOURS:
        return _("honoured by the choice {item}") if choice else _("honoured by the ending {item}")
    if relation is Relation.STRAINS:
        return _("strained by the choice {item}") if choice else _("strained by the ending {item}")
    if relation is Relation.UNLAWFUL:
        if choice:
            return _("would be broken by the choice {item}")
        return _("would be broken by the ending {item}")
    return _("the choice {item}") if choice else _("the ending {item}")


def render_codes_by_theme(catalog: Catalog) -> list[nodes.Node]:
    """For each theme, the clauses of every current code that carry it, code by code, then the
    provisions of law on the same theme, so the floor the codes stand on is in view."""
    laws = [law for law in laws_in_reading_order(catalog) if law.kind.is_legislation]
    current_codes = sorted(
        catalog.current_codes(),
        key=lambda code: (JURISDICTION_ORDER.index(code.jurisdiction.value), code.id),
    )
    out: list[nodes.Node] = []
    whole = [code for code in current_codes if code.document_level]
    if whole:
        named = [
            sentence_nodes(
                _("{code} ({place})", place=setting_label(code.jurisdiction.value), code="{code}"),
                code=item_link(catalog, "code", code.id, code.short_title, key="short_title"),
            )
            for code in whole
        ]
        out.append(
            sentence(
                _(
                    "Not in these tables, because the kit describes them only as documents and does not "
                    "yet digest their clauses: {codes}. Read their official texts for what they say on "
                    "each theme."
                ),
                ["ek-document-only-note"],
                codes=joined(named, _("; ")),
            )
        )
    for theme in Theme:
        table, body = table_with_head(
            "ek-theme-table", [_("Jurisdiction"), _("Code"), _("Clauses")], (1, 2, 6)
        )
        for code in current_codes:
            clauses = [clause for _number, clause in code.clauses() if theme in clause.themes]
            if not clauses:
                continue
            items = []
            for clause in clauses:
                entry = nodes.paragraph()
                entry += cite(f"{code.id}:{clause.id}")
                entry += nodes.Text(f": {clause.paraphrase}")
                items.append(entry)
            name = nodes.paragraph(
                "", "", *item_text(catalog, "code", code.id, nodes.Text(code.short_title), "short_title")
            )
            body += row([setting_label(code.jurisdiction.value), name, bullets(items)])
        for law in laws:
            provisions = [p for p in law.provisions if any(topic.theme is theme for topic in p.themes)]
            if provisions:
                items = []
                for provision in provisions:
                    entry = nodes.paragraph()
                    entry += cite_law(f"{law.id}:{provision.number}")
                    entry += nodes.Text(f": {provision.paraphrase}")
                    items.append(entry)
                key = "short_title" if law.short_title else "title"
                instrument = item_text(catalog, "law", law.id, nodes.Text(law.short_title or law.title), key)
                name = sentence(_("{instrument} (law)"), instrument=instrument)
                body += row([nations_label(law), name, bullets(items)])
        out.append(section(f"theme-{theme.value}", theme.label, table, classes=["ek-theme"]))
    return out


def issuer_kind(issuer_type: str) -> str:
    """What kind of body issues a code, in a word or two."""
    kinds = {
        "regulator": _("Regulator"),
        "professional-body": _("Professional association"),
        "international-federation": _("International federation"),
        "legal-instrument": _("Law"),
    }
    return kinds[issuer_type]


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
    headings = [_("Code"), _("Issued by"), _("Applies in"), _("Edition"), _("Status"), _("Coverage")]
    table, body = table_with_head("ek-codes-index", headings, (4, 2, 2, 1, 2, 3))
    for code in codes:
        name = nodes.paragraph()
        name += item_link(catalog, "code", code.id, code.short_title, key="short_title")
        status = _("Current") if code.status is CodeStatus.CURRENT else _("Historical")
        body += row(
            [
                name,
                issuer_kind(code.issuer_type.value),
                setting_label(code.jurisdiction.value),
                code.version,
                status,
                coverage(code),
            ]
        )
    return [table]


def coverage(code: CodeOfPractice) -> str:
    """How much of a code the kit covers, said plainly: 'document only', or clauses digested and verified."""
    if code.document_level:
        return _("Document only: clauses not yet digested")
    clauses = [clause for _number, clause in code.clauses()]
    verified = sum(clause.verified for clause in clauses)
    counted = all(section.clause_count is not None for section in code.sections)
    if counted and not code.gaps:
        return n_(
            "{count} clause digested; {verified} verified",
            "{count} clauses digested; {verified} verified",
            len(clauses),
            verified=verified,
        )
    return n_(
        "{count} clause digested (not all); {verified} verified",
        "{count} clauses digested (not all); {verified} verified",
        len(clauses),
        verified=verified,
    )


# --- law ---------------------------------------------------------------------------------------


def kind_words(kind: str) -> str:
    """What kind of instrument a law digest is."""
    kinds = {
        "act": _("Act of the UK Parliament"),
        "asp": _("Act of the Scottish Parliament"),
        "measure": _("Measure of the National Assembly for Wales"),
        "order": _("Order in Council (Northern Ireland)"),
        "regulations": _("Regulations"),
        "guidance": _("Statutory guidance or code of practice"),
        "policy": _("Policy (not law)"),
    }
    return kinds[kind]


def status_words(status: InstrumentStatus) -> str:
    """Whether an instrument is in force."""
    statuses = {
        InstrumentStatus.IN_FORCE: _("In force"),
        InstrumentStatus.PARTLY_IN_FORCE: _("Partly in force"),
        InstrumentStatus.NOT_YET_IN_FORCE: _("Not yet in force"),
        InstrumentStatus.REPEALED: _("Repealed"),
        InstrumentStatus.POLICY: _("Policy, not law"),
    }
    return statuses[status]


def nations_label(instrument: Instrument) -> str:
    return listing_of(setting_label(nation.value) for nation in instrument.nations)


def render_instrument(instrument: Instrument, catalog: Catalog, edition: str) -> list[nodes.Node]:
    """A statute digest's page body: what it is, where it applies, then every provision with its anchor,
    whether it was checked, and where the kit uses it (`_used_in`, which depends on the edition)."""
    out: list[nodes.Node] = []
    banner = nodes.admonition(
        classes=["note" if instrument.kind.is_legislation else "warning", "ek-law-status"]
    )
    heading = status_words(instrument.status)
    banner += nodes.title(heading, heading)
    if instrument.status_note:
        banner += paragraphs(instrument.status_note)
    out.append(banner)
    official: str | nodes.Node = (
        _external(instrument.official_url) if instrument.official_url else _("address not confirmed")
    )
    out.append(
        field_list(
            [
                (_("Official title"), instrument.title),
                (_("Citation"), instrument.citation),
                (_("Kind"), kind_words(instrument.kind.value)),
                (_("Applies in"), nations_label(instrument)),
                (_("Year"), str(instrument.year)),
                (_("Official text"), official),
            ]
        )
    )
    out += paragraphs(instrument.extent_note, classes=["ek-binds"])
    verified = sum(provision.verified is not None for provision in instrument.provisions)
    if instrument.provisions:
        checked = n_(
            "{verified} of {count} provision has been read against its official text; the others are "
            "marked below.",
            "{verified} of {count} provisions have been read against their official text; the others are "
            "marked below.",
            len(instrument.provisions),
            verified=verified,
        )
        out.append(nodes.paragraph(checked, checked, classes=["ek-checked"]))
    else:
        note = _("This document is cited as a whole: no part of it is digested here yet.")
        out.append(nodes.paragraph(note, note, classes=["ek-checked"]))
    out.append(
        nodes.paragraph(
            "",
            _(
                "Every provision below is a paraphrase in this kit's own words, not the law's wording, and "
                "not legal advice. Read the official text, as amended, before relying on it."
            ),
            classes=["ek-paraphrase-note"],
        )
    )
    for provision in instrument.provisions:
        ref = f"{instrument.id}:{provision.number}"
        item = nodes.container(ids=[clause_anchor(ref)], classes=["ek-clause-item", "ek-provision"])
        para = nodes.paragraph(classes=["ek-clause-text"])
        number = law_number(provision.unit.value, provision.number)
        para += nodes.strong(number, number, classes=["ek-clause-number"])
        para += nodes.Text(" ")
        para += nodes.Text(_("{heading}.", heading=provision.heading_unstopped))
        para += nodes.Text(" ")
        para += nodes.Text(provision.paraphrase)
        item += para
        topics = listing_of(topic.label for topic in provision.themes)
        item += nodes.paragraph(topics, _("Topics: {topics}", topics=topics), classes=["ek-clause-themes"])
        if provision.nations is not None:
            where = listing_of(setting_label(nation.value) for nation in provision.nations)
            note = _("This provision applies in {places} only.", places=where)
            item += nodes.paragraph(note, note, classes=["ek-provision-nations"])
        if provision.url:
            item += sentence(_("Official text: {link}"), ["ek-provision-url"], link=_external(provision.url))
        if provision.verified is not None:
            note = _(
                "Checked on {date} against: {against}.",
                date=day(provision.verified.on),
                against=provision.verified.against.rstrip("."),
            )
            item += nodes.paragraph(note, note, classes=["ek-verified"])
        else:
            note = _("Not checked against the official text: {reason}", reason=provision.unverified)
            item += nodes.paragraph(note, note, classes=["ek-unverified"])
        citations = catalog.law_citations.get(law_key(ref), [])
        if citations:
            item += _used_in(citations, catalog, edition, case_anchor_suffix="-law")
        out.append(item)
    return out


def law_number(unit: str, number: str) -> str:
    """A provision's number as a reader sees it: 'Section 42', 'Article 66', 'Schedule 1 paragraph 2'."""
    if unit in {"section", "subsection"}:
        return _("Section {number}", number=number)
    if unit == "regulation":
        return _("Regulation {number}", number=number)
    if unit == "paragraph":
        return _("Paragraph {number}", number=number)
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
            "ek-law-index", [_("Instrument"), _("Kind"), _("Status"), _("Checked")], (5, 3, 2, 2)
        )
        for law in laws:
            if nation not in {n.value for n in law.nations}:
                continue
            name = nodes.paragraph()
            name += item_link(catalog, "law", law.id, law.title)
            verified = sum(provision.verified is not None for provision in law.provisions)
            checked = (
                n_(
                    "{verified} of {count} provision",
                    "{verified} of {count} provisions",
                    len(law.provisions),
                    verified=verified,
                )
                if law.provisions
                else _("cited as a whole")
            )
            body += row([name, kind_words(law.kind.value), status_words(law.status), checked])
        out.append(section(f"law-{nation}", setting_label(nation), table, classes=["ek-law-nation"]))
    return out


def render_dilemmas_index(catalog: Catalog, edition: str) -> list[nodes.Node]:
    """Every dilemma with its case; the lecturer edition adds each one's diagram, to plan a seminar."""
    out: list[nodes.Node] = []
    dilemmas = sorted((loaded.model for loaded in catalog.dilemmas.values()), key=lambda d: d.title)
    for dilemma in dilemmas:
        heading = nodes.paragraph(classes=["ek-dilemma-entry"])
        heading += item_link(catalog, "dilemma", dilemma.id, dilemma.title, f"dilemma-{dilemma.id}")
        case = catalog.cases.get(dilemma.case)
        if case is not None:
            setting = case.model.setting
            decisions = n_("{count} decision", "{count} decisions", len(dilemma.nodes))
            endings = n_("{count} ending", "{count} endings", len(dilemma.endings))
            where = _(
                "({place}, {service}; {decisions}, {endings})",
                place=setting_label(setting.jurisdiction.value),
                service=setting_label(setting.service.value).lower(),
                decisions=decisions,
                endings=endings,
            )
            heading += nodes.Text(" " + where)
        entry: list[nodes.Node] = [heading]
        if edition == "lecturer":
            as_text = link_to("dilemma", dilemma.id, _("Map as text"), map_text_anchor(dilemma.id))
            entry.append(diagram_of(dilemma, links=False, text_link=as_text))
        out.append(
            section(
                f"dilemmas-index-{dilemma.id}",
                item_text(catalog, "dilemma", dilemma.id, nodes.Text(dilemma.title)),
                *entry,
                classes=["ek-dilemmas-index"],
            )
        )
    return out


# --- case indexes ------------------------------------------------------------------------------


def _case_item(case: Case, catalog: Catalog) -> nodes.paragraph:
    para = nodes.paragraph()
    para += item_link(catalog, "case", case.id, case.title, f"case-{case.id}")
    setting = _(
        "({place}, {service})",
        place=setting_label(case.setting.jurisdiction.value),
        service=setting_label(case.setting.service.value).lower(),
    )
    para += nodes.Text(" " + setting)
    return para


def _cases_by_title(catalog: Catalog) -> list[Case]:
    """The cases in the order a reader scans a list for one: by title, as the build's language gives it
    (a case's file name often differs from its title)."""
    return sorted(
        (loaded.model for loaded in catalog.cases.values()), key=lambda case: (case.title.casefold(), case.id)
    )


def render_cases_by_theme(catalog: Catalog) -> list[nodes.Node]:
    """Every theme with the cases that carry it."""
    cases = _cases_by_title(catalog)
    out: list[nodes.Node] = []
    for theme in Theme:
        tagged = [case for case in cases if theme in case.themes]
        if tagged:
            items = [_case_item(case, catalog) for case in tagged]
            out.append(section(f"cases-theme-{theme.value}", theme.label, bullets(items)))
    return out


def render_cases_by_code(catalog: Catalog) -> list[nodes.Node]:
    """Every code with the cases citing it and the clauses they cite; current codes first."""
    cases = _cases_by_title(catalog)
    codes = codes_in_reading_order(catalog)
    out: list[nodes.Node] = []
    for code in codes:
        items = []
        for case in cases:
            refs = [cited.ref for cited in case.clauses if cited.ref.partition(":")[0] == code.id]
            if refs:
                para = _case_item(case, catalog)
                para += nodes.Text(": ")
                para += in_a_row(clauses=refs)
                items.append(para)
        if items:
            message = (
                _("{code}: {issuer}", code="{code}", issuer=code.issuer)
                if code.status is CodeStatus.CURRENT
                else _("{code} (historical): {issuer}", code="{code}", issuer=code.issuer)
            )
            title = sentence_nodes(message, code=item_text(catalog, "code", code.id, nodes.Text(code.title)))
            out.append(section(f"cases-code-{code.id}", title, bullets(items)))
    return out
