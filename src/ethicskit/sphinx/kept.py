"""What the extension keeps on Sphinx's build environment, so it is pickled with it between builds.

Each store is an attribute of the environment named `ethicskit_<name>`, made empty on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

T = TypeVar("T")


def kept(env: BuildEnvironment, name: str, empty: Callable[[], T]) -> T:
    """The environment's store called `name`, made with `empty()` the first time it is asked for."""
    attribute = f"ethicskit_{name}"
    store: Any = getattr(env, attribute, None)
    if store is None:
        store = empty()
        setattr(env, attribute, store)
    return store  # type: ignore[no-any-return]


PageStore = Callable[[BuildEnvironment], "dict[str, Any] | set[str]"]
"""A store (as `kept` gives it) keyed by page: a dict from docname to what the page holds, or a set of
docnames."""


def keep_by_page(app: Sphinx, *stores: PageStore) -> None:
    """Keep stores keyed by page right as Sphinx works: a page read again (or removed) drops its entry
    first, and pages read in parallel bring theirs back into the main environment."""

    def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        for store in stores:
            entries = store(env)
            if isinstance(entries, dict):
                entries.pop(docname, None)
            else:
                entries.discard(docname)

    def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        for store in stores:
            entries, theirs = store(env), store(other)
            if isinstance(entries, dict) and isinstance(theirs, dict):
                entries.update({name: held for name, held in theirs.items() if name in docnames})
            elif isinstance(entries, set) and isinstance(theirs, set):
                entries.update(theirs & docnames)

    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
