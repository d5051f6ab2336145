"""The building blocks every layout is made of: paragraphs, sections, lists, tables, sentences that
hold references, and the names of places, services and career stages as a reader sees them.

Every text field is inserted as text, so nothing in content becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeAlias

from docutils import nodes
from sphinx import addnodes

from ..catalog import Catalog, Cited
from ..loader import Loaded
from ..models import Instrument, Jurisdiction, Provision, ServiceType
from ..translations import english_left
from ..words import _, current
from .nodes import catalog_ref, clause_ref, law_ref


def day(value: date) -> str:
    """A date as the build's language writes it: '2 December 2019'."""
    return current().date(value)


def paragraphs(text: str, classes: Iterable[str] = ()) -> list[nodes.Node]:
    """Plain text with blank-line-separated paragraphs, as paragraph nodes."""
    return [
        nodes.paragraph(block, block, classes=list(classes))
        for block in (part.strip() for part in text.split("\n\n"))
        if block
    ]


def section(
    ids: str, title: str | list[nodes.Node], *children: nodes.Node, classes: Iterable[str] = ()
) -> nodes.section:
    """A section with an id and a title (text, or nodes such as `item_text`'s)."""
    node = nodes.section(ids=[ids], classes=list(classes))
    node += nodes.title(title, title) if isinstance(title, str) else nodes.title("", "", *title)
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


def cite(ref: str, short: bool = False) -> clause_ref:
    """A clause reference node, resolved into a link later; `short` reads as the clause alone ('6.5'),
    for a clause that follows another of its code in a row (`in_a_row`)."""
    return clause_ref("", "", ref=ref, explicit=False, short=short)


def cite_law(ref: str, short: bool = False) -> law_ref:
    """A provision reference node, resolved into a link later; `short` reads as the provision alone
    ('s 42'), for one that follows another of its instrument in a row (`in_a_row`)."""
    return law_ref("", "", ref=ref, explicit=False, short=short)


Part: TypeAlias = nodes.Node | list[nodes.Node]


def link_to(kind: str, item_id: str, text: str, anchor: str = "") -> catalog_ref:
    """A link to the page that shows a case, code or dilemma, resolved later."""
    return catalog_ref(text, text, key=f"{kind}:{item_id}", anchor=anchor)


def sentence_nodes(message: str, **parts: Part) -> list[nodes.Node]:
    """A looked-up sentence as nodes, its `{placeholders}` filled with nodes (a link, a reference), so
    a sentence holding a link is still one message. Fill the other placeholders first, and pass these
    through as themselves: `_("Read {link}.", link="{link}")`."""
    out: list[nodes.Node] = []
    for piece in re.split(r"(\{[a-z_]+\})", message):
        name = piece[1:-1]
        if piece.startswith("{") and name in parts:
            part = parts[name]
            out += part if isinstance(part, list) else [part]
        elif piece:
            out.append(nodes.Text(piece))
    return out


def sentence(message: str, classes: Iterable[str] = (), **parts: Part) -> nodes.paragraph:
    """A paragraph holding `sentence_nodes`."""
    para = nodes.paragraph(classes=list(classes))
    para += sentence_nodes(message, **parts)
    return para


def joined(items: Iterable[Part], separator: str) -> list[nodes.Node]:
    """Nodes in a row with a looked-up separator between them (`_(", ")`, `_("; ")`)."""
    out: list[nodes.Node] = []
    for number, item in enumerate(items):
        if number:
            out.append(nodes.Text(separator))
        out += item if isinstance(item, list) else [item]
    return out


def in_a_row(clauses: Iterable[str] = (), provisions: Iterable[str] = ()) -> list[nodes.Node]:
    """Clause and provision references in a row, each code or instrument named once: 'Social Work
    England professional standards 2.7, 4.5; Care Act 2014, s 1, s 42'. References are grouped under
    the code or instrument they belong to, in the order each was first cited."""
    groups: dict[tuple[str, str], list[nodes.Node]] = {}
    for ref in clauses:
        group = groups.setdefault(("code", ref.partition(":")[0]), [])
        group.append(cite(ref, short=bool(group)))
    for ref in provisions:
        group = groups.setdefault(("instrument", ref.partition(":")[0]), [])
        group.append(cite_law(ref, short=bool(group)))
    return joined([joined(group, _(", ")) for group in groups.values()], _("; "))


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


