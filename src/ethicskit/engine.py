"""Dilemma graphs: structural validation now; sessions and path enumeration build on the same graph."""

from __future__ import annotations

from collections.abc import Iterator

from .models import Dilemma
from .problems import ProblemCode
from .yamlfile import Path_

GraphProblem = tuple[Path_, ProblemCode, str]


def check_graph(dilemma: Dilemma) -> Iterator[GraphProblem]:
    """Ids unique, the start and every target exist, every node reachable, no node without a way on."""
    index: dict[str, Path_] = {}
    for n, node in enumerate(dilemma.nodes):
        yield from _register(index, node.id, ("nodes", n, "id"))
    for e, ending in enumerate(dilemma.endings):
        yield from _register(index, ending.id, ("endings", e, "id"))
    choice_ids: set[str] = set()
    for n, node in enumerate(dilemma.nodes):
        for c, choice in enumerate(node.choices):
            if choice.id in choice_ids or choice.id in index:
                where: Path_ = ("nodes", n, "choices", c, "id")
                yield where, ProblemCode.DUPLICATE_ID, f"'{choice.id}' is used twice in this dilemma"
            choice_ids.add(choice.id)
    node_ids = {node.id for node in dilemma.nodes}
    if dilemma.start not in node_ids:
        yield (
            ("start",),
            ProblemCode.UNKNOWN_TARGET,
            f"start node '{dilemma.start}' is not a node of this dilemma",
        )
    edges: dict[str, list[str]] = {}
    for n, node in enumerate(dilemma.nodes):
        if not node.choices:
            yield (
                ("nodes", n, "id"),
                ProblemCode.DEAD_END,
                f"node '{node.id}' has no choices and is not an ending",
            )
        for c, choice in enumerate(node.choices):
            if choice.leads_to not in index:
                target = choice.leads_to
                message = f"choice '{choice.id}' leads to '{target}', which is neither a node nor an ending"
                yield ("nodes", n, "choices", c, "leads_to"), ProblemCode.UNKNOWN_TARGET, message
            edges.setdefault(node.id, []).append(choice.leads_to)
    reached = _reachable(dilemma.start, edges)
    for n, node in enumerate(dilemma.nodes):
        if node.id not in reached and dilemma.start in node_ids:
            message = f"node '{node.id}' can never be reached from '{dilemma.start}'"
            yield ("nodes", n, "id"), ProblemCode.UNREACHABLE, message
    for e, ending in enumerate(dilemma.endings):
        if ending.id not in reached and dilemma.start in node_ids:
            message = f"ending '{ending.id}' can never be reached from '{dilemma.start}'"
            yield ("endings", e, "id"), ProblemCode.UNREACHABLE, message


def _register(index: dict[str, Path_], item_id: str, where: Path_) -> Iterator[GraphProblem]:
    if item_id in index:
        yield where, ProblemCode.DUPLICATE_ID, f"'{item_id}' is used twice in this dilemma"
    else:
        index[item_id] = where


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for target in edges.get(todo.pop(), []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
