"""The sidebar navigation the theme writes into every page: accessible toggles, and for large kits a
chapters-only sidebar made once per folder instead of once per page."""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from sphinx.application import Sphinx

from ..words import _

_UNLABELLED_TOGGLE = re.compile(
    r'(<a class="[^"]*\breference internal\b[^"]*"[^>]*>'  # a sidebar entry's link,
    r"((?:(?!<a[ >]).)*?)</a>\s*<details[^>]*>\s*)<summary>",  # then its unlabelled toggle
    re.S,
)
_CURRENT_PART = '<ul class="current nav bd-sidenav">'
_PART = '<ul class="nav bd-sidenav">'
_CURRENT_ITEM = '<li class="toctree-l1 current active">'
_ITEM = '<li class="toctree-l1">'
_CURRENT_LINK = '<a class="current reference internal" href="#">'
NAV_TEMPLATE = "sbt-sidebar-nav.html"


def hold_back_sidebar_nav(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Keep the navigation out of the theme's check for empty sidebar templates.

    The theme renders every sidebar template once per page only to see whether it is empty, so the
    navigation, never empty, would resolve the table of contents twice for every page.
    `sidebar_per_page` puts it back afterwards.
    """
    sidebars = context.get("sidebars")
    if isinstance(sidebars, list) and NAV_TEMPLATE in sidebars:
        _count(app, "nav-template")
        context["ethicskit_nav_at"] = sidebars.index(NAV_TEMPLATE)
        context["sidebars"] = [name for name in sidebars if name != NAV_TEMPLATE]


def _count(app: Sphinx, what: str) -> None:
    """Note that a patch found its target; the site extension warns about patches that never do."""
    counts: dict[str, int] = app.builder.__dict__.setdefault("ethicskit_site_counts", {})
    counts[what] = counts.get(what, 0) + 1


def _labelled(app: Sphinx, sidebar: str) -> str:
    """The sidebar with each toggle named after its entry; counts any toggle the pattern missed."""
    labelled = _UNLABELLED_TOGGLE.sub(_with_label, sidebar)
    if "<summary>" in labelled:
        _count(app, "unlabelled-toggles")
    return labelled


def _with_label(match: re.Match[str]) -> str:
    title = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
    label = html.escape(_("Pages under {title}", title=title), quote=True)
    return f'{match.group(1)}<summary aria-label="{label}">'


def is_large(app: Sphinx) -> bool:
    """Whether any chapter holds more pages than `ethicskit_nav_section_limit`."""
    limit = app.config.ethicskit_nav_section_limit
    chapters = (pages for doc, pages in app.env.toctree_includes.items() if doc != app.config.root_doc)
    return bool(limit) and max(map(len, chapters), default=0) > limit


def chapter_of(app: Sphinx, pagename: str) -> str | None:
    """The top-level chapter a page belongs to (itself, if it is one); None for the root."""
    root = app.config.root_doc
    parents: dict[str, str] = app.builder.__dict__.get("ethicskit_parents") or {
        child: parent for parent, children in app.env.toctree_includes.items() for child in children
    }
    app.builder.__dict__["ethicskit_parents"] = parents
    page = pagename
    while parents.get(page) not in (None, root):
        page = parents[page]
    return page if parents.get(page) == root else None


def sidebar_per_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Wrap the theme's sidebar: label its toggles, and in large kits reuse one sidebar per folder.

    The theme's toggles hold only an icon, so screen readers announce an unnamed control (axe rule
    summary-name, WCAG 4.1.2). In a large kit the sidebar lists chapters only, but the theme still
    resolves the whole table of contents for every page, which makes the build grow with the square of
    the number of pages; there, the sidebar is made once for each folder (its links are relative) and
    only the current chapter is marked per page.
    """
    at = context.pop("ethicskit_nav_at", None)
    if at is not None:
        sidebars = list(context.get("sidebars") or [])
        sidebars.insert(min(at, len(sidebars)), NAV_TEMPLATE)
        context["sidebars"] = sidebars
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    large = is_large(app)
    if large:
        context["theme_max_navbar_depth"] = 1
    made: dict[tuple[str, str], str] = app.builder.__dict__.setdefault("ethicskit_sidebars", {})

    def sidebar(*args: Any, **kwargs: Any) -> Any:
        # Passed on exactly as the template calls it, so the theme's own per-page cache can answer.
        kind = kwargs.get("kind", args[0] if args else "")
        if kind != "sidebar":
            return generate(*args, **kwargs)
        if not large:
            return _labelled(app, str(generate(*args, **kwargs)))
        key = (posixpath.dirname(pagename), repr((args, sorted(kwargs.items()))))
        if key not in made:
            made[key] = _unmarked(app, pagename, str(generate(*args, **kwargs)))
        return _labelled(app, _marked(app, pagename, made[key]))

    context["generate_toctree_html"] = sidebar


def _unmarked(app: Sphinx, pagename: str, sidebar: str) -> str:
    """The sidebar as it would be on a page of no chapter."""
    own = posixpath.basename(app.builder.get_target_uri(pagename))
    sidebar = sidebar.replace(_CURRENT_LINK, f'<a class="reference internal" href="{own}">')
    return sidebar.replace(_CURRENT_ITEM, _ITEM).replace(_CURRENT_PART, _PART)


def _marked(app: Sphinx, pagename: str, sidebar: str) -> str:
    """Mark the page's chapter, and its part, as the theme would."""
    chapter = chapter_of(app, pagename)
    if chapter is None:
        return sidebar
    if chapter == pagename:
        href = posixpath.basename(app.builder.get_target_uri(pagename))
    else:
        href = app.builder.get_relative_uri(pagename, chapter)
    link = f'<a class="reference internal" href="{html.escape(href, quote=True)}">'
    at = sidebar.find(_ITEM + link)
    if at < 0:
        return sidebar
    here = _CURRENT_LINK if chapter == pagename else link
    sidebar = sidebar[:at] + _CURRENT_ITEM + here + sidebar[at + len(_ITEM + link) :]
    part = sidebar.rfind(_PART, 0, at)
    if part >= 0:
        sidebar = sidebar[:part] + _CURRENT_PART + sidebar[part + len(_PART) :]
    return sidebar
