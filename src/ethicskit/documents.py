"""Cases, dilemmas and seminar plans as standalone HTML: printed handouts and single-file dilemmas.

Everything is built from the validated models, and every piece of content is escaped, so nothing in a
YAML file can become markup.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

from .catalog import Catalog
from .diagram import LEGEND, PRINTED_LEGEND, caption_id, choice_keys, diagram_classes, diagram_html
from .engine import Branch, branch_map, numbered_nodes
from .engine import titles as _titles
from .export import dilemma_json, script_words_element
from .models import (
    BANDS,
    ActivityKind,
    Case,
    Choice,
    Dilemma,
    LawCitation,
    QuestionKind,
    SelfCheck,
    Seminar,
    law_label,
)
from .signposting import SIGNPOST
from .worksheet import STEPS

LEANS = {
    -2: "pulls strongly away",
    -1: "pulls away",
    0: "neutral",
    1: "pulls towards",
    2: "pulls strongly towards",
}
SIDES = (("agency", "The agency"), ("profession", "The profession"), ("person", "The person"))


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


def clause_label(catalog: Catalog, ref: str) -> str:
    found = catalog.cited(ref)
    return found.label if found else ref


def law_text(catalog: Catalog, ref: str) -> str:
    """A cited provision with its heading and paraphrase, marked when it was not checked."""
    found = catalog.resolve_law(ref)
    if found is None:
        return escape(ref)
    instrument, provision = found
    unchecked = "" if provision.verified else " <em>(not yet checked against the official text)</em>"
    return (
        f"<strong>{escape(law_label(instrument, provision))}</strong> ({escape(provision.heading)}): "
        f"{escape(provision.paraphrase)}{unchecked}"
    )


def law_citations(catalog: Catalog, citations: list[LawCitation]) -> str:
    """A choice's or ending's provisions, by how it stands to each."""
    out = ""
    for relation, heading in (
        ("honours", "Honours in law"),
        ("strains", "Strains in law"),
        ("unlawful", "Unlawful under"),
    ):
        refs = [law.ref for law in citations if law.relation.value == relation]
        if refs:
            labels = []
            for ref in refs:
                found = catalog.resolve_law(ref)
                labels.append(law_label(*found) if found else ref)
            out += f"<p>{heading}: {escape('; '.join(labels))}</p>"
    return out


def content_note(case: Case) -> str:
    if case.content_note is None:
        return ""
    return (
        '<aside class="content-note"><h2>Content note</h2>'
        f"{paras(case.content_note.note)}<p>{escape(SIGNPOST)}</p></aside>"
    )


# --- cases -------------------------------------------------------------------------------------


def case_sheet(case: Case, catalog: Catalog, lecturer: bool, level: int = 1) -> str:
    """A case as a handout: the case, the tension, the clauses, questions and key points."""
    h, h2 = f"h{level}", f"h{level + 1}"
    setting = case.setting
    facts = [
        ("Setting", setting.service.value.replace("-", " ").capitalize()),
        ("Where", setting.jurisdiction.value.replace("-", " ").title()),
        ("Practitioner", setting.role),
        ("Time to discuss", f"about {case.duration_minutes} minutes"),
    ]
    out = [
        f'<section class="case"><{h}>{escape(case.title)}</{h}>',
        content_note(case),
        paras(case.summary, "summary"),
    ]
    out.append("<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts) + "</dl>")
    out.append(f"<{h2}>What you will learn</{h2}>{items(case.objectives)}")
    out.append(f"<{h2}>The case</{h2}>{paras(case.narrative)}")
    out.append(
        f"<{h2}>Where the loyalties pull apart</{h2}><table><thead><tr><th>The agency asks</th>"
        f"<th>The codes ask</th></tr></thead><tbody><tr><td>{paras(case.tension.agency_asks)}</td>"
        f"<td>{paras(case.tension.codes_ask)}</td></tr></tbody></table>"
        f"<p>Who is affected:</p>{items(case.tension.people_affected)}"
    )
    cited = "".join(
        f"<li>{clause_text(catalog, c.ref)}<br><em>Why it bears on this case:</em> {escape(c.rationale)}</li>"
        for c in case.clauses
    )
    out.append(f"<{h2}>What the codes say</{h2}><ul>{cited}</ul>")
    provisions = "".join(
        f"<li>{law_text(catalog, p.ref)}<br><em>Here:</em> {escape(p.rationale)}</li>"
        for p in case.law.provisions
    )
    out.append(
        f"<{h2}>Law and duties</{h2}><ul>{provisions}</ul>"
        f"<p><strong>What the law already settles.</strong></p>{paras(case.law.settles)}"
        f"<p><strong>Where discretion begins.</strong></p>{paras(case.law.discretion)}"
    )
    out.append(f"<{h2}>Questions for discussion</{h2}>{items(case.questions, ordered=True)}")
    out.append(f"<{h2}>Key points</{h2}>{items(case.key_points)}")
    if case.self_check is not None:
        out.append(self_check_sheet(case.self_check, catalog, h2))
    if lecturer:
        notes = case.instructor_notes
        out.append(
            f'<section class="lecturer"><{h2}>Notes for the lecturer</{h2}>'
            f"<p><strong>How to run it.</strong></p>{paras(notes.how_to_run)}"
            f"<p><strong>What students often say.</strong></p>{paras(notes.likely_responses)}"
            f"<p><strong>What the codes say.</strong></p>{paras(notes.what_the_codes_say)}"
            f"<p><strong>Pitfalls.</strong></p>{paras(notes.pitfalls)}</section>"
        )
    out.append("</section>")
    return "".join(out)


def self_check_sheet(self_check: SelfCheck, catalog: Catalog, h2: str) -> str:
    """A self-check on paper: the questions with their options, then every option's answer and why."""
    questions, answers = [], []
    for number, question in enumerate(self_check.questions, 1):
        tail = " True or false?" if question.kind is QuestionKind.TRUE_FALSE else ""
        tail = " (Choose every answer that applies.)" if question.multiple else tail
        prompt = escape(f"{number}. {question.prompt}{tail}")
        options = "".join(f"<li>{escape(o.text)}</li>" for o in question.options)
        questions.append(f'<p><strong>{prompt}</strong></p><ol type="a">{options}</ol>')
        reasons = []
        if question.model_answer is not None:
            reasons.append(
                f"<p><em>A good answer:</em></p>{paras(question.model_answer)}"
                f"<p><em>Points to look for:</em></p>{items(question.look_for)}"
                f"<p>{_rests_on(catalog, question.cites, question.law)}</p>"
            )
        for letter, option in zip("abcdef", question.options, strict=False):
            verdict = "Right" if option.correct else "Not right"
            reasons.append(
                f"<p><strong>{verdict}: ({letter}) {escape(option.text)}</strong></p>{paras(option.feedback)}"
                f"<p>{_rests_on(catalog, option.cites, option.law)}</p>"
            )
        answers.append(f"<p><strong>{prompt}</strong></p>{''.join(reasons)}")
    return (
        f'<section class="self-check"><{h2}>Check your understanding</{h2}>{"".join(questions)}'
        f"<{h2}>Answers and why</{h2}>{''.join(answers)}</section>"
    )


