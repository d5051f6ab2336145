"""Bounded, safe YAML loading that remembers the line of every key and list item.

Content files are untrusted input. The document is built from libyaml's event stream, never from its
node graph, so three things are refused before they can cost memory or time: anchors and aliases
(a few lines of them can expand into gigabytes), nesting deeper than `MAX_DEPTH`, and tags outside
YAML's core schema (such as `!!python/object`). The loader caps file size before parsing
(`MAX_FILE_BYTES`, in `loader`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, ProblemCode
from .words import _

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: the keys and list indexes leading to it."""

MAX_DEPTH = 32
"""The deepest nesting of mappings and lists a content file may have; real content needs about 8."""

CORE_PREFIX = "tag:yaml.org,2002:"
_SAFE_TAGS = {CORE_PREFIX + name for name in ("str", "int", "float", "bool", "null", "seq", "map")} | {"!"}
_STR_TAG = CORE_PREFIX + "str"


@dataclass
class LineMap:
    """Line numbers (1-based) of the keys and items of one YAML document."""

    lines: dict[Path_, int] = field(default_factory=dict)
    unquoted: dict[Path_, str] = field(default_factory=dict)
    """What was written, for unquoted values YAML read as something other than text (`no`, `1.10`)."""

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest recorded ancestor."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


@dataclass
class YamlDocument:
    """A parsed file: plain Python data plus where each part of it was written."""

    path: str
    data: Any
    lines: LineMap


# libyaml's parser when PyYAML was built with it: the same safe loading, several times faster.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(Exception):
    """A construct the kit does not accept; parsing stops at the first one."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


_DISCARD = object()
"""Stands for a value that is parsed but not kept (after a duplicate or unusable key)."""


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: Path_
    key: Any = None
    """In a mapping: the key whose value comes next, `_DISCARD`, or None while a key is expected."""
    line: int = 0
    """Where the mapping or list starts."""
    bad_key: bool = False
    """The collection is itself a key (`? [a, b]: ...`), which content never needs."""


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(CORE_PREFIX) :] if tag.startswith(CORE_PREFIX) else tag


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML safely; syntax errors, duplicate keys and refused constructs come back as problems."""
    loader = _Loader(text)
    problems: list[Problem] = []
    try:
        data, lines, found = _build(loader, path, problems)
        if not found:
            return None, [Problem(path, 1, ProblemCode.EMPTY_FILE, _("the file is empty"))]
    except _Refused as refused:
        return None, [refused.problem]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, path)]
    except yaml.reader.ReaderError as error:
        return None, [_reader_problem(error, text, path)]
    except yaml.YAMLError as error:
        return None, [
            Problem(path, None, ProblemCode.YAML_SYNTAX, _("YAML syntax error: {error}", error=error))
        ]
    finally:
        loader.dispose()
    return YamlDocument(path, data, lines), problems


def _build(loader: yaml.SafeLoader, file: str, problems: list[Problem]) -> tuple[Any, LineMap, bool]:
    """Turn the event stream into plain data, without recursion, refusing what could blow up."""
    lines = LineMap()
    stack: list[_Frame] = []
    result: Any = None
    documents = 0

    def place(value: Any, line: int, raw: str | None = None) -> None:
        """Put a finished value where it belongs: as a key, a mapping value or a list item."""
        nonlocal result
        if not stack:
            result = value
            lines.lines[()] = line
            return
        top = stack[-1]
        if isinstance(top.container, list):
            where = (*top.path, len(top.container))
            lines.lines[where] = line
            if raw is not None:
                lines.unquoted[where] = raw
            top.container.append(value)
            return
        if top.key is None:  # this value is a key
            if value is _DISCARD or not isinstance(value, str):
                message = _("a key on line {line} is not plain text", line=line)
                problems.append(Problem(file, line, ProblemCode.WRONG_TYPE, message))
                top.key = _DISCARD
            elif value in top.container:
                first = lines.lines[(*top.path, value)]
                message = _(
                    "the key '{value}' appears twice (first on line {first})", value=value, first=first
                )
                problems.append(Problem(file, line, ProblemCode.DUPLICATE_KEY, message))
                top.key = _DISCARD
            else:
                lines.lines[(*top.path, value)] = line
                top.key = value
            return
        if top.key is not _DISCARD:
            if raw is not None:
                lines.unquoted[(*top.path, top.key)] = raw
            top.container[top.key] = value
        top.key = None

    def expecting_key() -> bool:
        return bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None

    def check_anchor(event: Any) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            line = event.start_mark.line + 1
            message = _(
                "'&{anchor}' marks a part of the file to repeat elsewhere; anchors are not allowed",
                anchor=anchor,
            )
            raise _Refused(Problem(file, line, ProblemCode.YAML_ALIAS, message))

    def check_tag(tag: str | None, line: int) -> None:
        if tag is not None and tag not in _SAFE_TAGS:
            message = _(
                "the tag '{value}' is not allowed: content is plain text, lists and mappings",
                value=_show_tag(tag),
            )
            raise _Refused(Problem(file, line, ProblemCode.UNSAFE_TAG, message))

    while loader.check_event():
        event: Any = loader.get_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.ScalarEvent):
            check_anchor(event)
            check_tag(event.tag, line)
            if expecting_key():
                place(event.value, line)  # keys are field names: read as written, so 'on' stays 'on'
                continue
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
            if tag == _STR_TAG:
                place(event.value, line)
                continue
            try:
                value = loader.construct_object(yaml.ScalarNode(tag, event.value, style=event.style))
            except (ValueError, OverflowError, yaml.YAMLError):
                # e.g. 2024-13-45, which has the form of a date but is none, or a 5,000-digit number
                message = _(
                    "YAML reads the unquoted {event} as a date or number; it is neither",
                    event=repr(event.value[:40]),
                )
                problems.append(Problem(file, line, ProblemCode.UNQUOTED_VALUE, message))
                value = event.value
            place(value, line, event.value if event.tag is None and value is not None else None)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            check_anchor(event)
            check_tag(event.tag, line)
            if len(stack) >= MAX_DEPTH:
                raise _Refused(Problem(file, line, ProblemCode.TOO_DEEP, _too_deep()))
            bad_key = expecting_key()
            parent = stack[-1] if stack else None
            if parent is None:
                where: Path_ = ()
            elif isinstance(parent.container, list):
                where = (*parent.path, len(parent.container))
            else:
                unusable = parent.key is None or parent.key is _DISCARD  # a key, or a refused key's value
                where = (*parent.path, "?") if unusable else (*parent.path, parent.key)
            container: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append(_Frame(container, where, line=line, bad_key=bad_key))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            place(_DISCARD if frame.bad_key else frame.container, frame.line)
        elif isinstance(event, yaml.AliasEvent):
            message = _(
                "'*{anchor}' repeats another part of the file; aliases are not allowed", anchor=event.anchor
            )
            raise _Refused(Problem(file, line, ProblemCode.YAML_ALIAS, message))
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                message = _("a second document starts here ('---'); a content file holds one document")
                raise _Refused(Problem(file, line, ProblemCode.YAML_SYNTAX, message))
    return result, lines, documents > 0 and () in lines.lines


