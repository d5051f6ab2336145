"""Each dilemma drawn as a branching diagram: this module says what to draw, Graphviz lays it out.

The diagram is built from the validated model, with the decision numbers every other output uses
(`engine.decision_numbers`). Graphviz's SVG is then tidied so the result can sit inside an HTML page:
no comments or version stamps, no tooltips, ids prefixed with the dilemma's id (so several diagrams can
share a page), links written the HTML way. The same model therefore always gives the same bytes.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from html import escape

from .engine import decision_numbers, titles
from .models import Choice, Dilemma
from .words import _

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
FONT = "Helvetica"
"""Graphviz measures text with this font; browsers and printers fall back to any sans-serif."""


class DiagramError(Exception):
    """A diagram could not be drawn; the message says why and what to do."""


def find_dot() -> str:
    """GRAPHVIZ_DOT from the environment, else `dot` on PATH."""
    configured = os.environ.get("GRAPHVIZ_DOT")
    if configured:
        if not os.path.isfile(configured):
            raise DiagramError(_("GRAPHVIZ_DOT is set to '{path}', which does not exist", path=configured))
        return configured
    found = shutil.which("dot")
    if found is None:
        raise DiagramError(
            _(
                "drawing the dilemma diagrams needs Graphviz: run 'make graphviz' as root, or "
                "'sudo apt-get install graphviz', or set GRAPHVIZ_DOT=/path/to/dot"
            )
        )
    return found


def map_id(dilemma_id: str, item_id: str) -> str:
    """The id of a decision, ending or choice inside a dilemma's diagram."""
    return f"ek-map-{dilemma_id}-{item_id}"


def _quote(text: str) -> str:
    """A DOT string: backslashes and quotes escaped, so a label can never become an instruction."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or " "


def choice_kind(choice: Choice) -> list[str]:
    """The classes a choice's arrow carries: an escalation step, a conditional choice, or neither."""
    kinds = []
    if choice.escalation is not None:
        kinds.append("ek-escalation")
    if choice.when:
        kinds.append("ek-conditional")
    return kinds


def choice_keys(dilemma: Dilemma) -> dict[str, str]:
    """Each choice's key on the printed diagram: its decision's number and a letter in listed order
    ("2b" is the second choice at Decision 2), so the key says where to find the choice in the handout."""
    numbers = decision_numbers(dilemma)
    return {
        choice.id: f"{numbers[node.id]}{chr(ord('a') + index)}"
        for node in dilemma.nodes
        for index, choice in enumerate(node.choices)
    }


