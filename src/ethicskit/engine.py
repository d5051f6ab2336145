"""The dilemma engine: graph validation, play sessions and path enumeration, in pure Python.

A learner's position is a *state*: the node they stand at and the set of choices made so far, since
`when:` conditions make what is offered depend on the path taken. Validation explores every state a
learner can reach, so a rule holds for every path, not only for the graph's shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .models import Choice, Dilemma, Ending, Node
from .problems import ProblemCode
from .words import _
from .yamlfile import Path_

GraphProblem = tuple[Path_, ProblemCode, str]
State = tuple[str, frozenset[str]]
"""(node id, ids of the choices made to get there)."""

MAX_STATES = 20_000
"""A bound on exploration; real dilemmas have a few dozen states."""


def available(node: Node, made: frozenset[str]) -> list[Choice]:
    """The choices offered at a node, given the choices made earlier."""
    return [choice for choice in node.choices if set(choice.when) <= made]


@dataclass
class _Exploration:
    states: set[State] = field(default_factory=set)
    edges: dict[State, list[State | str]] = field(default_factory=dict)
    """Each state's successors: another state, or the id of the ending reached."""
    made_on_arrival: dict[str, set[str]] = field(default_factory=dict)
    truncated: bool = False


def _explore(dilemma: Dilemma) -> _Exploration:
    nodes = {node.id: node for node in dilemma.nodes}
    endings = {ending.id for ending in dilemma.endings}
    found = _Exploration()
    todo: list[State] = [(dilemma.start, frozenset())]
    while todo:
        state = todo.pop()
        if state in found.states:
            continue
        if len(found.states) >= MAX_STATES:
            found.truncated = True
            break
        found.states.add(state)
        node_id, made = state
        found.made_on_arrival.setdefault(node_id, set()).update(made)
        successors: list[State | str] = []
        for choice in available(nodes[node_id], made):
            if choice.leads_to in endings:
                successors.append(choice.leads_to)
            elif choice.leads_to in nodes:
                nxt = (choice.leads_to, made | {choice.id})
                successors.append(nxt)
                todo.append(nxt)
        found.edges[state] = successors
    return found


def conditions(node: Node) -> list[str]:
    """The earlier choices that any of a node's choices waits for (its `when` lists), in a fixed order."""
    return sorted({needed for choice in node.choices for needed in choice.when})


def offers(dilemma: Dilemma) -> dict[str, dict[str, list[str]]]:
    """What each node offers on every path that reaches it, decided here once for the browser player.

    By node id: a key naming which of the node's `conditions` the path has met (their ids, space-
    separated, in that order; "" for none) and the ids of the choices offered then. Every state a learner
    can reach is explored, so every key a player can meet is present.
    """
    nodes = {node.id: node for node in dilemma.nodes}
    waits_for = {node.id: conditions(node) for node in dilemma.nodes}
    table: dict[str, dict[str, list[str]]] = {node.id: {} for node in dilemma.nodes}
    for node_id, made in _explore(dilemma).states:
        node = nodes[node_id]
        key = " ".join(needed for needed in waits_for[node_id] if needed in made)
        table[node_id][key] = [choice.id for choice in available(node, made)]
    return {node_id: dict(sorted(by_key.items())) for node_id, by_key in table.items()}


def check_graph(dilemma: Dilemma) -> Iterator[GraphProblem]:
    """Every rule a dilemma must meet, each with where it is broken."""
    index: dict[str, Path_] = {}
    structural: list[GraphProblem] = []
    for n, node in enumerate(dilemma.nodes):
        structural += _register(index, node.id, ("nodes", n, "id"))
    for e, ending in enumerate(dilemma.endings):
        structural += _register(index, ending.id, ("endings", e, "id"))
    choice_ids: dict[str, Path_] = {}
    for n, node in enumerate(dilemma.nodes):
        for c, choice in enumerate(node.choices):
            where: Path_ = ("nodes", n, "choices", c)
            if choice.id in choice_ids or choice.id in index:
                message = _("'{id}' is used twice in this dilemma", id=choice.id)
                structural.append(((*where, "id"), ProblemCode.DUPLICATE_NODE, message))
            choice_ids.setdefault(choice.id, where)
    yield from _check_citations(dilemma)
    targets = list(_check_targets(dilemma, index, choice_ids))
    yield from structural + targets
    blocking = {ProblemCode.UNKNOWN_TARGET, ProblemCode.DUPLICATE_NODE}
    if any(kind in blocking for _, kind, _ in structural + targets):
        return  # paths cannot be followed through a graph with missing or ambiguous ids
    yield from _check_paths(dilemma)


