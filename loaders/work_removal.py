"""A source's deleted work records (an S2AG diff's deleted papers) as removals, inside the
batch's transaction. A work only that source holds goes with every edge it has
(cypher/load/apply_work_deletes). From a work other sources hold too (one node per paper:
loaders/work_identity.py) only that source's part goes: its record's id and alias, the
fields it gave, its own edges (cypher/load/remove_work_source), and a node named by that
record takes the next source's record's id. The fields are planned here (pure: `unfold`)."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from core.graph import rows as statement_rows
from loaders.precedence import REFERENCE_SOURCES, source_rank
from loaders.work_identity import COMPUTED, FROM, node_records, node_sources, record_source

Node = dict[str, Any]


def remove_works(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Remove the deleted records the rows name ({id}): whole works, or a source's part of
    works other sources hold too; {"work_deletes": works changed}, {} without rows."""
    if not rows:
        return {}
    found = {r["id"]: r["node"] for r in statement_rows(
        tx, "load/list_deleted_works", ids=sorted({row["id"] for row in rows}))}
    whole, parts = [], []
    for record_id, node in sorted(found.items()):
        source = record_source(record_id) or ""
        if node_sources(node) - {source}:
            parts.append(unfold(node, record_id, source))
        else:
            whole.append({"id": node["id"]})
    changed = 0
    for name, batch in (("load/apply_work_deletes", whole), ("load/remove_work_source", parts)):
        if batch:
            changed += int(statement_rows(tx, name, rows=batch)[0]["changed"])
    return {"work_deletes": changed}


def unfold(node: Node, record_id: str, source: str) -> dict[str, Any]:
    """The row of cypher/load/remove_work_source taking `source`'s record `record_id` out of
    a stored work other sources hold too: the fields it gave go, the others keep their
    origin (`<field>_from` where it is not the best source left), and the node is named by
    the best record left when the removed record named it."""
    rest = sorted(node_sources(node) - {source}, key=source_rank)
    best, own = rest[0], node.get("source") or record_source(str(node["id"])) or ""
    props: Node = {}
    for key, value in node.items():
        if key in COMPUTED or key.endswith(FROM):
            continue
        origin = node.get(key + FROM) or own
        if origin != source:
            props[key] = value
            if origin != best:
                props[key + FROM] = origin
    new_id = node_records(node)[best] if node["id"] == record_id else node["id"]
    props.update(id=new_id, sources=rest, source=best, is_stub=False)
    drop = sorted({f"work:{record_id}", f"work:{new_id}"} - {f"work:{node['id']}"})
    return {"id": node["id"], "props": props, "source": source, "drop_aliases": drop,
            "drop_references": not REFERENCE_SOURCES & set(rest)}
