"""No interface text of the regulators' records escapes the word catalogue: every shape, in every format,
is made in the pseudo-locale from reflections on every real dilemma and a worksheet, and checked."""

from __future__ import annotations

import html
import io
import json
from datetime import date
from typing import Any

import pytest
from docx import Document

from conftest import REPO, WALKTHROUGHS, load_walkthroughs
from ethicskit import records
from ethicskit.catalog import load_catalog
from ethicskit.engine import titles
from ethicskit.export import dilemma_payload
from ethicskit.words import PSEUDO_LANGUAGE, current, language
from ethicskit.worksheet import steps
from pseudo import escaped_text

CATALOG, _PROBLEMS = load_catalog(REPO)
TYPED = "1 2 3"
"""What a learner types: no words, so it is told apart from interface text."""
UPDATED = "2026-11-30"


def _store() -> dict[str, Any]:
    """What "Download as JSON" holds after playing every real dilemma along a recorded path in the
    pseudo-locale, with one dilemma only started, and a worksheet on a real case and one of one's own."""
    dilemmas: dict[str, Any] = {}
    for path in WALKTHROUGHS:
        dilemma = CATALOG.dilemmas[path.stem].model
        walk = load_walkthroughs(path)[0]
        payload = dilemma_payload(dilemma, CATALOG)
        named = titles(dilemma)
        choices = {c.id: (n, c) for n in dilemma.nodes for c in n.choices}
        steps_taken = []
        for choice_id in walk["choices"]:
            node, choice = choices[choice_id]
            cited = [payload["clauses"][ref]["label"] for ref in choice.honours + choice.strains]
            steps_taken.append({"title": named[node.id], "label": choice.label, "clauses": cited})
        [ending] = [e for e in dilemma.endings if e.id == walk["ending"]]
        reflections = {
            node.id: {"prompt": node.prompt, "text": TYPED} for node in dilemma.nodes if node.prompt
        }
        reflections[ending.id] = {"prompt": ending.reflection_prompt, "text": TYPED}
        dilemmas[dilemma.id] = {
            "title": dilemma.title,
            "updated": UPDATED,
            "path": steps_taken,
            "ending": {
                "title": named[ending.id],
                "clauses": [payload["clauses"][ref]["label"] for ref in ending.clauses],
            },
            "reflections": reflections,
        }
    started = CATALOG.dilemmas[WALKTHROUGHS[0].stem].model
    dilemmas["only-started"] = {"title": started.title, "updated": UPDATED, "path": [], "reflections": {}}
    sheet_steps = [[step.title, step.id] for step in steps()]
    case = next(iter(sorted(CATALOG.cases.values(), key=lambda loaded: loaded.model.id))).model
    worksheets = {
        case.id: {
            "title": case.title,
            "updated": UPDATED,
            "answers": {step.id: TYPED for step in steps()},
            "steps": sheet_steps,
        },
        "blank": {"title": case.title, "updated": UPDATED, "answers": {}, "steps": sheet_steps},
    }
    return {"version": 1, "dilemmas": dilemmas, "worksheets": worksheets}


def _plain(text: str, dates: list[str]) -> str:
    """Plain text as a paragraph per line, the Markdown marks at a line's ends taken off. Dates are
    written by Babel, not the catalogue (the pseudo-locale writes dates as British English), so they are
    taken out."""
    for day in dates:
        text = text.replace(day, "")
    return "".join(f"<p>{html.escape(line.strip('#>*- '))}</p>" for line in text.splitlines())


@pytest.mark.parametrize("shape_id", records.SHAPE_IDS)
@pytest.mark.parametrize("kind", ["markdown", "text", "word"])
def test_every_record_shape_and_format_speaks_only_catalogue_words(shape_id: str, kind: str) -> None:
    with language(PSEUDO_LANGUAGE):
        export = records.read_export(json.dumps(_store()).encode("utf-8"))
        shape = records.shape_by_id(shape_id)
        exported = current().date(date(2026, 12, 4))
        updated = current().date(date.fromisoformat(UPDATED))
        if kind == "word":
            document = Document(io.BytesIO(records.as_docx(shape, export, exported)))
            made = "\n".join(paragraph.text for paragraph in document.paragraphs)
            made += "\n" + document.core_properties.title + "\n" + document.core_properties.author
        else:
            render = records.as_markdown if kind == "markdown" else records.as_text
            made = render(shape, export, exported)
        payload = json.dumps(records.as_payload(), ensure_ascii=False)
    assert "\u27e6" in made and records.not_evidence() not in made  # the pseudo-locale was in force
    checked = _plain(made, [exported, updated])
    # Addresses are not words: each source's URL is taken out before the check.
    for source in shape.sources:
        checked = checked.replace(html.escape(source.url), "")
    assert escaped_text(checked) == []
    # The page receives the same words for the browser to fill the shapes with.
    assert "Social Work England CPD record" not in payload
