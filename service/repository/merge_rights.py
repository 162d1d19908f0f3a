"""Who may decide on a possible duplicate (issue 18, item 3): an admin, any pair; the verified
claimant of a record (the user holding it: a claim gives the record only once verified), a
pair with their record in it. A claimant merges another record into theirs, never theirs
away into one they do not hold, rejects a pair with theirs, and undoes their own merges. No
one moves away a record another user holds. Each refusal says what to do instead."""

from __future__ import annotations

from core.errors import Conflict, Forbidden
from service.auth import Caller

ADMIN, CLAIMANT = "admin", "claimant"
_PAIRS = "/api/v1/authors/{id}/possible-duplicates/{other}/{decision}"


def merge_role(caller: Caller, survivor: str, duplicate: str, survivor_holders: list[str],
               duplicate_holders: list[str]) -> str:
    """The role the caller merges the duplicate into the survivor in; Forbidden or Conflict
    saying why not."""
    role = ADMIN if caller.is_admin else CLAIMANT
    if role == CLAIMANT and caller.user_id not in survivor_holders:
        raise Forbidden(_merge_refusal(caller, survivor, duplicate, duplicate_holders))
    if any(u not in survivor_holders for u in duplicate_holders):
        raise Conflict(f"Another user holds {duplicate!r} by a verified claim and does not "
                       f"hold {survivor!r}: merging it away would move their claim to a "
                       "record they never claimed. They may merge the other record into "
                       f"theirs (POST {_path(duplicate, survivor, 'merge')}), or an admin "
                       "settles who holds which record first.")
    return role


def _merge_refusal(caller: Caller, survivor: str, duplicate: str,
                   duplicate_holders: list[str]) -> str:
    """Why a non-admin may not merge, and what they can do instead."""
    if caller.user_id in duplicate_holders:
        return (f"You hold {duplicate!r}, not {survivor!r}: you may merge other records into "
                f"yours, never yours away into one you do not hold. To make them one, merge "
                f"{survivor!r} into yours: POST {_path(duplicate, survivor, 'merge')}.")
    return _not_yours(survivor, duplicate)


def reject_role(caller: Caller, author: str, other: str, author_holders: list[str],
                other_holders: list[str]) -> str:
    """The role the caller rejects the pair in; Forbidden when they hold neither record."""
    if caller.is_admin:
        return ADMIN
    if caller.user_id in author_holders + other_holders:
        return CLAIMANT
    raise Forbidden(_not_yours(author, other))


def undo_role(caller: Caller, old_id: str, decided_by: str, merged_by: str | None,
              survivor_holders: list[str]) -> str:
    """The role the caller undoes the merge of `old_id` in: an admin any, a claimant only a
    merge they made into a record they still hold; Forbidden otherwise."""
    if caller.is_admin:
        return ADMIN
    if decided_by == CLAIMANT and merged_by == caller.user_id:
        if caller.user_id in survivor_holders:
            return CLAIMANT
        raise Forbidden(f"You merged {old_id!r} into a record you no longer hold; ask an "
                        "admin to undo it.")
    raise Forbidden(f"Someone else merged {old_id!r} (an admin or the record's claimant): "
                    "you may undo only your own merges. Ask an admin to undo it if it is "
                    "wrong.")


def _not_yours(author: str, other: str) -> str:
    return (f"You hold neither {author!r} nor {other!r}: only an admin or the verified "
            "claimant of one of the two records decides on them. Claim your record first "
            "(POST /api/v1/authors/{id}/claims), or ask an admin.")


def _path(author: str, other: str, decision: str) -> str:
    return _PAIRS.format(id=author, other=other, decision=decision)
