"""The balance figures, on small dilemmas whose expected values are worked out by hand below."""

from __future__ import annotations

import math
from typing import Any

import pytest

from ethicskit.balance import (
    Balance,
    agency_is_right,
    as_table,
    correlation,
    dilemma_balance,
    has_free_answer,
    has_uniquely_best,
    kit_balance,
)
from ethicskit.models import Dilemma, Node

Leans = tuple[int, int, int]
"""(agency, profession, person)."""


def _choice(choice_id: str, leans: Leans, escalation: str | None = None) -> dict[str, Any]:
    agency, profession, person = leans
    return {
        "id": choice_id,
        "label": f"Choice {choice_id}",
        "leads_to": "the-end",
        "consequence": "Something happens.",
        "perspectives": {
            "agency": {"text": "Seen by the agency.", "lean": agency},
            "profession": {"text": "Seen by the profession.", "lean": profession},
            "person": {"text": "Seen by the person.", "lean": person},
        },
        "honours": ["demo:1.1"],
        "escalation": escalation,
    }


def _dilemma(dilemma_id: str, decisions: dict[str, list[dict[str, Any]]]) -> Dilemma:
    return Dilemma.model_validate(
        {
            "id": dilemma_id,
            "case": "demo-case",
            "title": "A test dilemma",
            "summary": "Built by the tests.",
            "start": next(iter(decisions)),
            "nodes": [
                {"id": node_id, "situation": "Something is going on.", "choices": choices}
                for node_id, choices in decisions.items()
            ],
            "endings": [
                {"id": "the-end", "title": "The end", "debrief": "Done.", "reflection_prompt": "Why?"}
            ],
        }
    )


# Three decisions, seven choices. Leans are (agency, profession, person).
LOPSIDED = {
    # a2 is best for profession and person alike (a free answer, and uniquely best: sums -3 and 4);
    # the agency wants a1, which is worst for both.
    "node-a": [_choice("a1", (2, -1, -2)), _choice("a2", (-1, 2, 2))],
    # Profession prefers b2 (2), the person b3 (2): no free answer. Sums 0, 3, 1: b2 uniquely best.
    # b1 is the professional option that costs the person (profession +1, person -1).
    "node-b": [
        _choice("b1", (1, 1, -1)),
        _choice("b2", (-2, 2, 1), escalation="supervision"),
        _choice("b3", (0, -1, 2)),
    ],
    # c1 and c2 tie on profession + person (2 each), so neither is uniquely best; neither wins on both
    # sides, so no free answer; the agency's favourite c1 is among the best: the agency is right here.
    "node-c": [_choice("c1", (1, 1, 1)), _choice("c2", (-1, 2, 0), escalation="union-or-association")],
}


def _node(choices: list[dict[str, Any]]) -> Node:
    return Node.model_validate({"id": "n", "situation": "S.", "choices": choices})


def test_each_decision_measure_on_hand_built_nodes() -> None:
    """Free answer, uniquely best and agency-right, node by node, as the comments above work out."""
    assert [has_free_answer(_node(c)) for c in LOPSIDED.values()] == [True, False, False]
    assert [has_uniquely_best(_node(c)) for c in LOPSIDED.values()] == [True, True, False]
    assert [agency_is_right(_node(c)) for c in LOPSIDED.values()] == [False, False, True]


def test_agency_is_not_right_when_it_wants_nothing() -> None:
    """An option best for profession and person is not the agency's request if the agency leans against it."""
    node = _node([_choice("x", (-1, 2, 2)), _choice("y", (-2, -1, -1))])
    assert not agency_is_right(node)


def test_dilemma_figures_match_the_hand_computation() -> None:
    """Every figure of the three-decision dilemma.

    Agency leans 2,-1,1,-2,0,1,-1 (mean 0); profession -1,2,1,2,-1,1,2 (mean 6/7); person
    -2,2,-1,1,2,1,0 (mean 3/7). Sums of products about the means: agency~person -8, agency~profession
    -8, profession~person 6 - 7*(6/7)*(3/7) = 24/7. Sums of squares: agency 12, profession
    16 - 36/7 = 76/7, person 15 - 9/7 = 96/7.
    """
    balance = dilemma_balance(_dilemma("lopsided", LOPSIDED))
    assert (balance.decisions, balance.choices) == (3, 7)
    assert (balance.free_answer, balance.uniquely_best, balance.agency_right) == (1, 2, 1)
    assert balance.costs_the_person == 1
    assert balance.agency_person == pytest.approx(-8 / math.sqrt(12 * 96 / 7))
    assert balance.agency_profession == pytest.approx(-8 / math.sqrt(12 * 76 / 7))
    assert balance.profession_person == pytest.approx((24 / 7) / math.sqrt((76 / 7) * (96 / 7)))
    assert balance.escalations == 2
    assert balance.escalation_routes == {"supervision": 1, "union-or-association": 1}
    assert balance.escalation_mean_leans == {"agency": -1.5, "profession": 2.0, "person": 0.5}
    assert balance.escalation_profession_strong == 2
    # Free answer 1 of 3 is within the target; uniquely best 2 of 3 and r = -0.62 are not.
    missed = balance.one_sided()
    assert len(missed) == 2
    assert missed[0].startswith("2 of 3 decisions have a uniquely best option")
    assert missed[1] == "agency and person leans correlate -0.62 (at least -0.3 wanted)"


