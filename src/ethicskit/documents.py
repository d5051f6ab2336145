"""Cases, dilemmas and seminar plans as standalone HTML: printed handouts and single-file dilemmas.

Everything is built from the validated models, and every piece of content is escaped, so nothing in a
YAML file can become markup.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

from docutils import nodes

from .catalog import Catalog
from .diagram import caption_id, choice_keys, diagram_classes, diagram_html, legend, printed_legend
from .engine import Branch, branch_map, numbered_nodes
from .engine import titles as _titles
from .export import dilemma_json, script_words_element
from .layout.case import case_layout
from .layout.case import content_note as layout_content_note
from .layout.paper import html_of
from .layout.seminar import seminar_layout
from .layout.worksheet import worksheet_steps
from .models import (
    Case,
    Choice,
    Dilemma,
    LawCitation,
    Lean,
    Seminar,
    law_label,
    perspective_names,
)
from .signposting import signpost
from .words import _, current


def lean_words() -> dict[int, str]:
    """How each lean reads beside a side's view of a choice, by its number (`Lean.label`)."""
    return {int(lean): lean.label for lean in Lean}


def sides() -> tuple[tuple[str, str], ...]:
    """The three sides a choice is seen from, as (key, name) pairs (`models.perspective_names`)."""
    return tuple(perspective_names().items())


def fill(message: str, /, **values: str) -> str:
    """A looked-up message as HTML: its own words escaped, its placeholders filled with `values`, which
    are HTML already (escaped content, or markup built here), so a link or emphasis can sit inside a
    sentence without the sentence being cut into fragments."""
    return escape(message).format(**values)