def _too_deep() -> str:
    return _("the content is nested more than {max_depth} levels deep here", max_depth=MAX_DEPTH)


def _line_text(text: str, line: int) -> str:
    """The text of 0-based `line`, without reading the whole file into a list."""
    start = 0
    for _skipped in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


# A value that opens a quote: after 'key:' or '- ' (or at the start of a line), with its opening quote.
_QUOTE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"][^:#]*:\s+)?(?P<quote>["'])""")


_QUOTE_SCAN = 200
"""How far into a line a quoted value may start: it bounds the pattern's work on a hostile long line."""


def _unclosed_quote(text: str, last_line: int) -> int | None:
    """The 0-based line, at or before `last_line`, of a quoted value that is not closed on its own line."""
    for number, line_text in enumerate(text.split("\n", last_line + 1)[: last_line + 1]):
        found = _QUOTE_START.match(line_text[:_QUOTE_SCAN])
        if not found:
            continue
        quote = found.group("quote")
        rest = line_text[found.end() :]  # the whole rest of the line: the quote may close far along
        escapes = ("\\\\", '\\"') if quote == '"' else ("''",)
        for escape in escapes:
            rest = rest.replace(escape, "")
        if quote not in rest:
            return number
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        message = _("YAML syntax error: {detail}", detail=error.problem or error.context)
        return Problem(path, None, ProblemCode.YAML_SYNTAX, message)
    if "nesting depth" in (error.problem or ""):  # libyaml's own limit, met while scanning ahead
        return Problem(path, mark.line + 1, ProblemCode.TOO_DEEP, _too_deep())
    line_text = _line_text(text, mark.line)
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "\t" in indent or line_text[mark.column : mark.column + 1] == "\t":
        message = _("a tab is used to indent this line; YAML indents with spaces only")
        return Problem(path, mark.line + 1, ProblemCode.YAML_TAB, message)
    quote_line = _unclosed_quote(text, mark.line)
    if quote_line is not None:
        quote = _QUOTE_START.match(_line_text(text, quote_line)[:_QUOTE_SCAN])
        sign = quote.group("quote") if quote else '"'
        if quote_line != mark.line:
            message = _(
                "the quote ({sign}) opened on this line is not closed on it; YAML reads on and fails on "
                "line {line}",
                sign=sign,
                line=mark.line + 1,
            )
        else:
            message = _("the quote ({sign}) opened on this line is not closed on it", sign=sign)
        return Problem(path, quote_line + 1, ProblemCode.UNCLOSED_QUOTE, message)
    context = error.context_mark
    opened = {"flow sequence": "[", "flow mapping": "{"}
    for kind, sign in opened.items():
        if context is not None and kind in (error.context or "") and context.line != mark.line:
            message = _(
                "the '{sign}' opened on this line is not closed; YAML fails on line {line}",
                sign=sign,
                line=mark.line + 1,
            )
            return Problem(path, context.line + 1, ProblemCode.UNCLOSED_BRACKET, message)
    # The detail is the YAML parser's own account, in English: it is the library's, not the kit's.
    detail = error.problem or error.context
    if context is not None and context.line != mark.line:
        message = _(
            "YAML syntax error: {detail} (in the part that starts on line {line})",
            detail=detail,
            line=context.line + 1,
        )
    else:
        message = _("YAML syntax error: {detail}", detail=detail)
    return Problem(path, mark.line + 1, ProblemCode.YAML_SYNTAX, message)


def _reader_problem(error: yaml.reader.ReaderError, text: str, path: str) -> Problem:
    """A character YAML does not allow (a control character), located by line and column."""
    position = max(0, min(error.position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    message = _(
        "the character U+{character} (column {column}) cannot appear in a YAML file",
        character=f"{error.character:04X}",
        column=column,
    )
    return Problem(path, line, ProblemCode.ENCODING, message)
