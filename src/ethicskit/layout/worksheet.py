"""The ethical-reasoning worksheet's layout, written once: the book's worksheet page (which a script turns
into a saving form) and the printed worksheet that closes a seminar pack show the same steps, guidance,
labels and room to write."""

from __future__ import annotations

from docutils import nodes

from ..worksheet import step_heading, steps


def worksheet_steps() -> list[nodes.Node]:
    """Every step: its numbered heading, its guidance, and a box to write in for each of its fields
    (labelled when a step has more than one)."""
    out: list[nodes.Node] = []
    for number, step in enumerate(steps(), 1):
        box = nodes.container(classes=["ek-worksheet-step"])
        heading = step_heading(number, step)
        box += nodes.rubric(heading, heading)
        box += nodes.paragraph(step.guidance, step.guidance, classes=["ek-guidance"])
        for _key, label in step.fields:
            if len(step.fields) > 1:
                box += nodes.paragraph(label, label, classes=["ek-field-label"])
            box += nodes.container(classes=["ek-write-here"])
        out.append(box)
    return out
