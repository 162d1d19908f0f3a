"""Saved queries: `cypher/analyst/*.cypher` files whose header says what they take.

Header format (leading `//` lines; the first line that is not a comment ends it):

    // title: Top authors by trust in a topic
    // description: Authors who wrote about a topic, highest trust score first.
    // param: topic string = "machine learning" | Topic id, or part of its name
    // param: limit int = 25 | How many authors
    // returns: author_id, name, trust_score

`param: NAME TYPE [= DEFAULT] [| DESCRIPTION]`: TYPE is one of string, int, float, bool,
list<string>, list<int>, list<float>; DEFAULT is a JSON value; without one the parameter
is required. Several `description:` lines are joined.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cypher
from core.errors import InvalidParameter, NotFound

AREA = "analyst"
TYPES = ("string", "int", "float", "bool", "list<string>", "list<int>", "list<float>")
_HEADER = re.compile(r"^//\s*(title|description|param|returns)\s*:\s*(.*)$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s+(\S+)\s*(.*)$")


class HeaderError(ValueError):
    """A saved query file whose header cannot be read (a bug in the file, not the request)."""


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: its name, type, default (if any) and what it means."""

    name: str
    type: str
    default: Any = None
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: name, title, description, parameters, returned columns, Cypher text."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    returns: tuple[str, ...]
    text: str

    def describe(self) -> dict[str, Any]:
        """What GET /api/v1/queries lists for it."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "parameters": [vars(p) for p in self.parameters],
                "returns": list(self.returns), "cypher": self.text}

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """The parameters to run with: given values checked against their types, defaults."""
        declared = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise InvalidParameter(
                f"Saved query {self.name!r} has no parameter {', '.join(unknown)}; it takes: "
                f"{', '.join(declared) or 'none'}.",
                errors=[{"parameter": f"parameters.{n}", "in": "body", "message": "unknown"}
                        for n in unknown])
        bound = {}
        for param in self.parameters:
            if param.name in given:
                bound[param.name] = check_type(param, given[param.name])
            elif param.required:
                raise InvalidParameter(
                    f"Saved query {self.name!r} needs parameter {param.name!r} ({param.type}).",
                    errors=[{"parameter": f"parameters.{param.name}", "in": "body",
                             "message": "required"}])
            else:
                bound[param.name] = param.default
        return bound


def check_type(param: Parameter, value: Any) -> Any:
    """The value when it has the declared type (an int is a float too), else a clear 422."""
    if not _has_type(value, param.type):
        raise InvalidParameter(
            f"Parameter {param.name!r} must be {param.type}, got {json.dumps(value)}.",
            errors=[{"parameter": f"parameters.{param.name}", "in": "body",
                     "message": f"expected {param.type}"}])
    return value


def _has_type(value: Any, type_name: str) -> bool:
    """Whether a JSON value has a type of the header format, e.g. int or list<string>."""
    if type_name.startswith("list<"):
        item = type_name[5:-1]
        return isinstance(value, list) and all(_is(v, item) for v in value)
    return _is(value, type_name)


def _is(value: Any, type_name: str) -> bool:
    """Whether one JSON value has a scalar type of the header format."""
    if type_name == "bool":
        return isinstance(value, bool)
    if type_name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def parse(name: str, text: str) -> SavedQuery:
    """Read one saved query's header; HeaderError says which line is wrong."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "returns": []}
    params: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            params.append(_parse_param(name, value.strip()))
        else:
            fields[key].append(value.strip())
    if not fields["title"]:
        raise HeaderError(f"cypher/{AREA}/{name}.cypher: no `// title:` line")
    returns = tuple(c.strip() for c in ", ".join(fields["returns"]).split(",") if c.strip())
    return SavedQuery(name, fields["title"][0], " ".join(fields["description"]),
                      tuple(params), returns, text)


def _parse_param(name: str, spec: str) -> Parameter:
    """`NAME TYPE [= DEFAULT] [| DESCRIPTION]` as a Parameter."""
    match = _PARAM.match(spec)
    if not match or match.group(2) not in TYPES:
        raise HeaderError(f"cypher/{AREA}/{name}.cypher: bad `param:` line {spec!r} "
                          f"(want NAME TYPE [= JSON] [| text], TYPE one of {', '.join(TYPES)})")
    pname, ptype, rest = match.groups()
    default, required = None, True
    if rest.startswith("="):
        try:
            default, end = json.JSONDecoder().raw_decode(rest[1:].lstrip())
        except json.JSONDecodeError as exc:
            raise HeaderError(f"cypher/{AREA}/{name}.cypher: default of {pname} is not JSON"
                              ) from exc
        rest = rest[1:].lstrip()[end:].strip()
        required = False
    description = rest.removeprefix("|").strip()
    param = Parameter(pname, ptype, default, required, description)
    if not required and not _has_type(default, ptype):
        raise HeaderError(f"cypher/{AREA}/{name}.cypher: default of {pname} is not {ptype}")
    return param


def names() -> list[str]:
    """The saved query names, sorted."""
    return [n.partition("/")[2] for n in cypher.names(AREA)]


def get(name: str) -> SavedQuery:
    """One saved query by name; NotFound lists the ones there are."""
    known = names()
    if name not in known:
        raise NotFound(f"No saved query {name!r}; there are: {', '.join(known)}.")
    return parse(name, cypher.query(f"{AREA}/{name}"))


def all_queries() -> list[SavedQuery]:
    """Every saved query, parsed."""
    return [get(n) for n in names()]


def from_text(param: Parameter, raw: str) -> Any:
    """A command-line `--param name=value` as the declared type (lists: JSON or a,b,c)."""
    if param.type.startswith("list<"):
        items = _json_or_none(raw) if raw.lstrip().startswith("[") else raw.split(",")
        if not isinstance(items, list):
            raise InvalidParameter(f"Parameter {param.name!r} must be {param.type}: "
                                   "give a JSON list or comma-separated values.")
        item = Parameter(param.name, param.type[5:-1])
        return [from_text(item, v.strip()) if isinstance(v, str) else v for v in items]
    converters: dict[str, Callable[[str], Any]] = {"int": int, "float": float, "string": str,
                                                   "bool": _bool}
    try:
        return converters[param.type](raw)
    except ValueError as exc:
        raise InvalidParameter(f"Parameter {param.name!r} must be {param.type}, got {raw!r}."
                               ) from exc


def _bool(raw: str) -> bool:
    """true/false, yes/no, 1/0."""
    lowered = raw.strip().lower()
    if lowered not in {"true", "false", "yes", "no", "1", "0"}:
        raise ValueError(raw)
    return lowered in {"true", "yes", "1"}


def _json_or_none(raw: str) -> Any:
    """The JSON value of raw, or None when it is not JSON."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return None
