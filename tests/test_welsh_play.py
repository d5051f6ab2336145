"""The Welsh pilot as a learner meets it in Chromium: every recorded path of each pilot dilemma played
by keyboard in the Welsh book, with Welsh buttons and headings, and a reflection written in Welsh kept
and exported intact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import (
    REPO,
    WALKTHROUGHS,
    load_walkthroughs,
    play_choices_by_keyboard,
    press_until_focused,
    settled_storage,
)
from ethicskit.catalog import Catalog, load_catalog
from ethicskit.words import _, language

WELSH = "cy"
DILEMMAS = "exercises/dilemmas/"


def pilot_dilemmas() -> list[str]:
    """The dilemmas the Welsh pilot translates, as its review file lists them."""
    with (REPO / "translations" / WELSH / "review.yml").open(encoding="utf-8") as stream:
        items = yaml.safe_load(stream)["items"]
    return sorted(Path(item["source"]).stem for item in items if item["source"].startswith(DILEMMAS))


PILOT = pilot_dilemmas()
WALKS = [(path.stem, walk) for path in WALKTHROUGHS if path.stem in PILOT for walk in load_walkthroughs(path)]


def welsh(message: str, **values: object) -> str:
    with language(WELSH):
        return _(message, **values)


@pytest.fixture(scope="module")
def welsh_catalog() -> Catalog:
    with language(WELSH):
        catalog, problems = load_catalog(REPO)
    assert problems == []
    return catalog


def test_the_pilot_has_a_dilemma_with_recorded_paths() -> None:
    assert PILOT and {dilemma for dilemma, _walk in WALKS} == set(PILOT)


@pytest.mark.parametrize(
    ("dilemma_id", "walk"), WALKS, ids=[f"{d}-{w['ending']}-{len(w['choices'])}" for d, w in WALKS]
)
def test_every_path_of_the_pilot_dilemma_plays_in_welsh_by_keyboard(
    page: Page, site_server: str, welsh_catalog: Catalog, dilemma_id: str, walk: dict[str, Any]
) -> None:
    dilemma = welsh_catalog.dilemmas[dilemma_id].model
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}
    english, _problems = load_catalog(REPO)
    english_labels = {c.id: c.label for n in english.dilemmas[dilemma_id].model.nodes for c in n.choices}
    assert all(labels[c] != english_labels[c] for c in walk["choices"])  # the choices are in Welsh
    page.goto(f"{site_server}/{WELSH}/book/dilemmas/{dilemma_id}.html")
    expect(page.locator("html")).to_have_attribute("lang", WELSH)
    play_choices_by_keyboard(page, labels, walk["choices"], code=WELSH)
    title = next(ending.title for ending in dilemma.endings if ending.id == walk["ending"])
    expect(page.locator(".ek-step-heading")).to_have_text(welsh("Ending: {title}", title=title))
    shown = [
        [int(cell.split()[0]) for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(".ek-summary-table tbody tr").all()
    ]
    assert shown == walk["perspectives"]


# Written for this test: Welsh with every diacritic the language uses, an apostrophe and a dash.
REFLECTION = "Roedd hi'n anodd aros — ŵyr, ŷd, â, ê, î, ô, û, ẁ, ẃ, ẅ, ỳ, ý, ÿ; ond fe siaradais â'm rheolwr."


def test_a_reflection_written_in_welsh_is_kept_and_exported_intact(
    page: Page, site_server: str, welsh_catalog: Catalog, tmp_path: Path
) -> None:
    dilemma_id, walk = WALKS[0]
    dilemma = welsh_catalog.dilemmas[dilemma_id].model
    labels = {choice.id: choice.label for node in dilemma.nodes for choice in node.choices}
    page.goto(f"{site_server}/{WELSH}/book/dilemmas/{dilemma_id}.html")
    play_choices_by_keyboard(page, labels, walk["choices"], code=WELSH)
    area = page.locator(".ek-reflection textarea").first
    area.focus()
    page.keyboard.type(REFLECTION)
    settled_storage(page)
    page.reload()
    expect(page.locator(".ek-reflection textarea").first).to_have_value(REFLECTION)

    page.goto(f"{site_server}/{WELSH}/book/reflections.html")
    expect(page.locator(".ek-reflection-list")).to_contain_text(REFLECTION)
    download = welsh("Download as Markdown")
    press_until_focused(page, download)
    with page.expect_download() as markdown:
        page.keyboard.press("Enter")
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert REFLECTION in text
    assert f"## {dilemma.title}" in text
    ending = next(ending.title for ending in dilemma.endings if ending.id == walk["ending"])
    assert ending in text
