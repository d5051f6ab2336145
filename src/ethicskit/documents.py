"""Cases, dilemmas and seminar plans as standalone HTML: printed handouts, seminar packs and single-file
dilemmas.

Each is the book's layout of the item (`layout/`) written by `layout.paper`, inside a self-contained
document; every piece of content is escaped, so nothing in a YAML file can become markup.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

from docutils import nodes

from .catalog import Catalog
from .export import dilemma_json, script_words_element
from .layout.blocks import mark_items_english
from .layout.case import case_layout
from .layout.dilemma import dilemma_layout
from .layout.paper import html_of
from .layout.seminar import seminar_layout
from .layout.worksheet import worksheet_steps
from .models import (
    Case,
    Dilemma,
    Seminar,
)
from .words import _, current

# --- cases -------------------------------------------------------------------------------------


def case_sheet(case: Case, catalog: Catalog, lecturer: bool, level: int = 1) -> str:
    """A case as a handout: the book's case layout (`layout.case`), on paper."""
    edition = "lecturer" if lecturer else "student"
    layout = case_layout(case, catalog, edition, support_page=None)
    mark_items_english(layout, catalog, [catalog.cases[case.id]])
    return html_of([layout], catalog, level)


# --- dilemmas ----------------------------------------------------------------------------------


def dilemma_sheet(
    dilemma: Dilemma, catalog: Catalog, lecturer: bool, level: int = 1, with_map: bool = True
) -> str:
    """A dilemma as a handout: the book's dilemma layout (`layout.dilemma`), on paper.

    The students' seminar pack leaves the map out (`with_map=False`), as the student edition does:
    seen before playing, it shows every route at once."""
    edition = "lecturer" if lecturer else "student"
    layout = dilemma_layout(dilemma, catalog, edition, support_page=None, on_paper=True, with_map=with_map)
    mark_items_english(layout, catalog, [catalog.dilemmas[dilemma.id]])
    return html_of([layout], catalog, level)


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
    plan = seminar_layout(seminar, catalog, lecturer, pack_uri=None)
    mark_items_english(plan, catalog, [catalog.seminars[seminar.id]])
    parts = [html_of([plan], catalog)]
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

PACKAGE_SCRIPTS = ("words.js", "scorm-vle.js", "dilemma-player.js", "reflections.js")
"""The scripts a SCORM package's page runs: the player's, with the one that talks to the VLE before the
player, which connects through it."""


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
    heading = escape(_("What your VLE is told."))
    return (
        f'<aside class="ek-lms-notice" aria-label="{told}">'
        f"<p><strong>{heading}</strong> {escape(explained)}</p></aside>"
    )


def standalone_dilemma(dilemma: Dilemma, catalog: Catalog, scripts_folder: str | None = None) -> str:
    """One HTML file with the player, its data, reflections and export, for a VLE or an iframe.

    With `scripts_folder`, the scripts are files in that folder beside the page rather than inline, and
    the player reports to a SCORM 1.2 VLE when it finds one: the page of a SCORM package.
    """
    data = dilemma_json(dilemma, catalog)
    lms = scripts_folder is not None
    layout = dilemma_layout(dilemma, catalog, "student", support_page=None)
    mark_items_english(layout, catalog, [catalog.dilemmas[dilemma.id]])
    if lms:
        layout["html_data"] = {"lms": "scorm12"}
    # After the title, as on the book's page: the player reads its payload from inside the dilemma.
    layout.insert(
        1,
        nodes.raw(
            "", f'<script type="application/json" class="ek-dilemma-data">{data}</script>', format="html"
        ),
    )
    if lms:
        after_note = 2 + sum(1 for child in layout.children if "ek-content-note" in child.get("classes", []))
        layout.insert(after_note, nodes.raw("", lms_notice(), format="html"))
    reflections = escape(_("Your reflections"))
    body = (
        html_of([layout], catalog, on_paper=False)
        + f'<section class="reflections"><h2>{reflections}</h2><p>'
        + escape(
            _("What you write is kept only in this browser. Download it to keep a copy or to hand it in.")
        )
        + '</p><div class="ek-my-reflections"><p>'
        + escape(_("Your reflections appear here once JavaScript is on."))
        + "</p></div></section>"
    )
    styles = f"<style>{static_text('dilemma-player.css')}</style>"
    body += script_words_element(list(PACKAGE_SCRIPTS if lms else PLAYER_SCRIPTS))
    if lms:
        scripts = "".join(f'<script src="{scripts_folder}/{name}"></script>' for name in PACKAGE_SCRIPTS)
    else:
        scripts = "".join(f"<script>{static_text(name)}</script>" for name in PLAYER_SCRIPTS)
    edition = _("SCORM package") if lms else _("single-file dilemma")
    return document(dilemma.title, body, edition, styles, scripts)
