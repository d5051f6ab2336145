"""Find interface text that escapes the word catalogue in plain text made in the pseudo-locale.

`pseudo.escaped_text` reads HTML; the command line, the checker's report and the conformance report's
Markdown file are plain text. There every catalogue message is shown between ⟦ and ⟧ (a message may
span lines once a help text is wrapped, and may hold another message). Once those are cut out, what is
left of a line must be one of the pieces the caller allows (a file path and line, a problem code, an
option's name) or carry no letters at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ethicskit.words import PSEUDO_CLOSE, PSEUDO_OPEN

# The innermost marked message, across line breaks: a wrapped help text closes lines later.
_MARKED = re.compile(re.escape(PSEUDO_OPEN) + f"[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*" + re.escape(PSEUDO_CLOSE))
_LETTERS = re.compile(r"[A-Za-z]{2,}")


def escaped_lines(text: str, allowed: Iterable[re.Pattern[str]] = ()) -> list[str]:
    """The lines of `text` that still hold words once marked messages and `allowed` pieces are cut out."""
    while _MARKED.search(text):
        # Keep the line breaks a message spanned, so the lines after it are still checked one by one.
        text = _MARKED.sub(lambda found: "\x00" + "\n" * found.group(0).count("\n"), text)
    patterns = list(allowed)
    escaped = []
    for line in text.splitlines():
        rest = line
        for pattern in patterns:
            rest = pattern.sub(" ", rest)
        if _LETTERS.search(rest):
            escaped.append(line)
    return escaped
