"""A dilemma's layout, written once: the book's dilemma page, the single-file dilemma (and the SCORM
package's page) and the printed dilemma handout all show it.

The whole graph is linked text that works without JavaScript and prints as a complete map; the browser
player enhances it from the payload (it finds the decisions and endings as the sections of the root, and
the student map by its class).

Where it is shown changes only what that output cannot do otherwise:

- `support_page` None (outside the book): references cannot become links with tooltips, so the words of
  every cited clause and provision are printed under the line that names them, and the content note has
  no link to the book's support page;
- `on_paper`: nothing is folded or hidden (the student map becomes a section like the lecturer's), the
  diagram is drawn for print with a key per arrow, and a pause says how to stop on paper.

What is held back from students is the same everywhere: each side's view of a choice, with its lean,
and what the choice honours or strains come after every ending (folded on screen), never beside the
choice, as the player holds them until an ending.
"""

from __future__ import annotations

from docutils import nodes

from ..balance import AGENCY_PERSON_MIN, FREE_ANSWER_MAX, UNIQUELY_BEST_MAX, dilemma_balance
from ..catalog import Catalog
from ..diagram import caption_id, choice_keys, diagram_classes, diagram_html, legend, printed_legend
from ..engine import Branch, branch_map, numbered_nodes
from ..engine import titles as dilemma_titles
from ..models import Choice, Dilemma, Escalation, LawCitation, Lean, perspective_names
from ..signposting import signpost
from ..words import _
from .blocks import (
    bullets,
    closes_a_sentence,
    in_a_row,
    item_link,
    listing_of,
    paragraphs,
    row,
    section,
    sentence,
    spelled_out,
    spelled_out_law,
    table_with_head,
)
from .case import content_note
from .nodes import folded


def lean_words() -> dict[int, str]:
    """How each lean reads beside a side's view of a choice, by its number (`Lean.label`)."""
    return {int(lean): lean.label for lean in Lean}


def sides() -> tuple[tuple[str, str], ...]:
    """The three sides a choice is seen from, as (key, name) pairs (`models.perspective_names`)."""
    return tuple(perspective_names().items())


def dilemma_anchor(dilemma_id: str, item_id: str) -> str:
    """The anchor of a node, choice or ending of a dilemma."""
    return f"dilemma-{dilemma_id}-{item_id}"


def map_text_anchor(dilemma_id: str) -> str:
    """The anchor of a dilemma's map as text, the diagram's text alternative."""
    return f"dilemma-{dilemma_id}-map-text"


class _Refs:
    """How references are written where the layout is shown: in the book as references (links with
    tooltips), elsewhere followed by the words of what they name."""

    def __init__(self, catalog: Catalog, in_book: bool) -> None:
        self.catalog, self.in_book = catalog, in_book

    def clauses(self, message: str, refs: list[str], classes: list[str]) -> list[nodes.Node]:
        line = sentence(message, classes, refs=in_a_row(clauses=refs))
        return [line] if self.in_book else [line, *spelled_out(refs, self.catalog)]

    def law(self, message: str, refs: list[str], classes: list[str]) -> list[nodes.Node]:
        line = sentence(message, classes, refs=in_a_row(provisions=refs))
        return [line] if self.in_book else [line, *spelled_out_law(refs, self.catalog)]


def law_citation_list(owner: str, citations: list[LawCitation], refs: _Refs) -> list[nodes.Node]:
    """A choice's or ending's provisions (`owner` is "choice" or "ending"), grouped as honoured,
    strained and unlawful."""
    choice = owner == "choice"
    out: list[nodes.Node] = []
    for relation, message in (
        (
            "honours",
            _("The choice honours in law: {refs}") if choice else _("The ending honours in law: {refs}"),
        ),
        (
            "strains",
            _("The choice strains in law: {refs}") if choice else _("The ending strains in law: {refs}"),
        ),
        ("unlawful", _("Unlawful under: {refs}")),
    ):
        cited = [law.ref for law in citations if law.relation.value == relation]
        if cited:
            out += refs.law(message, cited, ["ek-choice-law", f"ek-law-{relation}"])
    return out


