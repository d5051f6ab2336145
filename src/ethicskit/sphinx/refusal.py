"""Refusing a build: say why through Sphinx, read no page and leave no site behind.

Settings or content with problems would publish half a course. The kit does not stop Python from inside
an event handler (a `SystemExit` there also stops anything that runs Sphinx in-process, such as the
tests); it logs each reason as a Sphinx error instead, so a strict build (`-W --keep-going`, as `make book`
runs it) ends with a failing status and Sphinx's own summary, with no traceback. A refused build then
reads and writes nothing: an earlier complete site in the output folder is left as it was, and no
half-built one is made.
"""

from __future__ import annotations

import shutil
import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# The builds refused so far in this process; weak, so an in-process build that is finished with leaves
# nothing behind.
_REFUSED: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def refuse(app: Sphinx, reason: str) -> None:
    """Report why this build cannot go on, and mark it refused."""
    logger.error(reason)
    _REFUSED.add(app)


def is_refused(app: Sphinx) -> bool:
    return app in _REFUSED


def build_nothing(app: Sphinx) -> None:
    """Once the builder is ready, make a refused build read and write nothing.

    Reading pages rendered from content with problems would only bury the reasons under consequences,
    and writing even the search page and static files would leave a half-built site. Sphinx has no
    event that can skip the build itself, so the builder's one entry point into reading and writing is
    replaced, for this build only. Other extensions still copy their files into the output when the
    build finishes (and fail if its `_static` folder is missing), so the refused build is pointed at a
    scratch folder, removed at the very end, and the real output folder is never touched.
    """
    if not is_refused(app):
        return
    scratch = _scratch(app)
    (scratch / "_static").mkdir(parents=True, exist_ok=True)
    # Assigned with setattr: mypy forbids assigning to a method, and Sphinx types outdir as its own path.
    setattr(app, "outdir", scratch)  # noqa: B010
    setattr(app.builder, "outdir", scratch)  # noqa: B010
    setattr(app.builder, "build", _nothing)  # noqa: B010


def remove_scratch(app: Sphinx, exception: Exception | None) -> None:
    if is_refused(app):
        shutil.rmtree(_scratch(app), ignore_errors=True)


def _scratch(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "ethicskit-refused-build"


def _nothing(*args: object, **kwargs: object) -> None:
    logger.error("nothing was built: the error(s) above say why")
