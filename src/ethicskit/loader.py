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
from .words import _, n_
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
            # YAML spells some fields differently from Python ('upper-second'); suggest the YAML spelling.
            names.update(info.alias for info in value.model_fields.values() if info.alias)
    return names


_FIELD_NAMES = _all_field_names()
_RUBRIC_LEVELS = {"level_5": 5, "level_6": 6, "level_7": 7}

_TYPE_KINDS = {
    "string_type": "text",
    "int_type": "number",
    "int_parsing": "number",
    "int_from_float": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
}
"""Pydantic's error types, by the kind of value the field expects (named in `_type_words`)."""


def _type_words(kind: str) -> str:
    """What a field expects, as the phrase a message names it by (looked up as the message is written)."""
    return {
        "text": _("text"),
        "number": _("a whole number"),
        "bool": _("true or false"),
        "list": _("a list"),
        "mapping": _("a mapping of fields"),
        "date": _("a date written YYYY-MM-DD"),
    }[kind]


def _describe(value: Any) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("{value} (true/false)", value=str(value).lower())
    if isinstance(value, float):
        return _("the number {value}", value=repr(value))
    if isinstance(value, int):
        return _("the number {value}", value=value)
    if isinstance(value, date):
        return _("the date {value}", value=value.isoformat())
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return repr(value)


def _field_label(loc: Path_) -> str:
    return ".".join(str(part) for part in loc) or _("the document")


def _problem_for(error: ErrorDetails, path: str, lines: LineMap) -> Problem:
    loc: Path_ = tuple(error["loc"])
    line = lines.line_of(loc)
    kind = error["type"]
    where = _field_label(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return Problem(
            path, line, ProblemCode.MISSING_FIELD, _("missing required field '{where}'", where=where)
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        close = difflib.get_close_matches(name, _FIELD_NAMES, n=1)
        level = next((str(part) for part in loc if str(part) in _RUBRIC_LEVELS), None)
        if level is not None and name in {band.value for band in models.Band}:
            message = _(
                "unknown field '{where}' (not a band at Level {level}, whose bands are: {bands})",
                where=where,
                level=_RUBRIC_LEVELS[level],
                bands=", ".join(band.value for band in models.BANDS[_RUBRIC_LEVELS[level]]),
            )
        elif close and close[0] != name:
            message = _("unknown field '{where}' (did you mean '{close}'?)", where=where, close=close[0])
        else:
            message = _("unknown field '{where}'", where=where)
        return Problem(path, line, ProblemCode.UNKNOWN_FIELD, message)
    raw = lines.unquoted.get(loc)
    if kind == "string_type" and raw is not None:
        message = _(
            "'{where}' should be text, but the unquoted {raw} is read as {value}",
            where=where,
            raw=raw,
            value=_describe(value),
        )
        return Problem(path, line, ProblemCode.UNQUOTED_VALUE, message)
    if kind in _TYPE_KINDS:
        expected = _type_words(_TYPE_KINDS[kind])
        message = _(
            "'{where}' should be {expected}, not {value}",
            where=where,
            expected=expected,
            value=_describe(value),
        )
        return Problem(path, line, ProblemCode.WRONG_TYPE, message)
    if kind == "enum" and raw is not None:
        message = _(
            "'{where}' cannot be the unquoted {raw}, which YAML reads as {value}",
            where=where,
            raw=raw,
            value=_describe(value),
        )
        return Problem(path, line, ProblemCode.UNQUOTED_VALUE, message)
    if kind == "enum":
        message = _(
            "'{where}' cannot be {value}; use one of: {allowed}",
            where=where,
            value=_describe(value),
            allowed=ctx.get("expected"),
        )
        return Problem(path, line, ProblemCode.INVALID_VALUE, message)
    if kind == "string_too_short":
        return Problem(path, line, ProblemCode.EMPTY_TEXT, _("'{where}' is empty", where=where))
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        message = _(
            "'{where}' is {length} characters long; the limit is {limit}",
            where=where,
            length=len(str(value)),
            limit=limit,
        )
        return Problem(path, line, ProblemCode.TEXT_TOO_LONG, message)
    if kind == "too_short":
        message = n_(
            "'{where}' has {count} item; it needs at least {minimum}",
            "'{where}' has {count} items; it needs at least {minimum}",
            int(ctx.get("actual_length") or 0),
            where=where,
            minimum=ctx.get("min_length"),
        )
        return Problem(path, line, ProblemCode.TOO_FEW, message)
    if kind == "html_in_text":
        # The rest of the sentence is `models.markup_problem`'s, already in the reader's language.
        message = _("'{where}' {problem}", where=where, problem=error["msg"])
        return Problem(path, line, ProblemCode.HTML_IN_TEXT, message)
    if kind == "unsafe_link":
        message = _("'{where}' {problem}", where=where, problem=error["msg"])
        return Problem(path, line, ProblemCode.UNSAFE_LINK, message)
    if kind == "string_pattern_mismatch" and loc[-1] == "ref" and "law" in loc:
        message = _(
            "'{where}' cannot be {value}: write provision references as 'instrument-id:number', e.g. "
            "'care-act-2014:42'",
            where=where,
            value=_describe(value),
        )
        return Problem(path, line, ProblemCode.INVALID_VALUE, message)
    if kind == "string_pattern_mismatch":
        message = _(
            "'{where}' cannot be {value}: {how}",
            where=where,
            value=_describe(value),
            how=_pattern_words(loc[-1]),
        )
        return Problem(path, line, ProblemCode.INVALID_VALUE, message)
    # Pydantic's own account of an error no rule above words: its text is the library's, in English.
    detail = _("'{where}': {detail}", where=where, detail=error["msg"])
    return Problem(path, line, ProblemCode.INVALID_VALUE, detail)


def _pattern_words(field: str | int) -> str:
    """How to write a field whose value has the wrong form, as the message says it."""
    if field in ("case", "start", "leads_to", "superseded_by"):
        return _("use the lower-case, hyphenated id it refers to")
    words: dict[str | int, str] = {
        "id": _("use lower-case words joined by hyphens, e.g. 'after-the-inspection'"),
        "ref": _("write clause references as 'code-id:clause-id', e.g. 'swe-2019:6.5'"),
        "official_url": _("give the full https:// address of the official text"),
        "url": _("give the full https:// address of the provision's official text"),
        "number": _("write the number as the instrument prints it, e.g. '42', '42(1)' or 'Article 66'"),
    }
    return words.get(field, _("wrong form"))


def validate(document: YamlDocument, model: type[M]) -> tuple[Loaded[M] | None, list[Problem]]:
    """Validate parsed YAML against a model; every validation error becomes a located problem."""
    if not isinstance(document.data, dict):
        message = _("the file should hold a mapping of fields, not {value}", value=_describe(document.data))
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
        message = _("the file cannot be read ({value})", value=error.strerror or error)
        return None, [Problem(shown_as, None, ProblemCode.UNREADABLE, message)]
    if len(data) > MAX_FILE_BYTES:
        line = data.count(b"\n", 0, MAX_FILE_BYTES) + 1
        message = _(
            "the file is larger than the 1 MiB limit for a content file; it passes it on line {line}",
            line=line,
        )
        return None, [Problem(shown_as, line, ProblemCode.FILE_TOO_LARGE, message)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = _("the file is saved as UTF-16 text, not UTF-8")
        return None, [Problem(shown_as, 1, ProblemCode.ENCODING, message)]
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = data[error.start]
        message = _(
            "the byte 0x{byte} at column {column} is not UTF-8 (the file is in another encoding)",
            byte=f"{byte:02X}",
            column=column,
        )
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
