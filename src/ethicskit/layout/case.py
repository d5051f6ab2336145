"""A case's layout, written once: the book's case page and the printed case handout both show it.

Paper differs only where it must: the content note gives its signposting without a link to the book's
support page, the key points and the self-check's answers are shown open (there is nothing to open on
paper), and the self-check says nothing about a browser.
"""

from __future__ import annotations

from docutils import nodes

from ..catalog import Catalog
from ..models import Case
from ..signposting import signpost
from ..words import _, n_
from .blocks import (
    bullets,
    cite,
    clause_text,
    doc_link,
    field_list,
    listing_of,
    paragraphs,
    provision_line,
    section,
    sentence,
    setting_label,
)
from .nodes import folded
from .selfcheck import render_self_check


def content_note(case: Case, support_page: str | None) -> nodes.admonition:
    """What a reader will meet, and where to find support, before the case or its dilemma. On paper
    (`support_page` None) the signposting stands alone: there is no page to follow a link to."""
    assert case.content_note is not None
    note = nodes.admonition(classes=["warning", "ek-content-note"])
    heading = _("Content note")
    note += nodes.title(heading, heading)
    note += paragraphs(case.content_note.note)
    note += nodes.paragraph(signpost(), signpost(), classes=["ek-signpost"])
    if support_page is not None:
        more = nodes.paragraph()
        more += doc_link(support_page, _("More support, including support connected with work and study"))
        note += more
    return note


def case_layout(case: Case, catalog: Catalog, edition: str, support_page: str | None) -> nodes.section:
    """A whole case as one section: content note first, then the case, then questions.

    `edition` is 'lecturer' for the lecturer's notes; `support_page` is the book's support page, or
    None on paper."""
    ident = f"case-{case.id}"
    root = nodes.section(ids=[ident], classes=["ek-case"])
    root += nodes.title(case.title, case.title)
    if case.content_note is not None:
        root += content_note(case, support_page)

    root += paragraphs(case.summary, classes=["ek-summary"])
    setting = case.setting
    root += field_list(
        [
            (_("Setting"), setting_label(setting.service.value)),
            (_("Where"), setting_label(setting.jurisdiction.value)),
            (
                _("Practitioner"),
                _(
                    "{role} ({experience})",
                    role=setting.role,
                    experience=setting_label(setting.experience.value).lower(),
                ),
            ),
            (
                _("Time to discuss"),
                n_("about {count} minute", "about {count} minutes", case.duration_minutes),
            ),
            (_("Themes"), listing_of(theme.label for theme in case.themes)),
        ]
    )
    root += section(f"{ident}-objectives", _("What you will learn"), bullets(case.objectives))
    root += section(
        f"{ident}-narrative", _("The case"), *paragraphs(case.narrative, classes=["ek-narrative"])
    )
    root += section(f"{ident}-tension", _("Where the loyalties pull apart"), *_tension(case))
    clauses = []
    for cited in case.clauses:
        found = catalog.cited(cited.ref)
        entry = (
            sentence(
                _("{ref}: {text}", ref="{ref}", text="{text}"),
                ref=cite(cited.ref),
                text=clause_text(catalog, found),
            )
            if found is not None
            else sentence("{ref}", ref=cite(cited.ref))
        )
        why_text = _("Why it bears on this case: {rationale}", rationale=cited.rationale)
        why = nodes.paragraph("", why_text, classes=["ek-rationale"])
        clauses.append(nodes.container("", entry, why, classes=["ek-cited"]))
    root += section(f"{ident}-clauses", _("What the codes say"), bullets(clauses))
    root += case_law(case, catalog)
    root += section(
        f"{ident}-questions", _("Questions for discussion"), bullets(case.questions, enumerated=True)
    )
    # Folded, after the questions: a student reading alone meets the questions before the conclusions.
    key_points = folded(
        "",
        bullets(case.key_points),
        summary=_("Show the key points (after you have thought about the questions)"),
    )
    root += section(f"{ident}-key-points", _("Key points"), key_points)
    if case.self_check is not None:
        check = render_self_check(case.self_check, case.id, on_paper=support_page is None)
        root += section(f"{ident}-self-check", _("Check your understanding"), check)
    if edition == "lecturer":
        notes_ = case.instructor_notes
        parts = [
            (_("How to run it"), notes_.how_to_run),
            (_("What students often say"), notes_.likely_responses),
            (_("What the codes say"), notes_.what_the_codes_say),
            (_("Pitfalls"), notes_.pitfalls),
        ]
        box = nodes.container(classes=["ek-instructor"])
        for heading, text in parts:
            box += nodes.rubric(heading, heading)
            box += paragraphs(text)
        root += section(
            f"{ident}-instructor", _("Notes for the lecturer"), box, classes=["ek-instructor-notes"]
        )
    return root


def case_law(case: Case, catalog: Catalog) -> nodes.section:
    """Law and duties: the provisions of the case's nation, what they settle, where discretion begins."""
    ident = f"case-{case.id}-law"
    intro = _(
        "The law that applies in {place}, in this kit's own words: the floor that the codes and the "
        "employer's policies stand on.",
        place=setting_label(case.setting.jurisdiction.value),
    )
    items = []
    for cited in case.law.provisions:
        entry = provision_line(cited.ref, catalog)
        why = nodes.paragraph("", _("Here: {rationale}", rationale=cited.rationale), classes=["ek-rationale"])
        items.append(nodes.container("", entry, why, classes=["ek-cited", "ek-cited-law"]))
    settles = section(f"{ident}-settles", _("What the law already settles"), *paragraphs(case.law.settles))
    discretion = section(
        f"{ident}-discretion", _("Where discretion begins"), *paragraphs(case.law.discretion)
    )
    return section(
        ident,
        _("Law and duties"),
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
    for heading in (_("The agency asks"), _("The codes ask")):
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
    affected = nodes.paragraph("", _("Who is affected:"), classes=["ek-affected-label"])
    return [table, affected, bullets(case.tension.people_affected)]
