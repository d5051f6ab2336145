"""Load the catalogue once per build, report its problems as Sphinx warnings, and track pages."""

from __future__ import annotations

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
    if not hasattr(env, "ethicskit_code_pages"):
        env.ethicskit_code_pages = {}  # type: ignore[attr-defined]


def catalog_of(env: BuildEnvironment) -> Catalog:
    """The catalogue loaded for this build."""
    return env.ethicskit_catalog  # type: ignore[attr-defined, no-any-return]


def code_pages(env: BuildEnvironment) -> dict[str, str]:
    """Which page shows each code in full: code id to docname."""
    if not hasattr(env, "ethicskit_code_pages"):
        env.ethicskit_code_pages = {}  # type: ignore[attr-defined]
    return env.ethicskit_code_pages  # type: ignore[attr-defined, no-any-return]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    pages = code_pages(env)
    for code_id in [code_id for code_id, page in pages.items() if page == docname]:
        del pages[code_id]


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    code_pages(env).update(code_pages(other))