def verdict_summary() -> str:
    """The line a student opens the verdicts by, once they have played."""
    return _("How each side saw each choice, and what it honours or strains (open once you have played)")


def choice_verdict(choice: Choice, refs: _Refs) -> list[nodes.Node]:
    """How each side saw a choice, with its lean, and what it honours or strains in the codes and in law."""
    leans = lean_words()
    views = [
        _(
            "{side}: {view} ({lean})",
            side=side,
            view=getattr(choice.perspectives, key).text,
            lean=leans[int(getattr(choice.perspectives, key).lean)],
        )
        for key, side in sides()
    ]
    out: list[nodes.Node] = [bullets(views)]
    for message, cited in ((_("Honours: {refs}"), choice.honours), (_("Strains: {refs}"), choice.strains)):
        if cited:
            out += refs.clauses(message, cited, ["ek-choice-clauses"])
    out += law_citation_list("choice", choice.law, refs)
    return out


def bearing_on(choice: Choice, refs: _Refs) -> list[nodes.Node]:
    """The clauses and provisions a choice cites, in one sorted list each, without saying how it stands."""
    out: list[nodes.Node] = []
    clauses = sorted({*choice.honours, *choice.strains})
    if clauses:
        out += refs.clauses(_("Clauses that bear on this choice: {refs}"), clauses, ["ek-choice-bearing"])
    provisions = sorted({law.ref for law in choice.law})
    if provisions:
        out += refs.law(_("Law that bears on this choice: {refs}"), provisions, ["ek-choice-bearing"])
    return out


def dilemma_layout(
    dilemma: Dilemma,
    catalog: Catalog,
    edition: str,
    support_page: str | None,
    on_paper: bool = False,
    with_map: bool = True,
) -> nodes.section:
    """The whole dilemma as one section (see the module's notes for `support_page` and `on_paper`).

    `with_map` False leaves the map of every branch out, as the students' seminar pack does: on paper
    nothing can hide it, and seen before playing it shows every route at once."""
    lecturer = edition == "lecturer"
    refs = _Refs(catalog, in_book=support_page is not None)
    root = nodes.section(ids=[f"dilemma-{dilemma.id}"], classes=["ek-dilemma"])
    root += nodes.title(dilemma.title, dilemma.title)
    case = catalog.cases.get(dilemma.case)
    if case is not None and case.model.content_note is not None:
        root += content_note(case.model, support_page)
    root += paragraphs(dilemma.summary, classes=["ek-summary"])
    if case is not None:
        link = item_link(catalog, "case", case.model.id, case.model.title, f"case-{case.model.id}")
        based = (
            _("Based on the case {case}")
            if closes_a_sentence(case.model.title)
            else _("Based on the case {case}.")
        )
        root += sentence(based, case=link)
    titles = dilemma_titles(dilemma)
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}
    if with_map:
        root += branch_map_of(dilemma, titles, lecturer, on_paper)
    if lecturer:
        root += balance_figures(dilemma)
    if case is not None:
        questions = bullets(case.model.questions, enumerated=True)
        root += section(f"dilemma-{dilemma.id}-questions", _("Questions for discussion"), questions)
    for node in numbered_nodes(dilemma):
        if node.pause_before:
            # Read without the player (or printed), the page pauses here too; the player shows its own.
            pause = nodes.container(
                ids=[f"{dilemma_anchor(dilemma.id, node.id)}-pause"], classes=["ek-pause"]
            )
            heading = _("A pause before {decision}", decision=titles[node.id])
            pause += nodes.paragraph(heading, "", nodes.strong(heading, heading))
            pause += paragraphs(node.pause_before)
            pause += nodes.paragraph(signpost(), signpost(), classes=["ek-signpost"])
            if on_paper:
                # On paper the pause ends its page, so the decision is only read by turning over.
                stop = _("To stop here, do not turn the page.")
                pause += nodes.paragraph(stop, stop, classes=["ek-print-only"])
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
                needed = _("; ").join(labels[w] for w in choice.when)
                label += nodes.Text(" ")
                label += nodes.Text(_("(offered only after: {choices})", choices=needed))
            item += label
            item += paragraphs(choice.consequence, classes=["ek-consequence"])
            # Students meet what happened and what bears on it here; the verdict comes after the endings.
            item += choice_verdict(choice, refs) if lecturer else bearing_on(choice, refs)
            if choice.escalation is not None:
                route = _("Escalation route: {route}", route=choice.escalation.label)
                item += nodes.paragraph("", route, classes=["ek-escalation"])
            if lecturer and choice.facilitator_note:
                item += nodes.container("", *paragraphs(choice.facilitator_note), classes=["ek-instructor"])
            target = nodes.reference(
                titles[choice.leads_to],
                titles[choice.leads_to],
                refid=dilemma_anchor(dilemma.id, choice.leads_to),
            )
            item += sentence(_("Then: {next}"), ["ek-next"], next=target)
            choices.append(item)
        sec += bullets(choices)
        if lecturer and node.facilitator_note:
            sec += nodes.container("", *paragraphs(node.facilitator_note), classes=["ek-instructor"])
        root += sec
    for ending in dilemma.endings:
        sec = section(dilemma_anchor(dilemma.id, ending.id), titles[ending.id], classes=["ek-ending"])
        sec += paragraphs(ending.debrief, classes=["ek-debrief"])
        if ending.clauses:
            sec += refs.clauses(_("Clauses: {refs}"), ending.clauses, ["ek-ending-clauses"])
        sec += law_citation_list("ending", ending.law, refs)
        reflect = _("To reflect on: {prompt}", prompt=ending.reflection_prompt)
        sec += nodes.paragraph("", reflect, classes=["ek-reflection-prompt"])
        if ending.self_care:
            box = nodes.admonition(classes=["note", "ek-self-care"])
            heading = _("Looking after yourself")
            box += nodes.title(heading, heading)
            box += paragraphs(ending.self_care)
            sec += box
        root += sec
    if not lecturer:
        root += verdicts_after_the_endings(dilemma, titles, refs)
    return root


