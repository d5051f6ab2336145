"""A seminar plan's layout, written once: the book's seminar page and the printed seminar pack show it.

Every edition shows what students need; the lecturer's adds the running notes. Paper differs only where
it must: no link to the printable pack (it is the pack), and the words of each clause an outcome names
printed under it, where the screen shows them on hover.
"""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from ..models import BANDS, ActivityKind, Assessment, ReadingList, Seminar, band_in_sentence, band_label
from ..signposting import signpost
from ..words import _, n_
from .blocks import (
    bullets,
    field_list,
    in_a_row,
    item_link,
    link_to,
    paragraphs,
    row,
    section,
    sentence,
    spelled_out,
    table_with_head,
)


def minutes(count: int) -> str:
    return n_("{count} minute", "{count} minutes", count)


def _refs(message: str, refs: list[str]) -> nodes.paragraph:
    """A sentence with `{refs}`, filled with clause references."""
    return sentence(message, ["ek-outcome-refs"], refs=in_a_row(clauses=refs))


def _materials(seminar: Seminar, catalog: Catalog) -> list[nodes.Node]:
    items: list[nodes.Node] = []
    for case_id in seminar.materials.cases:
        link = item_link(catalog, "case", case_id, catalog.cases[case_id].model.title, f"case-{case_id}")
        items.append(sentence(_("Case: {case}"), case=link))
    for dilemma_id in seminar.materials.dilemmas:
        link = item_link(
            catalog, "dilemma", dilemma_id, catalog.dilemmas[dilemma_id].model.title, f"dilemma-{dilemma_id}"
        )
        items.append(sentence(_("Dilemma: {dilemma}"), dilemma=link))
    if seminar.materials.worksheet:
        link = link_to("worksheet", "worksheet", _("ethical-reasoning worksheet"))
        items.append(sentence(_("The {worksheet}, one per student or group"), worksheet=link))
    items += [nodes.paragraph(item, item) for item in seminar.materials.other]
    return [bullets(items)]


def _timeline(seminar: Seminar, lecturer: bool) -> nodes.table:
    """Start and end minute of each activity; the lecturer edition adds what happens in it."""
    headings = [_("When"), _("Activity")] + ([_("What happens")] if lecturer else [])
    table, body = table_with_head("ek-timeline", headings, (1, 2, 5)[: len(headings)])
    start = 0
    for activity in seminar.timeline:
        end = start + activity.minutes
        when = _("{start}\N{EN DASH}{end} min", start=start, end=end)
        cells: list[str | nodes.Node] = [when, activity.title]
        if lecturer:
            cells.append(nodes.container("", *paragraphs(activity.what_happens)))
        built = row(cells)
        if activity.kind is ActivityKind.BREAK:
            built["classes"].append("ek-break")
        body += built
        start = end
    return table


def _reading(seminar: Seminar, catalog: Catalog) -> list[nodes.Node]:
    return reading_nodes(seminar.reading, catalog)


def reading_nodes(reading_list: ReadingList, catalog: Catalog) -> list[nodes.Node]:
    """Essential then further reading, each entry formatted from the bibliography with why to read it."""
    out: list[nodes.Node] = []
    for heading, readings in ((_("Essential"), reading_list.essential), (_("Further"), reading_list.further)):
        if not readings:
            continue
        out.append(nodes.paragraph("", "", nodes.strong(heading, heading)))
        items = []
        for reading in readings:
            entry = catalog.bibliography.entries.get(reading.key, reading.key)
            item = nodes.paragraph(entry, entry, classes=["ek-reference"])
            items.append(
                nodes.container("", item, nodes.paragraph(reading.why, reading.why, classes=["ek-why"]))
            )
        out.append(bullets(items))
    return out


def _inclusion(seminar: Seminar) -> list[nodes.Node]:
    inclusion = seminar.inclusion
    notes = [
        (_("Without placement experience yet"), inclusion.without_placement),
        (_("English as an additional language"), inclusion.english_additional_language),
        (_("Neurodivergent students"), inclusion.neurodivergent),
    ]
    out: list[nodes.Node] = []
    for heading, text in notes:
        out.append(nodes.paragraph("", "", nodes.strong(heading, heading)))
        out += paragraphs(text)
    return out


def _rubric_table(assessment: Assessment, level: int) -> nodes.table:
    """Criteria down the side, that level's bands across the top, best band first."""
    bands = BANDS[level]
    headings = [_("Criterion")] + [band_label(level, band) for band in bands]
    table, body = table_with_head("ek-rubric", headings, (2,) + (3,) * len(bands))
    table.children[0].children[0]["stub"] = 1  # the criterion heads its row, for screen readers too
    for criterion in assessment.rubric:
        label = _("{criterion} ({weight}%)", criterion=criterion.criterion, weight=criterion.weight)
        body += row([label, *criterion.at(level).values()])
    return table


def _rubric(seminar: Seminar, ident: str) -> nodes.section:
    """The marking rubric at each FHEQ level. Students see it: knowing how work is judged is part of
    learning to do it, and a rubric handed out only after marking cannot guide the writing."""
    rubric = section(f"{ident}-rubric", _("How the task is marked"))
    rubric += nodes.paragraph(
        "",
        _(
            "The same criteria apply at each level of study; what each band asks for rises with the level. "
            "Levels 5 and 6 (the second and final years of a degree) are marked in degree classification "
            "bands, where a pass starts at 40; Level 7 (a masters programme) in masters bands, where a pass "
            "starts at 50."
        ),
    )
    for level in (5, 6, 7):
        rubric += section(
            f"{ident}-rubric-level-{level}",
            _("Level {level}", level=level),
            _rubric_table(seminar.assessment, level),
        )
    return rubric


