"""Problems as text for people and as JSON for tools. Reporting never decides what is valid."""

from __future__ import annotations

import json

from .problems import Problem
from .words import _, n_


def as_text(problems: list[Problem], files_checked: int, warnings: list[Problem] | None = None) -> str:
    """One line per problem, then a count, then one hint per kind of problem; warnings after errors."""
    warnings = warnings or []
    if problems:
        lines = [str(problem) for problem in problems]
        files = len({problem.path for problem in problems})
        lines += [
            "",
            n_(
                "{count} problem in {files} of {checked} files.",
                "{count} problems in {files} of {checked} files.",
                len(problems),
                files=files,
                checked=files_checked,
            ),
        ]
    else:
        lines = [
            n_(
                "The {count} content file is valid.",
                "All {count} content files are valid.",
                files_checked,
            )
        ]
    if warnings:
        lines += [
            "",
            *(str(warning) for warning in warnings),
            "",
            n_("{count} warning.", "{count} warnings.", len(warnings)),
        ]
    if problems or warnings:
        kinds = sorted({p.code for p in problems + warnings}, key=lambda c: c.value)
        # The code stays as it is in every language: it is an identifier to search for, not a word.
        lines += ["", *(_("- {code}: {hint}", code=code.value, hint=code.hint) for code in kinds)]
    return "\n".join(lines)


def as_json(problems: list[Problem], files_checked: int, warnings: list[Problem] | None = None) -> str:
    """The same report as JSON, for editors and CI annotations."""

    def record(p: Problem) -> dict[str, object]:
        return {
            "path": p.path,
            "line": p.line,
            "code": p.code.value,
            "severity": p.severity.value,
            "message": p.message,
            "hint": p.code.hint,
        }

    return json.dumps(
        {
            "files_checked": files_checked,
            "problems": [record(p) for p in problems],
            "warnings": [record(p) for p in warnings or []],
        },
        indent=2,
    )
