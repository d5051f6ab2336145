"""The extension's CSS and JS, for HTML builds only; the theme's own assets are the site extension's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .refusal import is_refused

STATIC = Path(__file__).parent / "static"

PAGE_SCRIPTS = {
    "worksheet.js": "ek-worksheet",
    "reflections.js": "ek-my-reflections",
    "tally.js": "ek-room-tally",
    "self-check.js": "ek-self-check",
    "dilemma-player.js": "ek-dilemma",
}
"""The kit's scripts needed only on pages holding an element of the given class; each shows words."""

PACKAGE_ONLY = {"scorm-vle.js"}
"""Scripts only a SCORM package's page runs (see documents.PACKAGE_SCRIPTS); the book does not carry them."""

STORE_USERS = {"worksheet.js", "reflections.js", "tally.js"}
"""Scripts that save through the player script's storage, whose messages (why nothing could be saved)
they show: a page running one needs the player script and its words too, though it holds no dilemma."""


def page_scripts(classes: set[str]) -> list[str]:
    """The kit's page scripts a page holding elements of these classes runs."""
    scripts = [script for script, cls in sorted(PAGE_SCRIPTS.items()) if cls in classes]
    if STORE_USERS & set(scripts) and "dilemma-player.js" not in scripts:
        scripts.insert(0, "dilemma-player.js")
    return scripts


def page_classes(doctree: Any) -> set[str]:
    """Every class used on a page's elements; none for pages without a doctree (the search page)."""
    if doctree is None:
        return set()
    return {name for node in doctree.findall(lambda n: hasattr(n, "get")) for name in node.get("classes", [])}


def drop_page_scripts_elsewhere(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the kit's page-specific scripts only on pages that hold what they drive."""
    runs = page_scripts(page_classes(doctree))

    def used(asset: Any) -> bool:
        name = Path(str(getattr(asset, "filename", asset) or "")).name
        return name in runs if name in PAGE_SCRIPTS else True

    if "script_files" in context:
        context["script_files"] = [asset for asset in context["script_files"] if used(asset)]


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
    if exception is not None or app.builder.format != "html" or is_refused(app):
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
        if source.name in PACKAGE_ONLY:
            continue
        target = served / source.name
        text = compact(source.read_text(encoding="utf-8"), source.suffix)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    app.config.html_static_path.append(str(served))
    app.add_css_file("ethicskit.css")
    app.add_css_file("dilemma-player.css")
    # words.js first: deferred scripts run in order, and the others look their words up through it.
    app.add_js_file("words.js", loading_method="defer")
    app.add_js_file("ethicskit.js", loading_method="defer")
    app.add_js_file("dilemma-player.js", loading_method="defer")
    app.add_js_file("worksheet.js", loading_method="defer")
    app.add_js_file("reflections.js", loading_method="defer")
    app.add_js_file("tally.js", loading_method="defer")
    app.add_js_file("self-check.js", loading_method="defer")
