"""The sidebar navigation the theme writes into every page: accessible toggles, a sidebar made once per
folder instead of once per page, and for large kits a chapters-only sidebar."""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..words import _
from .translation_status import english_titles

_UNLABELLED_TOGGLE = re.compile(
    r'(<a class="[^"]*\breference internal\b[^"]*"[^>]*>'  # a sidebar entry's link,
    r"((?:(?!<a[ >]).)*?)</a>\s*<details[^>]*>\s*)<summary>",  # then its unlabelled toggle
    re.S,
)
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


def _finished(app: Sphinx, pagename: str, sidebar: str) -> str:
    """The sidebar as the page shows it: toggles labelled, titles still in English marked so."""
    return mark_english_titles(app, pagename, _labelled(app, sidebar))


_PAGE_LINK = re.compile(r'<a class="[^"]*\breference internal\b[^"]*" href="([^"#]*)(#[^"]*)?">')


def linked_page(app: Sphinx, pagename: str, href: str) -> str:
    """The page a link on `pagename` leads to: a relative address, or '' for the page itself."""
    if not href:
        return pagename
    path = posixpath.normpath(posixpath.join(posixpath.dirname(pagename), href))
    suffix = str(getattr(app.builder, "out_suffix", ".html"))
    return path[: -len(suffix)] if path.endswith(suffix) else path


def mark_english_titles(app: Sphinx, pagename: str, listing: str) -> str:
    """On a page in another language, the links in a list of pages (the sidebar) whose page's title is
    still in English, marked `lang="en"`.

    The page itself marks its English title and text (`translation_status.mark_english`); without
    this, the sidebar of every Welsh page would list those titles as Welsh, and a screen reader would
    read them with Welsh sounds (WCAG 3.1.2, language of parts)."""
    english = english_titles(app.env)
    if not english:
        return listing

    def marked(found: re.Match[str]) -> str:
        if linked_page(app, pagename, found.group(1)) not in english:
            return found.group(0)
        _count(app, "english-titles")
        return f'{found.group(0)[:-1]} lang="en">'

    return _PAGE_LINK.sub(marked, listing)


