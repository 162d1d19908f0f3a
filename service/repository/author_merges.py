"""An admin's decision on a possible duplicate (issue 18, item 3): merge it into the author
(its edges move, its id stays findable as an alias, the merge is audited and can be undone)
or reject it (the pair is never proposed again). Never automatic: a person decides."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from core.accounts import AccountsStore
from core.errors import Conflict, NotFound
from core.graph import Graph
from core.graph import rows as statement_rows
from core.values import native
from service.auth import Caller
from service.identity.store import audit_only
from service.repository.resolve import resolve_author

EDGES = ("authored", "affiliated", "follows", "claimed")
_WHEN = "$datetime"  # how a datetime is kept in the undo snapshot's JSON


def merge_duplicate(graph: Graph, store: AccountsStore, caller: Caller, raw_id: str,
                    raw_duplicate: str) -> dict[str, str]:
    """Fold the duplicate into the author, keeping what an undo needs; audited."""
    survivor, duplicate = resolve_author(graph, raw_id), resolve_author(graph, raw_duplicate)
    if survivor == duplicate:
        raise Conflict(f"{raw_duplicate!r} already is the author {survivor!r}.")

    def work(tx: ManagedTransaction) -> None:
        found = statement_rows(tx, "authors/get_merge_snapshot", survivor=survivor,
                               duplicate=duplicate)
        if not found:
            raise NotFound(f"The author {duplicate!r} is gone (merged meanwhile?).")
        snapshot = {key: native_all(value) for key, value in found[0].items()}
        props = {**snapshot["duplicate"], **snapshot["survivor"]}
        props.pop("changed_at", None)
        statement_rows(tx, "load/fold_authors", rows=[{
            "id": survivor, "props": props, "folded": [duplicate], "alias_source": "admin",
            "undo": json.dumps(snapshot, default=_encode, sort_keys=True)}])

    graph.write_tx(work)
    audit_only(store, caller, "author.merge", survivor, {"duplicate": duplicate})
    return {"id": survivor, "other": duplicate, "decision": "merged"}


def undo_merge(graph: Graph, store: AccountsStore, caller: Caller,
               old_id: str) -> dict[str, str]:
    """Bring a merged-away duplicate back as it was, its older aliases pointing at it again;
    audited. NotFound when no merge of that id by a person is recorded; Conflict while the
    survivor itself is merged into another author (that merge is undone first)."""

    def work(tx: ManagedTransaction) -> str | None:
        found = statement_rows(tx, "authors/get_merge_undo", old_id=old_id)
        if not found:
            return None
        snapshot = json.loads(found[0]["undo"], object_hook=_decode)
        _check_undoable(old_id, snapshot["survivor"]["id"], found[0]["survivor"])
        undone = statement_rows(
            tx, "authors/undo_merge", old_id=old_id, survivor_props=snapshot["survivor"],
            old_props=snapshot["duplicate"], aliases=snapshot.get("aliases", []),
            **{edge: snapshot[edge] for edge in EDGES})
        return str(undone[0]["id"]) if undone else None

    survivor = graph.write_tx(work)
    if survivor is None:
        raise NotFound(f"No merge of the author {old_id!r} by an admin is recorded.")
    audit_only(store, caller, "author.merge_undone", survivor, {"duplicate": old_id})
    return {"id": survivor, "other": old_id, "decision": "merge undone"}


def _check_undoable(old_id: str, merged_into: str, now_in: str) -> None:
    """Conflict when the author the duplicate was merged into is itself merged away now."""
    if merged_into != now_in:
        raise Conflict(f"{old_id!r} was merged into {merged_into!r}, which was merged into "
                       f"{now_in!r} since: undo that later merge first (POST "
                       f"/api/v1/authors/merges/{merged_into}/undo), then this one.")


def reject_duplicate(graph: Graph, store: AccountsStore, caller: Caller, raw_id: str,
                     raw_other: str) -> dict[str, str]:
    """Record that the two authors are two people; audited."""
    author, other = resolve_author(graph, raw_id), resolve_author(graph, raw_other)
    if author == other:
        raise Conflict(f"{raw_other!r} is the author {author!r} itself.")
    graph.write("authors/merge_not_duplicate", id=author, other=other)
    audit_only(store, caller, "author.duplicate_rejected", author, {"other": other})
    return {"id": author, "other": other, "decision": "rejected"}


def native_all(value: Any) -> Any:
    """A value read from Neo4j with every temporal value as Python's (for the snapshot)."""
    if isinstance(value, list):
        return [native_all(item) for item in value]
    if isinstance(value, dict):
        return {key: native_all(item) for key, item in value.items()}
    return native(value)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {_WHEN: value.isoformat()}
    raise TypeError(f"{type(value).__name__} cannot be kept in an undo snapshot")


def _decode(value: dict[str, Any]) -> Any:
    return datetime.fromisoformat(value[_WHEN]) if set(value) == {_WHEN} else value
