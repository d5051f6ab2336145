"""The dilemma player's step screens, written once: what a decision, the pause before one, a choice's
outcome and an ending show, in what order, under what condition and in what words.

The browser player (`dilemma-player.js`, which receives `player_screens()` with its words) and the
Jupyter widget (`widgets.DilemmaWidget`) both draw a screen by going through its parts in order. Each
draws a part in its own idiom (DOM elements, ipywidgets) from the dilemma's payload; neither adds a part,
a condition or a word of its own, so the same step shows the same words in the same order in both
(tested).

A screen is a list of parts. Each part is a dict with:

- `part`: what it is (see `PARTS`);
- `if`, optionally: when it is shown. A name is a field of the screen's subject that must be set and not
  empty (`prompt`, `law`); `@projection` is true in projection mode; `@ends` is true when the choice
  shown leads to an ending; a leading `!` turns the condition round.
- its words: `text` (a message whose `{placeholders}` are fields of the subject, filled as they stand in
  the payload, so content shown in English keeps its mark in a page in another language), or `field`
  (a field of the subject shown as it is, `a.b` for a field inside one); `in_notebook`, where the
  widget must say something else (it keeps reflections in the notebook, not on the device);
- `class`: the class the browser gives the element (the widget has no styles of its own).

The subjects are the payload's entries (`export.dilemma_payload`): a decision for `decision`, `pause`
and `stopped`, a choice for `outcome`, an ending for `ending`.
"""

from __future__ import annotations

from typing import Any

from ..words import _

Part = dict[str, Any]

PARTS = (
    "heading",
    "paragraphs",
    "text",
    "reflection",
    "choices",
    "button",
    "subheading",
    "views",
    "codes",
    "clauses",
    "law",
    "aside",
    "summary",
    "map",
)
"""Every kind of part a screen holds; the player and the widget each know how to draw them all.

`heading` the step's heading, which takes the focus; `paragraphs` a field as paragraphs; `text` one
paragraph; `reflection` the box for the subject's `prompt`, under `text`; `choices` the choices on offer,
under the list name `label`; `button` one of the player's moves (`action`: `go-on`, `stop`, `return`,
`next`); `subheading` a heading within the step; `views` how each side sees the choice, with its lean
(`side`, `lean`); `codes` the codes and law panel (`title`); `clauses` the ending's clauses to revisit
(`text` with `{clauses}`); `law` the law an ending cites (`title`); `aside` a field set apart under
`title`; `summary` how each side saw every step of the path, as a table (`caption`, `column`, `row`,
`lean`, and the `honours`, `strains` and `both` sentences); `map` the path drawn on the map of every
branch, in a scrolling region named `label`, under `caption` (the browser's; the widget draws none).
"""

ACTIONS = ("go-on", "stop", "return", "next")
"""The moves a `button` part makes: past a pause, stop at it, back to it, on from an outcome."""


def _reflection() -> Part:
    return {
        "part": "reflection",
        "if": "prompt",
        "text": _("{prompt} (your reflection, kept only on this device)"),
        "in_notebook": _("{prompt} (your reflection, kept only in this notebook)"),
    }


def _support() -> Part:
    # Where help is, from the payload (`signposting.signpost`), so the words are the handout's too.
    return {"part": "text", "field": "pauseBefore.support", "class": "ek-support"}