def experience_words() -> dict[str, str]:
    """How far into their career a case's practitioner is, as a reader sees it."""
    return {
        "student": _("Student"),
        "newly-qualified": _("Newly qualified"),
        "experienced": _("Experienced"),
        "senior": _("Senior"),
        "manager": _("Manager"),
    }


def setting_label(value: str) -> str:
    """A place, a service or a career stage as a reader sees it: places and services are named by the
    models' own labels, which every output shares."""
    if value in {place.value for place in Jurisdiction}:
        return Jurisdiction(value).label
    if value in {service.value for service in ServiceType}:
        return ServiceType(value).label
    return experience_words()[value]


def closes_a_sentence(title: str) -> bool:
    """Whether a title ends as a sentence ends ('Whose service is it?'): a sentence that ends with it
    then takes no full stop of its own."""
    return title.rstrip().endswith(("?", "!", "."))


def listing_of(items: Iterable[str]) -> str:
    """Names in a row, as the build's language separates them: 'England, Wales'."""
    return _(", ").join(items)


def translatable_kinds(catalog: Catalog) -> dict[str, dict[str, Loaded[Any]]]:
    """The kinds of item that are translated and shown in full on a page (as the page registry names
    them), each with its items by id; a framework, say, is neither."""
    return {
        "code": catalog.codes,
        "law": catalog.laws,
        "case": catalog.cases,
        "dilemma": catalog.dilemmas,
        "seminar": catalog.seminars,
    }


def item_text(catalog: Catalog, kind: str, item_id: str, shown: Part, key: str = "title") -> list[nodes.Node]:
    """An item's string as another page lists it (its title, linked or not), in the page's language.

    Every list of items goes through here, so that on a page in another language a string the item
    has no translation for is never mixed in silently: it is marked as English (`lang="en"`, WCAG
    3.1.2) and followed by a short note, in the page's language, that it is in English. `key` is the
    string's place in the item's file, as the translation records it ('title', 'short_title').
    """
    parts = shown if isinstance(shown, list) else [shown]
    loaded = translatable_kinds(catalog).get(kind, {}).get(item_id)
    if loaded is None or not catalog.translations.shows_english(loaded.path, key):
        return parts
    note = _("(in English)")
    return [
        nodes.inline("", "", *parts, classes=["language-en"]),
        nodes.Text(" "),
        nodes.inline(note, note, classes=["ek-in-english"]),
    ]


def item_link(
    catalog: Catalog, kind: str, item_id: str, text: str, anchor: str = "", key: str = "title"
) -> list[nodes.Node]:
    """A link to an item's page, its text one of the item's strings (`item_text`)."""
    return item_text(catalog, kind, item_id, link_to(kind, item_id, text, anchor), key)


def clause_in_english(catalog: Catalog, found: Cited) -> bool:
    """Whether a page in the language the catalogue was put in quotes this clause's paraphrase (or a
    document-level digest's statement of what binds whom) in English, its digest not translated."""
    key = next(
        (
            f"sections/{section.id}/clauses/{clause.id}/paraphrase"
            for section, clause in found.code.clauses()
            if found.clause is not None and clause.id == found.clause.id
        ),
        "binds",
    )
    loaded = catalog.codes.get(found.code.id)
    return loaded is not None and catalog.translations.shows_english(loaded.path, key)


def provision_in_english(
    catalog: Catalog, instrument: Instrument, provision: Provision, field: str = "paraphrase"
) -> bool:
    """Whether a page in the language the catalogue was put in quotes this provision's paraphrase (or
    its `field`, such as 'heading') in English."""
    loaded = catalog.laws.get(instrument.id)
    key = f"provisions/{provision.number}/{field}"
    return loaded is not None and catalog.translations.shows_english(loaded.path, key)


def clause_text(catalog: Catalog, found: Cited) -> nodes.Node:
    """A clause's words as a page quotes them: marked English where its digest is not yet translated."""
    return in_english(found.text) if clause_in_english(catalog, found) else nodes.Text(found.text)


def in_english(text: str) -> nodes.inline:
    """Text a page in another language shows in English, marked so (`lang="en"`, WCAG 3.1.2)."""
    return nodes.inline(text, text, classes=["language-en"])


def _plain(text: str) -> str:
    return " ".join(text.split())