def _rests_on(catalog: Catalog, cites: list[str], laws: list[str]) -> str:
    labels = [clause_label(catalog, ref) for ref in cites]
    for ref in laws:
        found = catalog.resolve_law(ref)
        labels.append(law_label(*found) if found else ref)
    return "<em>Rests on:</em> " + escape("; ".join(labels))


# --- dilemmas ----------------------------------------------------------------------------------


def branch_list(dilemma: Dilemma) -> str:
    """The all-branches map as nested lists, each choice with where it leads: the diagram as text."""
    titles = _titles(dilemma)
    decisions = {node.id for node in dilemma.nodes}
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}

    def listing(branches: tuple[Branch, ...]) -> str:
        rows = []
        for branch in branches:
            needed = "; ".join(f"\u201c{labels[w]}\u201d" for w in branch.choice.when)
            when = f" (only after: {escape(needed)})" if needed else ""
            if branch.choice.escalation is not None:
                when += f" (escalation: {escape(branch.choice.escalation.value.replace('-', ' '))})"
            again = " (mapped above)" if branch.expanded is None and branch.target in decisions else ""
            target = f'<a href="#dilemma-{dilemma.id}-{branch.target}">{escape(titles[branch.target])}</a>'
            inner = listing(branch.expanded) if branch.expanded else ""
            rows.append(
                f'<li class="ek-branch ek-c-{branch.choice.id}">'
                f"<strong>{escape(branch.choice.label)}</strong>{when} → {target}{again}{inner}</li>"
            )
        return "<ul>" + "".join(rows) + "</ul>"

    return f"<p>From {escape(titles[dilemma.start])}:</p>" + listing(branch_map(dilemma))