def _register(index: dict[str, Path_], item_id: str, where: Path_) -> Iterator[GraphProblem]:
    if item_id in index:
        yield (
            where,
            ProblemCode.DUPLICATE_NODE,
            _("'{item_id}' is used twice in this dilemma", item_id=item_id),
        )
    else:
        index[item_id] = where


def _check_citations(dilemma: Dilemma) -> Iterator[GraphProblem]:
    for n, node in enumerate(dilemma.nodes):
        for c, choice in enumerate(node.choices):
            if not choice.honours and not choice.strains:
                message = _("choice '{id}' cites no clause; list what it honours or strains", id=choice.id)
                yield ("nodes", n, "choices", c, "id"), ProblemCode.UNCITED, message
    for e, ending in enumerate(dilemma.endings):
        if not ending.clauses:
            yield ("endings", e, "id"), ProblemCode.UNCITED, _("ending '{id}' cites no clause", id=ending.id)


def _check_targets(
    dilemma: Dilemma, index: dict[str, Path_], choice_ids: dict[str, Path_]
) -> Iterator[GraphProblem]:
    node_ids = {node.id for node in dilemma.nodes}
    if dilemma.start not in node_ids:
        message = _("start node '{start}' is not a node of this dilemma", start=dilemma.start)
        yield ("start",), ProblemCode.UNKNOWN_TARGET, message
    for n, node in enumerate(dilemma.nodes):
        if not node.choices:
            message = _("node '{id}' has no choices and is not an ending", id=node.id)
            yield ("nodes", n, "id"), ProblemCode.DEAD_END, message
        for c, choice in enumerate(node.choices):
            where: Path_ = ("nodes", n, "choices", c)
            if choice.leads_to not in index:
                target = choice.leads_to
                message = _(
                    "choice '{id}' leads to '{target}', which is neither a node nor an ending",
                    id=choice.id,
                    target=target,
                )
                yield (*where, "leads_to"), ProblemCode.UNKNOWN_TARGET, message
            for w, needed in enumerate(choice.when):
                if needed not in choice_ids:
                    message = _(
                        "choice '{id}' is offered only after '{needed}', which is not a choice here",
                        id=choice.id,
                        needed=needed,
                    )
                    yield (*where, "when", w), ProblemCode.UNKNOWN_TARGET, message