def player_screens() -> dict[str, list[Part]]:
    """Every step screen of the player, by name, in the current language."""
    ask = _("What do you do?")
    return {
        "decision": [
            {"part": "heading", "text": "{title}"},
            {"part": "paragraphs", "field": "situation", "class": "ek-situation"},
            _reflection(),
            {"part": "text", "text": ask, "class": "ek-ask"},
            {"part": "choices", "label": ask},
        ],
        # The pause before a decision's hardest material: what is coming, where support is, and a real
        # choice to stop; stopping keeps the path and reflections and can be undone from the same place.
        "pause": [
            {"part": "heading", "text": _("A pause before {title}")},
            {"part": "paragraphs", "field": "pauseBefore.text", "class": "ek-pause-text"},
            _support(),
            {"part": "button", "action": "go-on", "text": _("Go on to {title}"), "class": "ek-next-btn"},
            {"part": "button", "action": "stop", "text": _("Stop here")},
        ],
        "stopped": [
            {"part": "heading", "text": _("You stopped before {title}")},
            {
                "part": "text",
                "text": _(
                    "Stopping here is a sound choice, and nothing is lost: your path and reflections so far "
                    "stay on this device. You can come back to this point, go back a step or start again "
                    "whenever you choose."
                ),
                "in_notebook": _(
                    "Stopping here is a sound choice, and nothing is lost: your path and reflections so far "
                    "stay in this notebook. You can come back to this point, go back a step or start again "
                    "whenever you choose."
                ),
            },
            _support(),
            {"part": "button", "action": "return", "text": _("Return to the pause")},
        ],
        "outcome": [
            {"part": "heading", "text": _("You chose: {label}")},
            {"part": "paragraphs", "field": "consequence", "class": "ek-consequence"},
            # Each side's view, with its lean, is a verdict: held back until the ending, so the learner
            # weighs the choice first, unless a lecturer has projection mode on.
            {"part": "subheading", "if": "@projection", "text": _("Seen from three sides")},
            {"part": "views", "if": "@projection", "side": _("{side}:"), "lean": _("({lean}, {meaning})")},
            {
                "part": "text",
                "if": "!@projection",
                "class": "ek-verdicts-later",
                "text": _(
                    "How the agency, the profession and the person saw this choice is shown at the end of "
                    "the dilemma. Before you go on: how do you think each of them sees it?"
                ),
            },
            {"part": "text", "if": "route", "class": "ek-escalation", "text": _("Route taken: {route}")},
            {"part": "codes", "title": _("What the codes and the law say")},
            {
                "part": "button",
                "if": "@ends",
                "action": "next",
                "text": _("See where this ends"),
                "class": "ek-next-btn",
            },
            {
                "part": "button",
                "if": "!@ends",
                "action": "next",
                "text": _("Continue"),
                "class": "ek-next-btn",
            },
        ],
        "ending": [
            {"part": "heading", "text": _("Ending: {title}")},
            {"part": "paragraphs", "field": "debrief", "class": "ek-debrief"},
            {"part": "clauses", "if": "clauses", "text": _("Clauses to revisit: {clauses}")},
            {"part": "law", "if": "law", "title": _("What the law says")},
            {"part": "aside", "if": "selfCare", "field": "selfCare", "title": _("Looking after yourself")},
            # The verdicts held back along the way, read together: each side's view of every choice on
            # the path, and the clauses each choice honours and strains.
            {
                "part": "summary",
                "caption": _("How each side saw your path, decision by decision (a picture, not a score)"),
                "column": _("Decision"),
                "row": _("{decision}: {choice}"),
                "lean": _("{lean} {meaning}"),
                "both": _("It honours {honoured}; it strains {strained}."),
                "honours": _("It honours {honoured}."),
                "strains": _("It strains {strained}."),
            },
            {
                "part": "map",
                "label": _("Your path on the map"),
                "caption": _(
                    "Your path on the map: the decisions, choices and ending you reached are drawn in heavy "
                    "lines, with the decisions shaded. The table above lists the same path."
                ),
            },
            _reflection(),
        ],
    }


def player_controls() -> dict[str, str]:
    """The words of the controls beside every screen and of the path so far: the browser player and the
    widget show the same controls in the same words. (Only the page has a map to show; the widget
    exports the path and reflections itself, where the page has My reflections.)"""
    return {
        "jurisdiction": _("Show the codes of:"),
        "back": _("Back"),
        "restart": _("Start again"),
        "projection": _("Projection mode: each side's view at every step"),
        "path": _("Your path so far"),
        "no_path": _("No decisions yet."),
    }
