"""Each dilemma's diagram, as Graphviz draws it from the model: what it shows, how, and that it is stable."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, REPO
from ethicskit import diagram
from ethicskit.catalog import load_catalog
from ethicskit.engine import decision_numbers, titles
from ethicskit.models import Dilemma
from test_engine import BASE, choice, ending, node
from test_engine import dilemma as dilemma_of

SVG = "{http://www.w3.org/2000/svg}"
CATALOG, _ = load_catalog(REPO)
DILEMMAS = sorted(CATALOG.dilemmas.values(), key=lambda loaded: loaded.model.id)
ids = [loaded.model.id for loaded in DILEMMAS]


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def text_of(group: ET.Element) -> str:
    return " ".join(" ".join(t.text or "" for t in group.iter(f"{SVG}text")).split())


def groups(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if kind in (g.get("class") or "").split()}


@pytest.mark.parametrize("loaded", DILEMMAS, ids=ids)
def test_every_decision_ending_and_choice_is_drawn_with_the_numbers_used_everywhere(loaded: Any) -> None:
    dilemma: Dilemma = loaded.model
    root = parsed(diagram.diagram_svg(dilemma))
    named = titles(dilemma)
    boxes = groups(root, "node")
    assert set(boxes) == {diagram.map_id(dilemma.id, item) for item in named}
    for item, title in named.items():
        box = boxes[diagram.map_id(dilemma.id, item)]
        assert text_of(box) == title
        link = box.find(f".//{SVG}a")
        assert link is not None and link.get("href") == f"#dilemma-{dilemma.id}-{item}"
    arrows = groups(root, "edge")
    choices = [c for n in dilemma.nodes for c in n.choices]
    assert set(arrows) == {diagram.map_id(dilemma.id, c.id) for c in choices}
    for c in choices:
        arrow = arrows[diagram.map_id(dilemma.id, c.id)]
        assert text_of(arrow).startswith(" ".join(c.label.split()))
        line = arrow.find(f"{SVG}path")
        assert line is not None
        dashes = line.get("stroke-dasharray")
        # Told apart by line style, not only colour: escalation dashed and heavy, conditional dotted.
        if c.when:
            assert "ek-conditional" in (arrow.get("class") or "") and dashes == "1,5"
            assert "[only after an earlier choice]" in text_of(arrow)
        elif c.escalation is not None:
            assert "ek-escalation" in (arrow.get("class") or "") and dashes == "5,2"
            assert float(line.get("stroke-width", "1")) >= 3
            assert f"[escalation: {c.escalation.value.replace('-', ' ')}]" in text_of(arrow)
        else:
            assert dashes is None
    cluster = root.find(f".//{SVG}g[@class='cluster']")
    assert cluster is not None and text_of(cluster) == "Endings"


@pytest.mark.parametrize("loaded", DILEMMAS, ids=ids)
def test_the_svg_is_clean_black_on_white_legible_and_labelled(loaded: Any) -> None:
    dilemma: Dilemma = loaded.model
    svg = diagram.diagram_svg(dilemma)
    assert "<!--" not in svg and "graphviz" not in svg.lower() and "xlink" not in svg
    root = parsed(svg)
    assert root.find(f".//{SVG}title") is None
    assert root.get("aria-labelledby") == diagram.caption_id(dilemma)
    assert root.get("viewBox") and re.fullmatch(r"min-width: \d+px", root.get("style", ""))
    every_id = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(every_id) == len(set(every_id))
    assert all(i.startswith(f"ek-map-{dilemma.id}-") for i in every_id)
    colours = {
        element.get(attribute)
        for element in root.iter()
        for attribute in ("fill", "stroke")
        if element.get(attribute)
    }
    assert colours <= {"#000000", "#ffffff", "black", "white", "none", "transparent"}
    sizes = {float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text")}
    assert min(sizes) >= 14
    width = float(root.get("width", "0"))
    # On screen the diagram never shrinks so far that 14-unit text falls under 12px.
    assert int(root.get("style", "").split()[1].removesuffix("px")) >= round(width * 12 / 14)


def test_a_diagram_is_the_same_bytes_every_time_it_is_drawn() -> None:
    dilemma = DILEMMAS[0].model
    first = diagram._layout.__wrapped__(diagram.dot_source(dilemma))
    second = diagram._layout.__wrapped__(diagram.dot_source(dilemma))
    assert diagram._tidy(first, "x", True) == diagram._tidy(second, "x", True)


def test_labels_cannot_break_out_of_the_graph_description() -> None:
    """A label full of DOT syntax is drawn as text: it adds no box, arrow or attribute."""
    sneaky = 'Say "no"]; injected [label="boo'
    graph = {
        **BASE,
        "title": 'A title with "quotes" and a back\\slash',
        "nodes": [
            node("deadline", choice("comply", "ending-time", label=sneaky)),
        ],
        "endings": BASE["endings"][:1],
    }
    dilemma = Dilemma.model_validate(graph)
    root = parsed(diagram.diagram_svg(dilemma))
    assert len(groups(root, "node")) == 2 and len(groups(root, "edge")) == 1
    assert text_of(next(iter(groups(root, "edge").values()))).startswith(sneaky)


def test_without_graphviz_the_build_and_the_command_say_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRAPHVIZ_DOT", str(tmp_path / "no-dot"))
    with pytest.raises(diagram.DiagramError, match="does not exist"):
        diagram.find_dot()
    result = subprocess.run(
        [
            *(str(Path(sys.executable).parent / "ethicskit"), "export", "dilemma", "demo-dilemma"),
            *("-o", str(tmp_path / "d.html"), "--root", str(FIXTURES / "valid")),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(tmp_path), "GRAPHVIZ_DOT": str(tmp_path / "no-dot")},
    )
    assert result.returncode == 1
    assert "GRAPHVIZ_DOT is set to" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "d.html").exists()
    monkeypatch.delenv("GRAPHVIZ_DOT")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(diagram.DiagramError, match="apt-get install graphviz"):
        diagram.find_dot()


@pytest.mark.parametrize("loaded", DILEMMAS, ids=ids)
def test_the_printed_diagram_keys_every_arrow_and_fits_a_page_with_legible_labels(loaded: Any) -> None:
    """On paper each arrow carries its key (2b: the second choice at Decision 2), not the choice's
    words, so the whole diagram fits one A4 page with no label under 8 pt; the keys are listed."""
    from ethicskit.layout.dilemma import key_to_the_arrows
    from ethicskit.layout.paper import html_of

    dilemma: Dilemma = loaded.model
    root = parsed(diagram.diagram_svg(dilemma, printed=True))
    keys = diagram.choice_keys(dilemma)
    numbers = decision_numbers(dilemma)
    arrows = groups(root, "edge")
    for n in dilemma.nodes:
        for position, c in enumerate(n.choices):
            assert keys[c.id] == f"{numbers[n.id]}{'abcdefgh'[position]}"
            assert text_of(arrows[diagram.map_id(dilemma.id, c.id)]) == keys[c.id]
    boxes = groups(root, "node")
    assert {text_of(box) for box in boxes.values()} == set(titles(dilemma).values())
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    points, _ = diagram.printed_text_pt(width, height)
    assert points >= diagram.SMALLEST_PRINTED_PT
    assert min(float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text")) >= 14
    listed = html_of(key_to_the_arrows(dilemma, titles(dilemma)), CATALOG)
    for c in (c for n in dilemma.nodes for c in n.choices):
        assert f'<strong class="ek-key">{keys[c.id]}</strong> ' in listed


def test_with_the_words_on_its_arrows_the_largest_diagram_would_print_too_small() -> None:
    """Why paper has a layout of its own: the screen's diagram, printed, falls under 8 pt."""
    largest = max(DILEMMAS, key=lambda loaded: len(loaded.model.endings)).model
    root = parsed(diagram.diagram_svg(largest))
    points, _ = diagram.printed_text_pt(float(root.get("width", "0")), float(root.get("height", "0")))
    assert points < diagram.SMALLEST_PRINTED_PT