def dot_source(dilemma: Dilemma, printed: bool = False, endings_in_a_row: bool = True) -> str:
    """The dilemma as a Graphviz graph: decisions and endings as boxes, choices as labelled arrows.

    `printed` draws the paper layout: each arrow carries its key ("2b") instead of the choice's words,
    which the handout lists beside the diagram (`choice_key_list`). On screen the diagram scrolls
    sideways, so it can afford every choice written out on its arrow; on paper it must fit one page,
    and with the words on the arrows the larger dilemmas shrank until their labels printed at 5 to
    6.5 pt. Keyed arrows keep the whole shape on one page at print size, with the words in 9 pt
    text under it; splitting the map over pages would have kept the words on the arrows but lost the
    shape at a glance, which is what a seminar plans from. `endings_in_a_row=False` lets the endings
    sit at different depths (still boxed together), for a dilemma with too many to fit one row.
    """
    named = titles(dilemma)
    numbers = decision_numbers(dilemma)
    keys = choice_keys(dilemma)
    lines = [
        f"digraph {_quote(dilemma.id)} {{",
        f"  graph [id={_quote(map_id(dilemma.id, 'graph'))}, rankdir=TB, newrank=true, nodesep=0.12, "
        f'ranksep=0.2, fontname="{FONT}", fontsize=15, pad=0.1];',
        f'  node [fontname="{FONT}", fontsize=16, shape=box, color="#000000", fontcolor="#000000", '
        'fillcolor="#ffffff", penwidth=1.5, margin="0.1,0.05"];',
        f'  edge [fontname="{FONT}", fontsize=14, color="#000000", fontcolor="#000000", penwidth=1.5, '
        "arrowsize=0.9];",
    ]
    for node in sorted(dilemma.nodes, key=lambda node: numbers[node.id]):
        lines.append(
            f"  {_quote(node.id)} [id={_quote(map_id(dilemma.id, node.id))}, "
            f'class="ek-decision", style="rounded,filled", label={_quote(named[node.id])}, '
            f'URL={_quote("#dilemma-" + dilemma.id + "-" + node.id)}, tooltip=" "];'
        )
    in_a_row = " rank=same;" if endings_in_a_row else ""
    # Messages are looked up outside f-strings: the message extractor does not read inside them.
    endings_label = _("Endings")
    lines.append(
        f"  subgraph cluster_endings {{ id={_quote(map_id(dilemma.id, 'endings'))}; "
        f'label={_quote(endings_label)}; labelloc=b; style=dashed; color="#000000";{in_a_row}'
    )
    for ending in dilemma.endings:
        lines.append(
            f"    {_quote(ending.id)} [id={_quote(map_id(dilemma.id, ending.id))}, "
            f'class="ek-ending", style=filled, peripheries=2, label={_quote(_wrap(named[ending.id], 13))}, '
            f'URL={_quote("#dilemma-" + dilemma.id + "-" + ending.id)}, tooltip=" "];'
        )
    lines.append("  }")
    for node in sorted(dilemma.nodes, key=lambda node: numbers[node.id]):
        for choice in node.choices:
            label = keys[choice.id] if printed else _wrap(choice.label, 18)
            style = "solid"
            width = 1.5
            if choice.escalation is not None:
                if not printed:
                    label += "\n" + _("[escalation: {route}]", route=choice.escalation.label)
                style, width = "dashed", 3.0
            if choice.when:
                if not printed:
                    label += "\n" + _("[only after an earlier choice]")
                style = "dotted"
                width = max(width, 2.2)
            kinds = " ".join(choice_kind(choice))
            edge_id = _quote(map_id(dilemma.id, choice.id))
            lines.append(
                f"  {_quote(node.id)} -> {_quote(choice.leads_to)} [id={edge_id}, "
                f"class={_quote(kinds)}, style={style}, penwidth={width}, label={_quote(label)}];"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=64)
