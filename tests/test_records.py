"""Records in the regulators' shapes, from a reflections export: read safely, filled the same way by the
command and by the browser, and written as Markdown, text and Word."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from playwright.sync_api import Page

from conftest import kit_scripts
from ethicskit import records
from ethicskit.cli import main

EXPORTED = "2026-12-04"
STORE: dict[str, Any] = {
    "version": 1,
    "dilemmas": {
        "the-late-file": {
            "title": "The late file",
            "updated": "2026-11-30",
            "path": [
                {
                    "node": "first",
                    "title": "Decision 1",
                    "choice": "a",
                    "label": "Ask for a day",
                    "clauses": ["Code A 1.1", "Code B 2"],
                },
                {
                    "node": "second",
                    "title": "Decision 2",
                    "choice": "b",
                    "label": "Write it down",
                    "clauses": ["Code A 1.1"],
                },
            ],
            "ending": {"id": "end", "title": "A day late, and said so", "clauses": ["Code C 3.4"]},
            "reflections": {
                "first": {
                    "prompt": "What pulled you each way?",
                    "text": "  The deadline, and the family.\n\nThen my own tiredness.  ",
                    "updated": "2026-11-30",
                },
                "second": {"prompt": "Left blank", "text": "   ", "updated": "2026-11-30"},
            },
            "pathMap": "<svg/>",
        },
        "a-started-one": {
            "title": "Only started",
            "updated": "2026-11-29",
            "path": [],
            "ending": None,
            "reflections": {},
        },
    },
    "worksheets": {
        "own-situation": {
            "title": "My own situation",
            "updated": "2026-12-01",
            "answers": {"facts": "What I know so far.", "options": ""},
            "steps": [["The facts", "facts"], ["Options", "options"]],
        }
    },
}


def _export() -> records.ReflectionsExport:
    return records.read_export(json.dumps(STORE).encode("utf-8"))


@pytest.mark.parametrize("shape", records.shapes(), ids=lambda shape: shape.id)
def test_every_record_says_it_is_not_practice_evidence_and_where_its_shape_comes_from(
    shape: records.RecordShape,
) -> None:
    for render in (records.as_markdown, records.as_text):
        text = render(shape, _export(), EXPORTED)
        assert records.not_evidence() in text
        assert shape.verification in text
        for source in shape.sources:
            assert source.url.startswith("https://") and f"{source.url} (seen {source.seen})" in text
        for record_field in shape.fields:
            assert (
                record_field.label if render is records.as_markdown else record_field.label.upper()
            ) in text
        # Dilemmas in id order, then worksheets; a blank reflection is left out, the others kept whole.
        assert (
            text.index("Only started")
            < text.index("The late file")
            < text.index("Worksheet: My own situation")
        )
        assert (
            "“What pulled you each way?”\n\nThe deadline, and the family.\n\nThen my own tiredness.\n" in text
        )
        assert "Left blank" not in text
        assert "Choices: Ask for a day; then Write it down. Ending reached: A day late, and said so." in text
        assert "Code A 1.1; Code B 2; Code C 3.4" in text
        assert "The facts\n\nWhat I know so far." in text and "Options\n\n" not in text
        assert f"Exported {EXPORTED}" in text


def test_the_swe_record_asks_for_the_peer_reflection() -> None:
    text = records.as_markdown(records.shape_by_id("swe-cpd"), _export(), EXPORTED)
    assert (
        "### Peer reflection: what you learnt from discussing this activity with a peer\n\nTo complete:"
        in text
    )


@pytest.mark.parametrize("shape", records.shapes(), ids=lambda shape: shape.id)
def test_word_record_reads_back(shape: records.RecordShape) -> None:
    document = Document(io.BytesIO(records.as_docx(shape, _export(), EXPORTED)))
    paragraphs = document.paragraphs
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert paragraphs[0].text == f"{shape.title}: First Loyalty"
    notice = next(p for p in paragraphs if p.text == records.not_evidence())
    assert all(run.bold for run in notice.runs)
    assert headings[:2] == ["Only started", *[f.label for f in shape.fields][:1]]
    assert headings.count(shape.fields[-1].label) == 3  # every entry has every field
    texts = [p.text for p in paragraphs]
    assert "The deadline, and the family." in texts and "Then my own tiredness." in texts
    assert document.core_properties.title == shape.title


def test_the_command_writes_all_three_formats(tmp_path: Path) -> None:
    source = tmp_path / "first-loyalty-reflections.json"
    source.write_text(json.dumps(STORE), encoding="utf-8")
    for suffix in (".md", ".txt", ".docx"):
        output = tmp_path / f"record{suffix}"
        result = CliRunner().invoke(main, ["export", "record", "sssc-cpl", str(source), "-o", str(output)])
        assert result.exit_code == 0, result.output
    assert records.not_evidence() in (tmp_path / "record.md").read_text(encoding="utf-8")
    assert (tmp_path / "record.txt").read_text(encoding="utf-8").startswith("SSSC continuous professional")
    assert Document(str(tmp_path / "record.docx")).paragraphs[0].text.startswith("SSSC continuous")
    refused = CliRunner().invoke(
        main, ["export", "record", "sssc-cpl", str(source), "-o", str(tmp_path / "x.pdf")]
    )
    assert refused.exit_code == 1 and ".md, .txt, .docx" in refused.output


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "not JSON"),
        (json.dumps({"version": 2, "dilemmas": {}}).encode(), "newer version"),
        (json.dumps({"version": 1, "dilemmas": {"x": {"title": "T"}}}).encode(), "at dilemmas.x.updated"),
        (json.dumps([1, 2]).encode(), "not an export"),
        (b" " * (records.MAX_EXPORT_BYTES + 1), "larger than 5 MB"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(records.RecordError, match=message):
        records.read_export(data)


def test_the_first_export_format_is_still_read() -> None:
    export = records.read_export(json.dumps(STORE["dilemmas"]).encode())
    assert set(export.dilemmas) == {"the-late-file", "a-started-one"}


def test_the_command_explains_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "record", "swe-cpd", str(bad), "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 1 and "not an export of reflections" in result.output
    assert not (tmp_path / "r.md").exists()


@pytest.mark.browser
def test_the_browser_fills_every_shape_exactly_as_the_command_does(page: Page, tmp_path: Path) -> None:
    """The page's script and the Python module give the same Markdown and text for the same reflections."""
    shapes = json.dumps(records.as_payload(), ensure_ascii=False)
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        f'<div class="ek-my-reflections"><script type="application/json" class="ek-record-shapes">{shapes}'
        f"</script></div>{kit_scripts('dilemma-player.js', 'reflections.js')}"
        "</body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    page.goto((tmp_path / "page.html").as_uri())
    for index, shape in enumerate(records.shapes()):
        for name, render in (("recordMarkdown", records.as_markdown), ("recordText", records.as_text)):
            from_browser = page.evaluate(
                f"([shapes, store, day]) => FirstLoyaltyReflections.{name}(shapes[{index}], store, day)",
                [records.as_payload(), STORE, EXPORTED],
            )
            assert from_browser == render(shape, _export(), EXPORTED), (shape.id, name)
            # The days the reflections were saved on are written as the language writes dates.
            assert "30 November 2026" in from_browser and "2026-11-30" not in from_browser
    # The page offers every shape by its title.
    options = page.locator(".ek-records select option").all_text_contents()
    assert options == [shape.title for shape in records.shapes()]
