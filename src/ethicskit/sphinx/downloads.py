"""Files the built site offers for download, made from the same models as its pages: a single-file
player for each dilemma, and a print-ready pack for each seminar plan in the edition being built (the
student pack leaves out every lecturer-only note, like the student pages)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..documents import handout, standalone_dilemma
from .content import catalog_of
from .edition import is_lecturer
from .refusal import is_refused

FOLDER = "downloads"


def pack_file(seminar_id: str) -> str:
    return f"{FOLDER}/seminar-pack-{seminar_id}.html"


def dilemma_file(dilemma_id: str) -> str:
    return f"{FOLDER}/dilemma-{dilemma_id}.html"


def relative(docname: str, target: str) -> str:
    """The address of a file at the site's root, from a page."""
    return "../" * docname.count("/") + target


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or is_refused(app):
        return
    catalog = catalog_of(app.env)
    lecturer = is_lecturer(app.config)
    files: dict[str, str] = {}
    for seminar_id in catalog.seminars:
        files[pack_file(seminar_id)] = handout("seminar", seminar_id, catalog, lecturer=lecturer)[1]
    for dilemma_id, loaded in catalog.dilemmas.items():
        files[dilemma_file(dilemma_id)] = standalone_dilemma(loaded.model, catalog)
    for name, text in sorted(files.items()):
        target = Path(app.outdir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