def _check_paths(dilemma: Dilemma) -> Iterator[GraphProblem]:
    found = _explore(dilemma)
    if found.truncated:
        message = _(
            "the dilemma has more than {max_states} distinct positions; simplify its loops",
            max_states=MAX_STATES,
        )
        yield ("nodes",), ProblemCode.ENDLESS_LOOP, message
        return
    reached_nodes = {node_id for node_id, _ in found.states}
    reached_endings = {
        target for successors in found.edges.values() for target in successors if isinstance(target, str)
    }
    nodes = {node.id: node for node in dilemma.nodes}
    for n, node in enumerate(dilemma.nodes):
        if node.id not in reached_nodes:
            message = _("node '{id}' can never be reached from '{start}'", id=node.id, start=dilemma.start)
            yield ("nodes", n, "id"), ProblemCode.UNREACHABLE, message
            continue
        arrivals = found.made_on_arrival[node.id]
        for c, choice in enumerate(node.choices):
            for w, needed in enumerate(choice.when):
                if needed not in arrivals:
                    message = _(
                        "choice '{id}' needs '{needed}' to have been chosen earlier, but no path to '{id2}' "
                        "passes through it",
                        id=choice.id,
                        needed=needed,
                        id2=node.id,
                    )
                    yield ("nodes", n, "choices", c, "when", w), ProblemCode.WHEN_ORDER, message
    for e, ending in enumerate(dilemma.endings):
        if ending.id not in reached_endings:
            message = _(
                "ending '{id}' can never be reached from '{start}'", id=ending.id, start=dilemma.start
            )
            yield ("endings", e, "id"), ProblemCode.UNREACHABLE, message
    stuck = sorted((state for state, successors in found.edges.items() if not successors), key=_state_key)
    reported: set[str] = set()
    for node_id, made in stuck:
        if node_id in reported or not nodes[node_id].choices:
            continue
        reported.add(node_id)
        n = [node.id for node in dilemma.nodes].index(node_id)
        if made:
            message = _(
                "node '{node_id}' offers no choice when reached after {after}: every choice has an unmet "
                "'when'",
                node_id=node_id,
                after=", ".join(sorted(made)),
            )
        else:
            message = _(
                "node '{node_id}' offers no choice when reached after no earlier choice: every choice has an "
                "unmet 'when'",
                node_id=node_id,
            )
        yield ("nodes", n, "id"), ProblemCode.DEAD_END, message
    trapped = _states_without_exit(found)
    for node_id in sorted({node_id for node_id, _made in trapped} - reported):
        n = [node.id for node in dilemma.nodes].index(node_id)
        message = _(
            "from node '{node_id}' some paths loop for ever without reaching an ending", node_id=node_id
        )
        yield ("nodes", n, "id"), ProblemCode.ENDLESS_LOOP, message


def _state_key(state: State) -> tuple[str, list[str]]:
    return state[0], sorted(state[1])


def _states_without_exit(found: _Exploration) -> set[State]:
    """States trapped in a loop: no ending and no dead end (reported separately) can be reached."""
    can_leave: set[State] = {state for state, successors in found.edges.items() if not successors}
    changed = True
    while changed:
        changed = False
        for state, successors in found.edges.items():
            if state in can_leave:
                continue
            if any(isinstance(target, str) or target in can_leave for target in successors):
                can_leave.add(state)
                changed = True
    return set(found.edges) - can_leave


# --- numbering -----------------------------------------------------------------------------------


def decision_numbers(dilemma: Dilemma) -> dict[str, int]:
    """Each decision's number, the one every output shows: the page, the maps, the player, the tally.

    The start is Decision 1; the others are numbered breadth first from it, following choices in the
    order they are listed. A number therefore belongs to the decision, not to how many steps a learner
    took to reach it, so a projected tally and every screen in the room agree. A decision no path
    reaches (which the checker rejects) is numbered after the rest, in file order.
    """
    nodes = {node.id: node for node in dilemma.nodes}
    order: list[str] = []
    queue = [dilemma.start] if dilemma.start in nodes else []
    seen = set(queue)
    while queue:
        node_id = queue.pop(0)
        order.append(node_id)
        for choice in nodes[node_id].choices:
            if choice.leads_to in nodes and choice.leads_to not in seen:
                seen.add(choice.leads_to)
                queue.append(choice.leads_to)
    order += [node.id for node in dilemma.nodes if node.id not in seen]
    return {node_id: number for number, node_id in enumerate(order, 1)}


def decision_title(number: int) -> str:
    """How a decision is named wherever it appears."""
    return _("Decision {number}", number=number)


def ending_title(ending: Ending) -> str:
    """How an ending is named wherever it appears."""
    return _("Ending: {title}", title=ending.title)


def titles(dilemma: Dilemma) -> dict[str, str]:
    """The name of every decision and ending of a dilemma, by id."""
    numbers = decision_numbers(dilemma)
    named = {node_id: decision_title(number) for node_id, number in numbers.items()}
    named.update({ending.id: ending_title(ending) for ending in dilemma.endings})
    return named


def numbered_nodes(dilemma: Dilemma) -> list[Node]:
    """The decisions in the order of their numbers."""
    numbers = decision_numbers(dilemma)
    return sorted(dilemma.nodes, key=lambda node: numbers[node.id])


# --- sessions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One decision taken: where, what was chosen, and what it cost each side."""

    node: Node
    choice: Choice


