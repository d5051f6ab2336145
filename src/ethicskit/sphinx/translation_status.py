"""How far each page is translated: a note on every page of a build in another language that shows
English or an unreviewed translation, and the status page that lists every chapter and content file.

Both are read from the data, never written by hand: the content's translations and review records
(`ethicskit.translations`, loaded with the catalogue) and the chapters' message catalogues
(`translations/<language>/LC_MESSAGES/<docname>.po`).
"""

from __future__ import annotations

import os
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import extract_messages

from ..catalog import Catalog
from ..layout.blocks import item_text, mark_english_text, row, translatable_kinds
from ..loader import Loaded
from ..translations import (
    SOURCE_LANGUAGE,
    ChapterTranslation,
    ItemState,
    ItemTranslation,
    Translations,
    chapter_catalogue,
    chapter_translation,
    english_left,
    translation_path,
    untranslated_messages,
)
from ..words import _, current, n_
from .chapters import reading_order
from .content import catalog_of, pages, tracked
from .kept import keep_by_page, kept


class translation_status_table(nodes.General, nodes.Element):  # type: ignore[misc]
    """Where the status tables go, filled in once every page has been read."""


def _kinds(catalog: Catalog) -> dict[str, dict[str, Loaded[Any]]]:
    """The kinds of item a page can show in full (as the page registry names them), with the items."""
    return translatable_kinds(catalog)


def message_counts(env: BuildEnvironment) -> dict[str, int]:
    """How many translatable messages (paragraphs, headings, list items) each page's own text holds."""
    return kept(env, "message_counts", dict)


def status_pages(env: BuildEnvironment) -> set[str]:
    return kept(env, "status_pages", set)


def english_titles(env: BuildEnvironment) -> set[str]:
    """The pages of a build in another language whose title is still in English (marked by
    `mark_english`), so that the navigation listing them marks their titles too (the site extension's
    `navigation.mark_english_titles`)."""
    return kept(env, "english_titles", set)


def chapter_source(env: BuildEnvironment, docname: str) -> str:
    """The chapter's file from the book's root, as `review.yml` names it: 'book/intro.md'."""
    return str(env.doc2path(docname, False)).replace("\\", "/")


# --- the note on each page -----------------------------------------------------------------------


def _shown_items(env: BuildEnvironment, catalog: Catalog, docname: str) -> list[Loaded[Any]]:
    kinds = _kinds(catalog)
    shown = []
    for key, page in sorted(pages(env).items()):
        kind, _sep, item_id = key.partition(":")
        if page == docname and kind in kinds and item_id in kinds[kind]:
            shown.append(kinds[kind][item_id])
    return shown


def page_state(
    items: list[ItemTranslation], chapter: ChapterTranslation | None, messages: int
) -> ItemState | None:
    """How translated a page is, from the items it shows and its own text; None when it has nothing to
    translate.

    A page without a message catalogue counts as untranslated if it has text of its own; a page that
    only shows an item (a case, a dilemma) is judged by the item.
    """
    states = [item.state for item in items]
    if chapter is not None:
        states.append(chapter.state)
    elif messages and not items:
        states.append(ItemState.NOT_TRANSLATED)
    if not states:
        return None
    if all(state is ItemState.TRANSLATED for state in states):
        return ItemState.TRANSLATED
    if all(state is ItemState.NOT_TRANSLATED for state in states):
        return ItemState.NOT_TRANSLATED
    if any(state is ItemState.OUTDATED for state in states):
        return ItemState.OUTDATED
    return ItemState.PARTLY


def _note(title: str, text: str, kind: str) -> nodes.admonition:
    box = nodes.admonition("", classes=["ek-translation-note", f"ek-translation-{kind}", "note"])
    box += nodes.title(title, title)
    box += nodes.paragraph(text, text)
    return box


def page_notes(state: ItemState | None, awaiting_review: bool) -> list[nodes.Node]:
    """The notes a page in another language carries: what is still English, and an unreviewed translation."""
    notes: list[nodes.Node] = []
    if state is ItemState.NOT_TRANSLATED:
        notes.append(
            _note(
                _("Not yet translated"),
                _("This page has not been translated yet, so it is shown in English."),
                "missing",
            )
        )
    elif state is ItemState.PARTLY:
        notes.append(
            _note(
                _("Partly translated"),
                _("Parts of this page have not been translated yet and are shown in English."),
                "partly",
            )
        )
    elif state is ItemState.OUTDATED:
        notes.append(
            _note(
                _("Translation out of date"),
                _(
                    "Parts of this page have changed in English since they were translated, so the "
                    "translation may not match the English now."
                ),
                "outdated",
            )
        )
    if awaiting_review:
        notes.append(
            _note(
                _("Awaiting review"),
                _(
                    "This translation awaits review by a social work educator who speaks the language; "
                    "until then, read it with care."
                ),
                "review",
            )
        )
    return notes


