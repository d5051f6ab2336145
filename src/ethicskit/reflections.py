"""The My reflections download as Markdown: one layout, in the language being written.

The page (`reflections.js`, which receives `markdown_layout()` with its words) fills it in for what the
browser stored, and Python fills it in for the Jupyter widget (`as_markdown`), from an entry shaped as
the player stores it. Neither adds a word or a mark of its own, so the same path and reflections give
the same text in both (tested). A layout is a list of pieces: text; `{"slot": name}` for a value;
`{"if": name, "then": [...], "else": [...]}` for a value that may be missing; `{"each": name,
"pieces": [...]}` for a list of values (the reflections).
"""

from __future__ import annotations

import base64
import re
from typing import Any

from . import worksheet
from .records import kit_name
from .words import _, listed, stored_date

Piece = str | dict[str, Any]

_SLOT = re.compile(r"\{(\w+)\}")


def _slotted(message: str) -> list[Piece]:
    """A message still holding its placeholders, cut into text and slots."""
    parts = _SLOT.split(message)
    return [part if index % 2 == 0 else {"slot": part} for index, part in enumerate(parts) if part]


def markdown_layout() -> dict[str, list[Piece]]:
    """The download's opening lines (`head`) and the layout of each dilemma in it (`dilemma`)."""
    # The Markdown marks stay out of the messages: a translation changes the words, not the layout.
    head: list[Piece] = ["# ", _("My reflections: {kit}", kit=kit_name()), "\n\n"]
    head += [
        *_slotted(
            _(
                "Exported {date}. A record of reflection for CPD: working a fictional case is reflection, "
                "not evidence of your practice."
            )
        ),
        "\n\n",
    ]
    dilemma: list[Piece] = ["## ", {"slot": "title"}, "\n\n- ", *_slotted(_("Date: {date}"))]
    dilemma += ["\n- ", *_slotted(_("Dilemma: {id}")), "\n- "]
    dilemma.append({"if": "path", "then": _slotted(_("Path: {path}")), "else": [_("Path: not started")]})
    dilemma.append("\n")
    dilemma.append({"if": "ending", "then": ["- ", *_slotted(_("Ending: {ending}")), "\n"], "else": []})
    # The path drawn on the map of every branch, as the player showed it at the ending (the player's
    # own drawing; the widget draws none).
    image = ["\n![", _("Your path drawn on the map of every branch"), "](", {"slot": "pathMap"}, ")\n\n"]
    dilemma.append({"if": "pathMap", "then": image, "else": []})
    dilemma.append("- ")
    dilemma.append({"if": "clauses", "then": _slotted(_("Clauses: {clauses}")), "else": [_("Clauses: none")]})
    dilemma.append("\n\n")
    reflection: list[Piece] = ["### ", {"slot": "prompt"}, "\n\n", {"slot": "text"}, "\n\n"]
    dilemma.append({"each": "reflections", "pieces": reflection})
    return {"head": head, "dilemma": dilemma}


def fill(pieces: list[Piece], values: dict[str, Any]) -> str:
    """Pieces filled in with these values. The page's `fillPieces` in reflections.js does exactly this."""
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif "slot" in piece:
            out.append(str(values[piece["slot"]]))
        elif "if" in piece:
            out.append(fill(piece["then"] if values.get(piece["if"]) else piece["else"], values))
        else:
            out += [fill(piece["pieces"], item) for item in values[piece["each"]]]
    return "".join(out)


def dilemma_values(dilemma_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    """What fills a dilemma's layout, from its entry as the player stores it. The page's
    `dilemmaMarkdownValues` in reflections.js works them out the same way."""
    path = entry.get("path") or []
    ending = entry.get("ending")
    steps = [
        _("{decision}: {choice}", decision=step["title"], choice=step["label"])
        if step.get("title")
        else _("{number}. {choice}", number=number, choice=step["label"])
        for number, step in enumerate(path, start=1)
    ]
    clauses = [ref for step in path for ref in step.get("clauses") or []]
    if ending:
        clauses += ending.get("clauses") or []
    return {
        "title": entry["title"],
        "date": stored_date(entry["updated"]),
        "id": dilemma_id,
        "path": " → ".join(steps),
        "ending": ending["title"] if ending else "",
        "pathMap": svg_address(entry["pathMap"]) if ending and entry.get("pathMap") else "",
        "clauses": listed(list(dict.fromkeys(clauses))),
        "reflections": [r for r in (entry.get("reflections") or {}).values() if r.get("text")],
    }


def svg_address(svg: str) -> str:
    """A drawing as the address of an image the Markdown shows: its UTF-8 bytes in base 64."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def as_markdown(store: dict[str, Any], exported: str) -> str:
    """A store of reflections (`{"dilemmas": {id: entry}, "worksheets": {id: entry}}`, as the player
    keeps it) as the My reflections page downloads it; `exported` is the day, as the language writes it."""
    layout = markdown_layout()
    out = [fill(layout["head"], {"date": exported})]
    for dilemma_id, entry in sorted(store.get("dilemmas", {}).items()):
        out.append(fill(layout["dilemma"], dilemma_values(dilemma_id, entry)))
    for _sheet_id, sheet in sorted(store.get("worksheets", {}).items()):
        filled = worksheet.fill(
            worksheet.markdown_layout(), sheet["title"], sheet["answers"], stored_date(sheet["updated"])
        )
        out.append(filled + "\n")  # the worksheet's text ends in one line end; a blank line follows
    # The last block's blank line is left off: the download ends in one line end.
    return "".join(out).removesuffix("\n")