def _exemplars(seminar: Seminar, ident: str) -> list[nodes.Node]:
    """Each exemplar: the answer, the clauses it cites, the marker's comments and the feedforward."""
    out: list[nodes.Node] = []
    for number, exemplar in enumerate(seminar.assessment.exemplars, start=1):
        title = _(
            "Exemplar at Level {level}, marked {mark} ({band})",
            level=exemplar.level,
            mark=exemplar.mark,
            band=band_in_sentence(exemplar.band),
        )
        part = section(f"{ident}-exemplar-{number}", title, classes=["ek-exemplar"])
        answer = nodes.container("", *paragraphs(exemplar.answer), classes=["ek-exemplar-answer"])
        part += answer
        part += _refs(_("Cites: {refs}"), exemplar.cites)
        comments_heading = _("Marker's comments")
        part += nodes.paragraph("", "", nodes.strong(comments_heading, comments_heading))
        comments = []
        for comment in exemplar.comments:
            item = nodes.paragraph("", "")
            item += nodes.strong(comment.criterion, comment.criterion)
            item += nodes.Text(f": {comment.comment}")
            comments.append(item)
        part += bullets(comments)
        feedforward = _("Feedforward")
        part += nodes.paragraph("", "", nodes.strong(feedforward, feedforward))
        part += paragraphs(exemplar.feedforward)
        out.append(part)
    return out


def seminar_layout(seminar: Seminar, catalog: Catalog, lecturer: bool, pack_uri: str | None) -> nodes.section:
    """A seminar plan; lecturer-only fields are left out of the student edition's doctree entirely.
    `pack_uri` is the printable pack's address on the book's page, or None on paper."""
    ident = f"seminar-{seminar.id}"
    root = nodes.section(ids=[ident], classes=["ek-seminar"])
    root += nodes.title(seminar.title, seminar.title)
    root += paragraphs(seminar.summary, classes=["ek-summary"])
    if pack_uri is not None:
        label = _("Printable seminar pack (lecturer's copy)") if lecturer else _("Printable seminar pack")
        root += sentence(
            _(
                "{link}: the plan, its cases and its dilemmas on one print-ready page. Print it, or save it "
                "as PDF."
            ),
            ["ek-download"],
            link=nodes.reference(label, label, refuri=pack_uri),
        )
    root += field_list(
        [
            (_("For"), _("; ").join(audience.label for audience in seminar.audience)),
            (_("Length"), minutes(seminar.duration_minutes)),
        ]
    )
    outcomes = []
    for outcome in seminar.learning_outcomes:
        item = nodes.container("", nodes.paragraph(outcome.outcome, outcome.outcome), classes=["ek-outcome"])
        item += _refs(_("Professional Capabilities Framework: {refs}"), outcome.pcf)
        if pack_uri is None:
            item += spelled_out(outcome.pcf, catalog)
        item += _refs(_("Professional standards: {refs}"), outcome.standards)
        if pack_uri is None:
            item += spelled_out(outcome.standards, catalog)
        outcomes.append(item)
    root += section(f"{ident}-outcomes", _("Learning outcomes"), bullets(outcomes))
    preparation = section(f"{ident}-preparation", _("Before the session"), *paragraphs(seminar.preparation))
    alternative = _("If the reading does not work for you")
    preparation += nodes.paragraph("", "", nodes.strong(alternative, alternative))
    preparation += paragraphs(seminar.inclusion.pre_reading_alternative)
    root += preparation
    root += section(f"{ident}-reading", _("Reading"), *_reading(seminar, catalog))
    root += section(f"{ident}-materials", _("Materials"), *_materials(seminar, catalog))
    root += section(f"{ident}-timeline", _("How the session runs"), _timeline(seminar, lecturer))
    root += section(f"{ident}-inclusion", _("Making the session work for everyone"), *_inclusion(seminar))
    root += section(f"{ident}-ground-rules", _("Ground rules"), bullets(seminar.ground_rules))
    care = section(f"{ident}-care", _("Looking after yourself and each other"), *paragraphs(seminar.care))
    care += nodes.paragraph(signpost(), signpost(), classes=["ek-signpost"])
    root += care
    follow_up = section(f"{ident}-follow-up", _("After the session"), *paragraphs(seminar.follow_up))
    follow_up += _rubric(seminar, ident)
    root += follow_up
    if lecturer:
        expert = seminar.expert_by_experience
        for suffix, heading, text in (
            ("facilitation", _("Facilitation notes"), seminar.facilitation_notes),
            ("debrief", _("Debrief"), seminar.debrief),
            ("online", _("Running it online"), seminar.variations.online),
            ("large-group", _("Running it with a large group"), seminar.variations.large_group),
        ):
            root += section(f"{ident}-{suffix}", heading, *paragraphs(text), classes=["ek-instructor-notes"])
        slot = section(f"{ident}-expert", _("An expert by experience"), classes=["ek-instructor-notes"])
        slot += nodes.paragraph("", _("During: {when}.", when=expert.during))
        slot += paragraphs(expert.contribution)
        arranging = _("Arranging it")
        slot += nodes.paragraph("", "", nodes.strong(arranging, arranging))
        slot += paragraphs(expert.arranging)
        nobody = _("If nobody is available")
        slot += nodes.paragraph("", "", nodes.strong(nobody, nobody))
        slot += paragraphs(expert.if_unavailable)
        root += slot
        root += section(
            f"{ident}-exemplars",
            _("Exemplar answers with marker's comments"),
            *_exemplars(seminar, ident),
            classes=["ek-instructor-notes"],
        )
    return root
