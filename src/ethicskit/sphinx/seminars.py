"""Seminar plans as pages: what students need in every edition, the running notes in the lecturer's."""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from ..models import BANDS, ActivityKind, Assessment, ReadingList, Seminar
from .render import bullets, cite, field_list, link_to, paragraphs, row, section, table_with_head


def minutes(count: int) -> str:
    return "1 minute" if count == 1 else f"{count} minutes"


def _refs(label: str, refs: list[str]) -> nodes.paragraph:
    para = nodes.paragraph("", f"{label}: ", classes=["ek-outcome-refs"])
    for number, ref in enumerate(refs):
        if number:
            para += nodes.Text(", ")
        para += cite(ref)
    return para


def _materials(seminar: Seminar, catalog: Catalog) -> list[nodes.Node]:
    items: list[nodes.Node] = []
    for case_id in seminar.materials.cases:
        para = nodes.paragraph("", "Case: ")
        para += link_to("case", case_id, catalog.cases[case_id].model.title, f"case-{case_id}")
        items.append(para)
    for dilemma_id in seminar.materials.dilemmas:
        para = nodes.paragraph("", "Dilemma: ")
        para += link_to(
            "dilemma", dilemma_id, catalog.dilemmas[dilemma_id].model.title, f"dilemma-{dilemma_id}"
        )
        items.append(para)
    if seminar.materials.worksheet:
        para = nodes.paragraph("", "The ")
        para += link_to("worksheet", "worksheet", "ethical-reasoning worksheet")
        para += nodes.Text(", one per student or group")
        items.append(para)
    items += [nodes.paragraph(item, item) for item in seminar.materials.other]
    return [bullets(items)]


def _timeline(seminar: Seminar, lecturer: bool) -> nodes.table:
    """Start and end minute of each activity; the lecturer edition adds what happens in it."""
    headings = ["When", "Activity"] + (["What happens"] if lecturer else [])
    table, body = table_with_head("ek-timeline", headings, (1, 2, 5)[: len(headings)])
    start = 0
    for activity in seminar.timeline:
        end = start + activity.minutes
        cells: list[str | nodes.Node] = [f"{start}\N{EN DASH}{end} min", activity.title]
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
    for heading, readings in (("Essential", reading_list.essential), ("Further", reading_list.further)):
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
        ("Without placement experience yet", inclusion.without_placement),
        ("English as an additional language", inclusion.english_additional_language),
        ("Neurodivergent students", inclusion.neurodivergent),
    ]
    out: list[nodes.Node] = []
    for heading, text in notes:
        out.append(nodes.paragraph("", "", nodes.strong(heading, heading)))
        out += paragraphs(text)
    return out


def _rubric_table(assessment: Assessment, level: int) -> nodes.table:
    """Criteria down the side, that level's bands across the top, best band first."""
    bands = BANDS[level]
    headings = ["Criterion"] + [label for label, _, _ in bands.values()]
    table, body = table_with_head("ek-rubric", headings, (2,) + (3,) * len(bands))
    table.children[0].children[0]["stub"] = 1  # the criterion heads its row, for screen readers too
    for criterion in assessment.rubric:
        label = f"{criterion.criterion} ({criterion.weight}%)"
        body += row([label, *criterion.at(level).values()])
    return table


def _rubric(seminar: Seminar, ident: str) -> nodes.section:
    """The marking rubric at each FHEQ level. Students see it: knowing how work is judged is part of
    learning to do it, and a rubric handed out only after marking cannot guide the writing."""
    rubric = section(f"{ident}-rubric", "How the task is marked")
    rubric += nodes.paragraph(
        "",
        "The same criteria apply at each level of study; what each band asks for rises with the level. "
        "Levels 5 and 6 (the second and final years of a degree) are marked in degree classification "
        "bands, where a pass starts at 40; Level 7 (a masters programme) in masters bands, where a pass "
        "starts at 50.",
    )
    for level in (5, 6, 7):
        rubric += section(
            f"{ident}-rubric-level-{level}", f"Level {level}", _rubric_table(seminar.assessment, level)
        )
    return rubric


def _exemplars(seminar: Seminar, ident: str) -> list[nodes.Node]:
    """Each exemplar: the answer, the clauses it cites, the marker's comments and the feedforward."""
    out: list[nodes.Node] = []
    for number, exemplar in enumerate(seminar.assessment.exemplars, start=1):
        band = BANDS[exemplar.level][exemplar.band][0]
        title = f"Exemplar at Level {exemplar.level}, marked {exemplar.mark} ({band.split(' (')[0].lower()})"
        part = section(f"{ident}-exemplar-{number}", title, classes=["ek-exemplar"])
        answer = nodes.container("", *paragraphs(exemplar.answer), classes=["ek-exemplar-answer"])
        part += answer
        cited = nodes.paragraph("", "Cites: ", classes=["ek-outcome-refs"])
        for index, ref in enumerate(exemplar.cites):
            if index:
                cited += nodes.Text(", ")
            cited += cite(ref)
        part += cited
        part += nodes.paragraph("", "", nodes.strong("Marker's comments", "Marker's comments"))
        comments = []
        for comment in exemplar.comments:
            item = nodes.paragraph("", "")
            item += nodes.strong(comment.criterion, comment.criterion)
            item += nodes.Text(f": {comment.comment}")
            comments.append(item)
        part += bullets(comments)
        part += nodes.paragraph("", "", nodes.strong("Feedforward", "Feedforward"))
        part += paragraphs(exemplar.feedforward)
        out.append(part)
    return out


