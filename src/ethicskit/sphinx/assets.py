"""The extension's CSS and JS, added for HTML builds only, and a fix for duplicated theme scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def set_theme_defaults(app: Sphinx, config: Config) -> None:
    """Give the theme an explicit colour mode.

    Without one, pydata-sphinx-theme reads an empty mode on a reader's first visit and logs
    'Got invalid theme mode' as a console error.
    """
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context


def add_static_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("ethicskit.css")
    app.add_js_file("ethicskit.js", loading_method="defer")


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
