"""A person's decision on a possible duplicate (issue 18, item 3), an admin's or the record's
verified claimant's (service/repository/merge_rights.py): merge it into the author (its
edges move, its id stays findable as an alias, the merge is audited and can be undone) or
reject it (the pair is never proposed again). Never automatic: a person decides."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from core.accounts import AccountsStore, records
from core.errors import Conflict, NotFound
from core.graph import Graph
from core.graph import rows as statement_rows
from core.values import native
from service.auth import Caller
from service.identity.store import audit_only
from service.repository import merge_rights
from service.repository.resolve import resolve_author

EDGES = ("authored", "affiliated", "follows", "claimed")
_WHEN = "$datetime"  # how a datetime is kept in the undo snapshot's JSON


def merge_duplicate(graph: Graph, store: AccountsStore, caller: Caller, raw_id: str,
                    raw_duplicate: str) -> dict[str, str]:
    """Fold the duplicate into the author, keeping what an undo needs; audited with the
    caller's role."""
    survivor, duplicate = resolve_author(graph, raw_id), resolve_author(graph, raw_duplicate)
    if survivor == duplicate:
        raise Conflict(f"{raw_duplicate!r} already is the author {survivor!r}.")

    def work(tx: ManagedTransaction) -> str:
        role = merge_rights.merge_role(caller, survivor, duplicate,
                                       *_holders(tx, survivor, duplicate))
        found = statement_rows(tx, "authors/get_merge_snapshot", survivor=survivor,
                               duplicate=duplicate)
        snapshot = {key: native_all(value) for key, value in found[0].items()}
        props = {**snapshot["duplicate"], **snapshot["survivor"]}
        props.pop("changed_at", None)
        statement_rows(tx, "load/fold_authors", rows=[{
            "id": survivor, "props": props, "folded": [duplicate], "alias_source": role,
            "undo": json.dumps(snapshot, default=_encode, sort_keys=True)}])
        return role

    role = graph.write_tx(work)
    audit_only(store, caller, "author.merge", survivor, {"duplicate": duplicate, "role": role})
    return {"id": survivor, "other": duplicate, "decision": "merged"}


def _holders(tx: ManagedTransaction, author: str, other: str) -> tuple[list[str], list[str]]:
    """Both authors locked, and the users holding each; NotFound when one is gone."""
    found = statement_rows(tx, "authors/lock_merge_pair", id=author, other=other)
    if not found:
        raise NotFound(f"The author {author!r} or {other!r} is gone (merged meanwhile?).")
    return list(found[0]["id_holders"]), list(found[0]["other_holders"])


def undo_merge(graph: Graph, store: AccountsStore, caller: Caller,
               old_id: str) -> dict[str, str]:
    """Bring a merged-away duplicate back as it was, its older aliases pointing at it again;
    audited with the caller's role. NotFound when no merge of that id by a person is
    recorded; Conflict while the survivor itself is merged into another author (that merge
    is undone first)."""

    def work(tx: ManagedTransaction) -> tuple[str, str] | None:
        found = statement_rows(tx, "authors/get_merge_undo", old_id=old_id)
        if not found:
            return None
        merge = found[0]
        role = merge_rights.undo_role(caller, old_id, merge["decided_by"],
                                      _merged_by(store, merge["survivor"], old_id),
                                      list(merge["holders"]))
        snapshot = json.loads(merge["undo"], object_hook=_decode)
        _check_undoable(old_id, snapshot["survivor"]["id"], merge["survivor"])
        undone = statement_rows(
            tx, "authors/undo_merge", old_id=old_id, survivor_props=snapshot["survivor"],
            old_props=snapshot["duplicate"], aliases=snapshot.get("aliases", []),
            **{edge: snapshot[edge] for edge in EDGES})
        return (str(undone[0]["id"]), role) if undone else None

    if (done := graph.write_tx(work)) is None:
        raise NotFound(f"No merge of the author {old_id!r} by an admin or a claimant is "
                       "recorded.")
    audit_only(store, caller, "author.merge_undone", done[0],
               {"duplicate": old_id, "role": done[1]})
    return {"id": done[0], "other": old_id, "decision": "merge undone"}


def _merged_by(store: AccountsStore, survivor: str, old_id: str) -> str | None:
    """The user whose merge of `old_id` into `survivor` is the newest audited."""
    with store.read() as conn:
        events = records.events_on(conn, "author.merge", survivor)
    return next((e["user_id"] for e in events
                 if (e["detail"] or {}).get("duplicate") == old_id), None)


def _check_undoable(old_id: str, merged_into: str, now_in: str) -> None:
    """Conflict when the author the duplicate was merged into is itself merged away now."""
    if merged_into != now_in:
        raise Conflict(f"{old_id!r} was merged into {merged_into!r}, which was merged into "
                       f"{now_in!r} since: undo that later merge first (POST "
                       f"/api/v1/authors/merges/{merged_into}/undo), then this one.")


def reject_duplicate(graph: Graph, store: AccountsStore, caller: Caller, raw_id: str,
                     raw_other: str) -> dict[str, str]:
    """Record that the two authors are two people; audited with the caller's role."""
    author, other = resolve_author(graph, raw_id), resolve_author(graph, raw_other)
    if author == other:
        raise Conflict(f"{raw_other!r} is the author {author!r} itself.")

    def work(tx: ManagedTransaction) -> str:
        role = merge_rights.reject_role(caller, author, other, *_holders(tx, author, other))
        statement_rows(tx, "authors/merge_not_duplicate", id=author, other=other)
        return role

    role = graph.write_tx(work)
    audit_only(store, caller, "author.duplicate_rejected", author,
               {"other": other, "role": role})
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
