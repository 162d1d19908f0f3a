"""Following an author: a public edge in the graph, recorded in the audit trail."""

from __future__ import annotations

from typing import Any

from core.accounts import AccountsStore
from core.errors import NotFound
from core.graph import Graph
from service.auth import Caller
from service.identity.claims import resolve_author
from service.identity.store import audited, read_rows


def set_follow(graph: Graph, store: AccountsStore, caller: Caller, raw_author_id: str,
               following: bool) -> dict[str, Any]:
    """Follow (idempotent: the first time stays) or stop following; the author's new state."""
    target = resolve_author(graph, raw_author_id)
    action, name = (("follow.create", "follows/merge_follow") if following
                    else ("follow.delete", "follows/delete_follow"))
    rows = audited(graph, store, caller, action, target, name, user_id=caller.user_id,
                   author_id=target)
    if not rows:
        raise NotFound(f"No author has the id {raw_author_id!r}.")
    since = rows[0].get("since") if following else None
    return {"author_id": target, "following": following, "followers": rows[0]["followers"],
            "since": since}


def following(graph: Graph, caller: Caller, offset: int, limit: int) -> list[dict[str, Any]]:
    """The authors the caller follows, most recently followed first."""
    return read_rows(graph, "follows/list_following", user_id=caller.user_id, skip=offset,
                     limit=limit)
