"""Templates derived at build time from the installed themes, in a folder named by their content.

The site extension (lighter asset macros, the search button's name) and the theme's words in the
build's language (`theme_words`) both serve patched copies of the themes' own templates. They are
written outside the book, to a folder of the system's temporary directory named by what it holds:
the templates path is part of Sphinx's configuration digest, so two builds of one source into
different folders must see the same path, and a changed template must be a new path.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def written(kind: str, templates: dict[str, str]) -> Path:
    """The folder holding `templates` (path inside the folder -> text), written if not already there."""
    digest = hashlib.sha256(json.dumps(templates, sort_keys=True).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"ethicskit-{kind}-{digest}"
    for name, text in templates.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            # Written aside and moved into place: a build running at the same time never reads half a file.
            partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
    return folder
