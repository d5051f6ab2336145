"""The book's accessibility conformance page: the report a test run wrote, or a plain note that none was.

The report is never written by hand. `{accessibility-conformance}` reads the evidence a test run left
(`ethicskit.conformance`), at `_build/accessibility/accessibility-evidence.json` under the kit's folder,
or wherever ETHICSKIT_CONFORMANCE_EVIDENCE names; `make release` gathers fresh evidence and points the
released builds at it. The page is read again when that file appears, changes or goes, or another file
is named (`outdated_reports`), and not otherwise. Its text depends on nothing else (the date is the one
the evidence records), so the same evidence gives the same page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..conformance import (
    EVIDENCE_ENV,
    EVIDENCE_FILE,
    EVIDENCE_FOLDER,
    Evidence,
    contents,
    criterion_label,
    level_words,
    table_caption,
    table_headings,
)
from ..words import _
from .content import content_root
from .kept import keep_by_page, kept

EVIDENCE_PATH_ENV = "ETHICSKIT_CONFORMANCE_EVIDENCE"
"""Names the evidence file the book shows; relative paths are taken from the kit's folder."""


def no_evidence() -> str:
    return _(
        "No test evidence was present when this copy of the book was built, so it carries no conformance "
        "report. The report is never written by hand: it comes only from the kit's own test run, which "
        "checks every page of both editions with axe-core and plays every dilemma path by keyboard alone."
    )


TEST_COMMAND = f"{EVIDENCE_ENV}={EVIDENCE_FOLDER.as_posix()} make test"


def evidence_path(root: Path) -> Path:
    named = os.environ.get(EVIDENCE_PATH_ENV, "").strip()
    if named:
        path = Path(named)
        return path if path.is_absolute() else root / path
    return root / EVIDENCE_FOLDER / EVIDENCE_FILE


EvidenceState = tuple[int, int] | None
"""What tells whether the evidence file changed: its modification time (ns) and size; None if absent."""


def evidence_state(path: Path) -> EvidenceState:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size) if path.is_file() else None


def evidence_seen(env: BuildEnvironment) -> dict[str, tuple[str, EvidenceState]]:
    """For each report page, the evidence file it was read from and that file's state then."""
    return kept(env, "evidence_seen", dict)


def outdated_reports(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Report pages to read again: their evidence appeared, changed or went, or another file is named."""
    path = evidence_path(content_root(app))
    now = (str(path), evidence_state(path))
    return sorted(docname for docname, seen in evidence_seen(env).items() if seen != now)


def _paragraph(text: str) -> nodes.paragraph:
    return nodes.paragraph(text, text)


def _section(section_id: str, title: str) -> nodes.section:
    section = nodes.section(ids=[section_id], names=[nodes.fully_normalize_name(title)])
    section += nodes.title(title, title)
    return section


def _row(cells: tuple[str, ...]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        row += nodes.entry("", _paragraph(text))
    return row


def conformance_table(caption: str, rows: list[tuple[str, str, str]]) -> nodes.table:
    """Criterion, level and evidence, one row each, with a caption and a header row."""
    table = nodes.table(classes=["ek-conformance"])
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=3)
    table += group
    for width in (22, 16, 62):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(table_headings())
    group += head
    body = nodes.tbody()
    for row in rows:
        body += _row(row)
    group += body
    return table


def render_report(evidence: Evidence) -> list[nodes.Node]:
    text = contents(evidence)
    out: list[nodes.Node] = [_paragraph(text.dated)]
    scope = _section("conformance-scope", _("Scope and method"))
    items = nodes.bullet_list()
    for line in text.scope:
        items += nodes.list_item("", _paragraph(line))
    scope += [items, _paragraph(text.levels), _paragraph(text.summary)]
    out.append(scope)
    for level, title, judgements in text.tables:
        # The section's id is the same in every language, so links to it keep working.
        section = _section(f"conformance-wcag-2-1-level-{level.lower()}", title)
        rows = [(criterion_label(j), level_words(j.conformance), j.remarks) for j in judgements]
        section += conformance_table(table_caption(level), rows)
        out.append(section)
    return out


def render_no_evidence() -> list[nodes.Node]:
    note = nodes.container(classes=["ek-no-evidence"])
    how = _with_literals(
        _(
            "To produce it, run {test_command} in the kit's folder, then build the book again "
            "({book_command}). {release_command} does both, so a released copy of the book carries the "
            "report of its own tests."
        ),
        test_command=TEST_COMMAND,
        book_command="make book",
        release_command="make release",
    )
    note += [_paragraph(no_evidence()), how]
    return [note]


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _with_literals(message: str, **commands: str) -> nodes.paragraph:
    """A paragraph of a translated message whose placeholders are commands, each set as code."""
    paragraph = nodes.paragraph()
    for index, part in enumerate(_PLACEHOLDER.split(message)):
        if index % 2:
            paragraph += nodes.literal(commands[part], commands[part])
        elif part:
            paragraph += nodes.Text(part)
    return paragraph


class AccessibilityConformanceDirective(SphinxDirective):
    """The conformance report from the latest test evidence: ```{accessibility-conformance}```."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        path = evidence_path(content_root(self.env.app))
        # Remembered rather than noted as a dependency: Sphinx takes a missing dependency for a changed
        # one, so a book built without evidence would read and write this page on every build.
        evidence_seen(self.env)[self.env.docname] = (str(path), evidence_state(path))
        if not path.is_file():
            return render_no_evidence()
        try:
            evidence = Evidence.read(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise self.error(
                _(
                    "the accessibility evidence at {path} is not what a test run writes ({error}): "
                    "run the tests again with {variable}=DIR, or delete the file",
                    path=path,
                    error=str(error)[:200],
                    variable=EVIDENCE_ENV,
                )
            ) from None
        return render_report(evidence)


def setup_conformance(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated_reports)
    keep_by_page(app, evidence_seen)
