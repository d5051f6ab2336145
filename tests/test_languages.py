"""The site in two languages from one source tree: a root page linking both, and on every page of each
language a switch to the same page in the other, with the page's language and its translations named."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import BOOKS, REPO, every_book
from ethicskit.languages import LANGUAGES, OWN_NAMES, language_config, other_languages, root_index
from ethicskit.sphinx import site, switch
from ethicskit.words import words_for

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SWITCH_LABEL = "This page in another language"


def test_each_language_build_sets_sphinx_language_and_the_site_languages_in_its_own_config() -> None:
    """The generated configuration is the kit's own with Sphinx's language set, so Sphinx loads its
    translations in that language from the start."""
    source = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    config = language_config(REPO, "cy")
    settings = config["sphinx"]["config"]
    assert settings["language"] == "cy" and settings["ethicskit_language"] == "cy"
    assert settings["ethicskit_site_languages"] == list(LANGUAGES)
    for key in ("language", "ethicskit_language", "ethicskit_site_languages"):
        settings.pop(key)
    assert config == source  # nothing else changes


def test_the_pseudo_locale_builds_alone_with_sphinx_in_the_source_language() -> None:
    settings = language_config(REPO, "qps", ("qps",))["sphinx"]["config"]
    assert (settings["language"], settings["ethicskit_language"]) == ("en", "qps")
    assert settings["ethicskit_site_languages"] == ["qps"]  # one language: no switch


def test_the_root_page_links_every_language_in_that_language_and_is_valid_html(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(root_index("First Loyalty"), encoding="utf-8")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.html is not None and soup.html["lang"] == LANGUAGES[0]
    assert soup.find("script") is None
    links = soup.select("main a")
    assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in links] == [
        (f"{code}/index.html", code, code, OWN_NAMES[code]) for code in LANGUAGES
    ]
    prompts = {p["lang"]: p.get_text() for p in soup.select("main p")}
    assert prompts == {
        code: words_for(code)("Choose the language to read the course in.") for code in LANGUAGES
    }
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    assert alternates == {code: f"{code}/index.html" for code in LANGUAGES}
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def switch_app(languages: list[str], language: str) -> Any:
    config = SimpleNamespace(ethicskit_site_languages=languages, language=language)
    return SimpleNamespace(config=config, builder=SimpleNamespace(format="html"), env=SimpleNamespace())


def test_the_switch_goes_before_the_themes_page_buttons_and_warns_when_they_are_gone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = switch_app(["en", "cy"], "cy")
    context: dict[str, Any] = {"theme_article_header_end": [switch.HEADER_BUTTONS]}
    switch.add_language_switch(app, "book/cases/a-case", "page.html", context, None)
    assert context["theme_article_header_end"] == [switch.SWITCH_TEMPLATE, switch.HEADER_BUTTONS]
    assert context["ethicskit_translations"] == [
        {"code": "en", "name": "English", "href": "../../../en/book/cases/a-case.html"}
    ]
    site.drop_duplicate_scripts(app, "book/cases/a-case", "page.html", {"script_files": ["a.js"]}, None)
    with caplog.at_level(logging.WARNING):
        site.report_unfound_targets(app, None)
    assert not [r for r in caplog.records if "'language-switch'" in r.getMessage()]
    missed: dict[str, Any] = {"theme_article_header_end": ["something-else.html"]}
    switch.add_language_switch(app, "index", "page.html", missed, None)
    assert missed["theme_article_header_end"] == ["something-else.html"]
    with caplog.at_level(logging.WARNING):
        site.report_unfound_targets(app, None)
    assert [r for r in caplog.records if "'language-switch'" in r.getMessage()]


def test_a_book_built_in_one_language_has_no_switch() -> None:
    context: dict[str, Any] = {"theme_article_header_end": [switch.HEADER_BUTTONS]}
    switch.add_language_switch(switch_app([], "en"), "index", "page.html", context, None)
    assert context == {"theme_article_header_end": [switch.HEADER_BUTTONS]}


def pages_of(book: Path) -> list[Path]:
    """The pages Sphinx wrote (not the language's own root, which only redirects, nor static files)."""
    return [
        path
        for path in sorted(book.rglob("*.html"))
        if path.relative_to(book).parts[0] not in ("_static", "downloads") and path != book / "index.html"
    ]


@every_book
def test_every_page_switches_to_the_same_page_in_the_other_language_and_back(
    book: str, request: pytest.FixtureRequest
) -> None:
    """Every page names its language, links to the same page in the other language (an existing page,
    whose own switch leads back), and lists both in its head."""
    built_book: Path = request.getfixturevalue(book)
    _edition, language = BOOKS[book]
    site_root = built_book.parent
    pages = pages_of(built_book)
    assert len(pages) > 20
    problems = []
    for page in pages:
        name = page.relative_to(built_book).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        if soup.html is None or soup.html.get("lang") != language:
            problems.append(f"{name}: lang is not {language}")
        switches = soup.select("nav.ek-language-switch")
        if len(switches) != 1:
            problems.append(f"{name}: {len(switches)} language switches")
            continue
        if switches[0].get("aria-label") != words_for(language)(SWITCH_LABEL):
            problems.append(f"{name}: the switch is not labelled in the page's language")
        for other in other_languages(language):
            link = switches[0].select_one(f'a[hreflang="{other}"][lang="{other}"]')
            if link is None or link.get_text(strip=True) != OWN_NAMES[other]:
                problems.append(f"{name}: no link named {OWN_NAMES[other]} to {other}")
                continue
            target = (page.parent / link["href"]).resolve()
            if target != site_root.resolve() / other / name or not target.is_file():
                problems.append(f"{name}: the switch leads to {link['href']}")
                continue
            back = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml").select_one(
                f'nav.ek-language-switch a[hreflang="{language}"]'
            )
            if back is None or (target.parent / back["href"]).resolve() != page.resolve():
                problems.append(f"{name}: the page in {other} does not lead back")
        alternates = {
            link["hreflang"]: (page.parent / link["href"]).resolve()
            for link in soup.select('head link[rel="alternate"][hreflang]')
        }
        expected = {code: site_root.resolve() / code / name for code in LANGUAGES}
        if alternates != expected:
            problems.append(f"{name}: alternate links {sorted(alternates)}")
    assert problems == []


def test_each_language_offers_the_same_downloads(built_site: Path) -> None:
    """Handouts and single-file dilemmas are built for each language, in its own folder."""
    downloads = {
        language: sorted(
            p.relative_to(built_site / language) for p in (built_site / language / "downloads").rglob("*")
        )
        for language in LANGUAGES
    }
    assert downloads[LANGUAGES[0]]
    assert all(files == downloads[LANGUAGES[0]] for files in downloads.values())
    for language in LANGUAGES:
        handout = next((built_site / language / "downloads").glob("dilemma-*.html"))
        soup = BeautifulSoup(handout.read_text(encoding="utf-8"), "html.parser")
        assert soup.html is not None and soup.html.get("lang", "").split("-")[0] == language, handout
