"""Load the catalogue once per build, report its problems as Sphinx warnings, and track pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..catalog import Catalog, load_catalog
from ..curriculum import mapped_outcomes
from .kept import kept
from .refusal import refuse

logger = logging.getLogger(__name__)


def content_root(app: Sphinx) -> Path:
    """The kit folder holding the content folders: the book's source folder unless configured."""
    configured = app.config.ethicskit_content_root
    return Path(app.srcdir, configured).resolve() if configured else Path(app.srcdir)


def load_content(app: Sphinx) -> None:
    """Build the catalogue; each content problem becomes a warning at its file and line.

    Building from content with problems would publish half a course, so the build is refused
    (see `refusal`) after every problem has been reported.
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
        refuse(app, f"{len(problems)} content problem(s) above; 'ethicskit check' shows each with a hint")
        return
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
    law_signature = law_citation_signature(catalog)
    previous_law: dict[str, str] = getattr(env, "ethicskit_law_citation_signature", {})
    env.ethicskit_changed_laws = {  # type: ignore[attr-defined]
        law_id
        for law_id in law_signature.keys() | previous_law.keys()
        if law_signature.get(law_id) != previous_law.get(law_id)
    }
    env.ethicskit_law_citation_signature = law_signature  # type: ignore[attr-defined]
    signatures = {kind: digest(shown(catalog)) for kind, shown in VIEWS.items()}
    previous_views: dict[str, str] = getattr(env, "ethicskit_view_signatures", {})
    env.ethicskit_changed_views = {kind for kind in VIEWS if signatures[kind] != previous_views.get(kind)}  # type: ignore[attr-defined]
    env.ethicskit_view_signatures = signatures  # type: ignore[attr-defined]


def digest(shown: object) -> str:
    return hashlib.sha256(repr(shown).encode()).hexdigest()


VIEWS: dict[str, Callable[[Catalog], object]] = {
    "case-index": lambda catalog: [
        (
            case_id,
            case.model.title,
            case.model.setting,
            case.model.themes,
            [c.ref for c in case.model.clauses],
        )
        for case_id, case in sorted(catalog.cases.items())
    ],
    "titles": lambda catalog: (
        [(case_id, case.model.title) for case_id, case in sorted(catalog.cases.items())],
        [(dilemma_id, d.model.title) for dilemma_id, d in sorted(catalog.dilemmas.items())],
    ),
    "supervision": lambda catalog: (
        [
            (case_id, case.model.title, case.model.supervision)
            for case_id, case in sorted(catalog.cases.items())
        ],
        [(dilemma_id, d.model.case, d.model.title) for dilemma_id, d in sorted(catalog.dilemmas.items())],
    ),
    "curriculum": lambda catalog: (
        mapped_outcomes(catalog),
        [(dilemma_id, d.model.case, d.model.title) for dilemma_id, d in sorted(catalog.dilemmas.items())],
    ),
}
"""What each kind of generated page shows of the cases and dilemmas. A page that tracks a view is read
again when what the view shows changes, not whenever any file behind it changes."""


def track_view(env: BuildEnvironment, docname: str, view: str) -> None:
    """Read this page again whenever the view changes."""
    tracked(env).setdefault(view, set()).add(docname)


def tracked(env: BuildEnvironment) -> dict[str, set[str]]:
    return kept(env, "tracked_views", dict)


def index_pages(env: BuildEnvironment) -> set[str]:
    """Pages that list cases by theme or by code."""
    return tracked(env).setdefault("case-index", set())


def citation_signature(catalog: Catalog) -> dict[str, str]:
    """For each code, a digest of everything its pages show about where its clauses are used."""
    by_code: dict[str, list[str]] = {}
    for ref, citations in sorted(catalog.citations.items()):
        by_code.setdefault(ref.partition(":")[0], []).append(repr((ref, citations)))
    return {
        code_id: hashlib.sha256("\n".join(lines).encode()).hexdigest() for code_id, lines in by_code.items()
    }


def law_citation_signature(catalog: Catalog) -> dict[str, str]:
    """For each statute digest, a digest of everything its page shows about where its provisions are used."""
    by_law: dict[str, list[str]] = {}
    for key, citations in sorted(catalog.law_citations.items()):
        by_law.setdefault(key.partition(":")[0], []).append(repr((key, citations)))
    return {law_id: hashlib.sha256("\n".join(lines).encode()).hexdigest() for law_id, lines in by_law.items()}


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose generated lists changed: code and law pages whose clauses or provisions gained, lost
    or relabelled a citation, and the case indexes when a case's title, setting, themes or citations
    changed."""
    registry = pages(env)
    changed_codes: set[str] = getattr(env, "ethicskit_changed_codes", set())
    outdated = {page for code_id in changed_codes if (page := registry.get(page_key("code", code_id)))}
    changed_laws: set[str] = getattr(env, "ethicskit_changed_laws", set())
    outdated |= {page for law_id in changed_laws if (page := registry.get(page_key("law", law_id)))}
    for view in getattr(env, "ethicskit_changed_views", set()):
        outdated |= tracked(env).get(view, set())
    return sorted(outdated)


def catalog_of(env: BuildEnvironment) -> Catalog:
    """The catalogue loaded for this build."""
    return env.ethicskit_catalog  # type: ignore[attr-defined, no-any-return]


def page_key(kind: str, item_id: str) -> str:
    """The registry key of a code, case or dilemma: e.g. 'case:checked-at-every-turn'."""
    return f"{kind}:{item_id}"


def pages(env: BuildEnvironment) -> dict[str, str]:
    """Which page shows each code, case or dilemma in full: registry key to docname."""
    return kept(env, "pages", dict)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for pages_ in tracked(env).values():
        pages_.discard(docname)
    registry = pages(env)
    for key in [key for key, page in registry.items() if page == docname]:
        del registry[key]


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    pages(env).update(pages(other))
    for view, pages_ in tracked(other).items():
        tracked(env).setdefault(view, set()).update(pages_)
