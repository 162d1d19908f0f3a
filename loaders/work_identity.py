"""One node per real-world paper: which stored works a source's work record joins, the id
of the joined node and its fields (pure, no I/O; loaders/work_matching.py runs it).

A record joins every stored work that shares one of its strong ids (DOI, arXiv id, PubMed,
MAG, S2 corpus id) and holds no record of a source the group already has: one record per
source in a node, so a source's own duplicates (two OpenAlex works with one DOI) stay apart,
as that source keeps them. The joined node is named by its best record (precedence.
SOURCE_ORDER, then id), and each field takes the value of the best source that has one
(precedence.FIELD_PRECEDENCE): both depend only on the records, never on which came first.
A field whose value is not from the node's `source` names its source in `<field>_from`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from loaders.graph_rows import Row, not_older
from loaders.precedence import ARXIV, OPENALEX, S2AG, rank, source_rank

# Strong ids a work row may carry, as work properties (each with its own index).
STRONG_IDS = ("doi", "arxiv_id", "pmid", "mag_id", "s2_corpus_id")
# Bookkeeping the merge computes itself rather than take from a source.
COMPUTED = frozenset({"id", "sources", "source", "is_stub", "changed_at", "load_fresh"})
FROM = "_from"
OPENALEX_WORK = re.compile(r"^W\d+$")
Node = dict[str, Any]


def record_source(work_id: str) -> str | None:
    """The source whose records have ids of this shape (`arxiv:…`, `s2:…`, `W…`), if any."""
    if work_id.startswith("arxiv:"):
        return ARXIV
    if work_id.startswith("s2:"):
        return S2AG
    return OPENALEX if OPENALEX_WORK.match(work_id) else None


def never_folded(work_id: str) -> bool:
    """True for ids of the best source: a node holding such a record is named by it, so the
    id always names a node (no alias to look up)."""
    return source_rank(record_source(work_id)) == 0


def node_sources(node: Node) -> set[str]:
    """The sources whose records a stored work holds (a stub holds none)."""
    if node.get("sources"):
        return set(node["sources"])
    return {node["source"]} if node.get("source") else set()


def node_records(node: Node) -> dict[str, str]:
    """Each held source's record id, as that source's rows name the work."""
    records = {}
    for source in node_sources(node):
        own = {OPENALEX: node.get("openalex_id"), ARXIV: node.get("arxiv_id"),
               S2AG: node.get("s2_corpus_id")}.get(source)
        prefix = {ARXIV: "arxiv:", S2AG: "s2:"}.get(source, "")
        records[source] = f"{prefix}{own}" if own is not None else node["id"]
    return records


@dataclass
class Fold:
    """A record joined with stored works: the node it makes, the stored works folded into
    it, and the ids of its records that name it through an alias."""

    id: str
    props: dict[str, Any]
    folded: list[str]
    aliases: list[str]

    def row(self) -> Row:
        """The row of cypher/load/fold_works.cypher."""
        return {"id": self.id, "props": self.props, "folded": self.folded,
                "aliases": self.aliases}


def plan_fold(row: Row, source: str, found: list[Node], taken: set[str]) -> Fold | None:
    """The fold of one work row into the stored works it matched; None when the row only
    updates a node of its own source (merge_works does that). `taken` holds nodes another
    row of the batch has joined, and is updated."""
    group = _group(row, source, found, taken)
    if all(n["id"] == row["id"] and node_sources(n) <= {source} for n in group):
        return None
    records = {source: row["id"]}
    for node in group:
        records.update(node_records(node))
    survivor = min(records.items(), key=lambda item: (source_rank(item[0]), item[1]))[1]
    taken.update(n["id"] for n in group)
    props = merged_props(group, row["props"], source)
    props["id"] = survivor
    return Fold(survivor, props, sorted(n["id"] for n in group if n["id"] != survivor),
                sorted(set(records.values()) - {survivor}))


def refold(target: Node, nodes: list[Node]) -> Fold:
    """The fold of works made again under ids already folded into `target` (their own
    values, a stub's abstract say, join its by the same precedence)."""
    group = [target, *nodes]
    source = min(node_sources(target), key=source_rank)
    props = merged_props(group, {}, source)
    props["id"] = target["id"]
    records = {s: r for node in group for s, r in node_records(node).items()}
    return Fold(target["id"], props, sorted(n["id"] for n in nodes),
                sorted(set(records.values()) - {target["id"]}))


def _group(row: Row, source: str, found: list[Node], taken: set[str]) -> list[Node]:
    """The stored works the row joins: its own node (by id or alias) first, then the others
    by id, each only if it holds no record of a source the group already has."""
    unique = {n["id"]: n for n in found}
    own = [n for n in unique.values() if row["id"] in (n["id"], *node_records(n).values())]
    held = {source}.union(*(node_sources(n) for n in own))
    group = list(own)
    for node in sorted(unique.values(), key=lambda n: str(n["id"])):
        if node in own or node["id"] in taken or node_sources(node) & held:
            continue
        group.append(node)
        held |= node_sources(node)
    return group


def merged_props(group: list[Node], props: dict[str, Any], source: str) -> dict[str, Any]:
    """The joined node's properties: per field the best source's value, and where the
    value is not from the node's `source`, `<field>_from`."""
    values: dict[str, tuple[Any, str]] = {}
    for node in group:
        default = node.get("source") or record_source(str(node["id"])) or ""
        for key, value in node.items():
            if key not in COMPUTED and not key.endswith(FROM):
                _offer(values, key, value, node.get(key + FROM) or default, same_wins=False)
    if _not_older(values, props, source):
        for key, value in props.items():
            if key not in COMPUTED:
                _offer(values, key, value, source, same_wins=True)
    sources = sorted({source}.union(*(node_sources(n) for n in group)), key=source_rank)
    best = sources[0]
    merged: dict[str, Any] = {"sources": sources, "source": best, "is_stub": False}
    for key, (value, origin) in values.items():
        merged[key] = value
        if origin != best:
            merged[key + FROM] = origin
    return merged


def _offer(values: dict[str, tuple[Any, str]], key: str, value: Any, origin: str,
           same_wins: bool) -> None:
    """Keep `value` for `key` if its source ranks above the kept one's (or is the same
    source's newer record)."""
    kept = values.get(key)
    if kept is None or rank(key, origin) < rank(key, kept[1]) or (
            same_wins and origin == kept[1]):
        values[key] = (value, origin)


def _not_older(values: dict[str, tuple[Any, str]], props: dict[str, Any], source: str) -> bool:
    """False when the node holds a newer record of the same source (by updated_date)."""
    kept = values.get("updated_date")
    return kept is None or kept[1] != source or not_older(props.get("updated_date"), kept[0])


def strong_ids(props: dict[str, Any]) -> dict[str, Any]:
    """The strong ids of a work row's properties (absent ones as null)."""
    return {key: props.get(key) for key in STRONG_IDS}
