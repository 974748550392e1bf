"""Read one YAML file safely, keeping the line and column of every key and value.

Records are plain data: no tags beyond the safe ones, no aliases (an alias bomb cannot
blow up), dates kept as strings (the validator checks them and says where they are
wrong), duplicate keys reported instead of silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from claimkb.kb.problems import Problem

MAX_FILE_BYTES = 1_000_000
Location = tuple[int, int]
FieldPath = tuple[Any, ...]


# libyaml's parser where PyYAML has it (several times faster), the pure-Python one elsewhere.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without timestamps (dates stay text); aliases are refused after composing."""


class _AliasError(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """The data of one YAML file with where each part of it stands."""

    path: str
    data: Any = None
    first_line: str = ""
    values: dict[FieldPath, Location] = field(default_factory=dict)
    keys: dict[FieldPath, Location] = field(default_factory=dict)

    def where(self, path: FieldPath, *, key: bool = False) -> Location:
        """Line and column of a field (its key with ``key=True``), or of its nearest parent."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return table[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(
        self, path: FieldPath, rule: str, message: str, hint: str = "", *, key: bool = False, level: str = "error"
    ) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.path, line, column, level, rule, message, hint)


def _mark(node: yaml.Node) -> Location:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """A node the quick walk leaves to PyYAML's constructor (a merge key, a tagged collection)."""


def _walk(
    doc: YamlDocument,
    node: yaml.Node,
    path: FieldPath,
    problems: list[Problem],
    seen_nodes: set[int],
    loader: Any,
    build: bool = True,
) -> Any:
    """Index where every key and value stands and, with ``build``, make the data in the same pass
    (what SafeConstructor would make, several times faster for plain mappings, lists and text)."""
    if id(node) in seen_nodes:  # the same node twice: an alias (*name), which could be a bomb
        raise _AliasError(node)
    seen_nodes.add(id(node))
    doc.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        if build and node.tag != _MAP:
            raise _Unusual
        seen: dict[str, Location] = {}
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if build and key_node.tag == "tag:yaml.org,2002:merge":
                raise _Unusual
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = path + (key,)
            if key in seen:
                line, column = _mark(key_node)
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        column,
                        "error",
                        "duplicate-key",
                        f"{dotted(child)}: key appears twice (first on line {seen[key][0]})",
                        "keep one of the two; YAML would silently keep only the last",
                    )
                )
            seen[key] = doc.keys[child] = _mark(key_node)
            value = _walk(doc, value_node, child, problems, seen_nodes, loader, build)
            if build:
                data[key if key_node.tag == _STR else loader.construct_object(key_node)] = value
        return data if build else None
    if isinstance(node, yaml.SequenceNode):
        if build and node.tag != _SEQ:
            raise _Unusual
        items = [
            _walk(doc, item, path + (i,), problems, seen_nodes, loader, build) for i, item in enumerate(node.value)
        ]
        return items if build else None
    if not build:
        return None
    return node.value if node.tag == _STR else loader.construct_object(node)


def _alias_position(text: str) -> Location | None:
    """Where the first alias (*name) stands; only asked once a file is known to use one."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return (event.start_mark.line + 1, event.start_mark.column + 1)
    return None


def dotted(path: FieldPath) -> str:
    """``("evidence", "citations", 0, "key")`` -> ``evidence.citations[0].key``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text, or a problem naming the line of the first bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                path,
                0,
                0,
                "error",
                "file-too-large",
                f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
                "split it, or remove what does not belong in it",
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                path,
                line,
                column,
                "error",
                "encoding",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text; on a syntax error return None and one problem where it happened."""
    doc = YamlDocument(path, first_line=text.split("\n", 1)[0])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(path, 0, 0, "error", "empty-file", "file is empty", "fill it in, or delete it")]
        problems: list[Problem] = []
        try:
            doc.data = _walk(doc, node, (), problems, set(), loader)
        except _Unusual:  # PyYAML's own constructor, after indexing the positions
            doc.values.clear()
            doc.keys.clear()
            problems = []
            _walk(doc, node, (), problems, set(), loader, build=False)
            doc.data = loader.construct_document(node)
        return doc, problems
    except _AliasError as exc:
        line, column = _alias_position(text) or _mark(exc.node)
        return None, [
            Problem(
                path,
                line,
                column,
                "error",
                "yaml-syntax",
                "aliases (*name) are not allowed in claimkb files",
                "write the value out in full where it is needed",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, [
            Problem(path, line, column, "error", "yaml-syntax", message, "fix the YAML syntax at this position")
        ]
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        return None, [Problem(path, 0, 0, "error", "yaml-syntax", f"cannot read YAML: {exc}", "fix the YAML syntax")]
    finally:
        loader.dispose()


def read_yaml(file: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a YAML file, reporting it as ``shown_as``."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(shown_as, 0, 0, "error", "unreadable", f"cannot read file: {exc.strerror}")]
    text, problems = decode(raw, shown_as)
    if text is None:
        return None, problems
    return parse_yaml(text, shown_as)
