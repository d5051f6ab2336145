"""How balanced the dilemmas are: figures computed from the leans, and the warning on a one-sided one.

A dilemma teaches badly when its leans give the answer away: when one option is best for the
profession and for the person at every turn, when the agency's view is simply the opposite of the
person's, and when escalating is always right. These figures make that visible. They are computed
from the content only; they never change what a learner sees in the player.

Definitions (a *decision* is a node of a dilemma with two or more choices, since a node with one
choice asks nothing; its options are all its choices, including those offered only after an earlier
choice, so each figure depends on the content and not on the path a learner took; figures about
choices count the choices of every node):

- **free answer**: a decision has one option at least as good as every other option for *both* the
  profession and the person (its profession lean is the highest or tied highest, and so is its person
  lean). A learner who follows the profession and the person loses nothing by that option.
- **uniquely best**: exactly one option has the highest profession + person lean.
- **correlations**: Pearson's r between two sides' leans over every choice (of the dilemma, or of the
  whole kit, pooled). None when fewer than two choices or when a side never varies.
- **escalation choices**: choices that name an escalation route; their share of all choices, how many
  each route has, their mean lean for each side, and how many the profession leans +2 on.
- **professional option costs the person**: a choice the profession leans towards (+1 or +2) while the
  person leans against (-1 or -2).
- **agency's request is right**: a decision where an option the agency leans towards most, with a
  positive lean, also has the highest (or tied highest) profession + person lean.

A dilemma is *one-sided* when it misses any of the kit's targets, each of which is a threshold below.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Choice, Dilemma, Escalation, Node
from .problems import Problem, ProblemCode, Severity
from .words import _, current

if TYPE_CHECKING:
    from .catalog import Catalog

FREE_ANSWER_MAX = 0.5
"""The share of decisions with a free answer a dilemma may have (the issue's target: at most half)."""
UNIQUELY_BEST_MAX = 0.5
"""The share of decisions with a uniquely best profession + person option a dilemma may have."""
AGENCY_PERSON_MIN = -0.3
"""The lowest correlation of agency and person leans before the employer is drawn as the person's foe."""

SIDES = ("agency", "profession", "person")


def _lean(choice: Choice, side: str) -> int:
    return int(getattr(choice.perspectives, side).lean)


def _ours(choice: Choice) -> int:
    """The profession's and the person's leans added: what a reader weighing only those two would pick."""
    return _lean(choice, "profession") + _lean(choice, "person")


def has_free_answer(node: Node) -> bool:
    """One option is at least as good as every other for both the profession and the person."""
    return any(
        all(
            _lean(option, "profession") >= _lean(other, "profession")
            and _lean(option, "person") >= _lean(other, "person")
            for other in node.choices
        )
        for option in node.choices
    )


def has_uniquely_best(node: Node) -> bool:
    """Exactly one option has the highest profession + person lean."""
    totals = [_ours(choice) for choice in node.choices]
    return bool(totals) and totals.count(max(totals)) == 1


def agency_is_right(node: Node) -> bool:
    """An option the agency most wants, with a positive lean, is also best for profession + person."""
    if not node.choices:
        return False
    top_agency = max(_lean(choice, "agency") for choice in node.choices)
    best_ours = max(_ours(choice) for choice in node.choices)
    return top_agency > 0 and any(
        _lean(choice, "agency") == top_agency and _ours(choice) == best_ours for choice in node.choices
    )


def costs_the_person(choice: Choice) -> bool:
    """The profession leans towards the choice while the person leans against it."""
    return _lean(choice, "profession") > 0 and _lean(choice, "person") < 0


def correlation(xs: Sequence[int], ys: Sequence[int]) -> float | None:
    """Pearson's r, or None when it is undefined (fewer than two values, or one side never varies)."""
    if len(xs) < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    return statistics.correlation(xs, ys)


@dataclass(frozen=True)
class Balance:
    """The balance figures of one dilemma, or of the whole kit when `dilemma` is None."""

    dilemma: str | None
    decisions: int
    choices: int
    free_answer: int
    uniquely_best: int
    agency_right: int
    """Decisions where the agency's request is the right call (see the module's definitions)."""
    costs_the_person: int
    """Choices where the professional option costs the person."""
    agency_person: float | None
    agency_profession: float | None
    profession_person: float | None
    escalations: int
    escalation_routes: dict[str, int] = field(default_factory=dict)
    escalation_mean_leans: dict[str, float] = field(default_factory=dict)
    escalation_profession_strong: int = 0
    """Escalation choices the profession leans +2 on."""

    def share(self, count: int) -> float:
        """`count` as a share of the decisions."""
        return count / self.decisions if self.decisions else 0.0

    def one_sided(self) -> list[str]:
        """Each target this dilemma (or the kit) misses, as a phrase; empty when it is balanced."""
        words = current()
        missed = []
        if self.share(self.free_answer) > FREE_ANSWER_MAX:
            missed.append(
                words.plural(
                    "{count} of {total} decision has a free answer (at most {maximum} wanted)",
                    "{count} of {total} decisions have a free answer (at most {maximum} wanted)",
                    self.free_answer,
                    total=self.decisions,
                    maximum=words.percent(FREE_ANSWER_MAX),
                )
            )
        if self.share(self.uniquely_best) > UNIQUELY_BEST_MAX:
            missed.append(
                words.plural(
                    "{count} of {total} decision has a uniquely best option for profession and person "
                    "(at most {maximum} wanted)",
                    "{count} of {total} decisions have a uniquely best option for profession and person "
                    "(at most {maximum} wanted)",
                    self.uniquely_best,
                    total=self.decisions,
                    maximum=words.percent(UNIQUELY_BEST_MAX),
                )
            )
        if self.agency_person is not None and self.agency_person < AGENCY_PERSON_MIN:
            missed.append(
                words(
                    "agency and person leans correlate {correlation} (at least {minimum} wanted)",
                    correlation=f"{self.agency_person:+.2f}",
                    minimum=f"{AGENCY_PERSON_MIN:+.1f}",
                )
            )
        if not self.costs_the_person:
            missed.append(words("no choice where the professional option costs the person"))
        if not self.agency_right:
            missed.append(words("no decision where the agency's request is the right call"))
        return missed

    def as_dict(self) -> dict[str, object]:
        """The figures as plain data, for JSON."""
        return {
            "dilemma": self.dilemma,
            "decisions": self.decisions,
            "choices": self.choices,
            "free_answer": self.free_answer,
            "uniquely_best": self.uniquely_best,
            "agency_right": self.agency_right,
            "costs_the_person": self.costs_the_person,
            "correlations": {
                "agency_person": _rounded(self.agency_person),
                "agency_profession": _rounded(self.agency_profession),
                "profession_person": _rounded(self.profession_person),
            },
            "escalation": {
                "choices": self.escalations,
                "share": round(self.escalations / self.choices, 3) if self.choices else 0.0,
                "routes": self.escalation_routes,
                "mean_leans": {side: round(value, 2) for side, value in self.escalation_mean_leans.items()},
                "profession_strongly_towards": self.escalation_profession_strong,
            },
            "one_sided": self.one_sided(),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def measure(nodes: Iterable[Node], dilemma: str | None) -> Balance:
    """The figures of a set of decisions: one dilemma's nodes, or every node of the kit."""
    every_node = list(nodes)
    decisions = [node for node in every_node if len(node.choices) >= 2]
    choices = [choice for node in every_node for choice in node.choices]
    leans = {side: [_lean(choice, side) for choice in choices] for side in SIDES}
    escalated = [choice for choice in choices if choice.escalation is not None]
    routes = Counter(choice.escalation.value for choice in escalated if choice.escalation is not None)
    return Balance(
        dilemma=dilemma,
        decisions=len(decisions),
        choices=len(choices),
        free_answer=sum(has_free_answer(node) for node in decisions),
        uniquely_best=sum(has_uniquely_best(node) for node in decisions),
        agency_right=sum(agency_is_right(node) for node in decisions),
        costs_the_person=sum(costs_the_person(choice) for choice in choices),
        agency_person=correlation(leans["agency"], leans["person"]),
        agency_profession=correlation(leans["agency"], leans["profession"]),
        profession_person=correlation(leans["profession"], leans["person"]),
        escalations=len(escalated),
        escalation_routes={route.value: routes[route.value] for route in Escalation if routes[route.value]},
        escalation_mean_leans=(
            {side: statistics.fmean(_lean(choice, side) for choice in escalated) for side in SIDES}
            if escalated
            else {}
        ),
        escalation_profession_strong=sum(_lean(choice, "profession") == 2 for choice in escalated),
    )


def dilemma_balance(dilemma: Dilemma) -> Balance:
    """One dilemma's figures."""
    return measure(dilemma.nodes, dilemma.id)


def kit_balance(dilemmas: Iterable[Dilemma]) -> Balance:
    """The whole kit's figures, every decision and choice pooled."""
    return measure((node for dilemma in dilemmas for node in dilemma.nodes), None)


def _r(value: float | None) -> str:
    return _("n/a").rjust(5) if value is None else f"{value:+.2f}"


def _count(count: int, of: int) -> str:
    return f"{count}/{of} ({count / of:.0%})" if of else "0/0"


def headings() -> tuple[str, ...]:
    """The plain-text table's column headings, in the reader's language."""
    return (
        _("dilemma"),
        _("decisions"),
        _("free answer"),
        _("uniquely best"),
        _("agency right"),
        _("costs person"),
        _("r ag~pe"),
        _("r ag~pr"),
        _("r pr~pe"),
        _("escalations (prof +2)"),
    )


def as_table(per_dilemma: Sequence[Balance], kit: Balance) -> str:
    """A plain-text table: one row per dilemma, then the kit, then the targets each row is held to."""
    rows = [
        (
            balance.dilemma or _("whole kit"),
            str(balance.decisions),
            _count(balance.free_answer, balance.decisions),
            _count(balance.uniquely_best, balance.decisions),
            str(balance.agency_right),
            str(balance.costs_the_person),
            _r(balance.agency_person),
            _r(balance.agency_profession),
            _r(balance.profession_person),
            f"{balance.escalations} ({balance.escalation_profession_strong})",
        )
        for balance in [*per_dilemma, kit]
    ]
    heads = headings()
    widths = [max(len(cells[i]) for cells in [heads, *rows]) for i in range(len(heads))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    out = [line(heads), rule, *(line(cells) for cells in rows[:-1]), rule, line(rows[-1]), ""]
    one_sided = [balance for balance in per_dilemma if balance.one_sided()]
    out.append(
        _(
            "Targets: free answer and uniquely best at most {free_answer_max} of decisions; agency~person "
            "r at least {agency_person_min}; at least one choice where the professional option costs the "
            "person and one decision where the agency's request is right.",
            free_answer_max=current().percent(FREE_ANSWER_MAX),
            agency_person_min=f"{AGENCY_PERSON_MIN:+.1f}",
        )
    )
    out.append(
        _(
            "One-sided dilemmas: {one_sided} of {dilemmas}.",
            one_sided=len(one_sided),
            dilemmas=len(per_dilemma),
        )
    )
    if kit.escalation_routes:
        # A route is the YAML's own identifier ('supervision'), as a dilemma's 'escalation' names it.
        routes = ", ".join(f"{route} {count}" for route, count in kit.escalation_routes.items())
        out.append(_("Escalation routes: {routes}.", routes=routes))
    return "\n".join(out)


def _met(ok: bool) -> str:
    return _("yes") if ok else "**" + _("no") + "**"


def as_markdown(per_dilemma: Sequence[Balance], kit: Balance) -> str:
    """The whole kit's figures as a Markdown table of measure, value, target and whether it is met,
    laid out like the benchmark's, for the README (`ethicskit stats --format markdown`)."""
    count = len(per_dilemma)
    with_cost = sum(1 for balance in per_dilemma if balance.costs_the_person)
    with_agency_right = sum(1 for balance in per_dilemma if balance.agency_right)
    one_sided = sum(1 for balance in per_dilemma if balance.one_sided())
    agency_person = kit.agency_person
    rows = [
        (_("dilemmas"), str(count), "", ""),
        (_("decisions"), str(kit.decisions), "", ""),
        (_("choices"), str(kit.choices), "", ""),
        (
            _("decisions with a free answer"),
            _count(kit.free_answer, kit.decisions),
            f"≤ {current().percent(FREE_ANSWER_MAX)}",
            _met(kit.share(kit.free_answer) <= FREE_ANSWER_MAX),
        ),
        (
            _("decisions with a uniquely best profession + person option"),
            _count(kit.uniquely_best, kit.decisions),
            f"≤ {current().percent(UNIQUELY_BEST_MAX)}",
            _met(kit.share(kit.uniquely_best) <= UNIQUELY_BEST_MAX),
        ),
        (
            _("correlation of agency and person leans"),
            _r(agency_person).strip(),
            f"≥ {AGENCY_PERSON_MIN:+.1f}",
            _met(agency_person is not None and agency_person >= AGENCY_PERSON_MIN),
        ),
        (_("correlation of agency and profession leans"), _r(kit.agency_profession).strip(), "", ""),
        (_("correlation of profession and person leans"), _r(kit.profession_person).strip(), "", ""),
        (
            _("dilemmas with a choice where the professional option costs the person"),
            _("{part} of {whole}", part=with_cost, whole=count),
            _("every dilemma"),
            _met(with_cost == count),
        ),
        (
            _("dilemmas with a decision where the agency's request is right"),
            _("{part} of {whole}", part=with_agency_right, whole=count),
            _("every dilemma"),
            _met(with_agency_right == count),
        ),
        (
            _("one-sided dilemmas"),
            _("{part} of {whole}", part=one_sided, whole=count),
            _("none"),
            _met(one_sided == 0),
        ),
        (
            _("escalation choices (the profession leaning +2 on them)"),
            f"{kit.escalations} ({kit.escalation_profession_strong})",
            "",
            "",
        ),
        (
            _("escalation routes used"),
            ", ".join(f"{route} {number}" for route, number in kit.escalation_routes.items()) or _("none"),
            "",
            "",
        ),
    ]
    lines = [
        "| " + " | ".join((_("measure"), _("value"), _("target"), _("met"))) + " |",
        "| --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def one_sided_warnings(catalog: Catalog) -> list[Problem]:
    """A warning, located at the dilemma's file, for each dilemma that misses a target.

    A warning and not an error: balance is a matter of teaching judgement, and a lecturer writing a
    new dilemma should be told, not stopped.
    """
    warnings = []
    for _id, loaded in sorted(catalog.dilemmas.items()):
        missed = dilemma_balance(loaded.model).one_sided()
        if missed:
            message = _("one-sided dilemma: {targets_missed}", targets_missed="; ".join(missed))
            warnings.append(
                Problem(loaded.path, loaded.line("id"), ProblemCode.ONE_SIDED, message, Severity.WARNING)
            )
    return warnings
