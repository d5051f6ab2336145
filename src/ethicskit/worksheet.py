"""The ethical-reasoning worksheet: its steps, once, for the book page, the browser and Jupyter."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the worksheet; `fields` are (id, label) of the answers it asks for."""

    id: str
    title: str
    guidance: str
    fields: tuple[tuple[str, str], ...]


def _one(step_id: str, title: str, guidance: str) -> Step:
    return Step(step_id, title, guidance, ((step_id, title),))


STEPS: tuple[Step, ...] = (
    _one(
        "facts",
        "The facts",
        "What do you know, and what do you not know yet? Keep what you saw or were told apart from "
        "what you assume.",
    ),
    _one(
        "people",
        "People affected",
        "Who is affected by what you decide: the person and their family, carers, colleagues, the "
        "agency, others in the community?",
    ),
    _one(
        "values",
        "Values at stake",
        "Which values pull against each other here? For example self-determination and safety, "
        "honesty and kindness, fairness to one person and fairness to many.",
    ),
    _one(
        "clauses",
        "Relevant clauses",
        "Which clauses of the codes bear on the situation, and what does each ask of you? Give the "
        "code and number, e.g. Social Work England 6.2.",
    ),
    _one(
        "law",
        "What the law says",
        "What does the law require, permit or forbid here, and whose duty is it? Name the provisions for "
        "the nation you are in, e.g. Care Act 2014, s 42 in England, and say where the law stops deciding "
        "and your judgement begins.",
    ),
    _one(
        "options",
        "Options",
        "List at least three things you could do, including one you would not normally consider.",
    ),
    Step(
        "consequences",
        "Consequences",
        "For your main options, what follows from each point of view?",
        (
            ("consequences-agency", "For the agency"),
            ("consequences-profession", "For the profession and your registration"),
            ("consequences-person", "For the person who uses services"),
        ),
    ),
    _one("decision", "Decision", "What will you do, and through which channel?"),
    _one(
        "justification",
        "Justification",
        "Why this option? Which clauses, duties in law and values does it honour and which does it "
        "strain? How would you explain it to the person, to your manager and to the regulator?",
    ),
)


def field_ids() -> list[str]:
    """Every answer the worksheet holds, in order."""
    return [field_id for step in STEPS for field_id, _ in step.fields]


def as_payload() -> list[dict[str, object]]:
    """The steps as JSON-ready data for the browser worksheet."""
    return [
        {
            "id": step.id,
            "title": step.title,
            "guidance": step.guidance,
            "fields": [{"id": field_id, "label": label} for field_id, label in step.fields],
        }
        for step in STEPS
    ]


def as_markdown(title: str, answers: dict[str, str], updated: str) -> str:
    """A completed worksheet laid out like the reflections export."""
    lines = [f"## Worksheet: {title}", "", f"- Date: {updated}", ""]
    for step in STEPS:
        lines += [f"### {step.title}", ""]
        for field_id, label in step.fields:
            text = answers.get(field_id, "").strip() or "(not written)"
            lines += [f"**{label}:** {text}" if len(step.fields) > 1 else text, ""]
    return "\n".join(lines)
