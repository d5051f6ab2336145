"""Problems as text for people and as JSON for tools. Reporting never decides what is valid."""

from __future__ import annotations

import json

from .problems import Problem


def as_text(problems: list[Problem], files_checked: int) -> str:
    """One line per problem, then a count, then one hint per kind of problem."""
    if not problems:
        return f"All {files_checked} content files are valid."
    lines = [str(problem) for problem in problems]
    files = len({problem.path for problem in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    lines += ["", f"{len(problems)} {noun} in {files} of {files_checked} files.", ""]
    lines += [
        f"- {code.value}: {code.hint}" for code in sorted({p.code for p in problems}, key=lambda c: c.value)
    ]
    return "\n".join(lines)


def as_json(problems: list[Problem], files_checked: int) -> str:
    """The same report as JSON, for editors and CI annotations."""
    return json.dumps(
        {
            "files_checked": files_checked,
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "code": p.code.value,
                    "message": p.message,
                    "hint": p.code.hint,
                }
                for p in problems
            ],
        },
        indent=2,
    )
