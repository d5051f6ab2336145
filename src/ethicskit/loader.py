"""Turn one YAML file into a validated model, or into problems that say what to fix and where."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import models
from .problems import Problem, ProblemCode
from .yamlfile import LineMap, Path_, YamlDocument, parse_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model with the file it came from and the line of each of its parts."""

    model: M
    path: str
    lines: LineMap
    data: Any

    def line(self, *where: str | int) -> int | None:
        """The line of a part of the model, e.g. `loaded.line("clauses", 2, "ref")`."""
        return self.lines.line_of(where)


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            names.update(value.model_fields)
    return names


_FIELD_NAMES = _all_field_names()

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
}


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _field_label(loc: Path_) -> str:
    return ".".join(str(part) for part in loc) or "the document"


def _problem_for(error: ErrorDetails, path: str, lines: LineMap) -> Problem:
    loc: Path_ = tuple(error["loc"])
    line = lines.line_of(loc)
    kind = error["type"]
    where = _field_label(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return Problem(path, line, ProblemCode.MISSING_FIELD, f"missing required field '{where}'")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        close = difflib.get_close_matches(name, _FIELD_NAMES, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return Problem(path, line, ProblemCode.UNKNOWN_FIELD, f"unknown field '{where}'{hint}")
    raw = lines.unquoted.get(loc)
    if kind == "string_type" and raw is not None:
        message = f"'{where}' should be text, but the unquoted {raw} is read as {_describe(value)}"
        return Problem(path, line, ProblemCode.UNQUOTED_VALUE, message)
    if kind in _TYPE_WORDS:
        expected = _TYPE_WORDS[kind]
        message = f"'{where}' should be {expected}, not {_describe(value)}"
        return Problem(path, line, ProblemCode.WRONG_TYPE, message)
    if kind == "enum" and raw is not None:
        message = f"'{where}' cannot be the unquoted {raw}, which YAML reads as {_describe(value)}"
        return Problem(path, line, ProblemCode.UNQUOTED_VALUE, message)
    if kind == "enum":
        message = f"'{where}' cannot be {_describe(value)}; use one of: {ctx.get('expected')}"
        return Problem(path, line, ProblemCode.INVALID_VALUE, message)
    if kind == "string_too_short":
        return Problem(path, line, ProblemCode.EMPTY_TEXT, f"'{where}' is empty")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        message = f"'{where}' is {len(str(value))} characters long; the limit is {limit}"
        return Problem(path, line, ProblemCode.TEXT_TOO_LONG, message)
    if kind == "too_short":
        message = (
            f"'{where}' has {ctx.get('actual_length')} item(s); it needs at least {ctx.get('min_length')}"
        )
        return Problem(path, line, ProblemCode.TOO_FEW, message)
    if kind == "html_in_text":
        return Problem(path, line, ProblemCode.HTML_IN_TEXT, f"'{where}' {error['msg']}")
    if kind == "unsafe_link":
        return Problem(path, line, ProblemCode.UNSAFE_LINK, f"'{where}' {error['msg']}")
    if kind == "string_pattern_mismatch" and loc[-1] == "ref" and "law" in loc:
        message = (
            f"'{where}' cannot be {_describe(value)}: write provision references as "
            "'instrument-id:number', e.g. 'care-act-2014:42'"
        )
        return Problem(path, line, ProblemCode.INVALID_VALUE, message)
    if kind == "string_pattern_mismatch":
        message = f"'{where}' cannot be {_describe(value)}: {_PATTERN_WORDS.get(loc[-1], 'wrong form')}"
        return Problem(path, line, ProblemCode.INVALID_VALUE, message)
    return Problem(path, line, ProblemCode.INVALID_VALUE, f"'{where}': {error['msg']}")


_PATTERN_WORDS: dict[str | int, str] = {
    "id": "use lower-case words joined by hyphens, e.g. 'after-the-inspection'",
    "ref": "write clause references as 'code-id:clause-id', e.g. 'swe-2019:6.5'",
    "official_url": "give the full https:// address of the official text",
    "url": "give the full https:// address of the provision's official text",
    "number": "write the number as the instrument prints it, e.g. '42', '42(1)' or 'Article 66'",
}
for _name in ("case", "start", "leads_to", "superseded_by"):
    _PATTERN_WORDS[_name] = "use the lower-case, hyphenated id it refers to"


def validate(document: YamlDocument, model: type[M]) -> tuple[Loaded[M] | None, list[Problem]]:
    """Validate parsed YAML against a model; every validation error becomes a located problem."""
    if not isinstance(document.data, dict):
        message = f"the file should hold a mapping of fields, not {_describe(document.data)}"
        return None, [Problem(document.path, 1, ProblemCode.WRONG_TYPE, message)]
    try:
        instance = model.model_validate(document.data)
    except ValidationError as error:
        problems = [_problem_for(detail, document.path, document.lines) for detail in error.errors()]
        return None, problems
    return Loaded(instance, document.path, document.lines, document.data), []


MAX_FILE_BYTES = 1024 * 1024
"""The largest content file the kit reads (1 MiB); the longest real file is about 40 KiB."""

_BOM = b"\xef\xbb\xbf"


def read_text(file: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """A content file's text, read with bounded memory; too large, unreadable or not UTF-8 is a problem.

    A UTF-8 byte-order mark is accepted and dropped; Windows line endings are read as ordinary ones.
    """
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        message = f"the file cannot be read ({error.strerror or error})"
        return None, [Problem(shown_as, None, ProblemCode.UNREADABLE, message)]
    if len(data) > MAX_FILE_BYTES:
        line = data.count(b"\n", 0, MAX_FILE_BYTES) + 1
        message = f"the file is larger than the 1 MiB limit for a content file; it passes it on line {line}"
        return None, [Problem(shown_as, line, ProblemCode.FILE_TOO_LARGE, message)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "the file is saved as UTF-16 text, not UTF-8"
        return None, [Problem(shown_as, 1, ProblemCode.ENCODING, message)]
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = data[error.start]
        message = f"the byte 0x{byte:02X} at column {column} is not UTF-8 (the file is in another encoding)"
        return None, [Problem(shown_as, line, ProblemCode.ENCODING, message)]


def load_file(file: Path, model: type[M], shown_as: str) -> tuple[Loaded[M] | None, list[Problem]]:
    """Read, parse and validate one content file. `shown_as` is the path used in messages."""
    text, problems = read_text(file, shown_as)
    if text is None:
        return None, problems
    document, problems = parse_yaml(text, shown_as)
    if document is None:
        return None, problems
    loaded, more = validate(document, model)
    return loaded, problems + more
