"""What a saved query takes, for `peergraph query NAME --help` and for a missing parameter;
and what an empty answer was asked with."""

from __future__ import annotations

import re
from typing import Any

import orjson

from service.analyst.catalogue import Parameter, SavedQuery

EXAMPLE_IN_TEXT = re.compile(r"e\.g\.\s+(\S.*?)\)?$")
PLACEHOLDERS = {"string": "text", "int": "10", "float": "0.5", "bool": "true",
                "list<string>": "a,b"}


def query_help(saved: SavedQuery) -> str:
    """The query's title and description, each parameter with its type, default and meaning,
    and a command line to copy."""
    lines = [f"{saved.name}: {saved.title}", saved.description, "", "Parameters:"]
    for param in saved.parameters:
        default = "required" if param.required else f"default {_shown(param.default)}"
        lines.append(f"  {param.name} ({param.type}, {default}): {param.description}")
    if not saved.parameters:
        lines.append("  none")
    lines += ["", "Example:", f"  peergraph query {saved.name}"
              + "".join(f" -p {p.name}={example_value(p)}"
                        for p in saved.parameters if p.required)]
    if saved.returns:
        lines += ["", f"Returns: {', '.join(saved.returns)}"]
    return "\n".join(lines)


def empty_answer(saved: SavedQuery, bound: dict[str, Any]) -> str:
    """Why 0 rows may have come back: the values the query ran with."""
    used = ", ".join(f"{name} = {_shown(value)}" for name, value in bound.items())
    return (f"No rows for {used or 'no parameters'}. Try other values: "
            f"peergraph query {saved.name} --help lists them.")


def example_value(param: Parameter) -> str:
    """A value to show in the example: the description's own "e.g.", else a placeholder."""
    found = EXAMPLE_IN_TEXT.search(param.description)
    if found:
        text = found.group(1).strip()
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            return text
        return ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return PLACEHOLDERS.get(param.type, "value")


def _shown(value: Any) -> str:
    """A value as JSON (strings quoted), as the user would pass it."""
    return orjson.dumps(value).decode()
