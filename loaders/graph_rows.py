"""The canonical rows every source's transform produces, and the one batched writer for them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import itemgetter
from typing import Any

from neo4j import ManagedTransaction

from core.graph import Graph
from core.graph import rows as statement_rows
from loaders.fresh import fresh_only, split_edges

Row = dict[str, Any]

# Nodes before the edges that MATCH them; each name is a cypher/load/merge_<name>.cypher file.
# Full records (venues, institutions, topics, authors, works) come before the *_refs that only
# create what is missing, so a record in the same batch as a reference to it always wins.
WRITE_ORDER = (
    "venues", "institutions", "topics", "authors", "works", "abstracts",
    "venue_refs", "institution_refs", "topic_refs", "author_refs",
    "authorships", "published_in", "about", "affiliations", "cites",
)
# merged_ids per label: cypher/load/apply_<name>.cypher, run after every other row.
MERGE_ORDER = ("author_merges", "work_merges", "institution_merges", "venue_merges")
# Properties on works matched by their ids (Retraction Watch notices):
# cypher/load/apply_<name>.cypher, after the merges.
ANNOTATE_ORDER = ("retractions",)
# Removals (a release diff's deletes by id, and the edges an updated record no longer has):
# cypher/load/apply_<name>.cypher, run last; work_deletes through loaders/work_removal.py
# (a work other sources hold too loses only the deleting source's part).
DELETE_ORDER = ("work_edge_resets", "cites_deletes", "abstract_deletes", "work_deletes",
                "author_deletes", "venue_deletes")
NODE_KINDS = WRITE_ORDER[:WRITE_ORDER.index("authorships")]
# Kinds whose rows are whole records ({id, props}): two copies in one batch are merged first.
RECORD_KINDS = frozenset({"venues", "institutions", "topics", "authors"})
EDGE_KINDS = WRITE_ORDER[WRITE_ORDER.index("authorships"):]
# Work edges whose MERGE path has more than one statement, in order.
MERGE_STATEMENTS = {"published_in": ("load/delete_stale_published_in",
                                     "load/merge_published_in")}


@dataclass
class GraphRows:
    """One batch of graph changes, as plain rows for `UNWIND $rows … MERGE`."""

    venues: list[Row] = field(default_factory=list)
    institutions: list[Row] = field(default_factory=list)
    topics: list[Row] = field(default_factory=list)
    authors: list[Row] = field(default_factory=list)
    works: list[Row] = field(default_factory=list)
    abstracts: list[Row] = field(default_factory=list)
    venue_refs: list[Row] = field(default_factory=list)
    institution_refs: list[Row] = field(default_factory=list)
    topic_refs: list[Row] = field(default_factory=list)
    author_refs: list[Row] = field(default_factory=list)
    authorships: list[Row] = field(default_factory=list)
    published_in: list[Row] = field(default_factory=list)
    about: list[Row] = field(default_factory=list)
    affiliations: list[Row] = field(default_factory=list)
    cites: list[Row] = field(default_factory=list)
    author_merges: list[Row] = field(default_factory=list)
    work_merges: list[Row] = field(default_factory=list)
    institution_merges: list[Row] = field(default_factory=list)
    venue_merges: list[Row] = field(default_factory=list)
    retractions: list[Row] = field(default_factory=list)
    work_edge_resets: list[Row] = field(default_factory=list)
    cites_deletes: list[Row] = field(default_factory=list)
    abstract_deletes: list[Row] = field(default_factory=list)
    work_deletes: list[Row] = field(default_factory=list)
    author_deletes: list[Row] = field(default_factory=list)
    venue_deletes: list[Row] = field(default_factory=list)

    def extend(self, other: GraphRows) -> None:
        """Append another batch's rows to this one."""
        for name in KINDS:
            if more := getattr(other, name):
                getattr(self, name).extend(more)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in KINDS)


KINDS = tuple(f.name for f in fields(GraphRows))


