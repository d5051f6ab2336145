"""A built book's full-text search index, read as its search page reads it, and the pages under a term."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any


def search_index(book: Path) -> dict[str, Any]:
    """The index `searchindex.js` in the built book's folder hands to the search page."""
    script = (book / "searchindex.js").read_text(encoding="utf-8").strip()
    found = re.fullmatch(r"Search\.setIndex\((.*)\)", script, re.DOTALL)
    assert found is not None, "searchindex.js does not call Search.setIndex"
    index: dict[str, Any] = json.loads(found.group(1))
    return index


def indexed_pages(index: dict[str, Any], term: str) -> set[str]:
    """The pages the index lists under this term, in their text or a title."""
    found: set[str] = set()
    for mapping in (index["terms"], index["titleterms"]):
        listed = mapping.get(term, [])
        for number in [listed] if isinstance(listed, int) else listed:
            found.add(index["docnames"][number])
    return found