def render_seminar(seminar: Seminar, catalog: Catalog, lecturer: bool, pack_uri: str) -> nodes.section:
    """A seminar plan; lecturer-only fields are left out of the student edition's doctree entirely."""
    ident = f"seminar-{seminar.id}"
    root = nodes.section(ids=[ident], classes=["ek-seminar"])
    root += nodes.title(seminar.title, seminar.title)
    root += paragraphs(seminar.summary, classes=["ek-summary"])
    pack = nodes.paragraph("", "", classes=["ek-download"])
    label = "Printable seminar pack" + (" (lecturer's copy)" if lecturer else "")
    pack += nodes.reference(label, label, refuri=pack_uri)
    pack += nodes.Text(
        ": the plan, its cases and its dilemmas on one print-ready page. Print it, or save it as PDF."
    )
    root += pack
    root += field_list(
        [
            ("For", "; ".join(audience.label for audience in seminar.audience)),
            ("Length", minutes(seminar.duration_minutes)),
        ]
    )
    outcomes = []
    for outcome in seminar.learning_outcomes:
        item = nodes.container("", nodes.paragraph(outcome.outcome, outcome.outcome), classes=["ek-outcome"])
        item += _refs("Professional Capabilities Framework", outcome.pcf)
        item += _refs("Professional standards", outcome.standards)
        outcomes.append(item)
    root += section(f"{ident}-outcomes", "Learning outcomes", bullets(outcomes))
    preparation = section(f"{ident}-preparation", "Before the session", *paragraphs(seminar.preparation))
    alternative = "If the reading does not work for you"
    preparation += nodes.paragraph("", "", nodes.strong(alternative, alternative))
    preparation += paragraphs(seminar.inclusion.pre_reading_alternative)
    root += preparation
    root += section(f"{ident}-reading", "Reading", *_reading(seminar, catalog))
    root += section(f"{ident}-materials", "Materials", *_materials(seminar, catalog))
    root += section(f"{ident}-timeline", "How the session runs", _timeline(seminar, lecturer))
    root += section(f"{ident}-inclusion", "Making the session work for everyone", *_inclusion(seminar))
    root += section(f"{ident}-ground-rules", "Ground rules", bullets(seminar.ground_rules))
    root += section(f"{ident}-care", "Looking after yourself and each other", *paragraphs(seminar.care))
    follow_up = section(f"{ident}-follow-up", "After the session", *paragraphs(seminar.follow_up))
    follow_up += _rubric(seminar, ident)
    root += follow_up
    if lecturer:
        expert = seminar.expert_by_experience
        for suffix, heading, text in (
            ("facilitation", "Facilitation notes", seminar.facilitation_notes),
            ("debrief", "Debrief", seminar.debrief),
            ("online", "Running it online", seminar.variations.online),
            ("large-group", "Running it with a large group", seminar.variations.large_group),
        ):
            root += section(f"{ident}-{suffix}", heading, *paragraphs(text), classes=["ek-instructor-notes"])
        slot = section(f"{ident}-expert", "An expert by experience", classes=["ek-instructor-notes"])
        slot += nodes.paragraph("", f"During: {expert.during}.")
        slot += paragraphs(expert.contribution)
        slot += nodes.paragraph("", "", nodes.strong("Arranging it", "Arranging it"))
        slot += paragraphs(expert.arranging)
        slot += nodes.paragraph("", "", nodes.strong("If nobody is available", "If nobody is available"))
        slot += paragraphs(expert.if_unavailable)
        root += slot
        root += section(
            f"{ident}-exemplars",
            "Exemplar answers with marker's comments",
            *_exemplars(seminar, ident),
            classes=["ek-instructor-notes"],
        )
    return root


def render_seminars_index(catalog: Catalog) -> list[nodes.Node]:
    """A table of every seminar plan: title, who it is for, length and what it uses."""
    table, body = table_with_head("ek-seminars-index", ["Seminar", "For", "Length", "Uses"], (3, 3, 1, 4))
    for _, loaded in sorted(catalog.seminars.items(), key=lambda item: item[1].model.title):
        seminar = loaded.model
        title = nodes.paragraph()
        title += link_to("seminar", seminar.id, seminar.title, f"seminar-{seminar.id}")
        uses = [catalog.cases[case_id].model.title for case_id in seminar.materials.cases]
        uses += [f"dilemma: {catalog.dilemmas[d].model.title}" for d in seminar.materials.dilemmas]
        if seminar.materials.worksheet:
            uses.append("worksheet")
        audience = "; ".join(item.label for item in seminar.audience)
        body += row([title, audience, minutes(seminar.duration_minutes), "; ".join(uses)])
    if not catalog.seminars:
        return [nodes.paragraph(text="No seminar plans yet: add one under exercises/seminars/.")]
    return [table]
