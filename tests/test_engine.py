"""The dilemma engine: every graph rule with its exact message, sessions, and path enumeration."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, REPO, WALKTHROUGHS, assert_walkthroughs_replay, kit, load_walkthroughs
from ethicskit.catalog import load_catalog
from ethicskit.engine import Branch, Session, branch_map, check_graph, conditions, enumerate_paths, offers
from ethicskit.models import Dilemma

BASE: dict[str, Any] = yaml.safe_load(
    (FIXTURES / "valid" / "exercises" / "dilemmas" / "demo-dilemma.yml").read_text()
)


def perspectives() -> dict[str, Any]:
    side = {"text": "Something happens.", "lean": 0}
    return {"agency": dict(side), "profession": dict(side), "person": dict(side)}


def choice(choice_id: str, leads_to: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": choice_id,
        "label": f"Choose {choice_id}",
        "leads_to": leads_to,
        "consequence": "It happens.",
        "perspectives": perspectives(),
        "honours": ["demo-standards:1.1"],
        **extra,
    }


def node(node_id: str, *choices: dict[str, Any]) -> dict[str, Any]:
    return {"id": node_id, "situation": f"At {node_id}.", "choices": list(choices)}


def ending(ending_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": ending_id,
        "title": f"Ending {ending_id}",
        "debrief": "What it meant.",
        "clauses": ["demo-standards:1.1"],
        "reflection_prompt": "What now?",
        **extra,
    }


def dilemma(nodes: list[dict[str, Any]], endings: list[dict[str, Any]], start: str = "a") -> Dilemma:
    data = copy.deepcopy(BASE)
    data.update(start=start, nodes=nodes, endings=endings)
    return Dilemma.model_validate(data)


def messages(d: Dilemma) -> list[tuple[str, str, str]]:
    return [(".".join(map(str, where)), kind.value, message) for where, kind, message in check_graph(d)]


BROKEN = {
    "unreachable node": (
        [node("a", choice("go", "end")), node("island", choice("back", "end"))],
        [ending("end")],
        [("nodes.1.id", "unreachable", "node 'island' can never be reached from 'a'")],
    ),
    "dead end": (
        [node("a", choice("go", "b")), node("b")],
        [ending("end")],
        [
            ("nodes.1.id", "dead-end", "node 'b' has no choices and is not an ending"),
            ("endings.0.id", "unreachable", "ending 'end' can never be reached from 'a'"),
        ],
    ),
    "endless loop": (
        [
            node("a", choice("go", "b"), choice("stop", "end")),
            node("b", choice("again", "c")),
            node("c", choice("round", "b")),
        ],
        [ending("end")],
        [
            (
                "nodes.1.id",
                "endless-loop",
                "from node 'b' some paths loop for ever without reaching an ending",
            ),
            (
                "nodes.2.id",
                "endless-loop",
                "from node 'c' some paths loop for ever without reaching an ending",
            ),
        ],
    ),
    "when names an unknown choice": (
        [node("a", choice("go", "end", when=["ghost"]), choice("plain", "end"))],
        [ending("end")],
        [
            (
                "nodes.0.choices.0.when.0",
                "unknown-target",
                "choice 'go' is offered only after 'ghost', which is not a choice here",
            )
        ],
    ),
    "when names a later choice": (
        [
            node("a", choice("early", "b", when=["late"]), choice("plain", "b")),
            node("b", choice("late", "end")),
        ],
        [ending("end")],
        [
            (
                "nodes.0.choices.0.when.0",
                "when-order",
                "choice 'early' needs 'late' to have been chosen earlier, "
                "but no path to 'a' passes through it",
            )
        ],
    ),
    "a node that offers nothing on some paths": (
        [node("a", choice("x", "b"), choice("y", "b")), node("b", choice("only-after-x", "end", when=["x"]))],
        [ending("end")],
        [
            (
                "nodes.1.id",
                "dead-end",
                "node 'b' offers no choice when reached after y: every choice has an unmet 'when'",
            )
        ],
    ),
    "uncited choice and ending": (
        [node("a", choice("go", "end", honours=[]))],
        [ending("end", clauses=[])],
        [
            (
                "nodes.0.choices.0.id",
                "uncited",
                "choice 'go' cites no clause; list what it honours or strains",
            ),
            ("endings.0.id", "uncited", "ending 'end' cites no clause"),
        ],
    ),
    "target that does not exist": (
        [node("a", choice("go", "nowhere"))],
        [ending("end")],
        [
            (
                "nodes.0.choices.0.leads_to",
                "unknown-target",
                "choice 'go' leads to 'nowhere', which is neither a node nor an ending",
            )
        ],
    ),
    "duplicate ids": (
        [node("a", choice("go", "end"), choice("go", "end"))],
        [ending("end"), ending("a")],
        [
            ("endings.1.id", "duplicate-node", "'a' is used twice in this dilemma"),
            ("nodes.0.choices.1.id", "duplicate-node", "'go' is used twice in this dilemma"),
        ],
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_graph_is_reported_exactly(name: str) -> None:
    """Each broken graph yields exactly its messages, located by path."""
    nodes, endings, expected = BROKEN[name]
    assert sorted(messages(dilemma(nodes, endings))) == sorted(expected)


def test_ending_without_debrief_is_rejected_by_the_checker(tmp_path: Path) -> None:
    """An ending must explain itself: an empty debrief is a located problem."""
    import shutil

    from ethicskit.catalog import load_catalog

    root = tmp_path / "kit"
    shutil.copytree(FIXTURES / "valid", root)
    path = root / "exercises" / "dilemmas" / "demo-dilemma.yml"
    path.write_text(
        path.read_text().replace("debrief: Asking for time protected the assessment.", 'debrief: ""')
    )
    _, problems = load_catalog(root)
    assert [str(p) for p in problems] == [
        "exercises/dilemmas/demo-dilemma.yml:70: 'endings.0.debrief' is empty [empty-text]"
    ]


def test_the_fixture_dilemma_is_valid_and_its_paths_enumerate() -> None:
    """The fixture has three complete paths, each ending where expected."""
    d = Dilemma.model_validate(BASE)
    assert messages(d) == []
    assert enumerate_paths(d) == [
        (["comply", "apologise"], "ending-reopen"),
        (["comply", "stand-by", "answer-complaint"], "ending-complaint"),
        (["ask-for-time"], "ending-time"),
    ]


def test_when_conditions_shape_the_paths() -> None:
    """A choice offered only after an earlier one appears only on the paths through it."""
    d = dilemma(
        [
            node("a", choice("cut-corners", "b"), choice("careful", "b")),
            node("b", choice("own-up", "end-honest", when=["cut-corners"]), choice("carry-on", "end-quiet")),
        ],
        [ending("end-honest"), ending("end-quiet")],
    )
    assert messages(d) == []
    assert sorted(enumerate_paths(d)) == [
        (["careful", "carry-on"], "end-quiet"),
        (["cut-corners", "carry-on"], "end-quiet"),
        (["cut-corners", "own-up"], "end-honest"),
    ]
    # The player is given what each node offers on each path, decided here: it only looks it up.
    assert conditions(d.nodes[1]) == ["cut-corners"]
    assert offers(d) == {
        "a": {"": ["cut-corners", "careful"]},
        "b": {"": ["carry-on"], "cut-corners": ["own-up", "carry-on"]},
    }


def test_the_offers_given_to_the_player_are_what_a_session_offers_on_every_real_path() -> None:
    """For every real dilemma, every path a learner can take: at each decision the offers table, looked
    up as the player looks it up, names exactly the choices the engine's session offers there."""
    catalog = kit()
    for loaded in catalog.dilemmas.values():
        d = loaded.model
        table = offers(d)
        for path, _end in enumerate_paths(d):
            session = Session(d)
            for choice_id in path:
                node = session.node
                assert node is not None
                met = " ".join(needed for needed in conditions(node) if needed in session.made)
                assert table[node.id][met] == [c.id for c in session.choices()], (d.id, path)
                session.choose(choice_id)


