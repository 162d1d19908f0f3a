"""One node per real-world paper, inside a batch's transaction: rows naming a work by an id
that was folded into another source's node are pointed at that node, and work records
that meet another source's work are folded with it (loaders/work_identity.py decides).
What is left is written as before (merge_works and the edge statements)."""

from __future__ import annotations

from dataclasses import replace

from neo4j import ManagedTransaction

from core.graph import Graph
from core.graph import rows as statement_rows
from loaders.graph_rows import GraphRows, Row, merge_records
from loaders.work_identity import (
    STRONG_IDS,
    Fold,
    never_folded,
    plan_fold,
    record_source,
    refold,
    strong_ids,
)

# Row kinds naming works, with the fields that hold work ids.
WORK_ID_FIELDS = {"abstracts": ("id",), "authorships": ("work_id",),
                  "published_in": ("work_id",), "about": ("work_id",),
                  "cites": ("work_id", "cited_id"), "work_edge_resets": ("work_id",),
                  "cites_deletes": ("work_id", "cited_id"), "abstract_deletes": ("id",)}


def match_works(tx: ManagedTransaction, rows: GraphRows) -> tuple[GraphRows, int]:
    """The batch with folded records written and every work id pointed at its node; and
    how many works the folds wrote. `rows` is left as it is (a retried transaction starts
    again from it)."""
    works = merge_records(rows.works)
    targets = _aliases(tx, rows)
    folds = _folds(tx, works, targets)
    if folds:
        statement_rows(tx, "load/fold_works", rows=[fold.row() for fold in folds])
    folded = {row["id"] for row in works} & targets.keys()
    kept = [row for row in works if row["id"] not in folded]
    if not targets:
        return replace(rows, works=kept) if folds else rows, len(folds)
    return _pointed(rows, kept, targets), len(folds)


def _aliases(tx: ManagedTransaction, rows: GraphRows) -> dict[str, str]:
    """Each of the batch's work ids that names a folded record, with its node's id."""
    ids = {row[name] for kind, names in WORK_ID_FIELDS.items() for row in getattr(rows, kind)
           for name in names} | {row["id"] for row in rows.works}
    ask = sorted(i for i in ids if not never_folded(i))
    if not ask:
        return {}
    return {r["id"]: r["target"] for r in statement_rows(tx, "load/list_work_aliases",
                                                         ids=ask)}


def _folds(tx: ManagedTransaction, works: list[Row], targets: dict[str, str]) -> list[Fold]:
    """The folds of the batch's work records that meet other sources' works; each folded
    record's id is added to `targets`."""
    if not works:
        return []
    found = {r["id"]: r["nodes"]
             for r in statement_rows(tx, "load/match_works", **_lookups(works))}
    folds: list[Fold] = []
    taken: set[str] = set()
    for row in works:
        if row["id"] in found and (fold := plan_fold(row, _source(row), found[row["id"]],
                                                     taken)):
            folds.append(fold)
            targets[row["id"]] = fold.id
            targets.update((old, fold.id) for old in fold.folded + fold.aliases)
    return folds


def _lookups(works: list[Row]) -> dict[str, list[dict[str, str]]]:
    """match_works' parameters: per kind of key, the rows that have one, with its value."""
    lists: dict[str, list[dict[str, str]]] = {
        "own": [], "aliased": [], **{key: [] for key in STRONG_IDS}}
    for row in works:
        asked = {"id": row["id"], "source": _source(row)}
        lists["own"].append({**asked, "key": row["id"]})
        if not never_folded(row["id"]):
            lists["aliased"].append({**asked, "key": row["id"]})
        for key, value in strong_ids(row["props"]).items():
            if value is not None:
                lists[key].append({**asked, "key": value})
    return lists


def _source(row: Row) -> str:
    """The source of a work row: its `source` property, else its id's shape."""
    return str(row["props"].get("source") or record_source(row["id"]) or "")


def _pointed(rows: GraphRows, works: list[Row], targets: dict[str, str]) -> GraphRows:
    """A copy of the batch whose work ids name the nodes they were folded into."""
    changed: dict[str, list[Row]] = {"works": works}
    for kind, names in WORK_ID_FIELDS.items():
        changed[kind] = [_point(row, names, targets) for row in getattr(rows, kind)]
    return replace(rows, **changed)


def _point(row: Row, names: tuple[str, ...], targets: dict[str, str]) -> Row:
    if not any(row[name] in targets for name in names):
        return row
    return {**row, **{name: targets.get(row[name], row[name]) for name in names}}


def settle_folds(graph: Graph) -> int:
    """Fold into their joined node the works a concurrent batch made again under a folded
    id (it looked the alias up before the fold committed); returns how many were folded."""

    def work(tx: ManagedTransaction) -> int:
        found = statement_rows(tx, "load/list_resurfaced_work_folds")
        folds = [refold(r["target"], r["nodes"]) for r in found]
        if folds:
            statement_rows(tx, "load/fold_works", rows=[fold.row() for fold in folds])
        return sum(len(fold.folded) for fold in folds)

    return graph.write_tx(work)
