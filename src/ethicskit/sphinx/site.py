"""Site extension: the kit's adjustments to sphinx-book-theme and pydata-sphinx-theme, kept apart.

The content extension (`ethicskit.sphinx`) renders the kit whatever the theme. This one, listed after
it in `_config.yml`, makes the published site lighter and more accessible by patching what the themes
write: a lighter asset macro (no 1.5 MB icon script), a search button named by the words it shows,
labelled sidebar toggles, plain bibliography blocks, each script once, and no assets the book never
uses. It is optional: without it the book still
builds, only heavier and with the theme's own accessibility faults.

Every patch looks for a particular piece of the theme's output. When a theme upgrade moves or removes
that piece, the patch cannot silently stop working: it logs a warning, so the strict build (`-W`) fails
and names the patch to revisit. The themes are pinned in `pyproject.toml` for the same reason.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from . import derived_templates, navigation, switch
from .assets import page_classes
from .translation_status import english_titles

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
INSTALLED_THEME = TEMPLATES / "installed-theme"
"""Names for the theme's templates as installed, last on the templates path: a build in another language
puts copies derived from them in front (ethicskit/sphinx/theme_words.py), whichever of the two
extensions' `config-inited` handlers runs first."""

# The installed theme's asset macros, from which the light version is derived at build time.
THEME_MACROS = ("pydata_sphinx_theme", "theme", "pydata_sphinx_theme", "static", "webpack-macros.html")
ICON_SCRIPT = re.compile(r"^\s*<script[^>]*_static/scripts/fontawesome\.js[^>]*></script>\s*$", re.M)
HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*\n", re.S | re.M)
# The installed theme's search button, whose name the site extension takes off (see
# _search_button_named_by_its_text); the theme looks its components up by file name.
SEARCH_BUTTON = (
    "pydata_sphinx_theme",
    "theme",
    "pydata_sphinx_theme",
    "components",
    "search-button-field.html",
)
SEARCH_BUTTON_NAME = " aria-label=\"{{ _('Search') }}\""
DERIVED_HEADER = (
    "{{#- Derived at build time from the installed theme's {name} by ethicskit's site extension "
    "(ethicskit/sphinx/site.py). -#}}\n"
)

# Assets the book never uses, added by extensions Jupyter Book always loads.
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
UNUSED_ASSETS = ("sphinx-design.min.css", "design-tabs.js", "sphinx-thebe.js", "sphinx-thebe.css")

CODE_ASSETS = ("copybutton.js", "clipboard.min.js", "copybutton.css", "pygments.css")
"""Styles and scripts for blocks of code (highlighting, copy buttons), left off pages with none."""

BIBLIOGRAPHY_LIST = '<div role="list" class="citation-list">'


def _warn_patch(patch: str, target: str) -> None:
    logger.warning(
        f"site patch '{patch}' found no {target}; the theme's output has changed, so revisit the patch "
        "in ethicskit/sphinx/site.py (or remove it if the theme now does this itself)",
        type="ethicskit",
        subtype="site-patch",
    )


def _state(app: Sphinx) -> dict[str, int]:
    """Per-build counts of what each patch found, kept on the builder (one per build)."""
    counts: dict[str, int] = app.builder.__dict__.setdefault("ethicskit_site_counts", {})
    return counts


def _installed(parts: tuple[str, ...]) -> Path | None:
    """A file of an installed theme package, by the package's name and the path inside it."""
    spec = importlib.util.find_spec(parts[0])
    return Path(spec.origin).parent.joinpath(*parts[1:]) if spec and spec.origin else None


def _light_macros() -> str | None:
    """The theme's own asset macros without its icon script.

    ethicskit.css draws the few icons the book uses, so every page stays light for students on phones
    and slow connections. Derived rather than copied, so the theme's cache-busting digests stay right
    when the theme is upgraded.
    """
    source = _installed(THEME_MACROS)
    if source is None or not source.is_file():
        _warn_patch("light-asset-macros", f"asset macros at {source}")
        return None
    light, removed = ICON_SCRIPT.subn("", source.read_text(encoding="utf-8"))
    if not removed:
        _warn_patch("light-asset-macros", "icon-font script in the theme's asset macros")
        return None
    return HTML_COMMENT.sub("", light)


def _search_button_named_by_its_text() -> str | None:
    """The theme's search button without the name that hides its visible text.

    The button shows "Search" and its shortcut (Ctrl+K), but the theme names it "Search" alone. A
    name that leaves out words on the button fails WCAG 2.5.3 (label in name): someone using voice
    control says what they see. Without the attribute the button is named by what it shows, in the
    build's language as before.
    """
    source = _installed(SEARCH_BUTTON)
    text = source.read_text(encoding="utf-8") if source is not None and source.is_file() else ""
    if SEARCH_BUTTON_NAME not in text:
        _warn_patch("search-button-name", f"{SEARCH_BUTTON_NAME} in the theme's search button at {source}")
        return None
    return text.replace(SEARCH_BUTTON_NAME, "")


def derive_theme_templates(app: Sphinx, config: Config) -> None:
    """Serve the patched copies of the installed theme's templates, in front of the theme's own."""
    derived = {
        name: DERIVED_HEADER.format(name=Path(name).name) + text
        for name, text in (
            ("static/webpack-macros.html", _light_macros()),
            (SEARCH_BUTTON[-1], _search_button_named_by_its_text()),
        )
        if text is not None
    }
    paths = [str(TEMPLATES), *config.templates_path, str(INSTALLED_THEME)]
    if derived:
        paths.insert(0, str(derived_templates.written("templates", derived)))
    # sphinx-book-theme appends its components folder to the list it finds, which is Sphinx's default
    # list itself unless a book sets one, so a process that builds more than once (the tests build books
    # in-process) finds the folder there once per build. Each folder is kept once: otherwise the
    # configuration would differ from the last build's, and every page would be written again.
    config.templates_path = list(dict.fromkeys(paths))


