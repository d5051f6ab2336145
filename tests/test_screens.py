"""The player's step screens are one layout (layout/screens.py) that the browser player and the Jupyter
widget both draw; these tests hold the layout and the two drawers to the same vocabulary. Playing real
paths in both and comparing every screen is in test_browser."""

from __future__ import annotations

import re
from typing import Any

from conftest import kit
from ethicskit.export import dilemma_payload
from ethicskit.layout.screens import ACTIONS, PARTS, player_screens
from ethicskit.sphinx.assets import STATIC
from ethicskit.widgets import DilemmaWidget

SUBJECTS = {
    "decision": "nodes",
    "pause": "nodes",
    "stopped": "nodes",
    "outcome": "choices",
    "ending": "endings",
}
"""Which of the payload's entries each screen shows."""


def test_the_player_and_the_widget_each_draw_every_kind_of_part_and_no_other() -> None:
    script = (STATIC / "dilemma-player.js").read_text(encoding="utf-8")
    in_browser = set(re.findall(r"^ {4}(\w+): function \(part\b", script, re.M))
    in_widget = {name.removeprefix("_part_") for name in dir(DilemmaWidget) if name.startswith("_part_")}
    assert in_browser == set(PARTS) == in_widget
    moves = set(re.findall(r'^ {4}"?([\w-]+)"?: function \(\) \{', script, re.M))
    assert moves == set(ACTIONS)


def test_every_part_names_a_kind_a_move_and_fields_the_payload_has() -> None:
    """A part's kind and move are known to both drawers, and every field it shows or is shown under is
    one its screen's subject carries in the payload (a misspelt field would hide the part for good)."""
    catalog = kit()
    fields: dict[str, set[str]] = {"nodes": set(), "choices": set(), "endings": set()}
    for loaded in catalog.dilemmas.values():
        payload = dilemma_payload(loaded.model, catalog)
        for node in payload["nodes"]:
            fields["nodes"] |= set(node)
            for choice in node["choices"]:
                fields["choices"] |= set(choice)
        for ending in payload["endings"]:
            fields["endings"] |= set(ending)
    screens = player_screens()
    assert set(screens) == set(SUBJECTS)
    for name, parts in screens.items():
        assert parts[0]["part"] == "heading", name  # the step's heading comes first and takes the focus
        carried = fields[SUBJECTS[name]]
        for part in parts:
            assert part["part"] in PARTS, part
            if part["part"] == "button":
                assert part["action"] in ACTIONS, part
            condition = part.get("if", "").removeprefix("!")
            assert condition in {"", "@projection", "@ends"} or condition in carried, (name, part)
            if condition == "@ends":
                assert SUBJECTS[name] == "choices", name
            if "field" in part:
                assert part["field"].split(".")[0] in carried, (name, part)
            for slot in re.findall(r"\{(\w+)\}", part.get("text", "")):
                assert slot in carried or part["part"] == "clauses", (name, slot)


def _words_at(payload: dict[str, Any], path: str) -> Any:
    for name in path.split("."):
        payload = payload[name]
    return payload


def test_every_codes_panel_keeps_the_verdict_for_projection_mode_and_the_ending() -> None:
    """The panel Python lays out for each choice (which both drawers only draw): as a learner sees it, the
    clauses and provisions the choice cites, under lead-ins that say nothing of what it does to them;
    in projection mode the same ones, grouped by it; in both, the nation's related clauses last. Every
    lead-in and every clause or provision it lists is in the payload."""
    catalog = kit()
    verdicts = {"codes_words.honours", "codes_words.strains"} | {
        f"law_words.choice.{relation}" for relation in ("honours", "strains", "unlawful")
    }
    for loaded in catalog.dilemmas.values():
        payload = dilemma_payload(loaded.model, catalog)
        for node in payload["nodes"]:
            for choice in node["choices"]:
                held, shown = choice["panel"]["held"], choice["panel"]["open"]
                for groups in (held, shown):
                    assert groups[-1].get("place") and not any(group.get("place") for group in groups[:-1])
                    for group in groups[:-1]:
                        assert isinstance(_words_at(payload, group["lead"]), str) and group["refs"]
                        assert set(group["refs"]) <= set(payload[group["of"]])
                cited = sorted((group["of"], ref) for group in held[:-1] for ref in group["refs"])
                assert not {group["lead"] for group in held[:-1]} & verdicts
                assert cited == sorted((group["of"], ref) for group in shown[:-1] for ref in group["refs"])
                assert {group["lead"] for group in shown[:-1]} <= verdicts
                clauses = sorted([*choice["honours"], *choice["strains"]])
                assert sorted(ref for of, ref in cited if of == "clauses") == clauses
        for ending in payload["endings"]:
            assert {group["lead"].rsplit(".", 1)[0] for group in ending["law"]} <= {"law_words.ending"}