def mark_english_neighbours(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On a page in another language, the previous and next pages' titles at its foot, and the
    headings in its own contents list, marked `lang="en"` where they are still in English (see
    `mark_english_titles`)."""
    english = english_titles(app.env)
    if not english:
        return
    for key in ("prev", "next"):
        neighbour = context.get(key)
        if not isinstance(neighbour, dict):
            continue
        if linked_page(app, pagename, str(neighbour.get("link", ""))) in english:
            context[key] = {**neighbour, "title": f'<span lang="en">{neighbour.get("title", "")}</span>'}
    toc = context.get("toc")
    if doctree is None or not isinstance(toc, str):
        return
    headings = {
        f"#{section['ids'][0]}"
        for section in doctree.findall(nodes.section)
        if section["ids"] and isinstance(section[0], nodes.title) and "language-en" in section[0]["classes"]
    }
    if pagename in english:
        headings.add("#")

    def marked(found: re.Match[str]) -> str:
        own_heading = not found.group(1) and found.group(2) in headings  # the contents list links within
        return f'{found.group(0)[:-1]} lang="en">' if own_heading else found.group(0)

    context["toc"] = _PAGE_LINK.sub(marked, toc)


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


def sidebar_per_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Wrap the theme's sidebar: label its toggles, and make it once per folder rather than per page.

    The theme's toggles hold only an icon, so screen readers announce an unnamed control (axe rule
    summary-name, WCAG 4.1.2). The theme resolves the whole table of contents for every page it writes,
    which was about a quarter of a clean build's time and grows with the square of the number of pages.
    The sidebar differs between the pages of one folder only in which entries are marked as the current
    page and its ancestors, so it is made once for each folder (its links are relative), with those marks
    taken out, and marked again for each page as the theme marks it (`Sidebar`). A sidebar the marking
    cannot read is made by the theme for every page, as before. In a large kit the sidebar lists
    chapters only.
    """
    at = context.pop("ethicskit_nav_at", None)
    if at is not None:
        sidebars = list(context.get("sidebars") or [])
        sidebars.insert(min(at, len(sidebars)), NAV_TEMPLATE)
        context["sidebars"] = sidebars
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    if is_large(app):
        context["theme_max_navbar_depth"] = 1
    made: dict[tuple[str, str], Sidebar | None] = app.builder.__dict__.setdefault("ethicskit_sidebars", {})

    def sidebar(*args: Any, **kwargs: Any) -> Any:
        # Passed on exactly as the template calls it, so the theme's own per-page cache can answer.
        kind = kwargs.get("kind", args[0] if args else "")
        if kind != "sidebar" or not app.config.ethicskit_nav_once_per_folder:
            theirs = generate(*args, **kwargs)
            return _finished(app, pagename, str(theirs)) if kind == "sidebar" else theirs
        key = (posixpath.dirname(pagename), repr((args, sorted(kwargs.items()))))
        if key not in made:
            made[key] = Sidebar.unmarked(app, pagename, str(generate(*args, **kwargs)))
        reusable = made[key]
        if reusable is None:
            _count(app, "sidebar-per-page")
            return _finished(app, pagename, str(generate(*args, **kwargs)))
        return _finished(app, pagename, reusable.marked_for(app, pagename))

    context["generate_toctree_html"] = sidebar


_MARKUP = re.compile(r"<(/?)(ul|li|details)\b([^>]*)>|<a (class=\"[^\"]*\") href=\"([^\"]*)\">")
_LI_CLASS = re.compile(r'^ class="(toctree-l\d+)((?: current active)?)((?: has-children)?)"$')
_UL_CLASS = re.compile(r'^(?: class="(current)?( ?nav bd-sidenav)?")?$')


class _Entry:
    """One entry of the sidebar (an `<li>`): where its tags are, and the entry it is under."""

    def __init__(
        self, start: int, shape: re.Match[str], parent: _Entry | None, holder: tuple[int, str]
    ) -> None:
        level, children = shape.group(1), shape.group(3)
        self.start, self.parent = start, parent
        self.tag = f'<li class="{level}{children}">'
        self.current_tag = f'<li class="{level} current active{children}">'
        self.list_start, self.list_tag = holder  # the list it is in
        self.link: tuple[int, str, str] | None = None  # its own link: (offset, tag, href)
        self.details: tuple[int, str] | None = None  # its toggle: (offset, tag)


class Sidebar:
    """A folder's sidebar with no entry marked as current, and where each entry's marks would go.

    The theme marks the page's entry and each entry above it: `current active` on each `<li>`, `current`
    on the list holding it, its toggle open, and the page's own link made `current` and pointed at `#`.
    """

    def __init__(self, html_text: str, entries: list[_Entry]) -> None:
        self.html = html_text
        self.by_href: dict[str, list[_Entry]] = {}
        for entry in entries:
            if entry.link is not None:
                self.by_href.setdefault(entry.link[2], []).append(entry)

    @classmethod
    def unmarked(cls, app: Sphinx, pagename: str, marked: str) -> Sidebar | None:
        """The sidebar the theme made for `pagename`, with that page's marks taken out; None if any part
        of it is not as the marking expects (the theme then makes the sidebar for every page)."""
        own = posixpath.basename(app.builder.get_target_uri(pagename))
        out: list[str] = []
        entries: list[_Entry] = []
        stack: list[tuple[str, _Entry | None]] = []  # the open ul, li and details, with each li's entry
        lists: list[tuple[int, str]] = []
        position = 0
        written = 0
        for found in _MARKUP.finditer(marked):
            out.append(marked[position : found.start()])
            written += found.start() - position
            position = found.end()
            closing, name, attributes, link_class, href = found.groups()
            if link_class is not None:
                if link_class not in ('class="reference internal"', 'class="current reference internal"'):
                    tag = found.group(0)
                else:
                    if "current" in link_class:
                        if href != "#":
                            return None
                        href = own
                    tag = f'<a class="reference internal" href="{href}">'
                    holder = stack[-1][1] if stack and stack[-1][0] == "li" else None
                    if holder is not None and holder.link is None:
                        holder.link = (written, tag, href)
            elif closing:
                if not stack or stack[-1][0] != name:
                    return None
                stack.pop()
                if name == "ul":
                    lists.pop()
                tag = found.group(0)
            elif name == "li":
                shape = _LI_CLASS.match(attributes)
                if shape is None or not lists:
                    return None
                parent = next((held[1] for held in reversed(stack) if held[0] == "li"), None)
                entry = _Entry(written, shape, parent, lists[-1])
                tag = entry.tag
                entries.append(entry)
                stack.append(("li", entry))
            elif name == "ul":
                shape = _UL_CLASS.match(attributes)
                if shape is None:
                    return None
                tag = f'<ul class="{shape.group(2).strip()}">' if shape.group(2) else "<ul>"
                lists.append((written, tag))
                stack.append(("ul", None))
            else:  # details
                if attributes not in ("", ' open="open"'):
                    return None
                tag = "<details>"
                holder = stack[-1][1] if stack and stack[-1][0] == "li" else None
                if holder is not None and holder.details is None:
                    holder.details = (written, tag)
                stack.append(("details", None))
            out.append(tag)
            written += len(tag)
        if stack:
            return None
        out.append(marked[position:])
        text = "".join(out)
        if re.search(r'class="[^"]*\bcurrent\b', text):
            return None  # a mark the marking does not know of
        return cls(text, entries)

    def marked_for(self, app: Sphinx, pagename: str) -> str:
        """This sidebar as the theme marks it on `pagename`: the page's own entry if it is listed (every
        place it is listed), else the entry of its nearest listed ancestor."""
        page: str | None = pagename
        here = True
        parents = _parents(app)
        while page is not None:
            href = self._href(app, pagename, page, here)
            if href in self.by_href:
                return self._marked(self.by_href[href], here)
            page, here = parents.get(page), False
        return self.html

    @staticmethod
    def _href(app: Sphinx, pagename: str, target: str, here: bool) -> str:
        if here:
            return posixpath.basename(app.builder.get_target_uri(pagename))
        return app.builder.get_relative_uri(pagename, target)

    def _marked(self, entries: list[_Entry], here: bool) -> str:
        edits: dict[int, tuple[str, str]] = {}  # offset: (unmarked tag, marked tag)
        for entry in entries:
            if here and entry.link is not None:
                offset, tag, _href = entry.link
                edits[offset] = (tag, '<a class="current reference internal" href="#">')
            walked: _Entry | None = entry
            while walked is not None:
                edits[walked.start] = (walked.tag, walked.current_tag)
                edits[walked.list_start] = (walked.list_tag, _current_list(walked.list_tag))
                if walked.details is not None:
                    edits[walked.details[0]] = (walked.details[1], '<details open="open">')
                walked = walked.parent
        text = self.html
        for offset in sorted(edits, reverse=True):
            old, new = edits[offset]
            text = text[:offset] + new + text[offset + len(old) :]
        return text


def _current_list(tag: str) -> str:
    return '<ul class="current">' if tag == "<ul>" else tag.replace('<ul class="', '<ul class="current ', 1)


def _parents(app: Sphinx) -> dict[str, str]:
    parents: dict[str, str] = app.builder.__dict__.get("ethicskit_parents") or {
        child: parent for parent, children in app.env.toctree_includes.items() for child in children
    }
    app.builder.__dict__["ethicskit_parents"] = parents
    return parents