def mark_english(
    doctree: nodes.document, content: list[str], chapter_messages: set[str], no_catalogue: bool = False
) -> None:
    """Mark what a page in another language still shows in English, so its `lang` says so (WCAG 3.1.2).

    Marked only where it is certain: the text of an item's untranslated strings (or of their
    paragraphs), the chapter's own messages whose catalogue has no translation for them, and every
    message of a chapter that has no catalogue at all (`no_catalogue`). A chapter's messages are its
    own text as Sphinx extracts it for translation; what the kit's directives write (content and
    interface words, translated elsewhere) is never among them.
    """
    mark_english_text(doctree, content)
    english: list[nodes.Element] = []
    if no_catalogue:
        english += [node for node, _message in extract_messages(doctree)]
    elif chapter_messages:
        english += [
            node
            for node, message in extract_messages(doctree)
            if message in chapter_messages and not node.get("translated")
        ]
    for node in english:
        if "language-en" not in node["classes"]:
            node["classes"].append("language-en")


def add_page_notes(app: Sphinx, doctree: nodes.document) -> None:
    """Count the page's own messages; in another language, open the page with its translation notes."""
    env = app.env
    docname = env.docname
    message_counts(env)[docname] = sum(1 for _found in extract_messages(doctree))
    language = current().language
    if language == SOURCE_LANGUAGE:
        return
    catalog = catalog_of(env)
    translations = catalog.translations
    shown = _shown_items(env, catalog, docname)
    items = [translations.item(language, loaded.path) for loaded in shown]
    for loaded in shown:
        translated = catalog.root / translation_path(language, loaded.path)
        if translated.is_file():
            env.note_dependency(str(translated))
    chapter = chapter_translation(catalog.root, language, docname)
    if chapter is not None:
        env.note_dependency(str(chapter_catalogue(catalog.root, language, docname)))
    state = page_state(items, chapter, message_counts(env)[docname])
    review = translations.reviews.get(language)
    sources = [loaded.path for loaded in shown] + [chapter_source(env, docname)]
    awaiting = review is not None and any(review.awaiting(source) for source in sources)
    english = [text for loaded, item in zip(shown, items, strict=True) for text in english_left(item, loaded)]
    mark_english(doctree, english, untranslated_messages(catalog.root, language, docname), chapter is None)
    page_title = next(iter(doctree.findall(nodes.title)), None)
    if page_title is not None and "language-en" in page_title["classes"]:
        english_titles(env).add(docname)
    notes = page_notes(state, awaiting)
    if not notes:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, notes)
    else:
        doctree.insert(0, notes)


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages to read again because the translation or review of an item they show changed.

    An edited translation file is noted as a dependency of its pages; this catches what a dependency
    cannot: a translation or review entry that did not exist when the page was last read.
    """
    language = current().language
    if language == SOURCE_LANGUAGE:
        return []
    catalog = catalog_of(env)
    translations = catalog.translations
    review = translations.reviews.get(language)
    signature: dict[str, str] = {}
    for loaded in (loaded for items in _kinds(catalog).values() for loaded in items.values()):
        item = translations.item(language, loaded.path)
        listed = review.review_of(loaded.path) if review is not None else None
        signature[loaded.path] = repr((item.path, item.state, item.translated, item.outdated, listed))
    previous: dict[str, str] = getattr(env, "ethicskit_translation_signature", {})
    env.ethicskit_translation_signature = signature  # type: ignore[attr-defined]
    changed_sources = {source for source in signature if signature[source] != previous.get(source)}
    if not previous:
        return []  # a first build reads every page anyway
    registry = pages(env)
    kinds = _kinds(catalog)
    outdated = set()
    for key, page in registry.items():
        kind, _sep, item_id = key.partition(":")
        shown = kinds.get(kind, {}).get(item_id)
        if shown is not None and shown.path in changed_sources:
            outdated.add(page)
    if changed_sources:
        # Lists of items mark the titles they show in English (`render.item_text`), so the pages that
        # list items are read again too: those that depend on a changed item's file, those that track
        # what they show of the items, and the code and law pages with their "used in" lines.
        changed_files = {os.path.normpath(catalog.root / source) for source in changed_sources}
        for page, dependencies in env.dependencies.items():
            if any(os.path.normpath(os.path.join(env.srcdir, dep)) in changed_files for dep in dependencies):
                outdated.add(page)
        for listing in tracked(env).values():
            outdated |= listing
        outdated |= {page for key, page in registry.items() if key.partition(":")[0] in ("code", "law")}
    return sorted(outdated)


# --- the status page -----------------------------------------------------------------------------


class TranslationStatusDirective(SphinxDirective):
    """Every chapter and content file, and how far each is translated into each language:
    ```{translation-status}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        status_pages(self.env).add(self.env.docname)
        return [translation_status_table()]


def _language_name(language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language).get_display_name(current().babel_locale)
    except (ValueError, UnknownLocaleError):
        return language
    return name or language


def _state_words(state: ItemState, translated: int, outdated: int, total: int) -> str:
    if state is ItemState.TRANSLATED:
        return _("translated")
    if state is ItemState.PARTLY:
        return n_(
            "partly: {translated} of {count} string",
            "partly: {translated} of {count} strings",
            total,
            translated=translated,
        )
    if state is ItemState.OUTDATED:
        return n_(
            "outdated: {outdated} of {count} string changed in English",
            "outdated: {outdated} of {count} strings changed in English",
            total,
            outdated=outdated,
        )
    return _("not translated")


def _review_words(translations: Translations, language: str, source: str) -> str:
    review = translations.reviews.get(language)
    listed = review.review_of(source) if review is not None else None
    if listed is None:
        return _("no review recorded")
    if listed.review is None:
        return _("awaiting review")
    return _(
        "reviewed on {date} by {reviewer}",
        date=current().date(listed.review.reviewed),
        reviewer=listed.review.by,
    )


def _table(heading: str, languages: list[str], rows: list[list[str | nodes.Node]]) -> nodes.section:
    headings: list[str | nodes.Node] = [_("Page or content")]
    for language in languages:
        name = _language_name(language)
        headings += [_("{language}: translation", language=name), _("{language}: review", language=name)]
    table = nodes.table(classes=["ek-translation-status"])
    group = nodes.tgroup(cols=len(headings))
    table += group
    for width in [4] + [3, 3] * len(languages):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += row(headings)
    group += head
    body = nodes.tbody()
    body += [row(cells) for cells in rows]
    group += body
    section = nodes.section("", ids=[f"translation-status-{nodes.make_id(heading)}"])
    section += nodes.title(heading, heading)
    section += table
    return section


def _link(
    app: Sphinx, docname: str, target: str | None, text: str, item: tuple[str, str] | None = None
) -> nodes.Node:
    """The title, linked to its page; the status page lists itself, and a link to the page a reader is
    already on would lead nowhere, so its own title stays plain text. An item's title (`item`: its kind
    and id) is shown as every list shows it (`render.item_text`)."""
    shown: nodes.Node = nodes.Text(text)
    if target is not None and target != docname:
        uri = app.builder.get_relative_uri(docname, target)
        shown = nodes.reference(text, text, internal=True, refuri=uri)
    if item is None:
        return nodes.paragraph("", "", shown)
    return nodes.paragraph("", "", *item_text(catalog_of(app.env), *item, shown))


def status_tables(app: Sphinx, docname: str) -> list[nodes.Node]:
    """The status page's body: chapters, then each kind of content, one row each, one column pair per
    language."""
    env = app.env
    catalog = catalog_of(env)
    translations = catalog.translations
    languages = translations.languages
    if not languages:
        text = _("Nothing is translated yet: the kit has no translations.")
        return [nodes.paragraph(text, text)]
    intro = _(
        "Generated from the translation files each time the book is built. 'ethicskit check' lists "
        "every untranslated or outdated string by file and line."
    )
    out: list[nodes.Node] = [nodes.paragraph(intro, intro)]
    counts = message_counts(env)
    registry = pages(env)
    kinds = _kinds(catalog)
    item_pages = {page for key, page in registry.items() if key.partition(":")[0] in kinds}
    chapter_rows: list[list[str | nodes.Node]] = []
    for chapter in reading_order(env):
        found = {language: chapter_translation(catalog.root, language, chapter) for language in languages}
        # As on the page itself: a page that shows an item in full is judged by the item, listed below,
        # unless it has a catalogue of its own.
        if (not counts.get(chapter) or chapter in item_pages) and not any(found.values()):
            continue
        title = env.titles[chapter].astext() if chapter in env.titles else chapter
        cells: list[str | nodes.Node] = [_link(app, docname, chapter, title)]
        for language in languages:
            po = found[language]
            if po is None:
                cells.append(_("not translated"))
            else:
                cells.append(_state_words(po.state, po.translated, po.fuzzy, po.total))
            cells.append(_review_words(translations, language, chapter_source(env, chapter)))
        chapter_rows.append(cells)
    out.append(_table(_("Chapters"), languages, chapter_rows))
    headings = {
        "code": _("Codes of practice"),
        "law": _("Statute digests"),
        "case": _("Cases"),
        "dilemma": _("Dilemmas"),
        "seminar": _("Seminar plans"),
    }
    for kind, items in kinds.items():
        rows: list[list[str | nodes.Node]] = []
        for item_id, loaded in sorted(items.items()):
            title = str(getattr(loaded.model, "title", item_id))
            cells = [_link(app, docname, registry.get(f"{kind}:{item_id}"), title, (kind, item_id))]
            for language in languages:
                item = translations.item(language, loaded.path)
                cells.append(_state_words(item.state, item.translated, item.outdated, item.total))
                cells.append(_review_words(translations, language, loaded.path))
            rows.append(cells)
        if rows:
            out.append(_table(headings[kind], languages, rows))
    return out


def fill_status(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(translation_status_table)):
        placeholder.replace_self(status_tables(app, docname))


def rewrite_status(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The status page is written again on every build: it reflects every translation file."""
    return sorted(status_pages(env))


def setup_translation_status(app: Sphinx) -> None:
    app.add_node(translation_status_table)
    app.add_directive("translation-status", TranslationStatusDirective)
    app.connect("doctree-read", add_page_notes)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("doctree-resolved", fill_status)
    app.connect("env-updated", rewrite_status)
    keep_by_page(app, message_counts, status_pages, english_titles)