def choice_key_list(dilemma: Dilemma) -> str:
    """The printed diagram's key: every choice by its key, in decision order, with where it leads."""
    titles = _titles(dilemma)
    keys = choice_keys(dilemma)
    rows = []
    for node in numbered_nodes(dilemma):
        for choice in node.choices:
            marks = ""
            if choice.escalation is not None:
                marks += f" (escalation: {escape(choice.escalation.value.replace('-', ' '))})"
            if choice.when:
                marks += f" (only after {' and '.join(keys[w] for w in choice.when)})"
            # No-break spaces hold the arrow to its target's first words, so a line never ends at the
            # arrow and a lone "Decision 6" never ends a page as if it were a heading.
            target = escape(titles[choice.leads_to]).replace(" ", "\u00a0", 1)
            rows.append(
                f'<li><strong class="ek-key">{keys[choice.id]}</strong> {escape(choice.label)}{marks} '
                f"\u2192\u00a0{target}</li>"
            )
    return f'<p class="rubric">Key to the arrows</p><ul class="ek-diagram-key">{"".join(rows)}</ul>'


def diagram_block(dilemma: Dilemma, heading: str, links: str, printed: bool = False) -> str:
    """The diagram under its heading, with the legend and a link to the map as text.

    In print the block starts a page of its own, turned to landscape when the diagram is wide, so the
    diagram is as large as the paper allows and its heading never parts from it. A `printed` block
    draws the paper layout, whose arrows carry keys, and lists the keys under the caption.
    """
    legend = PRINTED_LEGEND if printed else LEGEND
    return (
        f'<div class="{" ".join(diagram_classes(dilemma, printed))}" id="dilemma-{dilemma.id}-diagram">'
        f"{heading}{diagram_html(dilemma, printed=printed)}"
        f'<p class="ek-diagram-caption" id="{caption_id(dilemma)}">'
        f"<strong>Diagram of every branch.</strong> {escape(legend)} {escape(links)} "
        f'<a href="#dilemma-{dilemma.id}-map-text">Map as text</a>.</p>'
        f"{choice_key_list(dilemma) if printed else ''}</div>"
    )


def student_map(dilemma: Dilemma) -> str:
    """The map the single-file player opens with "Show the whole map" (revealed as play goes on)."""
    return (
        f'<div class="ek-branch-map ek-student-map" id="dilemma-{dilemma.id}-map">'
        '<p class="rubric">The whole map</p><p class="ek-spoiler-note">Until you reach your first '
        "ending, the map shows only the decisions you have reached and the choices you made; after that "
        "it shows every branch.</p>"
        f"{diagram_block(dilemma, '', 'Each box links to its decision or ending below.')}"
        f'<p class="rubric" id="dilemma-{dilemma.id}-map-text">Map as text</p>{branch_list(dilemma)}</div>'
    )


def clause_items(catalog: Catalog, refs: list[str]) -> str:
    """Cited clauses as a list, each with its paraphrase, so a reader on paper sees what it says."""
    listed = "".join(f"<li>{clause_text(catalog, ref)}</li>" for ref in refs)
    return f'<ul class="ek-cited">{listed}</ul>'