def _layout(source: str) -> str:
    """Graphviz's SVG for a DOT source; the same source is laid out once per process."""
    try:
        result = subprocess.run(
            [find_dot(), "-Tsvg"], input=source, capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        raise DiagramError(_("Graphviz did not finish laying out a diagram within 60 seconds")) from None
    if result.returncode != 0:
        raise DiagramError(
            _("Graphviz could not lay out a diagram: {error}", error=result.stderr.strip()[-500:])
        )
    return result.stdout


def _tidy(svg_text: str, label_id: str, links: bool) -> str:
    """Graphviz's SVG made fit for an HTML page, and byte-stable."""
    ET.register_namespace("", SVG)
    root = ET.fromstring(svg_text.encode("utf-8"))  # comments and the doctype are dropped here
    for parent in root.iter():
        for child in list(parent):
            if child.tag == f"{{{SVG}}}title":
                parent.remove(child)
            elif child.tag == f"{{{SVG}}}a" and not links:
                index = list(parent).index(child)
                parent.remove(child)
                for offset, grandchild in enumerate(child):
                    parent.insert(index + offset, grandchild)
    for element in root.iter():
        if element.tag == f"{{{SVG}}}a":
            href = element.attrib.pop(f"{{{XLINK}}}href", "")
            element.attrib.pop(f"{{{XLINK}}}title", None)
            element.set("href", href)
        elif element.tag == f"{{{SVG}}}g" and element.get("id", "").startswith("a_"):
            del element.attrib["id"]  # Graphviz's wrapper around each link needs no id of its own
        if element.get("font-family"):
            element.set("font-family", "Helvetica, Arial, sans-serif")
    view = (root.get("viewBox") or "0 0 0 0").split()
    width, height = (round(float(value)) for value in view[2:4])
    attributes = {
        "width": str(width),
        "height": str(height),
        "viewBox": root.get("viewBox", ""),
        "class": "ek-diagram-svg",
        "role": "group",
        "aria-labelledby": label_id,
        # On screen a diagram shrinks with the column only so far that its smallest text stays 12px;
        # beyond that it scrolls sideways. Print fits it to the page instead (handout.css).
        "style": f"min-width: {round(width * MIN_SCALE)}px",
    }
    root.attrib.clear()
    root.attrib.update(attributes)
    return ET.tostring(root, encoding="unicode")


MIN_SCALE = 12 / 14
"""The smallest on-screen scale: arrow labels are set at 14 units, so text never falls below 12px."""


def caption_id(dilemma: Dilemma) -> str:
    return f"dilemma-{dilemma.id}-diagram-caption"


def _size(svg_text: str) -> tuple[float, float]:
    view = (ET.fromstring(svg_text.encode("utf-8")).get("viewBox") or "0 0 1 1").split()
    return float(view[2]), float(view[3])


PORTRAIT = (673.0, 839.0)
LANDSCAPE = (1017.0, 548.0)
"""Room for a diagram on an A4 page, in CSS pixels, below its heading and above its caption: the
page's width inside its margins, and the largest height handout.css allows (222 mm, or 145 mm on a
landscape page)."""

SMALLEST_TEXT_UNITS = 14
"""The smallest text in a diagram (the arrows' labels), in SVG units: CSS pixels at full size."""
SMALLEST_PRINTED_PT = 8.0
"""No label of a printed diagram may come out smaller than this, in points on paper."""


def printed_text_pt(width: float, height: float) -> tuple[float, bool]:
    """(the smallest label's size in points, landscape?) for a diagram this size, printed as large
    as fits on a portrait or a landscape A4 page (whichever is larger), never above full size."""
    portrait = min(1.0, PORTRAIT[0] / width, PORTRAIT[1] / height)
    landscape = min(1.0, LANDSCAPE[0] / width, LANDSCAPE[1] / height)
    return SMALLEST_TEXT_UNITS * max(portrait, landscape) * 0.75, portrait < landscape


def _source(dilemma: Dilemma, printed: bool) -> str:
    """The DOT source to draw: the screen's, or the paper's that prints legibly.

    On paper the endings sit in one row at the foot, as on screen, unless so many of them would make
    the page's labels smaller than `SMALLEST_PRINTED_PT`; then they may sit at different depths."""
    if not printed:
        return dot_source(dilemma)
    in_a_row = dot_source(dilemma, printed=True)
    if printed_text_pt(*_size(_layout(in_a_row)))[0] >= SMALLEST_PRINTED_PT:
        return in_a_row
    return dot_source(dilemma, printed=True, endings_in_a_row=False)


def diagram_svg(dilemma: Dilemma, links: bool = True, printed: bool = False) -> str:
    """The dilemma's diagram as inline SVG, labelled by its caption; `links` makes each box a link,
    `printed` draws the paper layout (keyed arrows, see `dot_source`)."""
    return _tidy(_layout(_source(dilemma, printed)), caption_id(dilemma), links)


def is_wide(dilemma: Dilemma, printed: bool = False) -> bool:
    """Whether the diagram prints larger on a landscape page than on a portrait one."""
    return printed_text_pt(*_size(_layout(_source(dilemma, printed))))[1]


def legend() -> str:
    """The legend of the on-screen diagram, whose arrows carry the choices' words."""
    return _(
        "Decisions are rounded boxes, numbered as everywhere else; endings are double-bordered boxes, "
        "grouped at the foot. Each arrow is a choice, labelled with what you do. A heavy dashed arrow is "
        "an escalation step; a dotted arrow is a choice offered only after an earlier one."
    )


def printed_legend() -> str:
    """The legend of the printed diagram, whose arrows carry keys rather than the choices' words."""
    return _(
        "Decisions are rounded boxes, numbered as everywhere else; endings are double-bordered boxes, "
        "grouped at the foot. Each arrow is a choice, marked with its key (2b is the second choice at "
        "Decision 2), and the key to the arrows under the diagram says what each choice is. A heavy dashed "
        "arrow is an escalation step; a dotted arrow is a choice offered only after an earlier one."
    )


def diagram_html(dilemma: Dilemma, links: bool = True, printed: bool = False) -> str:
    """The diagram in its sideways-scrolling frame; the caption (with its map-as-text link) follows it."""
    svg = diagram_svg(dilemma, links, printed)
    label = escape(_("Diagram of every branch of {title}", title=dilemma.title))
    return f'<div class="ek-diagram-scroll" tabindex="0" role="region" aria-label="{label}">{svg}</div>'


def diagram_classes(dilemma: Dilemma, printed: bool = False) -> list[str]:
    """The classes of the block holding a diagram: print orientation follows its shape."""
    return ["ek-diagram", "ek-diagram-wide" if is_wide(dilemma, printed) else "ek-diagram-tall"]
