"""Curriculum maps: frameworks and outcome maps load from YAML, bad references fail with file, line and
hint, unverified items are noted (not errors), and the map pages show both directions."""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docutils import nodes

from ethicskit.catalog import load_catalog
from ethicskit.cli import main
from ethicskit.curriculum import mapped_outcomes, unverified_in_maps, uses_of
from ethicskit.layout.nodes import catalog_ref
from ethicskit.problems import ProblemCode, Severity
from ethicskit.sphinx.curriculum import item_anchor, render_curriculum_map, render_outcome_finder
from ethicskit.words import language

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
MAPS = "curriculum/maps.yml"


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def _line_of(root: Path, file: str, text: str) -> int:
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_fixture_maps_load_and_join_outcomes_to_items(kit: Path) -> None:
    catalog, problems = load_catalog(kit)
    assert problems == []
    assert list(catalog.frameworks) == ["demo-framework"]
    mapped = mapped_outcomes(catalog)
    assert [(m.kind, m.material_id, m.outcome) for m in mapped] == [
        ("case", "demo-case", "Name the two loyalties in conflict."),
        ("seminar", "demo-seminar", "Plan how to raise the deadline in supervision."),
    ]
    assert [m.material_id for m in uses_of(catalog)["demo-framework:d-1"]] == ["demo-case", "demo-seminar"]
    assert unverified_in_maps(catalog) == []


def test_unknown_item_fails_with_file_line_and_a_close_match(kit: Path) -> None:
    maps = kit / MAPS
    maps.write_text(
        maps.read_text().replace('"demo-framework:d-1"]\nseminars', '"demo-framework:d-2"]\nseminars')
    )
    _, problems = load_catalog(kit)
    assert [(p.path, p.line, p.code) for p in problems] == [
        (MAPS, _line_of(kit, MAPS, "demo-framework:d-2"), ProblemCode.UNKNOWN_FRAMEWORK_ITEM)
    ]
    assert "did you mean 'demo-framework:d-1'?" in problems[0].message
    assert "framework-id:item-id" in problems[0].code.hint


def test_unknown_framework_names_the_known_ones(kit: Path) -> None:
    maps = kit / MAPS
    maps.write_text(maps.read_text().replace('["demo-framework:d-1"]\nseminars', '["no-such:1"]\nseminars'))
    _, problems = load_catalog(kit)
    assert [p.code for p in problems] == [ProblemCode.UNKNOWN_FRAMEWORK_ITEM]
    assert "known: demo-framework" in problems[0].message


def test_reworded_outcome_and_unknown_seminar_are_located(kit: Path) -> None:
    maps = kit / MAPS
    text = maps.read_text().replace("Name the two loyalties", "Name the three loyalties")
    maps.write_text(text.replace("  demo-seminar:", "  no-seminar:"))
    _, problems = load_catalog(kit)
    found = sorted((p.line, p.code) for p in problems)
    assert found == [
        (_line_of(kit, MAPS, "three loyalties"), ProblemCode.CURRICULUM_MAP),
        (_line_of(kit, MAPS, "no-seminar"), ProblemCode.CURRICULUM_MAP),
    ]
    reworded = next(p for p in problems if "three" in p.message)
    assert "its outcomes begin: Name the two loyalties in ..." in reworded.message


def test_unverified_item_without_a_reason_is_refused(kit: Path) -> None:
    framework = kit / "curriculum/demo-framework.yml"
    text = framework.read_text()
    framework.write_text(
        text.replace('    unverified_reason: "invented for the tests; there is no wording to read"\n', "")
    )
    _, problems = load_catalog(kit)
    assert [p.path for p in problems] == ["curriculum/demo-framework.yml"]
    assert problems[0].line == _line_of(kit, "curriculum/demo-framework.yml", 'id: "2.1"')
    assert "unverified_reason" in problems[0].message


