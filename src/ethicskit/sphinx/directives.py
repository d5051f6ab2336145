"""Directives that embed catalogue content in a page; each notes the YAML it reads as a dependency."""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .. import records, worksheet
from ..bibliography import BIBLIOGRAPHY
from ..catalog import CHAPTER_READING, Catalog
from ..diagram import DiagramError
from ..export import dilemma_json, script_safe, tally_payload
from ..layout.blocks import sentence
from ..layout.case import case_layout
from ..layout.dilemma import dilemma_layout
from ..layout.selfcheck import render_self_check
from ..layout.seminar import reading_nodes, seminar_layout
from ..layout.worksheet import worksheet_steps
from ..selfchecks import CHAPTER_SELF_CHECKS
from ..signposting import emergency, support_lines
from ..words import _
from .conformance import AccessibilityConformanceDirective
from .content import catalog_of, index_pages, page_key, pages, track_view
from .curriculum import render_curriculum_map, render_outcome_finder
from .downloads import dilemma_file, pack_file, relative
from .edition import is_lecturer
from .render import (
    render_cases_by_code,
    render_cases_by_theme,
    render_code,
    render_codes_by_theme,
    render_codes_index,
    render_dilemmas_index,
    render_instrument,
    render_law_index,
)
from .seminars import render_seminars_index
from .supervision import render_first_year_schemes, render_supervision_map


class _CatalogDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def _missing(self, kind: str, known: list[str]) -> list[nodes.Node]:
        listed = ", ".join(sorted(known)) or "none"
        raise self.error(f"no {kind} '{self.arguments[0]}' in the catalogue (known: {listed})")

    def _claim_page(self, kind: str, item_id: str) -> None:
        """Record this page as the one showing the item in full; links elsewhere point here."""
        registry = pages(self.env)
        key = page_key(kind, item_id)
        other = registry.get(key)
        if other is not None and other != self.env.docname:
            raise self.error(f"the {kind} '{item_id}' is already shown in full on '{other}'")
        registry[key] = self.env.docname


class CaseDirective(_CatalogDirective):
    """Render a whole case: ```{case} case-id```."""

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.cases.get(self.arguments[0])
        if loaded is None:
            return self._missing("case", list(catalog.cases))
        self.env.note_dependency(str(catalog.root / loaded.path))
        for cited in loaded.model.clauses:
            code = catalog.codes.get(cited.ref.partition(":")[0])
            if code is not None:
                self.env.note_dependency(str(catalog.root / code.path))
        for provision in loaded.model.law.provisions:
            law = catalog.laws.get(provision.ref.partition(":")[0])
            if law is not None:
                self.env.note_dependency(str(catalog.root / law.path))
        self._claim_page("case", loaded.model.id)
        config = self.config
        return [case_layout(loaded.model, catalog, config.ethicskit_edition, config.ethicskit_support_page)]


class CodeOfPracticeDirective(_CatalogDirective):
    """Render a code's status, scope and every clause with a stable anchor.

    Usage: ```{code-of-practice} swe-2019```.
    """

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.codes.get(self.arguments[0])
        if loaded is None:
            return self._missing("code of practice", list(catalog.codes))
        self.env.note_dependency(str(catalog.root / loaded.path))
        self._claim_page("code", loaded.model.id)
        return render_code(loaded.model, catalog, self.config.ethicskit_edition)


class LawDigestDirective(_CatalogDirective):
    """Render a statute digest with an anchor per provision and where the kit uses it.

    Usage: ```{law-digest} care-act-2014```.
    """

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.laws.get(self.arguments[0])
        if loaded is None:
            return self._missing("statute digest", list(catalog.laws))
        self.env.note_dependency(str(catalog.root / loaded.path))
        # "Used in" is refreshed by the citation signature (content.outdated_pages), not by every edit
        # to a case or dilemma file.
        self._claim_page("law", loaded.model.id)
        return render_instrument(loaded.model, catalog, self.config.ethicskit_edition)


