"""Fewer garbage collections while the book builds.

Python's cyclic collector runs after every 700 new objects by default, and each run walks the objects
made since the last. Reading a page makes many thousands of docutils nodes that live until its doctree
is written out, so a clean build of the kit ran the collector about 3,300 times, for 9.2 s on a busy
machine (counted with `gc.callbacks`). Collecting after every 100,000 new objects took that to 1.8 s,
for about 20 MB more at the peak. The thresholds are put back when the build ends, for a process that
goes on (a test, a build of another language).
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

BUILD_THRESHOLDS = (100_000, 50, 100)
"""New objects before the youngest generation is collected, and collections of each generation before
the next is."""


def collect_less(app: Sphinx) -> None:
    app.ethicskit_gc_thresholds = gc.get_threshold()  # type: ignore[attr-defined]
    gc.set_threshold(*BUILD_THRESHOLDS)


def collect_as_before(app: Sphinx, exception: Exception | None) -> None:
    before = getattr(app, "ethicskit_gc_thresholds", None)
    if before is not None:
        gc.set_threshold(*before)


def setup_collector(app: Sphinx) -> None:
    app.connect("config-inited", lambda app, config: collect_less(app), priority=0)  # first: before loading
    app.connect("build-finished", collect_as_before, priority=1000)
