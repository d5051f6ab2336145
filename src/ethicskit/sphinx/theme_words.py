"""Sphinx's and the themes' own interface words in the build's language, completed by the kit.

Sphinx ships a Welsh catalogue that covers only part of its messages, and neither sphinx-book-theme
nor pydata-sphinx-theme ships Welsh, so a Welsh page would show their skip link, buttons, "previous"
and "next", search messages and the like in English. The kit supplies what its pages show and they
lack, beside its own catalogue: `locale/<language>/LC_MESSAGES/sphinx.po` for the gettext domain that
Sphinx and pydata-sphinx-theme share, and `booktheme.po` for sphinx-book-theme's. Like the kit's own
catalogue they are read and compiled in memory: no `.mo` file is written anywhere. Where the kit has
a message, its words are used; otherwise the upstream catalogue's.

Why the catalogues are loaded again here: Sphinx 7.4 loads its translations (`_init_i18n`) before
the `config-inited` event, and the themes register theirs while extensions are set up, also before
it; but the build's language is chosen in `config-inited` (`language.choose_language`), because the
Jupyter Book command line cannot pass it. So at that point Sphinx's and the themes' catalogues are
still those of the language in the configuration file, usually English. `load` replaces them with
the chosen language's, and `write_script_words` does the same for the words of the scripts that
carry their own (Sphinx's search, `_static/translations.js`, and the copy button on code blocks).

A few of the themes' words are written into their templates rather than looked up (the sidebar
toggles' tooltips, the navigation's name): those templates are derived at build time from the
installed theme, with each such word looked up instead, so a theme upgrade is picked up and a
template that no longer holds the word makes the strict build fail (a warning naming it). The
book's own defaults in English (the search box's text, the footer, the author) are written in the
build's language too, unless `_config.yml` changed them.
"""

from __future__ import annotations

import gettext
import html
import importlib.util
import io
import json
import re
from pathlib import Path

import sphinx
import sphinx.locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .. import words
from ..words import _
from . import derived_templates
from .refusal import is_refused

logger = logging.getLogger(__name__)

NAMESPACE = "general"