class LawIndexDirective(SphinxDirective):
    """Nation by nation, every statute digest in the kit: ```{law-index}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        for loaded in catalog.laws.values():
            self.env.note_dependency(str(catalog.root / loaded.path))
        return render_law_index(catalog)


class DilemmaDirective(_CatalogDirective):
    """Render a dilemma as a linked map of its decisions and endings: ```{dilemma} dilemma-id```."""

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.dilemmas.get(self.arguments[0])
        if loaded is None:
            return self._missing("dilemma", list(catalog.dilemmas))
        self.env.note_dependency(str(catalog.root / loaded.path))
        # The player shows clauses related by theme from every current code, not only cited ones.
        for code in catalog.codes.values():
            self.env.note_dependency(str(catalog.root / code.path))
        self._claim_page("dilemma", loaded.model.id)
        try:
            section = dilemma_layout(
                loaded.model, catalog, self.config.ethicskit_edition, self.config.ethicskit_support_page
            )
        except DiagramError as error:
            raise self.error(str(error)) from None
        payload = dilemma_json(loaded.model, catalog)
        label = _("This dilemma as a single file")
        link = nodes.reference(label, label, refuri=relative(self.env.docname, dilemma_file(loaded.model.id)))
        single = sentence(
            _(
                "{link}: the player, reflections and export in one page that works offline, to upload to "
                "a VLE."
            ),
            ["ek-download"],
            link=link,
        )
        first_part = next(
            (index for index, child in enumerate(section.children) if isinstance(child, nodes.section)),
            len(section.children),
        )
        section.insert(first_part, single)
        section.insert(
            1,
            nodes.raw(
                "",
                f'<script type="application/json" class="ek-dilemma-data">{payload}</script>',
                format="html",
            ),
        )
        return [section]


class DilemmasIndexDirective(SphinxDirective):
    """Every dilemma, and in the lecturer edition each one's diagram: ```{dilemmas-index}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        paths = [loaded.path for loaded in catalog.dilemmas.values()]
        paths += [loaded.path for loaded in catalog.cases.values()]
        for path in paths:
            self.env.note_dependency(str(catalog.root / path))
        try:
            return render_dilemmas_index(catalog, self.config.ethicskit_edition)
        except DiagramError as error:
            raise self.error(str(error)) from None


class WorksheetDirective(_CatalogDirective):
    """The ethical-reasoning worksheet: printable as it stands, a saving form once JavaScript runs."""

    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        self._claim_page("worksheet", "worksheet")
        track_view(self.env, self.env.docname, "titles")
        cases = [
            {"id": case_id, "title": loaded.model.title} for case_id, loaded in sorted(catalog.cases.items())
        ]
        payload = script_safe(
            json.dumps({"steps": worksheet.as_payload(), "cases": cases}, ensure_ascii=False)
        )
        data = nodes.raw(
            "", f'<script type="application/json" class="ek-worksheet-data">{payload}</script>', format="html"
        )
        root = nodes.container("", data, *worksheet_steps(), classes=["ek-worksheet"])
        return [root]


class SupervisionMapDirective(SphinxDirective):
    """Every case with its PCF domains and supervision questions: ```{supervision-map}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        for loaded in catalog.codes.values():
            self.env.note_dependency(str(catalog.root / loaded.path))
        track_view(self.env, self.env.docname, "supervision")
        return render_supervision_map(catalog)


class FirstYearSchemesDirective(SphinxDirective):
    """The first year in practice in each UK nation, with sources: ```{first-year-schemes}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return render_first_year_schemes()


class CurriculumMapDirective(_CatalogDirective):
    """One framework's items and the material mapped to each: ```{curriculum-map} framework-id```."""

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.frameworks.get(self.arguments[0])
        if loaded is None:
            return self._missing("curriculum framework", list(catalog.frameworks))
        _note_curriculum(self.env, catalog)
        self._claim_page("framework", loaded.model.id)
        return render_curriculum_map(loaded.model, catalog)


class OutcomeFinderDirective(SphinxDirective):
    """Material for each framework item, and items for each material: ```{outcome-finder}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        _note_curriculum(self.env, catalog)
        return render_outcome_finder(catalog)


def _note_curriculum(env: BuildEnvironment, catalog: Catalog) -> None:
    """A map page is read again when a framework or the map changes, or when what it shows of the cases,
    dilemmas and seminars (titles and mapped outcomes: the 'curriculum' view) changes."""
    paths = [loaded.path for loaded in catalog.frameworks.values()]
    if catalog.curriculum_maps is not None:
        paths.append(catalog.curriculum_maps.path)
    for path in paths:
        env.note_dependency(str(catalog.root / path))
    track_view(env, env.docname, "curriculum")