def _verdict(choice: Choice, catalog: Catalog) -> str:
    """How each side saw a choice, with its lean, and what it honours or strains in the codes and in law."""
    views = "".join(
        f"<li>{side}: {escape(getattr(choice.perspectives, key).text)} "
        f"({LEANS[int(getattr(choice.perspectives, key).lean)]})</li>"
        for key, side in SIDES
    )
    refs = ""
    for heading, group in (("Honours", choice.honours), ("Strains", choice.strains)):
        if group:
            refs += f'<p class="ek-refs-heading">{heading}:</p>{clause_items(catalog, group)}'
    return f"<ul>{views}</ul>{refs}{law_citations(catalog, choice.law)}"


def _bearing(choice: Choice, catalog: Catalog) -> str:
    """The clauses and provisions a choice cites, without saying how it stands to them."""
    out = ""
    clauses = sorted({*choice.honours, *choice.strains})
    if clauses:
        heading = '<p class="ek-refs-heading">Clauses that bear on this choice:</p>'
        out += heading + clause_items(catalog, clauses)
    provisions = sorted({law.ref for law in choice.law})
    if provisions:
        listed = "".join(f"<li>{law_text(catalog, ref)}</li>" for ref in provisions)
        out += (
            f'<p class="ek-refs-heading">Law that bears on this choice:</p><ul class="ek-cited">{listed}</ul>'
        )
    return out


