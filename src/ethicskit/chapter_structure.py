"""The shape of a taught chapter: it opens with what the reader will be able to do and closes with its
key points, so the key-points page can collect every chapter's summary in reading order.

Checked on the chapter's Markdown, before any build: the first directive a chapter opens is
`{objectives}`, the last is `{key-points}`, and nothing but blank lines follows the key points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, ProblemCode
from .selfchecks import self_checked_chapters
from .words import _

OPENING, CLOSING = "objectives", "key-points"
MAX_CHAPTER_BYTES = 1_000_000
"""A chapter larger than this is not read (input is untrusted); the build reports it in its own way."""

_FENCE = re.compile(r"^(?P<fence>:{3,}|`{3,})(?:\{(?P<name>[A-Za-z][\w-]*)\})?")


@dataclass(frozen=True)
class Directive:
    """A directive opened at the top level of a page: its name and the lines it spans (1-based)."""

    name: str
    opened: int
    closed: int | None


def top_level_directives(text: str) -> list[Directive]:
    """The directives a MyST page opens outside any other, with their first and closing lines."""
    found: list[Directive] = []
    open_fences: list[tuple[str, str | None, int]] = []  # fence, name, line opened
    for number, line in enumerate(text.splitlines(), 1):
        match = _FENCE.match(line)
        if not match:
            continue
        fence, name = match["fence"], match["name"]
        closes = (
            open_fences
            and name is None
            and fence[0] == open_fences[-1][0][0]
            and len(fence) >= len(open_fences[-1][0])
            and line.strip() == fence
        )
        if closes:
            _fence, opened_name, opened = open_fences.pop()
            if not open_fences and opened_name is not None:
                found.append(Directive(opened_name, opened, number))
        else:
            open_fences.append((fence, name, number))
    found += [Directive(name, opened, None) for fence, name, opened in open_fences[:1] if name]
    return sorted(found, key=lambda directive: directive.opened)


def check_chapter_structure(root: Path) -> list[Problem]:
    """Each chapter of the taught part opens with its objectives and closes with its key points."""
    problems: list[Problem] = []
    base = root.resolve()
    for page in self_checked_chapters(root):
        path = (root / f"{page}.md").resolve()
        shown = f"{page}.md"
        if not path.is_relative_to(base) or not path.is_file() or path.is_symlink():
            continue  # the table of contents names it; the build reports a missing page
        if path.stat().st_size > MAX_CHAPTER_BYTES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += _check_page(shown, text)
    return problems


def _check_page(shown: str, text: str) -> list[Problem]:
    directives = top_level_directives(text)
    names = [directive.name for directive in directives]
    problems = []
    if not directives or directives[0].name != OPENING:
        line = directives[0].opened if directives else 1
        # A directive is named as it is written, in braces: '{objectives}'.
        if directives:
            message = _(
                "the chapter opens with '{first}', not '{opening}'",
                first="{" + directives[0].name + "}",
                opening="{" + OPENING + "}",
            )
        else:
            message = _("the chapter opens with no directive, not '{opening}'", opening="{" + OPENING + "}")
        problems.append(Problem(shown, line, ProblemCode.CHAPTER_STRUCTURE, message))
    if not directives or directives[-1].name != CLOSING:
        line = directives[-1].opened if directives else len(text.splitlines()) or 1
        if directives:
            message = _(
                "the chapter closes with '{last}', not '{closing}'",
                last="{" + directives[-1].name + "}",
                closing="{" + CLOSING + "}",
            )
        else:
            message = _("the chapter closes with no directive, not '{closing}'", closing="{" + CLOSING + "}")
        problems.append(Problem(shown, line, ProblemCode.CHAPTER_STRUCTURE, message))
    else:
        closing = directives[-1]
        lines = text.splitlines()
        after = [n for n in range((closing.closed or len(lines)), len(lines)) if lines[n].strip()]
        if after:
            message = _(
                "text follows the '{closing}' box (line {after}); the key points come last",
                closing="{" + CLOSING + "}",
                after=after[0] + 1,
            )
            problems.append(Problem(shown, after[0] + 1, ProblemCode.CHAPTER_STRUCTURE, message))
    for name in (OPENING, CLOSING):
        if names.count(name) > 1:
            second = [d for d in directives if d.name == name][1]
            message = _("the chapter has more than one '{name}' box", name="{" + name + "}")
            problems.append(Problem(shown, second.opened, ProblemCode.CHAPTER_STRUCTURE, message))
    return problems