class RoomTallyDirective(SphinxDirective):
    """A projector view that tallies how a seminar room chose at each decision: ```{room-tally}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        for loaded in catalog.dilemmas.values():
            self.env.note_dependency(str(catalog.root / loaded.path))
        payload = script_safe(json.dumps(tally_payload(catalog), ensure_ascii=False, separators=(",", ":")))
        note = _("The room tally needs JavaScript. Each dilemma's page shows all its decisions without it.")
        return [
            nodes.container(
                "",
                nodes.raw(
                    "",
                    f'<script type="application/json" class="ek-tally-data">{payload}</script>',
                    format="html",
                ),
                nodes.paragraph(note, note, classes=["ek-muted"]),
                classes=["ek-room-tally"],
            )
        ]


class SeminarDirective(_CatalogDirective):
    """Render a seminar plan: ```{seminar} seminar-id```."""

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        loaded = catalog.seminars.get(self.arguments[0])
        if loaded is None:
            return self._missing("seminar plan", list(catalog.seminars))
        self.env.note_dependency(str(catalog.root / loaded.path))
        self.env.note_dependency(str(catalog.root / BIBLIOGRAPHY))
        self._claim_page("seminar", loaded.model.id)
        track_view(self.env, self.env.docname, "titles")
        lecturer = is_lecturer(self.config)
        pack = relative(self.env.docname, pack_file(loaded.model.id))
        return [seminar_layout(loaded.model, catalog, lecturer, pack)]


class ReadingListDirective(SphinxDirective):
    """The chapter's essential and further reading, from book/reading-lists.yml: ```{reading-list}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        self.env.note_dependency(str(catalog.root / CHAPTER_READING))
        self.env.note_dependency(str(catalog.root / BIBLIOGRAPHY))
        page = self.env.docname
        lists = catalog.chapter_reading.model.chapters if catalog.chapter_reading else {}
        if page not in lists:
            raise self.error(
                f"no reading list for the chapter '{page}': add it under 'chapters' in {CHAPTER_READING}"
            )
        title = _("Reading for this chapter")
        box = nodes.container("", classes=["ek-reading-list"])
        box += nodes.rubric(title, title)
        box += reading_nodes(lists[page], catalog)
        return [box]


class SelfCheckDirective(SphinxDirective):
    """The chapter's self-check, from book/self-checks.yml: ```{self-check}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        self.env.note_dependency(str(catalog.root / CHAPTER_SELF_CHECKS))
        page = self.env.docname
        checks = catalog.chapter_self_checks.model.chapters if catalog.chapter_self_checks else {}
        if page not in checks:
            raise self.error(
                f"no self-check for the chapter '{page}': add it under 'chapters' in {CHAPTER_SELF_CHECKS}"
            )
        title = _("Check your understanding")
        box = nodes.container("", classes=["ek-chapter-self-check"])
        box += nodes.rubric(title, title)
        box += render_self_check(checks[page], page.rsplit("/", 1)[-1])
        return [box]


class SeminarsIndexDirective(SphinxDirective):
    """A table of every seminar plan: ```{seminars-index}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        for loaded in catalog.seminars.values():
            self.env.note_dependency(str(catalog.root / loaded.path))
        track_view(self.env, self.env.docname, "titles")
        return render_seminars_index(catalog)


class _CodesTableDirective(SphinxDirective):
    """A page built from every code digest, rebuilt whenever any digest changes."""

    has_content = False
    renderer = staticmethod(render_codes_by_theme)

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        for group in (catalog.codes, catalog.laws):
            for loaded in group.values():
                self.env.note_dependency(str(catalog.root / loaded.path))
        return self.renderer(catalog)


class CodesByThemeDirective(_CodesTableDirective):
    """For every theme, a table of the current codes' clauses side by side: ```{codes-by-theme}```."""


class CodesIndexDirective(_CodesTableDirective):
    """A table of every code in the kit: ```{codes-index}```."""

    renderer = staticmethod(render_codes_index)


class _CaseIndexDirective(SphinxDirective):
    has_content = False
    renderer = staticmethod(render_cases_by_theme)

    def run(self) -> list[nodes.Node]:
        catalog = catalog_of(self.env)
        for loaded in catalog.codes.values():
            self.env.note_dependency(str(catalog.root / loaded.path))
        # Cases are tracked by what the index shows of them, not by file (see content.outdated_pages).
        index_pages(self.env).add(self.env.docname)
        return self.renderer(catalog)


class CasesByThemeDirective(_CaseIndexDirective):
    """Every theme with its cases: ```{cases-by-theme}```."""


class CasesByCodeDirective(_CaseIndexDirective):
    """Every code with the cases citing it: ```{cases-by-code}```."""

    renderer = staticmethod(render_cases_by_code)


class MyReflectionsDirective(SphinxDirective):
    """The learner's saved reflections, listed and exported by the player's script: ```{my-reflections}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        note = _(
            "Your reflections appear here once JavaScript is on. They are kept only in this browser; "
            "nothing is sent anywhere."
        )
        # The regulators' record shapes, which the page's script fills as `ethicskit export record` does.
        shapes = script_safe(json.dumps(records.as_payload(), ensure_ascii=False))
        data = nodes.raw(
            "", f'<script type="application/json" class="ek-record-shapes">{shapes}</script>', format="html"
        )
        return [nodes.container("", nodes.paragraph(note, note), data, classes=["ek-my-reflections"])]