def test_a_printed_diagram_with_too_many_endings_for_one_row_lets_them_sit_at_their_depth() -> None:
    """Seventeen endings in a row would print too small to read; the paper layout then gives up the
    single row (the endings stay boxed together) rather than the legibility."""
    chain = [f"d{i}" for i in range(8)]
    nodes_ = [
        node(
            here,
            choice(f"stop-{here}", f"end-{here}"),
            choice(f"leave-{here}", f"left-{here}"),
            choice(f"go-{here}", after),
        )
        for here, after in zip(chain, [*chain[1:], "end-last"], strict=True)
    ]
    endings = [
        ending(f"{kind}-{here}", title=f"Ending {kind} {here}") for here in chain for kind in ("end", "left")
    ]
    many = dilemma_of(nodes_, [*endings, ending("end-last", title="The last")], "d0")
    in_a_row = diagram._layout(diagram.dot_source(many, printed=True))
    assert diagram.printed_text_pt(*diagram._size(in_a_row))[0] < diagram.SMALLEST_PRINTED_PT
    root = parsed(diagram.diagram_svg(many, printed=True))
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert diagram.printed_text_pt(width, height)[0] >= diagram.SMALLEST_PRINTED_PT
    assert len(groups(root, "node")) == 8 + 17
    cluster = root.find(f".//{SVG}g[@class='cluster']")
    assert cluster is not None and text_of(cluster) == "Endings"