def verdicts_after_the_endings(dilemma: Dilemma, titles: dict[str, str], refs: _Refs) -> nodes.section:
    """Every choice's verdict, after the endings: how a student meets them once they have played
    (folded on screen until the student opens it; open on paper, where it already comes last)."""
    body: list[nodes.Node] = []
    for node in numbered_nodes(dilemma):
        body.append(nodes.rubric(titles[node.id], titles[node.id]))
        for choice in node.choices:
            body.append(nodes.paragraph("", "", nodes.strong(choice.label, choice.label)))
            body += choice_verdict(choice, refs)
    return section(
        f"dilemma-{dilemma.id}-verdicts",
        _("How each side saw each choice"),
        folded("", *body, summary=verdict_summary()),
        classes=["ek-verdicts"],
    )


def _r(value: float | None) -> str:
    return (
        _("undefined (a side never varies)")
        if value is None
        else f"{value:+.2f}".replace("-", "\N{MINUS SIGN}")
    )


def balance_figures(dilemma: Dilemma) -> nodes.section:
    """The dilemma's balance figures for the lecturer (the measures are defined in `ethicskit.balance`)."""
    figures = dilemma_balance(dilemma)
    decisions = figures.decisions
    routes = listing_of(
        _("{route} {count}", route=Escalation(route).label, count=count)
        for route, count in figures.escalation_routes.items()
    )
    escalations = _("{count} of {total}", count=figures.escalations, total=figures.choices)
    rows = [
        (
            _("Decisions with a free answer"),
            _("{count} of {total}", count=figures.free_answer, total=decisions),
            _("at most {share}", share=f"{FREE_ANSWER_MAX:.0%}"),
        ),
        (
            _("Decisions with a uniquely best option for profession and person"),
            _("{count} of {total}", count=figures.uniquely_best, total=decisions),
            _("at most {share}", share=f"{UNIQUELY_BEST_MAX:.0%}"),
        ),
        (
            _("Correlation of agency and person leans"),
            _r(figures.agency_person),
            _("at least {value}", value=f"{AGENCY_PERSON_MIN:+.1f}".replace("-", "\N{MINUS SIGN}")),
        ),
        (_("Correlation of agency and profession leans"), _r(figures.agency_profession), ""),
        (_("Correlation of profession and person leans"), _r(figures.profession_person), ""),
        (
            _("Choices where the professional option costs the person"),
            str(figures.costs_the_person),
            _("at least {value}", value=1),
        ),
        (
            _("Decisions where the agency's request is the right call"),
            str(figures.agency_right),
            _("at least {value}", value=1),
        ),
        (
            _("Escalation choices (routes)"),
            _("{count} ({routes})", count=escalations, routes=routes) if routes else escalations,
            _("varied routes"),
        ),
        (
            _("Escalation choices the profession leans strongly towards"),
            str(figures.escalation_profession_strong),
            "",
        ),
    ]
    headings = [_("Measure"), _("This dilemma"), _("Target")]
    table, body = table_with_head("ek-balance-figures", headings, (3, 2, 1))
    for cells in rows:
        body += row(list(cells))
    intro = nodes.paragraph(
        "",
        _(
            "Computed from the leans of every choice, as 'ethicskit stats' reports them. Students do not "
            "see these figures; a free answer is a decision where one option is at least as good as every "
            "other for both the profession and the person."
        ),
    )
    missed = figures.one_sided()
    verdict = (
        nodes.paragraph("", _("Misses: {targets}.", targets=_("; ").join(missed)), classes=["ek-one-sided"])
        if missed
        else nodes.paragraph("", _("Meets every balance target."), classes=["ek-balanced"])
    )
    return section(
        f"dilemma-{dilemma.id}-balance",
        _("How balanced this dilemma is"),
        intro,
        table,
        verdict,
        classes=["ek-balance", "ek-instructor-notes"],
    )


