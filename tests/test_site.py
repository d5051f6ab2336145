"""The site extension's theme patches: each does its job, and says so when the theme has moved on.

The strict builds of the real and fixture books (test_book, test_sphinx) show that no patch warns while
its target is there; these tests show each warns, naming itself, once its target is gone.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.utils import new_document

from ethicskit.sphinx import navigation, site
from ethicskit.sphinx.translation_status import english_titles


def fake_app(tmp_path: Path) -> Any:
    return SimpleNamespace(
        outdir=str(tmp_path / "html"), builder=SimpleNamespace(format="html"), env=SimpleNamespace()
    )


def patch_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if "site patch" in record.getMessage()]


def test_the_light_macros_are_derived_from_the_installed_theme_without_the_icon_script(
    tmp_path: Path,
) -> None:
    config = SimpleNamespace(templates_path=["_templates"], html_context={})
    site.derive_theme_templates(fake_app(tmp_path), config)
    generated = Path(config.templates_path[0]) / "static" / "webpack-macros.html"
    text = generated.read_text(encoding="utf-8")
    assert "fontawesome" not in text
    assert re.search(r"pydata-sphinx-theme\.css', 1\) }}\?digest=\w+", text)  # the theme's own digest, kept
    # The kit's templates in front of the book's; the names for the theme's own templates behind all.
    assert config.templates_path[1:] == [str(site.TEMPLATES), "_templates", str(site.INSTALLED_THEME)]


def test_the_macro_patch_warns_when_the_theme_no_longer_loads_the_icon_script(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site, "ICON_SCRIPT", re.compile("a script this theme never had"))
    config = SimpleNamespace(templates_path=[], html_context={})
    with caplog.at_level(logging.WARNING):
        site.derive_theme_templates(fake_app(tmp_path), config)
    assert [m for m in patch_warnings(caplog) if "'light-asset-macros'" in m]
    generated = Path(config.templates_path[0])
    assert not (generated / "static" / "webpack-macros.html").exists()  # the theme's own macros, unchanged
    assert (generated / "search-button-field.html").is_file()  # the other patch still made


def test_the_search_button_is_named_by_the_words_it_shows_in_the_builds_language(tmp_path: Path) -> None:
    """The theme names its search button "Search" while it shows "Search Ctrl+K": without the name,
    the button is named by what it shows (WCAG 2.5.3), its word still looked up in the catalogue."""
    config = SimpleNamespace(templates_path=["_templates"], html_context={})
    site.derive_theme_templates(fake_app(tmp_path), config)
    button = (Path(config.templates_path[0]) / "search-button-field.html").read_text(encoding="utf-8")
    assert "aria-label" not in button
    assert "<span class=\"search-button__default-text\">{{ _('Search') }}</span>" in button
    assert "<kbd" in button


def test_the_search_button_patch_warns_when_the_theme_names_its_button_otherwise(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site, "SEARCH_BUTTON_NAME", ' aria-label="a name this theme never gave"')
    config = SimpleNamespace(templates_path=[], html_context={})
    with caplog.at_level(logging.WARNING):
        site.derive_theme_templates(fake_app(tmp_path), config)
    assert [m for m in patch_warnings(caplog) if "'search-button-name'" in m]
    assert not (Path(config.templates_path[0]) / "search-button-field.html").exists()


def test_the_bibliography_patch_removes_the_roles_and_warns_when_they_are_gone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = fake_app(tmp_path)
    context = {"body": '<div role="list" class="citation-list"><div role="doc-biblioentry">A</div></div>'}
    site.plain_citation_lists(app, "book/references", "page.html", context, None)
    assert context["body"] == '<div class="citation-list"><div>A</div></div>'
    with caplog.at_level(logging.WARNING):
        site.plain_citation_lists(
            app, "book/references", "page.html", {"body": '<ul class="citation-list">'}, None
        )
    assert [m for m in patch_warnings(caplog) if "'plain-citation-lists'" in m and "book/references" in m]


def test_page_patches_that_found_nothing_in_a_whole_build_warn_once_it_ends(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = fake_app(tmp_path)
    script = SimpleNamespace(filename="_static/x.js", attributes={})
    context: dict[str, Any] = {"script_files": [script], "css_files": []}
    site.drop_duplicate_scripts(app, "index", "page.html", context, None)
    site.drop_unused_assets(app, "index", "page.html", context, None)
    with caplog.at_level(logging.WARNING):
        site.report_unfound_targets(app, None)
    found = patch_warnings(caplog)
    patches = ("drop-duplicate-scripts", "drop-unused-assets", "drop-code-assets", "hold-back-sidebar-nav")
    for patch in patches:
        assert [m for m in found if f"'{patch}'" in m], patch


def test_code_styles_and_copy_buttons_load_only_on_pages_with_a_block_of_code(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    code_assets = [SimpleNamespace(filename=f"_static/{name}", attributes={}) for name in site.CODE_ASSETS]
    other = SimpleNamespace(filename="_static/ethicskit.js", attributes={})

    def loaded(doctree: Any) -> list[str]:
        context: dict[str, Any] = {"script_files": [*code_assets, other], "css_files": list(code_assets)}
        site.drop_unused_assets(app, "page", "page.html", context, doctree)
        return sorted({Path(a.filename).name for a in [*context["script_files"], *context["css_files"]]})

    prose = new_document("page.md")
    prose += nodes.paragraph(text="Only words here.")
    assert loaded(prose) == ["ethicskit.js"]
    with_code = new_document("page.md")
    with_code += nodes.literal_block(text="make book")
    assert loaded(with_code) == sorted({"ethicskit.js", *site.CODE_ASSETS})
    assert loaded(None) == ["ethicskit.js"]  # the search and index pages show no code


def test_page_patches_that_did_their_work_stay_quiet(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = fake_app(tmp_path)
    twice = [SimpleNamespace(filename="_static/x.js", attributes={})] * 2
    unused = SimpleNamespace(filename="_static/sphinx-thebe.js", attributes={})
    context: dict[str, Any] = {
        "script_files": [*twice, unused],
        "css_files": [SimpleNamespace(filename="_static/pygments.css", attributes={})],  # no code here
        "sidebars": [navigation.NAV_TEMPLATE],
    }
    site.drop_duplicate_scripts(app, "index", "page.html", context, None)
    site.drop_unused_assets(app, "index", "page.html", context, None)
    navigation.hold_back_sidebar_nav(app, "index", "page.html", context, None)
    assert [s.filename for s in context["script_files"]] == ["_static/x.js"]
    with caplog.at_level(logging.WARNING):
        site.report_unfound_targets(app, None)
    assert patch_warnings(caplog) == []


def test_a_title_still_in_english_is_marked_in_the_sidebar_and_the_patch_warns_if_none_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """On a page in another language, a sidebar link to a page whose title is still English says so
    (`lang="en"`); if a build has such pages but marked no link, the theme's sidebar has changed."""
    app = fake_app(tmp_path)
    site.drop_duplicate_scripts(app, "book/b", "page.html", {"script_files": ["a.js"]}, None)
    english_titles(app.env).add("book/a")
    with caplog.at_level(logging.WARNING):
        site.report_unfound_targets(app, None)
    assert [m for m in patch_warnings(caplog) if "'mark-english-titles'" in m]
    caplog.clear()
    sidebar = (
        '<a class="reference internal" href="a.html">A</a>'
        '<a class="current reference internal" href="#">B</a>'
        '<a class="reference internal" href="../index.html">C</a>'
    )
    assert navigation.mark_english_titles(app, "book/b", sidebar) == (
        '<a class="reference internal" href="a.html" lang="en">A</a>'
        '<a class="current reference internal" href="#">B</a>'
        '<a class="reference internal" href="../index.html">C</a>'
    )
    english_titles(app.env).add("book/b")
    assert 'href="#" lang="en">B' in navigation.mark_english_titles(app, "book/b", sidebar)
    with caplog.at_level(logging.WARNING):
        site.report_unfound_targets(app, None)
    assert not [m for m in patch_warnings(caplog) if "'mark-english-titles'" in m]