def set_theme_defaults(app: Sphinx, config: Config) -> None:
    """Give the theme an explicit colour mode, and no search field in a bar of its own.

    Without a mode, pydata-sphinx-theme reads an empty one on a reader's first visit and logs
    'Got invalid theme mode' as a console error. Without `navbar_persistent`, it puts a search field
    in a header bar across the top of every page, above the book theme's article header; the book
    theme already gives search a field in the sidebar and a button among the page buttons on a narrow
    screen, so wide pages showed two search fields and a bar holding nothing else.
    """
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Emit each script once.

    Under Sphinx 7.4 the theme's inline thebe and togglebutton scripts are registered twice,
    and the second copy throws 'THEBE_JS_URL has already been declared' on every page.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    counts = _state(app)
    counts["pages"] = counts.get("pages", 0) + 1
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in scripts:
        filename = getattr(script, "filename", script) or ""
        key = (str(filename), repr(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    counts["duplicate-scripts"] = counts.get("duplicate-scripts", 0) + len(scripts) - len(unique)
    context["script_files"] = unique


def plain_citation_lists(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Drop the ARIA roles docutils puts on bibliographies.

    It marks the list `role="list"` around entries with the deprecated `doc-biblioentry` role, which
    axe reports as a list without list items (WCAG 1.3.1); plain blocks read correctly.
    """
    body = context.get("body")
    if not body or "citation-list" not in body:
        return
    if BIBLIOGRAPHY_LIST not in body:
        _warn_patch("plain-citation-lists", f"'{BIBLIOGRAPHY_LIST}' on page {pagename}")
        return
    body = body.replace(BIBLIOGRAPHY_LIST, '<div class="citation-list">')
    context["body"] = body.replace(' role="doc-biblioentry"', "")


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out CSS and JS the book never uses, notebook styles outside notebook pages, and code
    highlighting and copy buttons on pages without a block of code."""
    notebook = "cell" in page_classes(doctree)
    code = doctree is not None and any(True for _ in doctree.findall(nodes.literal_block))
    counts = _state(app)
    if not code:
        counts["pages-without-code"] = counts.get("pages-without-code", 0) + 1

    def used(asset: Any) -> bool:
        if getattr(asset, "attributes", {}).get("type") == WIDGET_STATE:
            return False  # no widget JavaScript is loaded, and its random ids would make builds differ
        name = Path(str(getattr(asset, "filename", asset) or "")).name
        if name.startswith(UNUSED_ASSETS):
            counts["unused-assets"] = counts.get("unused-assets", 0) + 1
            return False
        if name in CODE_ASSETS and not code:
            counts["code-assets"] = counts.get("code-assets", 0) + 1
            return False
        return notebook or not name.startswith("mystnb.")

    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if used(asset)]


def report_unfound_targets(app: Sphinx, exception: Exception | None) -> None:
    """After a build that wrote pages: warn for each page-level patch that found nothing to change."""
    if exception is not None or app.builder.format != "html":
        return
    counts = _state(app)
    if not counts.get("pages"):
        return  # nothing was written, so nothing was looked for
    if not counts.get("duplicate-scripts"):
        _warn_patch("drop-duplicate-scripts", "script registered twice on any page written")
    if not counts.get("unused-assets"):
        _warn_patch("drop-unused-assets", f"asset among {', '.join(UNUSED_ASSETS)} on any page written")
    if counts.get("pages-without-code") and not counts.get("code-assets"):
        _warn_patch("drop-code-assets", f"asset among {', '.join(CODE_ASSETS)} on a page without code")
    if not counts.get("nav-template"):
        _warn_patch(
            "hold-back-sidebar-nav", f"'{navigation.NAV_TEMPLATE}' among the sidebars of any page written"
        )
    if counts.get("language-switch-missed"):
        _warn_patch("language-switch", f"'{switch.HEADER_BUTTONS}' in a page's article header")
    if counts.get("unlabelled-toggles"):
        _warn_patch("label-sidebar-toggles", "match for a sidebar toggle that was still left without a label")
    if english_titles(app.env) and not counts.get("english-titles"):
        _warn_patch("mark-english-titles", "sidebar link to a page whose title is still in English")
    if counts.get("sidebar-per-page"):
        _warn_patch(
            "sidebar-once-per-folder",
            "sidebar it could read on some pages, whose sidebars the theme made page by page",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("ethicskit_nav_section_limit", 60, "html", [int])
    # False: the theme makes every page's sidebar itself (slower; the tests compare the two).
    app.add_config_value("ethicskit_nav_once_per_folder", True, "html", [bool])
    app.connect("config-inited", set_theme_defaults)
    app.connect("config-inited", derive_theme_templates)
    # after every other handler has added its scripts
    app.connect("html-page-context", drop_duplicate_scripts, priority=1000)
    app.connect("html-page-context", navigation.hold_back_sidebar_nav, priority=400)  # before the theme's
    app.connect("html-page-context", navigation.sidebar_per_page, priority=1000)
    # before the theme's, which renders the page's contents list once to see whether it is empty
    app.connect("html-page-context", navigation.mark_english_neighbours, priority=400)
    app.connect("html-page-context", plain_citation_lists, priority=1000)
    app.connect("html-page-context", drop_unused_assets, priority=1000)
    # after the theme has made its lists of templates out of its options
    app.connect("html-page-context", switch.add_language_switch, priority=1000)
    app.connect("build-finished", report_unfound_targets)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