def _package(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(name)
    return Path(spec.origin).parent


BOOK_THEME_DOMAIN = "booktheme"
"""sphinx-book-theme's gettext domain (its MESSAGE_CATALOG_NAME); pydata-sphinx-theme uses Sphinx's."""
TOGGLE_DOMAIN = "togglebutton"
"""sphinx-togglebutton's gettext domain, for the hints on toggled blocks."""


def upstream_locale_dirs(app: Sphinx) -> dict[str, list[str | None]]:
    """Where each gettext domain the pages use keeps its upstream catalogues, in Sphinx's order: the
    project's `locale_dirs`, the system's (None), Sphinx's own, then the theme's."""
    project = [str(Path(app.srcdir, folder)) for folder in app.config.locale_dirs]
    pydata = _package("pydata_sphinx_theme") / "locale"
    book = _package("sphinx_book_theme") / "theme" / "sphinx_book_theme" / "static" / "locales"
    return {
        "sphinx": [*project, None, str(Path(sphinx.locale.__file__).parent), str(pydata)],
        BOOK_THEME_DOMAIN: [str(book)],
        TOGGLE_DOMAIN: [str(_package("sphinx_togglebutton") / "translations" / "locales")],
    }


def kit_translations(domain: str, language: str) -> gettext.GNUTranslations | None:
    """The kit's words for `domain` in `language`, compiled in memory; None if it has none."""
    po = words.LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if not po.is_file():
        return None
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=language, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


_replaced = False
"""Whether this process has replaced Sphinx's catalogues: Sphinx keeps them between builds in one
process, so a later English build must then replace them too."""


def follow(app: Sphinx, language: str | None) -> None:
    """Load Sphinx's and the themes' words in the build's language, unless Sphinx's own English
    loading stands."""
    global _replaced
    if (language or words.SOURCE_LANGUAGE) != words.SOURCE_LANGUAGE or _replaced:
        load(app, language or words.SOURCE_LANGUAGE)
        _replaced = True


def load(app: Sphinx, language: str) -> None:
    """Load Sphinx's and the themes' catalogues for `language`, the kit's words in front."""
    for domain, folders in upstream_locale_dirs(app).items():
        # Dropped first: `sphinx.locale.init` would add the new language behind the old one.
        sphinx.locale.translators.pop((NAMESPACE, domain), None)
        upstream, _found = sphinx.locale.init(folders, language, domain, NAMESPACE)
        kit = kit_translations(domain, language)
        if kit is not None:
            kit.add_fallback(upstream)
            sphinx.locale.translators[NAMESPACE, domain] = kit
    # The page templates take their words from the application's translator (set by `_init_i18n`).
    app.translator = sphinx.locale.get_translator("sphinx", NAMESPACE)
    _book_defaults(app.config)
    _derive_templates(app.config)


def kit_footer() -> str:
    """The footer `_config.yml` ships with, as the kit writes it in the build's language."""
    software = html.escape(_("MIT licence"), quote=False)
    return _(
        "Teaching content: {content_licence}. Software: {software_licence}. Paraphrases of codes of "
        "practice are the kit's own words; the official texts belong to their issuers.",
        content_licence='<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>',
        software_licence=f'<a href="https://opensource.org/license/mit">{software}</a>',
    )


def _same_text(first: object, second: str) -> bool:
    return " ".join(re.sub(r"</?p>", " ", str(first)).split()) == " ".join(second.split())


def _book_defaults(config: Config) -> None:
    """Write the book's English defaults in the build's language, where `_config.yml` kept them."""
    options = config.html_theme_options
    if options.get("search_bar_text") == JUPYTER_BOOK_SEARCH_TEXT:
        options["search_bar_text"] = _("Search this book...")
    with words.language(words.SOURCE_LANGUAGE):
        shipped_footer = kit_footer()
    if _same_text(options.get("extra_footer", ""), shipped_footer):
        options["extra_footer"] = f"<p>{kit_footer()}</p>"
    if config.author == KIT_AUTHOR:
        config.author = _("First Loyalty contributors")
    hints = sphinx.locale.get_translation(TOGGLE_DOMAIN)
    for name, english in (
        ("togglebutton_hint", "Click to show"),
        ("togglebutton_hint_hide", "Click to hide"),
    ):
        if getattr(config, name, None) == english:
            setattr(config, name, hints(english))


JUPYTER_BOOK_SEARCH_TEXT = "Search this book..."
KIT_AUTHOR = "First Loyalty contributors"

# (package, path inside it, English written into the template, how the template should say it, the
# name the derived template takes: the theme's own, or the kit's name for one its templates extend)
THEME_WORDS_IN_TEMPLATES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "sphinx_book_theme",
        "theme/sphinx_book_theme/components/toggle-primary-sidebar.html",
        'title="Toggle primary sidebar"',
        "title=\"{{ _('Toggle primary sidebar') }}\"",
        "toggle-primary-sidebar.html",
    ),
    (
        "sphinx_book_theme",
        "theme/sphinx_book_theme/components/toggle-secondary-sidebar.html",
        'title="Toggle secondary sidebar"',
        "title=\"{{ _('Toggle secondary sidebar') }}\"",
        "toggle-secondary-sidebar.html",
    ),
    (
        "sphinx_book_theme",
        "theme/sphinx_book_theme/components/sbt-sidebar-nav.html",
        'aria-label="Main"',
        "aria-label=\"{{ _('Main') }}\"",
        "sbt-sidebar-nav.html",
    ),
    # The print-only contents are in the theme's page layout, which the kit's `layout.html` extends
    # under the name `ek-theme-layout.html`: a derived `layout.html` would hide the kit's own.
    (
        "sphinx_book_theme",
        "theme/sphinx_book_theme/layout.html",
        '<nav aria-label="Page">',
        "<nav aria-label=\"{{ _('Page') }}\">",
        "ek-theme-layout.html",
    ),
)