def diagram_of(
    dilemma: Dilemma, on_paper: bool = False, links: bool = True, text_link: nodes.Node | None = None
) -> nodes.container:
    """The diagram, its legend and a link to the same map as text (`text_link`, or the map as text on
    the same page). `links`: each box links to its decision or ending below. On paper the arrows carry
    keys ("2b"), listed under the caption with where each choice leads."""
    box = nodes.container(
        ids=[f"dilemma-{dilemma.id}-diagram"], classes=diagram_classes(dilemma, printed=on_paper)
    )
    box += nodes.raw("", diagram_html(dilemma, links, printed=on_paper), format="html")
    caption = nodes.paragraph(ids=[caption_id(dilemma)], classes=["ek-diagram-caption"])
    heading = _("Diagram of every branch.")
    caption += nodes.strong(heading, heading)
    caption += nodes.Text(f" {printed_legend() if on_paper else legend()} ")
    if on_paper:
        caption += nodes.Text(_("Each box is numbered as in the decisions below.") + " ")
    elif links:
        caption += nodes.Text(_("Each box links to its decision or ending below.") + " ")
    if text_link is None:
        text_link = nodes.reference("", _("Map as text"), refid=map_text_anchor(dilemma.id))
    caption += text_link
    caption += nodes.Text(".")
    box += caption
    if on_paper:
        box += key_to_the_arrows(dilemma, dilemma_titles(dilemma))
    return box


