"""Load the catalogue once per build, report its problems as Sphinx warnings, and track pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..catalog import Catalog, load_catalog

logger = logging.getLogger(__name__)


def content_root(app: Sphinx) -> Path:
    """The kit folder holding the content folders: the book's source folder unless configured."""
    configured = app.config.ethicskit_content_root
    return Path(app.srcdir, configured).resolve() if configured else Path(app.srcdir)


def load_content(app: Sphinx) -> None:
    """Build the catalogue; each content problem becomes a warning at its file and line.

    Building from content with problems would publish half a course, so the build stops
    after every problem has been reported.
    """
    catalog, problems = load_catalog(content_root(app))
    for problem in problems:
        logger.warning(
            f"{problem.message} [{problem.code.value}]",
            location=problem.location(),
            type="ethicskit",
            subtype=problem.code.value,
        )
    if problems:
        logger.error(
            f"{len(problems)} content problem(s) above; nothing was built. "
            "Run 'ethicskit check' to see each with a hint."
        )
        # A clean exit, not an exception: Jupyter Book prints a traceback for any Sphinx error,
        # which would bury the messages that say what to fix.
        raise SystemExit(1)
    env = app.env
    env.ethicskit_catalog = catalog  # type: ignore[attr-defined]
    # A code page's "used in" lines change only when the citations of its clauses change; remember
    # which codes that happened to, so exactly their pages are read again.
    signature = citation_signature(catalog)
    previous: dict[str, str] = getattr(env, "ethicskit_citation_signature", {})
    env.ethicskit_changed_codes = {  # type: ignore[attr-defined]
        code_id
        for code_id in signature.keys() | previous.keys()
        if signature.get(code_id) != previous.get(code_id)
    }
    env.ethicskit_citation_signature = signature  # type: ignore[attr-defined]
    index = case_index_signature(catalog)
    env.ethicskit_case_index_changed = index != getattr(env, "ethicskit_case_index_signature", None)  # type: ignore[attr-defined]
    env.ethicskit_case_index_signature = index  # type: ignore[attr-defined]


def case_index_signature(catalog: Catalog) -> str:
    """A digest of everything the case index pages show, so they rebuild only when it changes."""
    shown = [
        (
            case_id,
            case.model.title,
            case.model.setting,
            case.model.themes,
            [c.ref for c in case.model.clauses],
        )
        for case_id, case in sorted(catalog.cases.items())
    ]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def index_pages(env: BuildEnvironment) -> set[str]:
    """Pages that list cases by theme or by code."""
    if not hasattr(env, "ethicskit_index_pages"):
        env.ethicskit_index_pages = set()  # type: ignore[attr-defined]
    return env.ethicskit_index_pages  # type: ignore[attr-defined, no-any-return]


def citation_signature(catalog: Catalog) -> dict[str, str]:
    """For each code, a digest of everything its pages show about where its clauses are used."""
    by_code: dict[str, list[str]] = {}
    for ref, citations in sorted(catalog.citations.items()):
        by_code.setdefault(ref.partition(":")[0], []).append(repr((ref, citations)))
    return {
        code_id: hashlib.sha256("\n".join(lines).encode()).hexdigest() for code_id, lines in by_code.items()
    }


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose generated lists changed: code pages whose clauses gained, lost or relabelled a
    citation, and the case indexes when a case's title, setting, themes or citations changed."""
    registry = pages(env)
    changed_codes: set[str] = getattr(env, "ethicskit_changed_codes", set())
    outdated = {page for code_id in changed_codes if (page := registry.get(page_key("code", code_id)))}
    if getattr(env, "ethicskit_case_index_changed", False):
        outdated |= index_pages(env)
    return sorted(outdated)


def catalog_of(env: BuildEnvironment) -> Catalog:
    """The catalogue loaded for this build."""
    return env.ethicskit_catalog  # type: ignore[attr-defined, no-any-return]


def page_key(kind: str, item_id: str) -> str:
    """The registry key of a code, case or dilemma: e.g. 'case:checked-at-every-turn'."""
    return f"{kind}:{item_id}"


def pages(env: BuildEnvironment) -> dict[str, str]:
    """Which page shows each code, case or dilemma in full: registry key to docname."""
    if not hasattr(env, "ethicskit_pages"):
        env.ethicskit_pages = {}  # type: ignore[attr-defined]
    return env.ethicskit_pages  # type: ignore[attr-defined, no-any-return]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    index_pages(env).discard(docname)
    registry = pages(env)
    for key in [key for key, page in registry.items() if page == docname]:
        del registry[key]


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    pages(env).update(pages(other))
    index_pages(env).update(index_pages(other))
