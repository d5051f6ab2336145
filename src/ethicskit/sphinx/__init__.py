"""Sphinx extension: renders the kit's YAML content into the book.

`setup()` reads as the extension's lifecycle, in Sphinx event order. Adjustments to the themes live
apart, in the optional site extension `ethicskit.sphinx.site`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import (
    assets,
    chapters,
    collector,
    conformance,
    content,
    directives,
    downloads,
    edition,
    language,
    nodes,
    references,
    refusal,
    roles,
    search,
    theme_words,
    translation_status,
    translations,
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("ethicskit_content_root", "", "env", [str])
    app.add_config_value("ethicskit_edition", "student", "env", [str])
    app.add_config_value("ethicskit_support_page", "book/support", "env", [str])
    app.add_config_value("ethicskit_language", "", "env", [str])
    # Every language the site is built in (ethicskit.languages sets it); pages link to each other.
    app.add_config_value("ethicskit_site_languages", [], "html", [list])
    collector.setup_collector(app)  # fewer garbage collections for the length of the build
    nodes.setup_nodes(app)
    directives.setup_directives(app)
    roles.setup_roles(app)
    search.setup_search(app)  # the Welsh book's search index and query, in Welsh
    chapters.setup_chapters(app)
    conformance.setup_conformance(app)  # the report page is read again when its evidence changes
    translation_status.setup_translation_status(app)  # notes on pages in another language; the status page
    # 0: the interface words of this build, before other extensions turn their settings into scripts
    app.connect("config-inited", language.choose_language, priority=100)
    app.connect("config-inited", translations.compile_chapter_catalogues)  # 0: chapters in that language
    app.connect("config-inited", edition.choose_edition)  # 0: before the theme reads its options (in words)
    app.connect("builder-inited", content.load_content)  # 1: catalogue on the environment
    app.connect("builder-inited", assets.add_static_assets)  # 2: HTML-only CSS and JS
    app.connect("builder-inited", refusal.build_nothing, priority=900)  # 3: unless refused above
    app.connect("env-get-outdated", content.outdated_pages)  # 3: generated lists that changed
    app.connect("env-purge-doc", content.purge_doc)  # per changed page
    app.connect("env-merge-info", content.merge_info)  # parallel reads
    app.add_transform(translations.TranslateTocCaptions)  # per page read: the parts' captions
    app.add_post_transform(references.ResolveClauseReferences)  # per page, after reading
    app.add_post_transform(references.ResolveLawReferences)
    app.add_post_transform(references.ResolveCatalogReferences)
    app.connect("html-page-context", assets.drop_page_scripts_elsewhere, priority=1000)  # per page written
    app.connect("html-page-context", language.add_script_words)  # the words those scripts show
    app.connect("build-finished", downloads.write_downloads)
    app.connect("build-finished", theme_words.write_script_words)  # search's words, as the pages'
    app.connect("build-finished", assets.refresh_static_assets)  # current CSS and JS in _static
    app.connect("build-finished", refusal.remove_scratch, priority=1000)  # last: refused builds' scratch
    return {
        "version": "0.1.0",
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
