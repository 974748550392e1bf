"""JSON Schema validation of YAML data, with problems placed on the YAML lines."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from claimkb.kb.problems import Problem
from claimkb.kb.yamlfile import YamlDocument, dotted, read_yaml

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "use kebab-case: lower-case letters and digits joined by single hyphens",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "write dates as YYYY-MM-DD, for example 2026-11-20",
    "^https?://": "write a full address starting with https://",
}
_SCHEMA_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "null": "nothing (null)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true/false",
}
_JSON_TYPES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "nothing (null)",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped with the package, by file name (``claim.schema.json``)."""
    text = resources.files("claimkb.kb").joinpath("schema", name).read_text(encoding="utf-8")
    return json.loads(text)


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with its local ``#/$defs/...`` references written out (they are not
    recursive), so validation does no reference resolution: several times faster."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        inlined = {k: _inline_refs(v, defs) for k, v in node.items() if k not in ("$defs", "$ref")}
        if ref.startswith("#/$defs/"):
            return {**_inline_refs(defs[ref[len("#/$defs/") :]], defs), **inlined}
        return inlined
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # only for data that is invalid: it says how

    schema = load_schema(name)
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


@cache
def _fast_check(name: str) -> Callable[[Any], Any]:
    """The same schema compiled to Python by fastjsonschema: a quick yes for valid data.

    With its references inlined, the schema uses only keywords that draft 7 and draft
    2020-12 read alike, so the two validators agree (a test holds them to it).
    """
    schema = load_schema(name)
    inlined = {k: v for k, v in _inline_refs(schema, schema.get("$defs", {})).items() if k != "$schema"}
    return fastjsonschema.compile(inlined)


def _describe(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _closest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}? " if match else ""


def _problems_for(doc: YamlDocument, error: ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    name = dotted(path)
    kind = error.validator
    value = error.instance
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return [
            doc.problem(
                path + (key,),
                "unknown-field",
                f"{dotted(path + (key,))}: unknown field",
                f"{_closest(key, allowed)}allowed here: {', '.join(allowed)}",
                key=True,
            )
            for key in value
            if key not in allowed
        ]
    if kind == "required":
        return [
            doc.problem(
                path,
                "missing-field",
                f"{dotted(path + (key,))}: required field is missing",
                f"add '{key}:' to {name if path else 'the record'}",
            )
            for key in error.validator_value
            if key not in value
        ]
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        return [
            doc.problem(
                path,
                "bad-value",
                f"{name}: {value!r} is not an allowed value",
                f"{_closest(value, allowed)}use one of: {', '.join(allowed)}",
            )
        ]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(_SCHEMA_TYPES.get(str(w), str(w)) for w in wanted)
        return [
            doc.problem(
                path,
                "wrong-type",
                f"{name}: expected {names}, found {_describe(value)}",
                "check the indentation and the value's form",
            )
        ]
    if kind == "pattern":
        return [
            doc.problem(
                path,
                "bad-format",
                f"{name}: {value!r} is not in the expected form",
                _PATTERN_HINTS.get(error.validator_value, f"must match {error.validator_value}"),
            )
        ]
    if kind in ("minLength", "minItems"):
        return [
            doc.problem(
                path, "empty-value", f"{name}: must not be empty", "fill it in, or remove the field if it is optional"
            )
        ]
    if kind in ("maxLength", "maxItems"):
        return [
            doc.problem(path, "too-long", f"{name}: longer than the limit of {error.validator_value}", "shorten it")
        ]
    if kind == "uniqueItems":
        return [doc.problem(path, "repeated-item", f"{name}: has repeated items", "list each item once")]
    return [doc.problem(path, "schema", f"{name}: {error.message}")]


def schema_problems(doc: YamlDocument, schema_name: str) -> list[Problem]:
    """Every way ``doc.data`` breaks the schema, each placed on its YAML line."""
    try:
        _fast_check(schema_name)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # invalid: jsonschema says how, field by field
    problems: list[Problem] = []
    for error in _validator(schema_name).iter_errors(doc.data):
        problems.extend(_problems_for(doc, error))
    return problems


def read_listing(
    file: Path, shown_as: str, schema_name: str, key: str, duplicate_rule: str, what: str, hint: str
) -> tuple[YamlDocument | None, list[Problem]]:
    """A checker data file (rules, concepts): a YAML mapping whose ``key`` lists items with ids,
    read and validated against its schema, with a ``duplicate_rule`` problem for each id used
    twice. ``None`` and no problems when the file does not exist; ``None`` with the problems
    when it cannot be used."""
    if not file.exists():
        return None, []
    doc, problems = read_yaml(file, shown_as)
    if doc is None:
        return None, problems
    problems += schema_problems(doc, schema_name)
    if problems:
        return None, problems
    seen: set[str] = set()
    for i, item in enumerate(doc.data[key]):
        if item["id"] in seen:
            problems.append(
                doc.problem(
                    (key, i, "id"), duplicate_rule, f"{key}[{i}].id: {item['id']!r} is used by an earlier {what}", hint
                )
            )
        seen.add(item["id"])
    return doc, problems
