"""Helpers of the reliability tests: a fingerprint of the graph's content to compare graphs."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

import orjson
from neo4j import Driver, RoutingControl

from cypher import query

# Set by the database at write time: two loads of the same input differ only in these.
VOLATILE = {"changed_at", "created_at", "updated_at", "loaded_at"}


@dataclass(frozen=True)
class Fingerprint:
    """Counts per label and type, and a SHA-256 over every id and property."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    checksum: str


def _plain(value: Any) -> Any:
    """A JSON-able form of a property value (temporal values as ISO text)."""
    return value.iso_format() if hasattr(value, "iso_format") else value


def _stable(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in sorted(props.items()) if k not in VOLATILE}


def fingerprint(driver: Driver, database: str) -> Fingerprint:
    """The graph's content as counts and one checksum, independent of write order."""
    nodes, _, _ = driver.execute_query(query("reliability/list_node_fingerprints"),
                                       database_=database, routing_=RoutingControl.READ)
    edges, _, _ = driver.execute_query(query("reliability/list_relationship_fingerprints"),
                                       database_=database, routing_=RoutingControl.READ)
    lines = sorted(orjson.dumps([sorted(r["labels"]), r["id"], _stable(r["props"])])
                   for r in nodes)
    lines += sorted(orjson.dumps([r["start"], r["type"], r["end"], _stable(r["props"])])
                    for r in edges)
    digest = hashlib.sha256(b"\n".join(lines)).hexdigest()
    labels = Counter(label for r in nodes for label in r["labels"])
    return Fingerprint(dict(labels), dict(Counter(r["type"] for r in edges)), digest)
