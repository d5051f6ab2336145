"""What the extension keeps on Sphinx's build environment, so it is pickled with it between builds.

Each store is an attribute of the environment named `ethicskit_<name>`, made empty on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

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
