"""One node per real person across sources, only where an ORCID iD says so (issue 18,
item 3): after a load, the authors it wrote that share an iD with another source's author
are folded into one node. Never on a name: same-name authors are only proposed as possible
duplicates (service/repository/duplicates.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from core.graph import Graph
from core.graph import rows as statement_rows
from loaders.precedence import source_rank

Node = dict[str, Any]
COMPUTED = frozenset({"id", "sources", "changed_at"})


def settle_authors(graph: Graph, since: datetime) -> int:
    """Fold the ORCID twins among the authors written since `since`, and authors made again
    under a folded id; returns how many authors were folded away."""

    def work(tx: ManagedTransaction) -> int:
        folds, taken = [], set[str]()
        for group in statement_rows(tx, "load/list_orcid_twins", since=since):
            nodes = [n for n in group["nodes"] if n["id"] not in taken]
            if fold := author_fold(group["target"], nodes):
                folds.append(fold)
                taken.update([fold["id"], *fold["folded"]])
        if folds:
            statement_rows(tx, "load/fold_authors", rows=folds)
        return sum(len(f["folded"]) for f in folds)

    return graph.write_tx(work)


def author_fold(target: Node | None, nodes: list[Node]) -> dict[str, Any] | None:
    """The fold row of one group: one node per source (a source's own two records with one
    iD stay apart, as it keeps them), the best source's record surviving; None when there
    is nothing to fold."""
    if not nodes:
        return None
    by_rank = sorted(nodes, key=lambda n: (source_rank(n.get("source")), str(n["id"])))
    survivor = target or by_rank[0]
    group, held = [survivor], {survivor.get("source")}
    for node in by_rank:
        if node["id"] != survivor["id"] and (target or node.get("source") not in held):
            group.append(node)
            held.add(node.get("source"))
    if len(group) == 1:
        return None
    return {"id": survivor["id"], "props": merged_author(group),
            "folded": sorted(str(n["id"]) for n in group[1:])}


def merged_author(group: list[Node]) -> Node:
    """The survivor's properties (the first node's), gaps filled from the others in order;
    `sources` every source the group holds."""
    merged: Node = {}
    for node in reversed(group):
        merged.update({k: v for k, v in node.items() if k not in COMPUTED})
    sources = {s for n in group for s in (n.get("sources") or [n.get("source")]) if s}
    merged.update(id=group[0]["id"], sources=sorted(sources, key=source_rank))
    return merged
