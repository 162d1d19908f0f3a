"""Values as the terminal writes them: text bare in a cell, everything else as a Cypher
literal; nodes and relationships as patterns, `(:Author {id: "a1", name: "Ada"})`.

Each value on its own (`cell_text`, `literal`) or a whole column at once (`cell_texts`): a
column does its type dispatch once, hands its numbers and strings to C (`repr`, orjson) in
one pass, and writes the nodes of one shape (labels and keys) through one template, so that
1 000 rows cost a few milliseconds instead of a Python call per property."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from itertools import chain, islice, repeat
from operator import itemgetter
from typing import Any

import orjson

PROPERTY_BUDGET = 4  # properties shown per node or relationship before "…"
FIRST_KEYS = ("id", "name", "title")  # what names a node, shown before the rest
SMALL_SHAPE = 4  # fewer entities of one shape than this: a template would cost more
_dumps = orjson.dumps
_NUMBERS = frozenset((int, float))
_labels, _properties, _type = itemgetter("labels"), itemgetter("properties"), itemgetter("type")


def cell_text(value: Any, budget: int = PROPERTY_BUDGET) -> str:
    """One value as a reader types it on one line: text bare (a line break as `\\n`),
    numbers as written, graph entities as Cypher patterns (literals escape their own)."""
    kind = type(value)
    if kind is str:
        return value.replace("\n", "\\n") if "\n" in value else value
    if kind is int or kind is float:
        return repr(value)
    if value is None:
        return ""
    return literal(value, budget)


def literal(value: Any, budget: int = PROPERTY_BUDGET) -> str:
    """A value as a Cypher literal; nodes, relationships and paths as patterns."""
    kind = type(value)  # exact types first: the JSON answer holds nothing else
    if kind is str:
        return _dumps(value).decode()
    if kind is int or kind is float:
        return repr(value)
    if kind is list:
        return "[" + ", ".join([literal(item, budget) for item in value]) + "]"
    if kind is dict:
        entity = value.get("kind")
        if entity == "node":
            return node_text(value, budget)
        if entity == "relationship":
            return relationship_text(value, budget)
        if entity == "path":
            return path_text(value, budget)
        return _map(value, budget, all_keys=True)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return _dumps(value, default=str).decode()


def node_text(node: dict[str, Any], budget: int = PROPERTY_BUDGET) -> str:
    """`(:Label {id: …, name: …, …+3})`."""
    return _filled(_node_template(tuple(node["labels"]), tuple(node["properties"]), budget),
                   node["properties"], budget)


def relationship_text(rel: dict[str, Any], budget: int = PROPERTY_BUDGET) -> str:
    """`[:TYPE {k: v}]`."""
    return f"[{_relationship_inner(rel, budget)}]"


def path_text(path: dict[str, Any], budget: int = PROPERTY_BUDGET) -> str:
    """`(a)-[:R]->(b)<-[:S]-(c)`, each step's direction from its relationship."""
    nodes, rels = path["nodes"], path["relationships"]
    parts = [node_text(nodes[0], budget)]
    for left, rel, right in zip(nodes, rels, nodes[1:], strict=False):
        inner = _relationship_inner(rel, budget)
        forward = rel.get("start") == left.get("id")
        parts.append(f"-[{inner}]->" if forward else f"<-[{inner}]-")
        parts.append(node_text(right, budget))
    return "".join(parts)


def _relationship_inner(rel: dict[str, Any], budget: int) -> str:
    """`:TYPE {k: v}` inside a relationship's brackets."""
    props = _map(rel["properties"], budget)
    return f":{rel['type']}{' ' + props if props else ''}"


def _map(props: dict[str, Any], budget: int, all_keys: bool = False) -> str:
    """`{id: "a1", name: "Ada", …+2}`: naming keys first, at most `budget` unless all."""
    return _filled(_map_template(tuple(props), None if all_keys else budget), props, budget)


def _filled(template: tuple[str, tuple[str, ...]], props: dict[str, Any], budget: int) -> str:
    """A template from `_map_template` with one entity's values written in."""
    text, shown = template  # `%` even with nothing shown: it turns a name's `%%` back
    return text % tuple([literal(props[key], budget) for key in shown])


@functools.lru_cache(maxsize=256)
def _map_template(keys: tuple[str, ...], budget: int | None) -> tuple[str, tuple[str, ...]]:
    """`{id: %s, name: %s, …+2}` and the keys it shows (all when `budget` is None); `""` for
    no keys. The nodes of one answer share their keys, so this is worked out once."""
    if not keys:
        return "", ()
    ordered = _key_order(keys)
    shown = ordered if budget is None else ordered[:budget]
    body = ", ".join([f"{_escaped(key)}: %s" for key in shown])
    rest = len(ordered) - len(shown)
    return "{" + body + (f", …+{rest}" if rest else "") + "}", shown


@functools.lru_cache(maxsize=256)
def _node_template(labels: tuple[str, ...], keys: tuple[str, ...], budget: int
                   ) -> tuple[str, tuple[str, ...]]:
    """`(:Label {id: %s, …})` and the keys it shows."""
    props, shown = _map_template(keys, budget)
    head = _escaped("".join(f":{label}" for label in labels))
    return f"({head}{' ' + props if props else ''})", shown


@functools.lru_cache(maxsize=256)
def _relationship_template(rel_type: str, keys: tuple[str, ...], budget: int
                           ) -> tuple[str, tuple[str, ...]]:
    """`[:TYPE {k: %s}]` and the keys it shows."""
    props, shown = _map_template(keys, budget)
    return f"[:{_escaped(rel_type)}{' ' + props if props else ''}]", shown