def mark_english_text(tree: nodes.Node, texts: Iterable[str]) -> None:
    """Mark as English (class `language-en`, which the HTML writers give as `lang="en"`) each element of
    `tree` whose text is one of `texts` or one of their paragraphs; and, where a sentence in the page's
    own language holds one ("Why it bears on this case: ..."), that string within it."""
    pieces = {_plain(piece) for text in texts for piece in (text, *text.split("\n\n"))} - {""}
    if not pieces:
        return
    for node in tree.findall(nodes.TextElement):
        if _plain(node.astext()) in pieces and "language-en" not in node["classes"]:
            node["classes"].append("language-en")
    # Found within other words only when three words long or more: a shorter string ("True", a name)
    # could as well be part of a sentence in the page's own language.
    within = sorted((piece for piece in pieces if len(piece.split()) >= 3), key=len, reverse=True)
    if not within:
        return
    pattern = re.compile("|".join(r"\s+".join(map(re.escape, piece.split())) for piece in within))
    for text in list(tree.findall(nodes.Text)):
        if not _reader_text(text):
            continue
        source = str(text)
        parts: list[nodes.Node] = []
        at = 0
        for found in pattern.finditer(source):
            if found.start() > at:
                parts.append(nodes.Text(source[at : found.start()]))
            parts.append(in_english(found.group(0)))
            at = found.end()
        if parts:
            if at < len(source):
                parts.append(nodes.Text(source[at:]))
            text.parent.replace(text, parts)


def _reader_text(node: nodes.Node) -> bool:
    """Whether a text node is words a reader reads and not yet marked English: not within an element
    marked so, nor within raw HTML, code or a comment (a player's data would no longer be JSON)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.FixedTextElement | nodes.literal | nodes.Invisible):
            return False
        if isinstance(parent, nodes.Element) and "language-en" in parent["classes"]:
            return False
        parent = parent.parent
    return True


def mark_items_english(tree: nodes.Node, catalog: Catalog, shown: Iterable[Loaded[Any]]) -> None:
    """In a layout written in another language, mark the strings of the items it shows (a case, a
    dilemma, a seminar plan) that have no translation yet as English, as the book's pages do: a
    handout, seminar pack or single file in Welsh must not have English read with Welsh sounds."""
    translations = catalog.translations
    language = translations.applied
    if language is None:
        return
    left = [
        text for loaded in shown for text in english_left(translations.item(language, loaded.path), loaded)
    ]
    mark_english_text(tree, left)


def spelled_out(refs: Iterable[str], catalog: Catalog) -> list[nodes.Node]:
    """Each clause of `refs` with its words, for paper: where a screen shows a clause's words when the
    reader points at its link, paper prints them under the line that names it."""
    entries: list[nodes.Node] = []
    for ref in refs:
        found = catalog.cited(ref)
        if found is not None:
            message = _("{ref}: {text}", ref="{ref}", text="{text}")
            entries.append(sentence(message, ref=cite(ref), text=clause_text(catalog, found)))
    if not entries:
        return []
    listing = bullets(entries)
    listing["classes"].append("ek-spelled-out")
    return [listing]


def provision_line(ref: str, catalog: Catalog) -> nodes.paragraph:
    """A provision of law with its heading and the kit's paraphrase, marked when it was not checked
    against the official text; the reference alone when the catalogue does not know it."""
    found = catalog.resolve_law(ref)
    if found is None:
        return sentence("{ref}", ref=cite_law(ref))
    instrument, provision = found
    heading: Part = nodes.Text(provision.heading_label)
    if provision_in_english(catalog, instrument, provision, "heading"):
        heading = in_english(provision.heading_label)
    text: Part = nodes.Text(provision.paraphrase)
    if provision_in_english(catalog, instrument, provision):
        text = in_english(provision.paraphrase)
    message = _("{ref} ({heading}): {text}", heading="{heading}", text="{text}", ref="{ref}")
    entry = sentence(message, ref=cite_law(ref), heading=heading, text=text)
    if provision.verified is None:
        unchecked = _("(not yet checked against the official text)")
        entry += nodes.Text(" ")
        entry += nodes.emphasis(unchecked, unchecked)
    return entry


def spelled_out_law(refs: Iterable[str], catalog: Catalog) -> list[nodes.Node]:
    """Each provision of `refs` with its heading and paraphrase, for outputs without the book's links
    (as `spelled_out` does for clauses)."""
    entries: list[nodes.Node] = [provision_line(ref, catalog) for ref in refs]
    if not entries:
        return []
    listing = bullets(entries)
    listing["classes"].append("ek-spelled-out")
    return [listing]