def test_unverified_item_in_a_map_is_a_warning_shown_by_check(kit: Path) -> None:
    maps = kit / MAPS
    maps.write_text(
        maps.read_text().replace('["demo-framework:d-1"]\nseminars', '["demo-framework:2.1"]\nseminars')
    )
    catalog, problems = load_catalog(kit)
    assert problems == []
    notes = unverified_in_maps(catalog)
    assert [(n.path, n.line, n.code, n.severity) for n in notes] == [
        (
            "curriculum/demo-framework.yml",
            _line_of(kit, "curriculum/demo-framework.yml", 'id: "2.1"'),
            ProblemCode.UNVERIFIED_ITEM,
            Severity.WARNING,
        )
    ]
    result = CliRunner().invoke(main, ["check", "--root", str(kit)])
    assert result.exit_code == 0, result.output
    assert "warning: item '2.1' is mapped to 1 outcome but its wording was not verified" in result.output


def _text(found: list[nodes.Node]) -> str:
    return " ".join(node.astext() for node in found)


def test_framework_map_lists_items_with_linked_material_and_marks_the_unverified(kit: Path) -> None:
    catalog, _ = load_catalog(kit)
    built = render_curriculum_map(catalog.frameworks["demo-framework"].model, catalog)
    rows = [r for table in built for r in table.findall(nodes.row)][1:]
    assert [r["ids"] for r in rows] == [["demo-framework-d-1"], ["demo-framework-2-1"]]
    first = " ".join(rows[0].astext().split())
    assert "Case: A demonstration case · Dilemma rehearsing it: The Friday deadline" in first
    assert "Outcome: Name the two loyalties in conflict." in first
    assert "Seminar: " in first
    assert [ref["key"] for ref in rows[0].findall(catalog_ref)] == [
        "case:demo-case",
        "dilemma:demo-dilemma",
        "seminar:demo-seminar",
    ]
    second = rows[1].astext()
    assert "Unverified: invented for the tests; there is no wording to read." in second
    assert "Nothing in the kit is mapped to this item yet." in second
    assert "https://example.org/demo-framework" in _text(built)


def test_outcome_finder_goes_from_items_to_material_and_back(kit: Path) -> None:
    catalog, _ = load_catalog(kit)
    built = render_outcome_finder(catalog)
    by_item, by_material = built
    assert by_item["ids"] == ["curriculum-by-item"] and by_material["ids"] == ["curriculum-by-material"]
    links = list(by_item.findall(catalog_ref))
    assert links[0]["key"] == "framework:demo-framework"
    assert links[0]["anchor"] == item_anchor("demo-framework", "d-1")
    rows = [r for r in by_material.findall(nodes.row)][1:]
    assert len(rows) == 2
    assert (
        rows[0].astext().split("\n")[-1] == "Demo framework d-1. End of first placement: Owning your conduct"
    )


def test_repository_maps_are_valid_and_use_every_framework() -> None:
    catalog, problems = load_catalog(REPO)
    assert problems == []
    used = {ref.partition(":")[0] for ref in uses_of(catalog)}
    assert (
        used
        == set(catalog.frameworks)
        == {
            "kss-adults-2015",
            "kss-child-family-practitioners",
            "pcf-2018-levels",
            "sssc-siswe-2019",
            "swe-ets-2021",
        }
    )
    pages = sorted(p.stem for p in (REPO / "book" / "curriculum").glob("*.md"))
    assert pages == sorted([*catalog.frameworks, "index"])


def test_no_interface_text_on_the_map_pages_escapes_the_word_catalogue(kit: Path) -> None:
    """Built in the pseudo-locale, every word on the map pages is a catalogue message or content."""
    sys.path.insert(0, str(Path(__file__).parent))
    from pseudo import escaped_text

    catalog, _ = load_catalog(kit)
    with language("qps"):
        built = render_curriculum_map(catalog.frameworks["demo-framework"].model, catalog)
        built += render_outcome_finder(catalog)
    # Each outermost text element whole (a paragraph, a title), as a reader sees it: a message that holds
    # a link is split into several text nodes around it.
    texts = [
        element.astext()
        for node in built
        for element in node.findall(nodes.TextElement)
        if not isinstance(element.parent, nodes.TextElement)
    ]
    page = "<main>" + "".join(f"<p>{html.escape(text)}</p>" for text in texts) + "</main>"
    assert "Unverified" not in page and "Outcome:" not in page
    assert escaped_text(page, root=kit) == []
