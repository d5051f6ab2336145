"""Load the catalogue once per build, report its problems as Sphinx warnings, and track pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
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
    # A code or law page's "used in" lines change only when the citations of its clauses or provisions
    # change, and a generated list only when what it shows changes: remember which did, so exactly
    # their pages are read again (`outdated_pages`).
    views = {kind: digest(shown(catalog)) for kind, shown in VIEWS.items()}
    env.ethicskit_changed = {  # type: ignore[attr-defined]
        "codes": changed_since_last_build(env, "citation_signature", by_source(catalog.citations)),
        "laws": changed_since_last_build(env, "law_citation_signature", by_source(catalog.law_citations)),
        "views": changed_since_last_build(env, "view_signatures", views),
    }


def changed_since_last_build(env: BuildEnvironment, name: str, signatures: dict[str, str]) -> set[str]:
    """The keys whose signature differs from the one kept by the last build (or that are new or gone);
    the new signatures are kept for the next build."""
    previous: dict[str, str] = getattr(env, f"ethicskit_{name}", {})
    setattr(env, f"ethicskit_{name}", signatures)
    return {key for key in signatures.keys() | previous.keys() if signatures.get(key) != previous.get(key)}


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


def by_source(citations: Mapping[str, object]) -> dict[str, str]:
    """For each code or statute digest, a digest of everything its page shows about where its clauses or
    provisions are used; `citations` is keyed 'source:clause'."""
    by_id: dict[str, list[str]] = {}
    for key, cited in sorted(citations.items()):
        by_id.setdefault(key.partition(":")[0], []).append(repr((key, cited)))
    return {
        source_id: hashlib.sha256("\n".join(lines).encode()).hexdigest() for source_id, lines in by_id.items()
    }


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose generated lists changed: code and law pages whose clauses or provisions gained, lost
    or relabelled a citation, and the case indexes when a case's title, setting, themes or citations
    changed."""
    registry = pages(env)
    since: dict[str, set[str]] = getattr(env, "ethicskit_changed", {})
    outdated = {
        page for code_id in since.get("codes", ()) if (page := registry.get(page_key("code", code_id)))
    }
    outdated |= {page for law_id in since.get("laws", ()) if (page := registry.get(page_key("law", law_id)))}
    for view in since.get("views", ()):
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
