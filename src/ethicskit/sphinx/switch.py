"""The language switch: every page links to the same page in each other language of the site.

The site is built once per language into sibling folders (`en/`, `cy/`; see `ethicskit.languages`),
from the same source tree, so every page exists in every language under the same name, and the link is
relative: it works from a web server and from the disk alike. Each page also names its translations in
its head (`<link rel="alternate" hreflang=...>`), for search engines and assistive tools.

A book built on its own, as one language (`ethicskit_site_languages` empty), has no switch.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..languages import OWN_NAMES
from ..words import _

SWITCH_TEMPLATE = "ek-language-switch.html"
HEADER_BUTTONS = "article-header-buttons.html"
"""The theme's page-level buttons (download, search, contents), at the top of every article: the switch
goes just before them."""


def site_languages(app: Sphinx) -> list[str]:
    languages: list[str] = list(app.config.ethicskit_site_languages or [])
    return languages if len(languages) > 1 else []


def page_language(app: Sphinx) -> str:
    return str(app.config.language or "en")


def translation_href(pagename: str, to: str) -> str:
    """The address of the page in language `to`, relative to the same page in any other language: every
    language's folder sits at the same depth, so the address is the same from each."""
    return "../" * (pagename.count("/") + 1) + f"{to}/{pagename}.html"


def translations(app: Sphinx, pagename: str) -> list[dict[str, str]]:
    """The page in each other language of the site: code, own name, label and address."""
    here = page_language(app)
    return [
        {
            "code": code,
            "name": OWN_NAMES.get(code, code),
            "href": translation_href(pagename, code),
        }
        for code in site_languages(app)
        if code != here
    ]


def add_language_switch(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give the page its translations, for its head and for the switch beside the theme's buttons."""
    others = translations(app, pagename)
    if not others:
        return
    here = page_language(app)
    alternates = [{"code": here, "href": f"{'../' * pagename.count('/')}{pagename}.html"}, *others]
    context["ethicskit_alternates"] = alternates
    context["ethicskit_translations"] = others
    context["ethicskit_switch_label"] = _("This page in another language")
    items = context.get("theme_article_header_end")
    counts: dict[str, int] = app.builder.__dict__.setdefault("ethicskit_site_counts", {})
    if isinstance(items, list) and HEADER_BUTTONS in items:
        if SWITCH_TEMPLATE not in items:
            context["theme_article_header_end"] = [SWITCH_TEMPLATE, *items]
        counts["language-switch"] = counts.get("language-switch", 0) + 1
    else:
        counts["language-switch-missed"] = counts.get("language-switch-missed", 0) + 1