def paras(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def items(values: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{escape(value)}</li>" for value in values) + f"</{tag}>"


def clause_text(catalog: Catalog, ref: str) -> str:
    found = catalog.cited(ref)
    if found is None:
        return escape(ref)
    return f"<strong>{escape(found.label)}</strong>: {escape(found.text)}"


def law_text(catalog: Catalog, ref: str) -> str:
    """A cited provision with its heading and paraphrase, marked when it was not checked."""
    found = catalog.resolve_law(ref)
    if found is None:
        return escape(ref)
    instrument, provision = found
    unchecked = (
        "" if provision.verified else f" <em>{escape(_('(not yet checked against the official text)'))}</em>"
    )
    # Each piece of content sits in an element of its own inside the sentence, so the words the
    # sentence adds stay apart from the content's words (and a pseudo-locale check can tell them apart).
    described = fill(
        _("{provision} ({heading}): {text}"),
        provision=f"<strong>{escape(law_label(instrument, provision))}</strong>",
        heading=f'<span class="ek-law-heading">{escape(provision.heading)}</span>',
        text=f'<span class="ek-law-text">{escape(provision.paraphrase)}</span>',
    )
    return described + unchecked


def law_citations(catalog: Catalog, citations: list[LawCitation]) -> str:
    """A choice's or ending's provisions, by how it stands to each."""
    out = ""
    for relation in ("honours", "strains", "unlawful"):
        refs = [law.ref for law in citations if law.relation.value == relation]
        if refs:
            labels = []
            for ref in refs:
                found = catalog.resolve_law(ref)
                labels.append(law_label(*found) if found else ref)
            provisions = "; ".join(labels)
            line = {
                "honours": _("Honours in law: {provisions}", provisions=provisions),
                "strains": _("Strains in law: {provisions}", provisions=provisions),
                "unlawful": _("Unlawful under: {provisions}", provisions=provisions),
            }[relation]
            out += f"<p>{escape(line)}</p>"
    return out


def content_note(case: Case, catalog: Catalog) -> str:
    """The case's content note as the book shows it, without the link to the book's support page."""
    if case.content_note is None:
        return ""
    return html_of([layout_content_note(case, None)], catalog)


# --- cases -------------------------------------------------------------------------------------


def case_sheet(case: Case, catalog: Catalog, lecturer: bool, level: int = 1) -> str:
    """A case as a handout: the book's case layout (`layout.case`), on paper."""
    edition = "lecturer" if lecturer else "student"
    return html_of([case_layout(case, catalog, edition, support_page=None)], catalog, level)


# --- dilemmas ----------------------------------------------------------------------------------


def branch_list(dilemma: Dilemma) -> str:
    """The all-branches map as nested lists, each choice with where it leads: the diagram as text."""
    titles = _titles(dilemma)
    decisions = {node.id for node in dilemma.nodes}
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}

    def listing(branches: tuple[Branch, ...]) -> str:
        rows = []
        for branch in branches:
            needed = "; ".join(_("\u201c{choice}\u201d", choice=labels[w]) for w in branch.choice.when)
            when = " " + escape(_("(only after: {choices})", choices=needed)) if needed else ""
            if branch.choice.escalation is not None:
                when += " " + escape(_("(escalation: {route})", route=branch.choice.escalation.label))
            mapped = branch.expanded is None and branch.target in decisions
            again = " " + escape(_("(mapped above)")) if mapped else ""
            target = f'<a href="#dilemma-{dilemma.id}-{branch.target}">{escape(titles[branch.target])}</a>'
            inner = listing(branch.expanded) if branch.expanded else ""
            rows.append(
                f'<li class="ek-branch ek-c-{branch.choice.id}">'
                f"<strong>{escape(branch.choice.label)}</strong>{when} → {target}{again}{inner}</li>"
            )
        return "<ul>" + "".join(rows) + "</ul>"

    return f"<p>{escape(_('From {decision}:', decision=titles[dilemma.start]))}</p>" + listing(
        branch_map(dilemma)
    )


def choice_key_list(dilemma: Dilemma) -> str:
    """The printed diagram's key: every choice by its key, in decision order, with where it leads."""
    titles = _titles(dilemma)
    keys = choice_keys(dilemma)
    rows = []
    for node in numbered_nodes(dilemma):
        for choice in node.choices:
            marks = ""
            if choice.escalation is not None:
                marks += " " + escape(_("(escalation: {route})", route=choice.escalation.label))
            if len(choice.when) == 1:
                marks += " " + escape(_("(only after {key})", key=keys[choice.when[0]]))
            elif choice.when:
                earlier, last = ", ".join(keys[w] for w in choice.when[:-1]), keys[choice.when[-1]]
                marks += " " + escape(_("(only after {keys} and {last})", keys=earlier, last=last))
            # No-break spaces hold the arrow to its target's first words, so a line never ends at the
            # arrow and a lone "Decision 6" never ends a page as if it were a heading.
            target = escape(titles[choice.leads_to]).replace(" ", "\u00a0", 1)
            rows.append(
                f'<li><strong class="ek-key">{keys[choice.id]}</strong> '
                f'<span class="ek-key-choice">{escape(choice.label)}</span>{marks} '
                f"\u2192\u00a0{target}</li>"
            )
    key = escape(_("Key to the arrows"))
    return f'<p class="rubric">{key}</p><ul class="ek-diagram-key">{"".join(rows)}</ul>'


def diagram_block(dilemma: Dilemma, heading: str, links: str, printed: bool = False) -> str:
    """The diagram under its heading, with the legend and a link to the map as text.

    In print the block starts a page of its own, turned to landscape when the diagram is wide, so the
    diagram is as large as the paper allows and its heading never parts from it. A `printed` block
    draws the paper layout, whose arrows carry keys, and lists the keys under the caption.
    """
    shown = printed_legend() if printed else legend()
    map_link = f'<a href="#dilemma-{dilemma.id}-map-text">{escape(_("Map as text"))}</a>'
    return (
        f'<div class="{" ".join(diagram_classes(dilemma, printed))}" id="dilemma-{dilemma.id}-diagram">'
        f"{heading}{diagram_html(dilemma, printed=printed)}"
        f'<p class="ek-diagram-caption" id="{caption_id(dilemma)}">'
        f"<strong>{escape(_('Diagram of every branch.'))}</strong> {escape(shown)} {escape(links)} "
        f"{map_link}.</p>"
        f"{choice_key_list(dilemma) if printed else ''}</div>"
    )


def student_map(dilemma: Dilemma) -> str:
    """The map the single-file player opens with "Show the whole map" (revealed as play goes on)."""
    return (
        f'<div class="ek-branch-map ek-student-map" id="dilemma-{dilemma.id}-map">'
        f'<p class="rubric">{escape(_("The whole map"))}</p><p class="ek-spoiler-note">'
        + escape(
            _(
                "Until you reach your first ending, the map shows only the decisions you have reached and "
                "the choices you made; after that it shows every branch."
            )
        )
        + "</p>"
        f"{diagram_block(dilemma, '', _('Each box links to its decision or ending below.'))}"
        f'<p class="rubric" id="dilemma-{dilemma.id}-map-text">{escape(_("Map as text"))}</p>'
        f"{branch_list(dilemma)}</div>"
    )


def clause_items(catalog: Catalog, refs: list[str]) -> str:
    """Cited clauses as a list, each with its paraphrase, so a reader on paper sees what it says."""
    listed = "".join(f"<li>{clause_text(catalog, ref)}</li>" for ref in refs)
    return f'<ul class="ek-cited">{listed}</ul>'


def _verdict(choice: Choice, catalog: Catalog) -> str:
    """How each side saw a choice, with its lean, and what it honours or strains in the codes and in law."""
    views = "".join(
        "<li>"
        + escape(
            _(
                "{side}: {view} ({lean})",
                side=side,
                view=getattr(choice.perspectives, key).text,
                lean=getattr(choice.perspectives, key).lean.label,
            )
        )
        + "</li>"
        for key, side in perspective_names().items()
    )
    refs = ""
    for heading, group in ((_("Honours:"), choice.honours), (_("Strains:"), choice.strains)):
        if group:
            refs += f'<p class="ek-refs-heading">{escape(heading)}</p>{clause_items(catalog, group)}'
    return f"<ul>{views}</ul>{refs}{law_citations(catalog, choice.law)}"


def _bearing(choice: Choice, catalog: Catalog) -> str:
    """The clauses and provisions a choice cites, without saying how it stands to them."""
    out = ""
    clauses = sorted({*choice.honours, *choice.strains})
    if clauses:
        heading = f'<p class="ek-refs-heading">{escape(_("Clauses that bear on this choice:"))}</p>'
        out += heading + clause_items(catalog, clauses)
    provisions = sorted({law.ref for law in choice.law})
    if provisions:
        listed = "".join(f"<li>{law_text(catalog, ref)}</li>" for ref in provisions)
        heading = f'<p class="ek-refs-heading">{escape(_("Law that bears on this choice:"))}</p>'
        out += f'{heading}<ul class="ek-cited">{listed}</ul>'
    return out


def _verdicts_after_the_end(dilemma: Dilemma, catalog: Catalog, level: int, printed: bool) -> str:
    """Every choice's verdict, after the endings: how a student meets them once they have played.

    On paper the section is open, since it already comes after every ending; in the single-file
    dilemma it is folded, so a reader without JavaScript opens it when ready."""
    h = f"h{level}"
    titles = _titles(dilemma)
    body = "".join(
        f"<{h}>{escape(titles[node.id])}</{h}>"
        + "".join(
            f"<p><strong>{escape(choice.label)}</strong></p>{_verdict(choice, catalog)}"
            for choice in node.choices
        )
        for node in numbered_nodes(dilemma)
    )
    summary = escape(
        _("How each side saw each choice, and what it honours or strains (open once you have played)")
    )
    opened = " open" if printed else ""
    return (
        f'<section class="ek-verdicts" id="dilemma-{dilemma.id}-verdicts">'
        f'<details class="ek-folded"{opened}><summary>{summary}</summary>{body}</details></section>'
    )


def dilemma_map(
    dilemma: Dilemma, catalog: Catalog, lecturer: bool, level: int = 2, printed: bool = False
) -> str:
    """Every decision and ending, linked, in the classes the browser player reads.

    The lecturer's version shows each choice's verdict beside it. The students' version shows what
    happened and the clauses and law that bear on it, and gathers the verdicts after the endings, as the
    player holds them back until an ending (`printed` opens that section on paper)."""
    h = f"h{level}"
    titles = _titles(dilemma)
    out = []
    for node in numbered_nodes(dilemma):
        if node.pause_before:
            # On paper the pause ends its page, so the decision is only read by turning over.
            out.append(
                f'<aside class="ek-pause" id="dilemma-{dilemma.id}-{node.id}-pause">'
                f'<p class="rubric">{escape(_("A pause before {decision}", decision=titles[node.id]))}</p>'
                f"{paras(node.pause_before)}<p>{escape(signpost())}</p>"
                f'<p class="ek-print-only">{escape(_("To stop here, do not turn the page."))}</p></aside>'
            )
        out.append(
            f'<section class="ek-node" id="dilemma-{dilemma.id}-{node.id}">'
            f"<{h}>{escape(titles[node.id])}</{h}>"
        )
        out.append(paras(node.situation, "ek-situation"))
        if node.prompt:
            out.append(f'<p class="ek-prompt"><em>{escape(node.prompt)}</em></p>')
        out.append("<ul>")
        for choice in node.choices:
            refs = _verdict(choice, catalog) if lecturer else _bearing(choice, catalog)
            note = paras(choice.facilitator_note, "lecturer") if lecturer and choice.facilitator_note else ""
            target = (
                f'<a href="#dilemma-{dilemma.id}-{choice.leads_to}">{escape(titles[choice.leads_to])}</a>'
            )
            out.append(
                f'<li class="ek-choice" id="dilemma-{dilemma.id}-{choice.id}">'
                f"<p><strong>{escape(choice.label)}"
                f"</strong></p>{paras(choice.consequence)}{refs}{note}"
                f"<p>{fill(_('Then: {decision}'), decision=target)}</p></li>"
            )
        out.append("</ul>")
        if lecturer and node.facilitator_note:
            out.append(
                f'<div class="lecturer"><p><strong>{escape(_("Facilitator note."))}</strong></p>'
                f"{paras(node.facilitator_note)}</div>"
            )
        out.append("</section>")
    for ending in dilemma.endings:
        out.append(
            f'<section class="ek-ending" id="dilemma-{dilemma.id}-{ending.id}">'
            f"<{h}>{escape(titles[ending.id])}</{h}>"
        )
        out.append(paras(ending.debrief))
        if ending.clauses:
            heading = escape(_("Clauses:"))
            out.append(f'<p class="ek-refs-heading">{heading}</p>{clause_items(catalog, ending.clauses)}')
        out.append(law_citations(catalog, ending.law))
        out.append(f"<p><em>{escape(_('To reflect on:'))}</em> {escape(ending.reflection_prompt)}</p>")
        if ending.self_care:
            out.append(
                f'<aside class="self-care"><p><strong>{escape(_("Looking after yourself."))}</strong></p>'
                f"{paras(ending.self_care)}</aside>"
            )
        out.append("</section>")
    if not lecturer:
        out.append(_verdicts_after_the_end(dilemma, catalog, level, printed))
    return "".join(out)


def dilemma_sheet(
    dilemma: Dilemma, catalog: Catalog, lecturer: bool, level: int = 1, with_map: bool = True
) -> str:
    """A dilemma as a handout: the map of every branch, discussion questions, then each decision.

    The students' seminar pack leaves the map out (`with_map=False`), as the student edition does:
    seen before playing, it shows every route at once."""
    h, h2 = f"h{level}", f"h{level + 1}"
    case = catalog.cases[dilemma.case].model
    out = [f'<section class="dilemma"><{h}>{escape(dilemma.title)}</{h}>', content_note(case, catalog)]
    out.append(paras(dilemma.summary, "summary"))
    based = fill(_("Based on the case {title}."), title=f"<em>{escape(case.title)}</em>")
    out.append(f"<p>{based}</p>")
    if with_map:
        heading = f"<{h2}>{escape(_('Map of every branch'))}</{h2}>"
        links = _("Each box is numbered as in the decisions below.")
        out.append(diagram_block(dilemma, heading, links, printed=True))
        out.append(
            f'<{h2} id="dilemma-{dilemma.id}-map-text">{escape(_("Map as text"))}</{h2}>'
            f"{branch_list(dilemma)}"
        )
    out.append(f"<{h2}>{escape(_('Questions for discussion'))}</{h2}>{items(case.questions, ordered=True)}")
    decisions = dilemma_map(dilemma, catalog, lecturer, level + 2, printed=True)
    out.append(f"<{h2}>{escape(_('Decisions and endings'))}</{h2}>{decisions}</section>")
    return "".join(out)


# --- seminar plans -----------------------------------------------------------------------------


def worksheet_sheet(catalog: Catalog) -> str:
    """The ethical-reasoning worksheet on paper: the book's worksheet (`layout.worksheet`) under its title."""
    sheet = nodes.section(ids=["worksheet"], classes=["ek-worksheet", "worksheet"])
    title = _("The ethical-reasoning worksheet")
    sheet += nodes.title(title, title)
    sheet += worksheet_steps()
    return html_of([sheet], catalog)


def seminar_pack(seminar: Seminar, catalog: Catalog, lecturer: bool) -> str:
    """The plan, then each case sheet and each dilemma with its questions, one per page; the lecturer's
    pack adds each dilemma's map of every branch; the worksheet closes the pack when the session uses it."""
    parts = [html_of([seminar_layout(seminar, catalog, lecturer, pack_uri=None)], catalog)]
    parts += [case_sheet(catalog.cases[c].model, catalog, lecturer) for c in seminar.materials.cases]
    parts += [
        dilemma_sheet(catalog.dilemmas[d].model, catalog, lecturer, with_map=lecturer)
        for d in seminar.materials.dilemmas
    ]
    if seminar.materials.worksheet:
        parts.append(worksheet_sheet(catalog))
    return '<div class="page-break"></div>'.join(parts)


# --- whole documents ---------------------------------------------------------------------------


def static_text(name: str) -> str:
    return files("ethicskit.sphinx").joinpath("static", name).read_text(encoding="utf-8")


def page_language() -> str:
    """The `lang` of a document written in the current language: British English by default."""
    written = current().language
    return "en-GB" if written == "en" else written.replace("_", "-")


def document(title: str, body: str, edition: str, extra_head: str = "", extra_body: str = "") -> str:
    """A complete, self-contained HTML document: styles inline, nothing loaded from anywhere."""
    footer = _(
        "First Loyalty, {edition}. Teaching content CC BY 4.0; paraphrases of codes are the kit's own "
        "words, and the official texts belong to their issuers.",
        edition=edition,
    )
    return (
        f'<!DOCTYPE html><html lang="{page_language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # An empty icon: otherwise a browser asks the server for /favicon.ico, which a VLE may not have.
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{static_text('handout.css')}</style>{extra_head}</head>"
        f"<body><main>{body}</main><footer><p>{escape(footer)}</p></footer>{extra_body}</body></html>"
    )


def handout(kind: str, item_id: str, catalog: Catalog, lecturer: bool) -> tuple[str, str]:
    """(title, HTML document) for `ethicskit handout`. Raises KeyError for an unknown id."""
    edition = _("lecturer's handout") if lecturer else _("handout")
    if kind == "case":
        case = catalog.cases[item_id].model
        return case.title, document(case.title, case_sheet(case, catalog, lecturer), edition)
    if kind == "dilemma":
        dilemma = catalog.dilemmas[item_id].model
        return dilemma.title, document(dilemma.title, dilemma_sheet(dilemma, catalog, lecturer), edition)
    seminar = catalog.seminars[item_id].model
    pack = _("seminar pack, lecturer's handout") if lecturer else _("seminar pack, handout")
    return seminar.title, document(seminar.title, seminar_pack(seminar, catalog, lecturer), pack)


PLAYER_SCRIPTS = ("words.js", "dilemma-player.js", "reflections.js")
"""The scripts a single-file dilemma runs, in the order it loads them: words.js first, since the
others look their interface words up through it."""


def lms_notice() -> str:
    """What the SCORM package tells the learner about what leaves their device, shown in or out of a VLE."""
    told = escape(_("What your VLE is told"))
    explained = _(
        "When this dilemma runs inside your VLE, the VLE is told that you have started it, when you reach "
        "an ending, how long you spent, and which decisions and choices make up your path (as short codes, "
        "so you can carry on where you left off). Staff who can see the VLE's activity reports may be able "
        "to see these. Your reflections are never sent to the VLE: they stay in this browser, on this "
        "device, until you download them."
    )
    return (
        f'<aside class="ek-lms-notice" aria-label="{told}"><p><strong>{escape(_("What your VLE is told."))}'
        f"</strong> {escape(explained)}</p></aside>"
    )


def standalone_dilemma(dilemma: Dilemma, catalog: Catalog, scripts_folder: str | None = None) -> str:
    """One HTML file with the player, its data, reflections and export, for a VLE or an iframe.

    With `scripts_folder`, the scripts are files in that folder beside the page rather than inline, and
    the player reports to a SCORM 1.2 VLE when it finds one: the page of a SCORM package.
    """
    case = catalog.cases[dilemma.case].model
    data = dilemma_json(dilemma, catalog)
    lms = scripts_folder is not None
    reports = ' data-lms="scorm12"' if lms else ""
    body = (
        f'<section class="ek-dilemma" id="dilemma-{dilemma.id}"{reports}>'
        f"<h1>{escape(dilemma.title)}</h1>"
        f"{content_note(case, catalog)}{lms_notice() if lms else ''}{paras(dilemma.summary, 'summary')}"
        f"{student_map(dilemma)}"
        f'<script type="application/json" class="ek-dilemma-data">{data}</script>'
        f"{dilemma_map(dilemma, catalog, lecturer=False)}</section>"
        f'<section class="reflections"><h2>{escape(_("Your reflections"))}</h2><p>'
        + escape(
            _("What you write is kept only in this browser. Download it to keep a copy or to hand it in.")
        )
        + '</p><div class="ek-my-reflections"><p>'
        + escape(_("Your reflections appear here once JavaScript is on."))
        + "</p></div></section>"
    )
    styles = f"<style>{static_text('dilemma-player.css')}</style>"
    body += script_words_element(list(PLAYER_SCRIPTS))
    if lms:
        scripts = "".join(f'<script src="{scripts_folder}/{name}"></script>' for name in PLAYER_SCRIPTS)
    else:
        scripts = "".join(f"<script>{static_text(name)}</script>" for name in PLAYER_SCRIPTS)
    edition = _("SCORM package") if lms else _("single-file dilemma")
    return document(dilemma.title, body, edition, styles, scripts)