def _verdicts_after_the_end(dilemma: Dilemma, catalog: Catalog, level: int, printed: bool) -> str:
    """Every choice's verdict, after the endings: how a student meets them once they have played.

    On paper the section is open, since it already comes after every ending; in the single-file
    dilemma it is folded, so a reader without JavaScript opens it when ready."""
    h = f"h{level}"
    titles = _titles(dilemma)
    body = "".join(
        f"<{h}>{titles[node.id]}</{h}>"
        + "".join(
            f"<p><strong>{escape(choice.label)}</strong></p>{_verdict(choice, catalog)}"
            for choice in node.choices
        )
        for node in numbered_nodes(dilemma)
    )
    summary = "How each side saw each choice, and what it honours or strains (open once you have played)"
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
                f'<p class="rubric">A pause before {titles[node.id]}</p>{paras(node.pause_before)}'
                f'<p>{escape(SIGNPOST)}</p><p class="ek-print-only">To stop here, do not turn the page.</p>'
                "</aside>"
            )
        out.append(
            f'<section class="ek-node" id="dilemma-{dilemma.id}-{node.id}"><{h}>{titles[node.id]}</{h}>'
        )
        out.append(paras(node.situation, "ek-situation"))
        if node.prompt:
            out.append(f'<p class="ek-prompt"><em>{escape(node.prompt)}</em></p>')
        out.append("<ul>")
        for choice in node.choices:
            refs = _verdict(choice, catalog) if lecturer else _bearing(choice, catalog)
            note = paras(choice.facilitator_note, "lecturer") if lecturer and choice.facilitator_note else ""
            out.append(
                f'<li class="ek-choice" id="dilemma-{dilemma.id}-{choice.id}">'
                f"<p><strong>{escape(choice.label)}"
                f"</strong></p>{paras(choice.consequence)}{refs}{note}"
                f'<p>Then: <a href="#dilemma-{dilemma.id}-{choice.leads_to}">'
                f"{titles[choice.leads_to]}</a></p></li>"
            )
        out.append("</ul>")
        if lecturer and node.facilitator_note:
            out.append(
                '<div class="lecturer"><p><strong>Facilitator note.</strong></p>'
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
            out.append(f'<p class="ek-refs-heading">Clauses:</p>{clause_items(catalog, ending.clauses)}')
        out.append(law_citations(catalog, ending.law))
        out.append(f"<p><em>To reflect on:</em> {escape(ending.reflection_prompt)}</p>")
        if ending.self_care:
            out.append(
                '<aside class="self-care"><p><strong>Looking after yourself.</strong></p>'
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
    out = [f'<section class="dilemma"><{h}>{escape(dilemma.title)}</{h}>', content_note(case)]
    out.append(paras(dilemma.summary, "summary"))
    out.append(f"<p>Based on the case <em>{escape(case.title)}</em>.</p>")
    if with_map:
        heading = f"<{h2}>Map of every branch</{h2}>"
        out.append(
            diagram_block(dilemma, heading, "Each box is numbered as in the decisions below.", printed=True)
        )
        out.append(f'<{h2} id="dilemma-{dilemma.id}-map-text">Map as text</{h2}>{branch_list(dilemma)}')
    out.append(f"<{h2}>Questions for discussion</{h2}>{items(case.questions, ordered=True)}")
    decisions = dilemma_map(dilemma, catalog, lecturer, level + 2, printed=True)
    out.append(f"<{h2}>Decisions and endings</{h2}>{decisions}</section>")
    return "".join(out)


# --- seminar plans -----------------------------------------------------------------------------


def seminar_plan(seminar: Seminar, catalog: Catalog, lecturer: bool) -> str:
    """A seminar plan; the lecturer's version adds what happens in each activity and the notes."""
    out = [f'<section class="seminar"><h1>{escape(seminar.title)}</h1>{paras(seminar.summary, "summary")}']
    audience = "; ".join(a.label for a in seminar.audience)
    out.append(
        f"<dl><dt>For</dt><dd>{escape(audience)}</dd>"
        f"<dt>Length</dt><dd>{seminar.duration_minutes} minutes</dd></dl>"
    )
    outcomes = "".join(
        f"<li>{escape(o.outcome)}"
        f'<p class="ek-refs-heading"><em>PCF:</em></p>{clause_items(catalog, o.pcf)}'
        f'<p class="ek-refs-heading"><em>Standards:</em></p>{clause_items(catalog, o.standards)}</li>'
        for o in seminar.learning_outcomes
    )
    out.append(f"<h2>Learning outcomes</h2><ul>{outcomes}</ul>")
    out.append(
        f"<h2>Before the session</h2>{paras(seminar.preparation)}"
        f"<p><strong>If the reading does not work for you</strong></p>"
        f"{paras(seminar.inclusion.pre_reading_alternative)}"
    )
    out.append(reading_list(seminar, catalog))
    materials = [f"Case: {catalog.cases[c].model.title}" for c in seminar.materials.cases]
    materials += [f"Dilemma: {catalog.dilemmas[d].model.title}" for d in seminar.materials.dilemmas]
    if seminar.materials.worksheet:
        materials.append("The ethical-reasoning worksheet")
    out.append(f"<h2>Materials</h2>{items(materials + list(seminar.materials.other))}")
    rows, start = [], 0
    for activity in seminar.timeline:
        detail = f"<td>{paras(activity.what_happens)}</td>" if lecturer else ""
        marked = ' class="break"' if activity.kind is ActivityKind.BREAK else ""
        rows.append(
            f"<tr{marked}><td>{start}\N{EN DASH}{start + activity.minutes} min</td>"
            f"<td>{escape(activity.title)}</td>{detail}</tr>"
        )
        start += activity.minutes
    head = "<th>When</th><th>Activity</th>" + ("<th>What happens</th>" if lecturer else "")
    out.append(
        f"<h2>How the session runs</h2><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    inclusion = seminar.inclusion
    out.append(
        "<h2>Making the session work for everyone</h2>"
        f"<p><strong>Without placement experience yet</strong></p>{paras(inclusion.without_placement)}"
        f"<p><strong>English as an additional language</strong></p>"
        f"{paras(inclusion.english_additional_language)}"
        f"<p><strong>Neurodivergent students</strong></p>{paras(inclusion.neurodivergent)}"
    )
    out.append(f"<h2>Ground rules</h2>{items(list(seminar.ground_rules))}")
    out.append(
        f"<h2>Looking after yourself and each other</h2>{paras(seminar.care)}<p>{escape(SIGNPOST)}</p>"
    )
    out.append(f"<h2>After the session</h2>{paras(seminar.follow_up)}{rubric(seminar)}")
    if lecturer:
        expert = seminar.expert_by_experience
        out.append(
            f'<section class="lecturer"><h2>Facilitation notes</h2>{paras(seminar.facilitation_notes)}'
            f"<h2>Debrief</h2>{paras(seminar.debrief)}"
            f"<h2>Running it online</h2>{paras(seminar.variations.online)}"
            f"<h2>Running it with a large group</h2>{paras(seminar.variations.large_group)}"
            f"<h2>An expert by experience</h2><p>During: {escape(expert.during)}.</p>"
            f"{paras(expert.contribution)}"
            f"<p><strong>Arranging it</strong></p>{paras(expert.arranging)}"
            f"<p><strong>If nobody is available</strong></p>{paras(expert.if_unavailable)}"
            f"{exemplars(seminar, catalog)}</section>"
        )
    out.append("</section>")
    return "".join(out)


def worksheet_sheet() -> str:
    """The ethical-reasoning worksheet on paper: every step with its guidance and room to write."""
    steps = []
    for number, step in enumerate(STEPS, 1):
        labels = "".join(
            f"<p><em>{escape(label)}</em></p><div class='write-here'></div>" if len(step.fields) > 1 else ""
            for _, label in step.fields
        )
        space = labels or "<div class='write-here'></div>"
        steps.append(f"<h2>{number}. {escape(step.title)}</h2><p>{escape(step.guidance)}</p>{space}")
    return (
        '<section class="worksheet"><h1>The ethical-reasoning worksheet</h1>' + "".join(steps) + "</section>"
    )


def reading_list(seminar: Seminar, catalog: Catalog) -> str:
    """Essential and further reading, formatted from the bibliography, each with why to read it."""
    out = ["<h2>Reading</h2>"]
    for heading, readings in (("Essential", seminar.reading.essential), ("Further", seminar.reading.further)):
        if readings:
            found = catalog.bibliography.entries
            entries = "".join(
                f"<li>{escape(found.get(r.key, r.key))}<br><em>{escape(r.why)}</em></li>" for r in readings
            )
            out.append(f"<h3>{heading}</h3><ul>{entries}</ul>")
    return "".join(out)


def rubric(seminar: Seminar) -> str:
    """The follow-up task's rubric: one table per FHEQ level, criteria down the side, bands across."""
    out = [
        "<h3>How the task is marked</h3><p>The same criteria apply at each level; what each band asks "
        "for rises with the level. Levels 5 and 6 use degree classification bands (a pass starts at 40), "
        "Level 7 masters bands (a pass starts at 50).</p>"
    ]
    for level in (5, 6, 7):
        head = "".join(f'<th scope="col">{escape(label)}</th>' for label, _, _ in BANDS[level].values())
        rows = "".join(
            f'<tr><th scope="row">{escape(c.criterion)} ({c.weight}%)</th>'
            + "".join(f"<td>{escape(text)}</td>" for text in c.at(level).values())
            + "</tr>"
            for c in seminar.assessment.rubric
        )
        # The level is the table's caption, which travels with the table's first row on paper; the table
        # itself may run over pages, a row at a time, with its header repeated.
        out.append(
            f'<table class="marking-rubric"><caption>Level {level}</caption><thead><tr>'
            f'<th scope="col">Criterion</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )
    return "".join(out)


def exemplars(seminar: Seminar, catalog: Catalog) -> str:
    """Marked exemplar answers, for the lecturer's copy only."""
    out = ["<h2>Exemplar answers with marker's comments</h2>"]
    for exemplar in seminar.assessment.exemplars:
        band = BANDS[exemplar.level][exemplar.band][0].split(" (")[0].lower()
        comments = "".join(
            f"<li><strong>{escape(c.criterion)}</strong>: {escape(c.comment)}</li>" for c in exemplar.comments
        )
        cited = "; ".join(clause_label(catalog, ref) for ref in exemplar.cites)
        out.append(
            f"<h3>Exemplar at Level {exemplar.level}, marked {exemplar.mark} ({escape(band)})</h3>"
            f'<div class="exemplar">{paras(exemplar.answer)}</div><p><em>Cites:</em> {escape(cited)}.</p>'
            f"<p><strong>Marker's comments</strong></p><ul>{comments}</ul>"
            f"<p><strong>Feedforward</strong></p>{paras(exemplar.feedforward)}"
        )
    return "".join(out)


def seminar_pack(seminar: Seminar, catalog: Catalog, lecturer: bool) -> str:
    """The plan, then each case sheet and each dilemma with its questions, one per page; the lecturer's
    pack adds each dilemma's map of every branch; the worksheet closes the pack when the session uses it."""
    parts = [seminar_plan(seminar, catalog, lecturer)]
    parts += [case_sheet(catalog.cases[c].model, catalog, lecturer) for c in seminar.materials.cases]
    parts += [
        dilemma_sheet(catalog.dilemmas[d].model, catalog, lecturer, with_map=lecturer)
        for d in seminar.materials.dilemmas
    ]
    if seminar.materials.worksheet:
        parts.append(worksheet_sheet())
    return '<div class="page-break"></div>'.join(parts)


# --- whole documents ---------------------------------------------------------------------------


def static_text(name: str) -> str:
    return files("ethicskit.sphinx").joinpath("static", name).read_text(encoding="utf-8")


def document(title: str, body: str, edition: str, extra_head: str = "", extra_body: str = "") -> str:
    """A complete, self-contained HTML document: styles inline, nothing loaded from anywhere."""
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # An empty icon: otherwise a browser asks the server for /favicon.ico, which a VLE may not have.
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{static_text('handout.css')}</style>{extra_head}</head>"
        f"<body><main>{body}</main><footer><p>First Loyalty, {escape(edition)}. Teaching content CC BY 4.0; "
        "paraphrases of codes are the kit's own words, and the official texts belong to their issuers."
        f"</p></footer>{extra_body}</body></html>"
    )


def handout(kind: str, item_id: str, catalog: Catalog, lecturer: bool) -> tuple[str, str]:
    """(title, HTML document) for `ethicskit handout`. Raises KeyError for an unknown id."""
    edition = "lecturer's handout" if lecturer else "handout"
    if kind == "case":
        case = catalog.cases[item_id].model
        return case.title, document(case.title, case_sheet(case, catalog, lecturer), edition)
    if kind == "dilemma":
        dilemma = catalog.dilemmas[item_id].model
        return dilemma.title, document(dilemma.title, dilemma_sheet(dilemma, catalog, lecturer), edition)
    seminar = catalog.seminars[item_id].model
    return seminar.title, document(
        seminar.title, seminar_pack(seminar, catalog, lecturer), f"seminar pack, {edition}"
    )


PLAYER_SCRIPTS = ("words.js", "dilemma-player.js", "reflections.js")
"""The scripts a single-file dilemma runs, in the order it loads them: words.js first, since the
others look their interface words up through it."""

LMS_NOTICE = (
    '<aside class="ek-lms-notice" aria-label="What your VLE is told"><p><strong>What your VLE is told.'
    "</strong> When this dilemma runs inside your VLE, the VLE is told that you have started it, when "
    "you reach an ending, how long you spent, and which decisions and choices make up your path (as "
    "short codes, so you can carry on where you left off). Staff who can see the VLE's activity reports "
    "may be able to see these. Your reflections are never sent to the VLE: they stay in this browser, "
    "on this device, until you download them.</p></aside>"
)
"""What the SCORM package tells the learner about what leaves their device, shown in or out of a VLE."""


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
        f"{content_note(case)}{LMS_NOTICE if lms else ''}{paras(dilemma.summary, 'summary')}"
        f"{student_map(dilemma)}"
        f'<script type="application/json" class="ek-dilemma-data">{data}</script>'
        f"{dilemma_map(dilemma, catalog, lecturer=False)}</section>"
        '<section class="reflections"><h2>Your reflections</h2><p>What you write is kept only in this '
        "browser. Download it to keep a copy or to hand it in.</p>"
        '<div class="ek-my-reflections"><p>Your reflections appear here once JavaScript is on.</p></div>'
        "</section>"
    )
    styles = f"<style>{static_text('dilemma-player.css')}</style>"
    body += script_words_element(list(PLAYER_SCRIPTS))
    if lms:
        scripts = "".join(f'<script src="{scripts_folder}/{name}"></script>' for name in PLAYER_SCRIPTS)
    else:
        scripts = "".join(f"<script>{static_text(name)}</script>" for name in PLAYER_SCRIPTS)
    edition = "SCORM package" if lms else "single-file dilemma"
    return document(dilemma.title, body, edition, styles, scripts)