def test_a_session_chooses_goes_back_and_restarts() -> None:
    """A session follows choices to an ending, can undo a step, and can start again."""
    session = Session(Dilemma.model_validate(BASE))
    assert session.node is not None and session.node.id == "deadline"
    assert [c.id for c in session.choices()] == ["comply", "ask-for-time"]
    session.choose("comply")
    assert session.node is not None and session.node.id == "rushed"
    session.choose("apologise")
    assert session.node is None and session.ending is not None and session.ending.id == "ending-reopen"
    assert session.history == ["comply", "apologise"]
    assert session.perspective_path() == [(2, -1, -2), (-1, 1, 1)]
    session.back()
    assert session.ending is None and session.node is not None and session.node.id == "rushed"
    session.restart()
    assert session.history == [] and session.node is not None and session.node.id == "deadline"
    with pytest.raises(ValueError, match="'apologise' is not offered here"):
        session.choose("apologise")


def test_every_real_dilemma_has_walkthroughs() -> None:
    catalog, problems = load_catalog(REPO)
    assert problems == []
    assert {path.stem for path in WALKTHROUGHS} == set(catalog.dilemmas)


@pytest.mark.parametrize("path", WALKTHROUGHS, ids=lambda path: path.stem)
def test_walkthroughs_agree_with_the_engine(path: Path) -> None:
    """Each recorded choice sequence reaches its ending with its perspective path; every ending is covered."""
    catalog = kit()
    dilemma = catalog.dilemmas[path.stem].model
    walks = load_walkthroughs(path)
    assert_walkthroughs_replay(dilemma, walks)