def test_a_balanced_dilemma_misses_no_target() -> None:
    """node-b and node-c, plus node-d where the agency's favourite d1 ties with d2 for profession + person.

    Decisions: no free answer anywhere, uniquely best only at node-b (1 of 3), agency right at c and d.
    Agency 1,-2,0,1,-1,2,0 (mean 1/7) and person -1,1,2,1,0,1,0 (mean 4/7): sum of products about the
    means 0 - 7*(1/7)*(4/7) = -4/7; sums of squares 11 - 1/7 = 76/7 and 8 - 16/7 = 40/7.
    """
    kinder = dict(LOPSIDED)
    del kinder["node-a"]
    kinder["node-d"] = [_choice("d1", (2, 0, 1)), _choice("d2", (0, 1, 0))]
    balance = dilemma_balance(_dilemma("kinder", kinder))
    assert (balance.free_answer, balance.uniquely_best, balance.agency_right) == (0, 1, 2)
    assert balance.agency_person == pytest.approx((-4 / 7) / math.sqrt((76 / 7) * (40 / 7)))
    assert balance.one_sided() == []


def test_missing_costs_and_agency_right_are_reported() -> None:
    """A dilemma where the profession never costs the person and the agency is never right says so."""
    balance = dilemma_balance(_dilemma("one-note", {"node-a": LOPSIDED["node-a"]}))
    missed = balance.one_sided()
    assert "no choice where the professional option costs the person" in missed
    assert "no decision where the agency's request is the right call" in missed
    assert balance.escalation_mean_leans == {}


def test_kit_figures_pool_choices_rather_than_average_dilemmas() -> None:
    """Two one-decision dilemmas: the kit's r is computed over all four choices together.

    Agency 1,-1,1,-1 against person 1,-1,-1,1: products 1,1,-1,-1 sum 0, so r = 0, although the
    first dilemma alone has r = +1 and the second -1.
    """
    first = _dilemma("first", {"n1": [_choice("p", (1, 0, 1)), _choice("q", (-1, 1, -1))]})
    second = _dilemma("second", {"n2": [_choice("r", (1, 0, -1)), _choice("s", (-1, 1, 1))]})
    assert dilemma_balance(first).agency_person == pytest.approx(1.0)
    assert dilemma_balance(second).agency_person == pytest.approx(-1.0)
    kit = kit_balance([first, second])
    assert kit.agency_person == pytest.approx(0.0)
    assert (kit.dilemma, kit.decisions, kit.choices) == (None, 2, 4)


def test_correlation_is_undefined_when_a_side_never_varies() -> None:
    assert correlation([1, 1, 1], [0, 1, 2]) is None
    assert correlation([1], [2]) is None
    assert correlation([0, 1, 2], [0, 2, 4]) == pytest.approx(1.0)


def test_table_has_a_row_per_dilemma_and_one_for_the_kit() -> None:
    lopsided = _dilemma("lopsided", LOPSIDED)
    balances: list[Balance] = [dilemma_balance(lopsided)]
    table = as_table(balances, kit_balance([lopsided])).splitlines()
    assert table[0].split()[:3] == ["dilemma", "decisions", "free"]
    assert table[2].split()[:8] == ["lopsided", "3", "1/3", "(33%)", "2/3", "(67%)", "1", "1"]
    assert table[4].startswith("whole kit")
    assert "One-sided dilemmas: 1 of 1." in table


def test_a_node_with_one_choice_is_not_a_decision_but_its_choice_counts() -> None:
    """One choice asks nothing, so it cannot hold a free answer; its leans still enter the correlations."""
    dilemma = _dilemma("with-a-step", {**LOPSIDED, "only-way": [_choice("z", (0, 0, 0))]})
    balance = dilemma_balance(dilemma)
    assert (balance.decisions, balance.choices, balance.free_answer) == (3, 8, 1)
