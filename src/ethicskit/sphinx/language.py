"""Which language the kit's interface words are built in, and the words each page's scripts show.

The language is `ethicskit_language` in `_config.yml`, else the ETHICSKIT_LANGUAGE environment
variable, else Sphinx's `language`; `qps` builds in the pseudo-locale, where every interface message
is visibly transformed, to find any text that escapes the catalogue.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .. import words
from ..export import script_words_element
from . import theme_words
from .assets import page_classes, page_scripts
from .refusal import refuse

logger = logging.getLogger(__name__)


def choose_language(app: Sphinx, config: Config) -> None:
    chosen = os.environ.get("ETHICSKIT_LANGUAGE") or config.ethicskit_language or config.language or "en"
    try:
        words.set_language(chosen)
    except words.CatalogueError as error:
        refuse(app, str(error))
        chosen = words.SOURCE_LANGUAGE  # the rest of the set-up needs words; nothing will be built
        words.set_language(chosen)
    config.ethicskit_language = chosen
    # Sphinx's own language follows, so the page's `lang` attribute and the translation of the chapters
    # (from their message catalogues) match the interface; the pseudo-locale is not a language Sphinx
    # knows, so its build keeps Sphinx in English.
    if chosen != words.PSEUDO_LANGUAGE:
        config.language = chosen
    # Sphinx and the themes loaded their words before this event, in the configuration file's
    # language: load them again in the chosen one, with the kit's Welsh for what they lack.
    theme_words.follow(app, config.language)


def add_script_words(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give each page the words of the scripts it runs, and only those."""
    scripts = page_scripts(page_classes(doctree))
    if scripts and "body" in context:
        context["body"] += script_words_element(scripts)