class SupportLinesDirective(SphinxDirective):
    """The support lines every content note points to, from the one list in `ethicskit.signposting`."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["ek-support-lines"])
        for line in support_lines():
            # The name in bold inside the one sentence every output shares (`SupportLine.sentence`).
            message = _(
                "{name} ({where}): {how}, {when}.",
                where=line.where,
                how=line.how,
                when=line.when,
                name="{name}",
            )
            items += nodes.list_item("", sentence(message, name=nodes.strong(line.name, line.name)))
        emergency_line = nodes.paragraph(emergency(), emergency())
        return [items, emergency_line]


def _content_only(directive: type[SphinxDirective]) -> type[SphinxDirective]:
    """The directive, with what it writes left out of the chapter's translation catalogue and shown
    with the characters its source has.

    These directives write the YAML content and the interface words, each translated through its own
    files (the content translations and the word catalogue); a chapter's catalogue holds only the
    chapter's own text, so no sentence is translated in two places. Sphinx's smart quotes would turn a
    straight apostrophe or quotation mark into a curly one on the page alone, while the player, the
    widget, the handouts and the single-file dilemma show the words as written: the same choice would
    read differently on the page and on the screen a student plays.
    """

    class ContentOnly(directive):  # type: ignore[valid-type,misc]
        def run(self) -> list[nodes.Node]:
            written: list[nodes.Node] = super().run()
            for node in written:
                if isinstance(node, nodes.Element):
                    node["support_smartquotes"] = False
                for element in node.findall(nodes.TextElement):
                    # An inline element is never a message unless marked translatable, and one that is
                    # marked at all is taken for a translation's placeholder and unwrapped by Sphinx
                    # (its class, such as `language-en`, lost).
                    if not isinstance(element, nodes.inline):
                        element["translatable"] = False
            return written

    ContentOnly.__name__ = ContentOnly.__qualname__ = directive.__name__
    return ContentOnly


def setup_directives(app: Sphinx) -> None:
    app.add_directive("accessibility-conformance", _content_only(AccessibilityConformanceDirective))
    app.add_directive("support-lines", _content_only(SupportLinesDirective))
    app.add_directive("case", _content_only(CaseDirective))
    app.add_directive("code-of-practice", _content_only(CodeOfPracticeDirective))
    app.add_directive("codes-by-theme", _content_only(CodesByThemeDirective))
    app.add_directive("codes-index", _content_only(CodesIndexDirective))
    app.add_directive("dilemma", _content_only(DilemmaDirective))
    app.add_directive("dilemmas-index", _content_only(DilemmasIndexDirective))
    app.add_directive("law-digest", _content_only(LawDigestDirective))
    app.add_directive("law-index", _content_only(LawIndexDirective))
    app.add_directive("my-reflections", _content_only(MyReflectionsDirective))
    app.add_directive("seminar", _content_only(SeminarDirective))
    app.add_directive("room-tally", _content_only(RoomTallyDirective))
    app.add_directive("supervision-map", _content_only(SupervisionMapDirective))
    app.add_directive("first-year-schemes", _content_only(FirstYearSchemesDirective))
    app.add_directive("curriculum-map", _content_only(CurriculumMapDirective))
    app.add_directive("outcome-finder", _content_only(OutcomeFinderDirective))
    app.add_directive("worksheet", _content_only(WorksheetDirective))
    app.add_directive("seminars-index", _content_only(SeminarsIndexDirective))
    app.add_directive("reading-list", _content_only(ReadingListDirective))
    app.add_directive("self-check", _content_only(SelfCheckDirective))
    app.add_directive("cases-by-theme", _content_only(CasesByThemeDirective))
    app.add_directive("cases-by-code", _content_only(CasesByCodeDirective))