def test_the_neighbours_and_the_contents_list_mark_only_the_titles_still_in_english(tmp_path: Path) -> None:
    """At a page's foot, the previous or next page's title is marked when that page's title is still
    English; in its contents list, each heading of its own still in English is, and nothing else."""
    app = fake_app(tmp_path)
    english_titles(app.env).update({"book/a", "book/b"})
    document = new_document("b")
    for ident, english in (("kept", True), ("translated", False)):
        section = nodes.section(ids=[ident])
        section += nodes.title("", ident, classes=["language-en"] if english else [])
        document += section
    context: dict[str, Any] = {
        "prev": {"link": "a.html", "title": "A"},
        "next": {"link": "c.html", "title": "C"},
        "toc": (
            '<a class="reference internal nav-link" href="#">B</a>'
            '<a class="reference internal nav-link" href="#kept">kept</a>'
            '<a class="reference internal nav-link" href="#translated">translated</a>'
            '<a class="reference internal nav-link" href="a.html#kept">elsewhere</a>'
        ),
    }
    navigation.mark_english_neighbours(app, "book/b", "page.html", context, document)
    assert context["prev"]["title"] == '<span lang="en">A</span>'
    assert context["next"]["title"] == "C"
    assert context["toc"] == (
        '<a class="reference internal nav-link" href="#" lang="en">B</a>'
        '<a class="reference internal nav-link" href="#kept" lang="en">kept</a>'
        '<a class="reference internal nav-link" href="#translated">translated</a>'
        '<a class="reference internal nav-link" href="a.html#kept">elsewhere</a>'
    )