class Session:
    """One learner's play-through of a dilemma: choose, go back, restart, and read the path."""

    def __init__(self, dilemma: Dilemma) -> None:
        self.dilemma = dilemma
        self._nodes = {node.id: node for node in dilemma.nodes}
        self._endings = {ending.id: ending for ending in dilemma.endings}
        self.steps: list[Step] = []

    @property
    def made(self) -> frozenset[str]:
        """The ids of the choices made so far."""
        return frozenset(step.choice.id for step in self.steps)

    @property
    def ending(self) -> Ending | None:
        """The ending reached, or None while decisions remain."""
        if self.steps and self.steps[-1].choice.leads_to in self._endings:
            return self._endings[self.steps[-1].choice.leads_to]
        return None

    @property
    def node(self) -> Node | None:
        """The decision the learner faces now, or None once an ending is reached."""
        if self.ending is not None:
            return None
        if not self.steps:
            return self._nodes[self.dilemma.start]
        return self._nodes[self.steps[-1].choice.leads_to]

    def choices(self) -> list[Choice]:
        """The choices offered now."""
        node = self.node
        return [] if node is None else available(node, self.made)

    def choose(self, choice_id: str) -> Step:
        """Take one of the choices offered now."""
        for choice in self.choices():
            if choice.id == choice_id:
                node = self.node
                assert node is not None
                step = Step(node, choice)
                self.steps.append(step)
                return step
        offered = ", ".join(choice.id for choice in self.choices()) or "none"
        raise ValueError(
            _("'{choice_id}' is not offered here (offered: {offered})", choice_id=choice_id, offered=offered)
        )

    def back(self) -> None:
        """Undo the last decision."""
        if self.steps:
            self.steps.pop()

    def restart(self) -> None:
        """Go back to the first decision."""
        self.steps.clear()

    @property
    def history(self) -> list[str]:
        """The ids of the choices made, in order."""
        return [step.choice.id for step in self.steps]

    def perspective_path(self) -> list[tuple[int, int, int]]:
        """For each decision, how it leaned for (agency, profession, person). Drawn, never scored."""
        return [
            (
                int(step.choice.perspectives.agency.lean),
                int(step.choice.perspectives.profession.lean),
                int(step.choice.perspectives.person.lean),
            )
            for step in self.steps
        ]


def enumerate_paths(dilemma: Dilemma, limit: int = 10_000) -> list[tuple[list[str], str]]:
    """Every complete path as (choice ids, ending id), without revisiting a position."""
    nodes = {node.id: node for node in dilemma.nodes}
    endings = {ending.id for ending in dilemma.endings}
    paths: list[tuple[list[str], str]] = []

    def walk(node_id: str, made: frozenset[str], taken: list[str], seen: set[State]) -> None:
        state = (node_id, made)
        if state in seen or len(paths) >= limit:
            return
        for choice in available(nodes[node_id], made):
            route = [*taken, choice.id]
            if choice.leads_to in endings:
                paths.append((route, choice.leads_to))
            elif choice.leads_to in nodes:
                walk(choice.leads_to, made | {choice.id}, route, seen | {state})

    walk(dilemma.start, frozenset(), [], set())
    return paths


@dataclass(frozen=True)
class Branch:
    """One choice in the all-branches map and what follows it."""

    choice: Choice
    target: str
    """The id of the node or ending the choice leads to."""
    expanded: tuple[Branch, ...] | None
    """The target's own branches the first time it appears; None where it was mapped earlier or ends."""


def branch_map(dilemma: Dilemma) -> tuple[Branch, ...]:
    """Every choice from the start, depth first; a node reached again is referred back to, not repeated.

    Conditional choices (`when`) are all shown, so the map covers every branch the player can offer.
    """
    nodes = {node.id: node for node in dilemma.nodes}
    mapped: set[str] = {dilemma.start}

    def branches(node_id: str) -> tuple[Branch, ...]:
        out = []
        for choice in nodes[node_id].choices:
            target = choice.leads_to
            expanded = None
            if target in nodes and target not in mapped:
                mapped.add(target)
                expanded = branches(target)
            out.append(Branch(choice, target, expanded))
        return tuple(out)

    return branches(dilemma.start)