def _escaped(name: str) -> str:
    """A label, type or key as it stands in a %-template."""
    return name.replace("%", "%%")


@functools.lru_cache(maxsize=256)
def _key_order(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Naming keys first, then the rest sorted (the nodes of one answer share their keys)."""
    return (*(k for k in FIRST_KEYS if k in keys), *sorted(k for k in keys if k not in FIRST_KEYS))


def cell_texts(values: Sequence[Any], budget: int = PROPERTY_BUDGET) -> list[str]:
    """`[cell_text(value, budget) for value in values]`, a column at a time."""
    kinds = set(map(type, values))
    if type(None) in kinds and len(kinds) > 1:  # a column with gaps: the rest, then the gaps
        present = iter(cell_texts([value for value in values if value is not None], budget))
        return ["" if value is None else next(present) for value in values]
    if kinds == {str}:
        if "\n" in "".join(values):
            return [value.replace("\n", "\\n") for value in values]
        return list(values)
    if str in kinds or type(None) in kinds:
        return [cell_text(value, budget) for value in values]
    return literal_texts(values, budget)


def literal_texts(values: Sequence[Any], budget: int = PROPERTY_BUDGET) -> list[str]:
    """`[literal(value, budget) for value in values]`, a column at a time."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return _string_literals(values)
    if kinds == {float}:
        return _float_literals(values)
    if kinds <= _NUMBERS:
        return list(map(repr, values))
    if kinds == {list}:
        return _list_texts(values, budget)
    if kinds == {dict}:
        entities = list(map(dict.get, values, repeat("kind")))
        if entities.count("node") == len(values):
            return _shaped_texts(values, list(map(tuple, map(_labels, values))),
                                 _node_template, node_text, budget)
        if entities.count("relationship") == len(values):
            return _shaped_texts(values, list(map(_type, values)), _relationship_template,
                                 relationship_text, budget)
    return [literal(value, budget) for value in values]


def _string_literals(strings: Sequence[str]) -> list[str]:
    """Strings in double quotes, escaped as orjson escapes them (quotes, backslashes, control
    characters); none of those in a column, it is only the quotes to add."""
    joined = "".join(strings)
    if '"' in joined or "\\" in joined or not joined.isprintable():
        return list(map(bytes.decode, map(_dumps, strings)))
    return ['"' + text + '"' for text in strings]


def _float_literals(floats: Sequence[float]) -> list[str]:
    """`repr()` of each float: orjson's text where it is the same and five times as fast,
    between 1e-4 and 1e16 (outside, it writes 1e-05 as 0.00001 and 1e-07 as 1e-7)."""
    magnitudes = list(map(abs, floats))
    if min(magnitudes) >= 1e-4 and max(magnitudes) < 1e16 and not math.isnan(sum(magnitudes)):
        return list(map(bytes.decode, map(_dumps, floats)))  # nan above: min and max skip it
    return list(map(repr, floats))


def _list_texts(lists: Sequence[list[Any]], budget: int) -> list[str]:
    """Lists written from their items' texts, all the items of a column in one pass."""
    items = literal_texts(list(chain.from_iterable(lists)), budget)
    sizes = list(map(len, lists))
    size = sizes[0]
    if sizes.count(size) == len(sizes):  # lists of one length (tags, pairs): one template
        template = "[" + ", ".join(["%s"] * size) + "]"
        return list(map(template.__mod__, zip(*[iter(items)] * size, strict=True))) if size \
            else ["[]"] * len(lists)
    texts = iter(items)
    return ["[" + ", ".join(islice(texts, size)) + "]" for size in sizes]


def _shaped_texts(entities: Sequence[dict[str, Any]], heads: list[Any],
                  template_of: Callable[..., tuple[str, tuple[str, ...]]],
                  one_text: Callable[[dict[str, Any], int], str], budget: int) -> list[str]:
    """Nodes or relationships grouped by shape (labels or type, and keys): each shape's
    template filled with its values a key at a time (a column of ids, one of names, …)."""
    props = list(map(_properties, entities))
    keys = list(map(dict.keys, props))  # compared as sets: the order shown is their own
    if heads.count(heads[0]) == len(heads) and keys.count(keys[0]) == len(keys):
        return _filled_texts(template_of(heads[0], tuple(props[0]), budget), props, budget)
    shapes: dict[tuple[Any, tuple[str, ...]], list[int]] = {}
    for index, shape in enumerate(zip(heads, map(tuple, props), strict=True)):
        shapes.setdefault(shape, []).append(index)
    texts = [""] * len(entities)
    for (head, shape_keys), indices in shapes.items():
        if len(indices) < SMALL_SHAPE:
            for index in indices:
                texts[index] = one_text(entities[index], budget)
            continue
        members = [props[index] for index in indices]
        filled = _filled_texts(template_of(head, shape_keys, budget), members, budget)
        for index, text in zip(indices, filled, strict=True):
            texts[index] = text
    return texts


def _filled_texts(template: tuple[str, tuple[str, ...]], members: list[dict[str, Any]],
                  budget: int) -> list[str]:
    """`_filled` for entities of one shape: their values a key at a time (ids, names, …)."""
    text, shown = template
    if not shown:
        return [text % ()] * len(members)
    values = [literal_texts(list(map(itemgetter(key), members)), budget) for key in shown]
    return list(map(text.__mod__, zip(*values, strict=True)))
