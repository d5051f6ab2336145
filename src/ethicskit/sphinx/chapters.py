"""Chapter furniture: objectives that open a chapter, key points that close it, and the page that
collects every chapter's key points in reading order."""

from __future__ import annotations

import hashlib
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..models import markup_problem
from ..words import _
from .kept import keep_by_page, kept


class key_points_index(nodes.General, nodes.Element):  # type: ignore[misc]
    """Where the collected key points go, filled in once every page has been read."""


def _box(title: str, classes: list[str], body: list[nodes.Node]) -> nodes.admonition:
    box = nodes.admonition("", classes=["admonition", *classes])
    # The heading is an interface word, translated in the word catalogue: never one of the chapter's
    # own messages (nor marked English on a chapter that has no translation).
    box += nodes.title(title, title, translatable=False)
    box += body
    return box


class _ListBox(SphinxDirective):
    has_content = True
    css_class = ""

    def title(self) -> str:
        """The box's heading, looked up when the page is read."""
        raise NotImplementedError

    def body(self) -> list[nodes.Node]:
        for offset, text in enumerate(self.content):
            problem = markup_problem(text)
            if problem is not None:
                # Reported like content files: the same rule for every text the kit shows.
                where = self.lineno + 1 + offset  # the fence's line, then the lines of its body
                raise self.error(f"'{self.name}' line {where}: {problem[1]}; write plain Markdown text")
        parsed = self.parse_content_to_nodes()
        if not any(isinstance(node, nodes.bullet_list) for node in parsed):
            raise self.error(f"'{self.name}' holds a bulleted list: start each point with '- '")
        return parsed

    def run(self) -> list[nodes.Node]:
        return [_box(self.title(), [self.css_class], self.body())]


class ObjectivesDirective(_ListBox):
    """What a reader will be able to do after the chapter: ```:::{objectives}``` with a list."""

    css_class = "ek-objectives"

    def title(self) -> str:
        return _("In this chapter you will")


class KeyPointsDirective(_ListBox):
    """The chapter's key points, also collected on the key-points page: ```:::{key-points}```."""

    css_class = "ek-key-points"

    def title(self) -> str:
        return _("Key points")

    def run(self) -> list[nodes.Node]:
        body = self.body()
        key_points(self.env)[self.env.docname] = [node.deepcopy() for node in body]
        return [_box(self.title(), [self.css_class], body)]


class KeyPointsIndexDirective(SphinxDirective):
    """Every chapter's key points, in the order of the table of contents: ```{all-key-points}```."""

    def run(self) -> list[nodes.Node]:
        index_pages(self.env).add(self.env.docname)
        return [key_points_index()]


def key_points(env: BuildEnvironment) -> dict[str, list[nodes.Node]]:
    """Each page's key points, by docname."""
    return kept(env, "key_points", dict)


def index_pages(env: BuildEnvironment) -> set[str]:
    """Pages that show the collected key points."""
    return kept(env, "key_point_pages", set)


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every page reachable from the root, depth first, as the sidebar lists them."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(docname: str) -> None:
        if docname in seen:
            return
        seen.add(docname)
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(env.config.root_doc)
    return order


def fill_key_points(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholder with one section per chapter: its title as a link, then its points."""
    env = app.env
    collected = key_points(env)
    for placeholder in list(doctree.findall(key_points_index)):
        content: list[nodes.Node] = []
        for source in reading_order(env):
            if source not in collected:
                continue
            title = env.titles[source].astext()
            section = nodes.section("", ids=[f"key-points-{nodes.make_id(source)}"])
            heading = nodes.title()
            heading += nodes.reference(
                title, title, internal=True, refuri=app.builder.get_relative_uri(docname, source)
            )
            section += heading
            section += [node.deepcopy() for node in collected[source]]
            content.append(section)
        if not content:
            content.append(nodes.paragraph(text=_("No chapter has key points yet.")))
        placeholder.replace_self(content)


def rewrite_index(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the key-points pages are written again when any chapter's points or title changed.

    They are filled in when written, so they need writing, not reading, and only when what they show
    differs from the last build.
    """
    shown = [
        (docname, env.titles[docname].astext(), [node.astext() for node in points])
        for docname, points in sorted(key_points(env).items())
        if docname in env.titles
    ]
    signature = hashlib.sha256(repr(shown).encode()).hexdigest()
    changed = signature != getattr(env, "ethicskit_key_points_signature", None)
    env.ethicskit_key_points_signature = signature  # type: ignore[attr-defined]
    return sorted(index_pages(env)) if changed else []


def setup_chapters(app: Sphinx) -> dict[str, Any]:
    app.add_node(key_points_index)
    app.add_directive("objectives", ObjectivesDirective)
    app.add_directive("key-points", KeyPointsDirective)
    app.add_directive("all-key-points", KeyPointsIndexDirective)
    app.connect("env-updated", rewrite_index)
    keep_by_page(app, key_points, index_pages)
    app.connect("doctree-resolved", fill_key_points)
    return {}