def test_three_dilemmas_each_have_a_path_with_three_escalation_steps() -> None:
    """(That every nation has a dilemma is a checker rule, 'nation-uncovered'.)"""
    catalog = kit()
    full_routes = 0
    for loaded in catalog.dilemmas.values():
        for choices, _ in enumerate_paths(loaded.model):
            by_id = {c.id: c for node in loaded.model.nodes for c in node.choices}
            steps = {by_id[choice].escalation for choice in choices} - {None}
            if len(steps) >= 3:
                full_routes += 1
                break
    assert full_routes >= 3


def _flatten(branches: tuple[Branch, ...]) -> list[Branch]:
    out = []
    for branch in branches:
        out.append(branch)
        out += _flatten(branch.expanded or ())
    return out


def test_the_branch_map_shows_every_choice_of_every_real_dilemma_exactly_once() -> None:
    """Lecturers' all-branches map: each choice once, each decision expanded once, endings never."""
    catalog = kit()
    for dilemma_id, loaded in catalog.dilemmas.items():
        dilemma = loaded.model
        mapped = _flatten(branch_map(dilemma))
        choices = [choice.id for node in dilemma.nodes for choice in node.choices]
        assert sorted(branch.choice.id for branch in mapped) == sorted(choices), dilemma_id
        expanded = [branch.target for branch in mapped if branch.expanded is not None]
        assert len(expanded) == len(set(expanded)) == len(dilemma.nodes) - 1, dilemma_id
        endings = {ending.id for ending in dilemma.endings}
        assert not any(branch.expanded for branch in mapped if branch.target in endings)


def test_decisions_are_numbered_from_the_start_breadth_first_whatever_the_file_order() -> None:
    """One numbering for every output: the start is 1, then breadth first, not the order in the file."""
    from ethicskit.engine import decision_numbers, numbered_nodes, titles

    graph = {
        **BASE,
        "start": "a",
        "nodes": [
            node("d", choice("d1", "ending-time")),
            node("c", choice("c1", "d")),
            node("a", choice("a1", "b"), choice("a2", "c")),
            node("b", choice("b1", "d"), choice("b2", "ending-reopen")),
        ],
    }
    dilemma = Dilemma.model_validate(graph)
    assert decision_numbers(dilemma) == {"a": 1, "b": 2, "c": 3, "d": 4}
    assert [n.id for n in numbered_nodes(dilemma)] == ["a", "b", "c", "d"]
    assert titles(dilemma)["d"] == "Decision 4"
    assert titles(dilemma)["ending-time"] == "Ending: Time to listen"


def test_every_real_dilemma_numbers_its_decisions_one_to_n_from_its_start() -> None:
    from ethicskit.engine import decision_numbers

    catalog = kit()
    for loaded in catalog.dilemmas.values():
        numbers = decision_numbers(loaded.model)
        assert numbers[loaded.model.start] == 1
        assert sorted(numbers.values()) == list(range(1, len(loaded.model.nodes) + 1))
