"""Splits a batch's work edges into those of works created in this transaction (CREATE: no
edge can exist yet, and CREATE skips MERGE's existence check and locking) and the rest (MERGE)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # graph_rows imports this module
    from loaders.graph_rows import GraphRows

Row = dict[str, Any]

# Edge kinds hanging off a work, with the row fields that make an edge unique.
WORK_EDGES = {"authorships": ("author_id", "work_id"), "published_in": ("work_id",),
              "about": ("work_id", "topic_id"), "cites": ("work_id", "cited_id")}


def fresh_only(rows: GraphRows, created: set[str]) -> set[str]:
    """The created works that appear once among the batch's work rows (a work sent twice is
    linked by MERGE, so its two records' edges cannot be doubled)."""
    seen = Counter(row["id"] for row in rows.works)
    return {work_id for work_id in created if seen[work_id] == 1}


def split_edges(rows: GraphRows, fresh: set[str]) -> tuple[dict[str, list[Row]],
                                                            dict[str, list[Row]]]:
    """Each work-edge kind's rows as (to create, to merge); `rows` is left as it is (a retried
    transaction splits again). Rows to create are one per edge: the last wins, as consecutive
    MERGE … SET would make it."""
    create: dict[str, list[Row]] = {}
    merge: dict[str, list[Row]] = {}
    for kind, key_fields in WORK_EDGES.items():
        unique: dict[tuple[object, ...], Row] = {}
        merge[kind] = []
        for row in getattr(rows, kind):
            if row["work_id"] in fresh:
                unique[tuple(row[name] for name in key_fields)] = row
            else:
                merge[kind].append(row)
        create[kind] = list(unique.values())
    return create, merge