def _derive_templates(config: Config) -> None:
    """Templates of the installed theme with the words they write in English looked up instead."""
    derived: dict[str, str] = {}
    for package, inside, english, looked_up, name in THEME_WORDS_IN_TEMPLATES:
        source = _package(package) / inside
        text = source.read_text(encoding="utf-8") if source.is_file() else ""
        if english not in text:
            logger.warning(
                f"theme words: {english} is no longer in {package}'s {inside}; the theme has changed, so "
                "revisit THEME_WORDS_IN_TEMPLATES in ethicskit/sphinx/theme_words.py",
                type="ethicskit",
                subtype="theme-words",
            )
            continue
        derived[name] = DERIVED_HEADER.format(package=package) + text.replace(english, looked_up)
    if not derived:
        return
    folder = derived_templates.written("theme-words", derived)
    config.templates_path = [str(folder), *config.templates_path]


DERIVED_HEADER = (
    "{{#- Derived at build time from the installed {package}'s template by ethicskit/sphinx/theme_words.py: "
    "its English words are looked up in the build's language. -#}}\n"
)


_SCRIPT_CATALOGUE = re.compile(r"^\s*Documentation\.addTranslations\((.*)\);?\s*$", re.S)


def write_script_words(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite `_static/translations.js`, the words of Sphinx's own scripts (search), from the same
    catalogues as the pages: Sphinx copies its upstream file, which leaves some messages empty."""
    language = app.config.language or words.SOURCE_LANGUAGE
    target = Path(app.outdir) / "_static" / "translations.js"
    if exception is not None or app.builder.format != "html" or is_refused(app):
        return
    if language == words.SOURCE_LANGUAGE:
        return
    upstream = Path(sphinx.locale.__file__).parent / language / "LC_MESSAGES" / "sphinx.js"
    found = _SCRIPT_CATALOGUE.match(upstream.read_text(encoding="utf-8")) if upstream.is_file() else None
    table = json.loads(found.group(1)) if found else {"locale": language, "messages": {}}
    table.setdefault("plural_expr", "(n != 1)")
    kit = words.LOCALE_DIR / language / "LC_MESSAGES" / "sphinx.po"
    names = set(table["messages"])
    if kit.is_file():
        with kit.open("rb") as handle:
            names |= {m.id for m in read_po(handle) if m.id and isinstance(m.id, str)}
    translator = sphinx.locale.get_translator("sphinx", NAMESPACE)
    table["messages"] = {name: translator.gettext(name) for name in sorted(names)}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "Documentation.addTranslations(" + json.dumps(table, ensure_ascii=False, indent=1) + ");\n",
        encoding="utf-8",
    )
    _copy_button_words(Path(app.outdir) / "_static" / "copybutton.js", language)


_COPY_BUTTON_MESSAGES = "const messages = {\n"


def _copy_button_words(script: Path, language: str) -> None:
    """Give sphinx-copybutton's script the words of the build's language: it carries its own table
    of a few languages, picked by the page's `lang`, and falls back to English."""
    if not script.is_file():
        return  # no page has a code block
    text = script.read_text(encoding="utf-8")
    if any(f"\n  {name}" in text for name in (f"'{language}' :", f"'{language}':", f'"{language}":')):
        return  # the script knows the language itself
    if _COPY_BUTTON_MESSAGES not in text:
        logger.warning(
            "theme words: sphinx-copybutton's script has no message table any more; revisit "
            "_copy_button_words in ethicskit/sphinx/theme_words.py",
            type="ethicskit",
            subtype="theme-words",
        )
        return
    entry = {
        "copy": _("Copy"),
        "copy_to_clipboard": _("Copy to clipboard"),
        "copy_success": _("Copied!"),
        "copy_failure": _("Failed to copy"),
    }
    added = f"  {json.dumps(language)}: {json.dumps(entry, ensure_ascii=False)},\n"
    script.write_text(text.replace(_COPY_BUTTON_MESSAGES, _COPY_BUTTON_MESSAGES + added, 1), encoding="utf-8")
