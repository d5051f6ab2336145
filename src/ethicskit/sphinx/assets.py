"""The extension's CSS and JS, for HTML builds only, and fixes for the theme's scripts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

# Assets the book never uses, added by extensions Jupyter Book always loads.
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
UNUSED_ASSETS = ("sphinx-design.min.css", "design-tabs.js", "sphinx-thebe.js", "sphinx-thebe.css")
PAGE_SCRIPTS = {
    "worksheet.js": "ek-worksheet",
    "reflections.js": "ek-my-reflections",
    "tally.js": "ek-room-tally",
    "self-check.js": "ek-self-check",
}
"""Scripts needed only on pages holding an element with the given class."""


def use_light_theme_assets(app: Sphinx, config: Config) -> None:
    """Put the extension's templates first, so the theme's pages load no icon-font script."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out CSS and JS a page does not use; notebook styles stay only on notebook pages."""
    classes = (
        {name for node in doctree.findall(lambda n: hasattr(n, "get")) for name in node.get("classes", [])}
        if doctree is not None
        else set()
    )
    notebook = "cell" in classes

    def used(asset: Any) -> bool:
        if getattr(asset, "attributes", {}).get("type") == WIDGET_STATE:
            return False  # no widget JavaScript is loaded, and its random ids would make builds differ
        name = Path(str(getattr(asset, "filename", asset) or "")).name
        if name.startswith(UNUSED_ASSETS):
            return False
        if name in PAGE_SCRIPTS:
            return PAGE_SCRIPTS[name] in classes  # scripts for one kind of page load only there
        return notebook or not name.startswith("mystnb.")

    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if used(asset)]


def set_theme_defaults(app: Sphinx, config: Config) -> None:
    """Give the theme an explicit colour mode.

    Without one, pydata-sphinx-theme reads an empty mode on a reader's first visit and logs
    'Got invalid theme mode' as a console error.
    """
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context


def compact(text: str, suffix: str) -> str:
    """Drop comments and indentation; the sources stay readable and pages load less."""
    if suffix == ".css":
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def served_static(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".ethicskit-static"


def refresh_static_assets(app: Sphinx, exception: Exception | None) -> None:
    """Put the current CSS and JS in the output even when no page was rebuilt.

    An incremental build that rewrites no page can leave older copies in `_static`, so a change
    to the extension's styles would not show until the next clean build.
    """
    if exception is not None or app.builder.format != "html":
        return
    for source in sorted(served_static(app).iterdir()):
        target = Path(app.outdir) / "_static" / source.name
        text = source.read_text(encoding="utf-8")
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def add_static_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    served = served_static(app)
    served.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC.iterdir()):
        target = served / source.name
        text = compact(source.read_text(encoding="utf-8"), source.suffix)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    app.config.html_static_path.append(str(served))
    app.add_css_file("ethicskit.css")
    app.add_css_file("dilemma-player.css")
    app.add_js_file("ethicskit.js", loading_method="defer")
    app.add_js_file("dilemma-player.js", loading_method="defer")
    app.add_js_file("worksheet.js", loading_method="defer")
    app.add_js_file("reflections.js", loading_method="defer")
    app.add_js_file("tally.js", loading_method="defer")
    app.add_js_file("self-check.js", loading_method="defer")


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
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in scripts:
        filename = getattr(script, "filename", script) or ""
        key = (str(filename), repr(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def plain_citation_lists(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Drop the ARIA roles docutils puts on bibliographies.

    It marks the list `role="list"` around entries with the deprecated `doc-biblioentry` role, which
    axe reports as a list without list items (WCAG 1.3.1); plain blocks read correctly.
    """
    body = context.get("body")
    if body and "citation-list" in body:
        body = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
        context["body"] = body.replace(' role="doc-biblioentry"', "")