def node_row(node_id: str, **props: Any) -> Row:
    """A node row; null properties are dropped so they never erase stored values."""
    return {"id": node_id, "props": {k: v for k, v in props.items() if v is not None}}


def not_older(new: Any, old: Any) -> bool:
    """merge_<label>.cypher's test: either updated_date unknown, or the row's is the same
    or newer."""
    return new is None or old is None or new >= old


def merge_records(rows: list[Row]) -> list[Row]:
    """One row per id, each record's properties over the earlier ones' unless it is older,
    as loading them one at a time would store them. The merge_* statements cannot do it for
    two copies in one batch: every copy is checked before any is written (so the last won)."""
    merged: dict[str, Row] = {}
    for row in rows:
        known = merged.get(row["id"])
        if known is None:
            merged[row["id"]] = {"id": row["id"], "props": dict(row["props"])}
        elif not_older(row["props"].get("updated_date"), known["props"].get("updated_date")):
            known["props"].update(row["props"])
    return list(merged.values()) if len(merged) < len(rows) else rows


def write_rows(graph: Graph, rows: GraphRows) -> dict[str, int]:
    """Write one batch in one transaction (all of it or none of it); counts per kind."""

    from loaders.work_matching import match_works  # it imports this module's rows
    from loaders.work_removal import remove_works  # so does it

    def work(tx: ManagedTransaction) -> dict[str, int]:
        batch, folded = match_works(tx, rows)  # one node per paper across sources
        counts: dict[str, int] = {"works": folded} if folded else {}
        created: set[str] = set()
        for name in NODE_KINDS:
            if name == "works":
                created = _merge_works(tx, batch, counts)
            else:
                kind = getattr(batch, name)
                _add(counts, _run_kind(tx, f"load/merge_{name}", name,
                                       merge_records(kind) if name in RECORD_KINDS else kind))
        create, merge = split_edges(batch, fresh_only(batch, created))
        for name in EDGE_KINDS:
            _add(counts, _run_kind(tx, f"load/create_{name}", name, create.get(name, [])))
            for query_name in MERGE_STATEMENTS.get(name, (f"load/merge_{name}",)):
                _add(counts, _run_kind(tx, query_name, name,
                                       merge.get(name, getattr(batch, name))))
        for name in MERGE_ORDER + ANNOTATE_ORDER + DELETE_ORDER:
            _add(counts, remove_works(tx, batch.work_deletes) if name == "work_deletes" else
                 _run_kind(tx, f"load/apply_{name}", name, getattr(batch, name)))
        return counts

    return graph.write_tx(work)


def _merge_works(tx: ManagedTransaction, rows: GraphRows, counts: dict[str, int]) -> set[str]:
    """Upsert the batch's works and stub the works it cites; the ids of the works this
    transaction created."""
    keys = work_keys(rows)
    if not keys:
        return set()
    records = statement_rows(tx, "load/merge_works", rows=keys)
    counts["works"] = counts.get("works", 0) + len(records)
    return {record["id"] for record in records if record["fresh"]}


def work_keys(rows: GraphRows) -> list[Row]:
    """The batch's work rows (one per work: merge_records) and a stub row (props null) per
    citing or cited work not among them (a citations file may come before the papers of both
    ends), sorted by id so Work keys are locked in one order."""
    works = merge_records(rows.works)
    loaded = {row["id"] for row in works}
    cited = {row[end] for row in rows.cites for end in ("work_id", "cited_id")} - loaded
    return sorted(works + [{"id": work_id, "props": None} for work_id in cited],
                  key=itemgetter("id"))


def _add(counts: dict[str, int], more: dict[str, int]) -> None:
    for kind, changed in more.items():
        counts[kind] = counts.get(kind, 0) + changed


def _run_kind(tx: ManagedTransaction, query_name: str, kind: str,
              batch: list[Row]) -> dict[str, int]:
    """Run one kind's query over its rows; {kind: changed} or {} when there are no rows."""
    if not batch:
        return {}
    records = statement_rows(tx, query_name, rows=batch)
    return {kind: int(records[0]["changed"]) if records else 0}
