"""Safe YAML loading that remembers the line of every key and list item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, ProblemCode

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: the keys and list indexes leading to it."""


@dataclass
class LineMap:
    """Line numbers (1-based) of the keys and items of one YAML document."""

    lines: dict[Path_, int] = field(default_factory=dict)

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


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML safely; syntax errors and duplicate keys come back as problems."""
    loader = _Loader(text)
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        if node is None:
            problem = Problem(path, 1, ProblemCode.EMPTY_FILE, "the file is empty")
            return None, [problem]
        lines = LineMap({(): node.start_mark.line + 1})
        data = _build(loader, node, (), lines, problems, path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = f"YAML syntax error: {error.problem or error.context}"
        context = error.context_mark
        if context is not None and mark is not None and context.line != mark.line:
            message += f" (in the part that starts on line {context.line + 1})"
        return None, [Problem(path, line, ProblemCode.YAML_SYNTAX, message)]
    except yaml.YAMLError as error:
        return None, [Problem(path, None, ProblemCode.YAML_SYNTAX, f"YAML syntax error: {error}")]
    finally:
        loader.dispose()
    return YamlDocument(path, data, lines), problems


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: Path_,
    lines: LineMap,
    problems: list[Problem],
    file: str,
) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            # Keys are field names: read them as written, so YAML 1.1 does not turn 'on' into True.
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                problems.append(
                    Problem(
                        file,
                        line,
                        ProblemCode.WRONG_TYPE,
                        f"a key on line {line} is not plain text",
                    )
                )
                continue
            if key in result:
                problems.append(
                    Problem(
                        file,
                        line,
                        ProblemCode.DUPLICATE_KEY,
                        f"the key '{key}' appears twice (first on line {lines.lines[(*path, key)]})",
                    )
                )
                continue
            lines.lines[(*path, key)] = line
            result[key] = _build(loader, value_node, (*path, key), lines, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines.lines[(*path, index)] = item.start_mark.line + 1
            items.append(_build(loader, item, (*path, index), lines, problems, file))
        return items
    return loader.construct_object(node)
