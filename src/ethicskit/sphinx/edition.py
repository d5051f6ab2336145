"""Which edition is built: the student edition, or the lecturer edition with every teaching note.

One source, two builds. The edition comes from `ethicskit_edition` in `_config.yml`, or from the
ETHICSKIT_EDITION environment variable, which `make lecturer` sets so the config file stays the
student edition's.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..words import _
from .refusal import refuse

logger = logging.getLogger(__name__)

EDITIONS = ("student", "lecturer")


def lecturer_banner() -> str:
    """The announcement on every page of the lecturer edition, in the build's language (chosen first)."""
    return _(
        "Lecturer edition: this build holds facilitation notes and every branch of each dilemma. "
        "Publish the student edition to students."
    )


def choose_edition(app: Sphinx, config: Config) -> None:
    chosen = os.environ.get("ETHICSKIT_EDITION") or config.ethicskit_edition
    if chosen not in EDITIONS:
        refuse(app, f"unknown edition '{chosen}': use one of {', '.join(EDITIONS)}")
        chosen = "student"  # the rest of the set-up needs an edition; nothing will be built
    config.ethicskit_edition = chosen
    if chosen == "lecturer":
        options = dict(config.html_theme_options or {})
        options["announcement"] = lecturer_banner()
        config.html_theme_options = options
    context = dict(config.html_context or {})
    context["ethicskit_edition"] = chosen
    config.html_context = context


def is_lecturer(config: Config) -> bool:
    return bool(config.ethicskit_edition == "lecturer")