def key_to_the_arrows(dilemma: Dilemma, titles: dict[str, str]) -> list[nodes.Node]:
    """The printed diagram's key: every choice by its key, in decision order, with where it leads."""
    keys = choice_keys(dilemma)
    entries: list[nodes.Node] = []
    for node in numbered_nodes(dilemma):
        for choice in node.choices:
            entry = nodes.paragraph()
            entry += nodes.strong(keys[choice.id], keys[choice.id], classes=["ek-key"])
            entry += nodes.Text(" ")
            entry += nodes.inline(choice.label, choice.label, classes=["ek-key-choice"])
            marks = ""
            if choice.escalation is not None:
                marks += " " + _("(escalation: {route})", route=choice.escalation.label)
            if len(choice.when) == 1:
                marks += " " + _("(only after {key})", key=keys[choice.when[0]])
            elif choice.when:
                earlier, last = ", ".join(keys[w] for w in choice.when[:-1]), keys[choice.when[-1]]
                marks += " " + _("(only after {keys} and {last})", keys=earlier, last=last)
            # No-break spaces hold the arrow to its target's first words, so a line never ends at the
            # arrow and a lone "Decision 6" never ends a page as if it were a heading.
            target = titles[choice.leads_to].replace(" ", "\u00a0", 1)
            entry += nodes.Text(f"{marks} \u2192\u00a0{target}")
            entries.append(entry)
    key = _("Key to the arrows")
    listing = bullets(entries)
    listing["classes"].append("ek-diagram-key")
    return [nodes.container("", nodes.rubric(key, key), listing, classes=["ek-arrow-key"])]


def branch_map_of(dilemma: Dilemma, titles: dict[str, str], lecturer: bool, on_paper: bool) -> nodes.Element:
    """Every branch at a glance: the diagram, then the same map as nested text.

    The lecturer's, and any on paper, is a section of its own. For students on screen it is kept out of
    sight until the player's "Show the whole map" opens it, and the player then
    reveals only what the learner has reached until their first ending (see dilemma-player.js, `reveal`).
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
                needed = _("; ").join(_("“{label}”", label=labels[w]) for w in branch.choice.when)
                para += nodes.Text(" " + _("(only after: {choices})", choices=needed))
            if branch.choice.escalation is not None:
                route = branch.choice.escalation.label
                para += nodes.Text(" " + _("(escalation: {route})", route=route))
            para += nodes.Text(" \N{RIGHTWARDS ARROW} ")
            target = titles[branch.target]
            para += nodes.reference(target, target, refid=dilemma_anchor(dilemma.id, branch.target))
            if branch.expanded is None and branch.target in decisions:
                para += nodes.Text(" " + _("(mapped above)"))
            item += para
            if branch.expanded:
                item += listing(branch.expanded)
            items.append(item)
        return bullets(items)

    intro = nodes.paragraph(
        "",
        _(
            "From {start}, every choice and where it leads. In the map as text, a decision reached by "
            "more than one route is mapped the first time and referred to after that.",
            start=start,
        ),
    )
    text_heading = _("Map as text")
    if on_paper:
        # The diagram has a page of its own (turned to landscape when it is wide), so its heading and
        # introduction travel inside it: a heading left behind would end the page before.
        title = _("Map of every branch")
        drawn = diagram_of(dilemma, on_paper=True)
        drawn.insert(0, intro)
        drawn.insert(0, nodes.rubric(title, title, classes=["ek-map-heading"]))
        box = nodes.container(ids=[f"dilemma-{dilemma.id}-map"], classes=["ek-branch-map"])
        box += drawn
        box += nodes.rubric(text_heading, text_heading, ids=[map_text_anchor(dilemma.id)])
        box += listing(branch_map(dilemma))
        return box
    if lecturer:
        as_text = section(map_text_anchor(dilemma.id), text_heading, listing(branch_map(dilemma)))
        return section(
            f"dilemma-{dilemma.id}-map",
            _("Map of every branch"),
            intro,
            diagram_of(dilemma),
            as_text,
            classes=["ek-branch-map", "ek-instructor-notes"] if lecturer else ["ek-branch-map"],
        )
    # Not a section: a hidden section would still be listed in the page's contents.
    box = nodes.container(ids=[f"dilemma-{dilemma.id}-map"], classes=["ek-branch-map", "ek-student-map"])
    whole_map = _("The whole map")
    box += nodes.rubric(whole_map, whole_map)
    box += nodes.paragraph(
        "",
        _(
            "Until you reach your first ending, the map shows only the decisions you have reached and the "
            "choices you made; after that it shows every branch."
        ),
        classes=["ek-spoiler-note"],
    )
    box += diagram_of(dilemma)
    box += nodes.rubric(text_heading, text_heading, ids=[map_text_anchor(dilemma.id)])
    box += listing(branch_map(dilemma))
    return box
