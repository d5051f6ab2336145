"""Start new content from the templates, and write JSON Schemas for editors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel

from .catalog import CASES_DIR, CODES_DIR, DILEMMAS_DIR, SEMINARS_DIR
from .curriculum import CurriculumMaps, Framework
from .models import Case, CodeOfPractice, Dilemma, Instrument, Seminar
from .words import _

KINDS: dict[str, tuple[str, str]] = {
    "case": ("case.yml", CASES_DIR),
    "dilemma": ("dilemma.yml", DILEMMAS_DIR),
    "seminar": ("seminar.yml", SEMINARS_DIR),
    "code": ("code.yml", CODES_DIR),
}

SCHEMAS: dict[str, type[BaseModel]] = {
    "case": Case,
    "dilemma": Dilemma,
    "code-of-practice": CodeOfPractice,
    "seminar": Seminar,
    "law": Instrument,
    "curriculum-framework": Framework,
    "curriculum-map": CurriculumMaps,
}

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """A request the scaffolder cannot carry out, with a message for the user."""


def new_content(root: Path, kind: str, slug: str) -> Path:
    """Copy the template for `kind` to its folder as SLUG.yml, with its id filled in."""
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(
            _(
                "'{slug}' is not a valid id: use lower-case words joined by hyphens, e.g. 'late-visit'.",
                slug=slug,
            )
        )
    template_name, folder = KINDS[kind]
    template = root / "templates" / template_name
    if not template.is_file():
        raise ScaffoldError(_("the template {path} is missing.", path=template.relative_to(root)))
    target = root / folder / f"{slug}.yml"
    if target.exists():
        raise ScaffoldError(
            _("{path} already exists; choose another id or edit that file.", path=target.relative_to(root))
        )
    text = template.read_text(encoding="utf-8").replace("id: TEMPLATE-ID", f"id: {slug}", 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def write_schemas(folder: Path) -> list[Path]:
    """Write one JSON Schema per content type into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
