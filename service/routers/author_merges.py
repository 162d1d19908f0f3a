"""POST /api/v1/authors/{id}/possible-duplicates/{other}/merge|reject and
/api/v1/authors/merges/{old id}/undo: decisions on possible duplicates, by an admin or the
record's verified claimant (service/repository/merge_rights.py says who may decide what)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from service.auth import CurrentUser
from service.deps import AccountsDep, GraphDep
from service.repository import author_merges
from service.schemas.duplicates import DuplicateDecision
from service.schemas.problem import identity_responses, problem_response

FORBIDDEN = problem_response(
    403, "Neither an admin nor the verified claimant the decision needs (the detail says "
         "what to do instead)",
    "You hold neither 'A5000000001' nor 's2:5000000011': only an admin or the verified "
    "claimant of one of the two records decides on them. Claim your record first (POST "
    "/api/v1/authors/{id}/claims), or ask an admin.")
CONFLICT = problem_response(
    409, "The other record is held by another user, the pair is one author already, or "
         "(undo) a later merge of the survivor is undone first",
    "Another user holds 's2:5000000011' by a verified claim and does not hold "
    "'A5000000001': merging it away would move their claim to a record they never "
    "claimed. They may merge the other record into theirs (POST /api/v1/authors/"
    "s2:5000000011/possible-duplicates/A5000000001/merge), or an admin settles who holds "
    "which record first.")
router = APIRouter(tags=["authors"], responses={**identity_responses(401, 404, 422, 503),
                                                403: FORBIDDEN, 409: CONFLICT})

AuthorId = Annotated[str, Path(max_length=512, description="Any of the author's ids",
                               examples=["A5000000001"])]
OtherId = Annotated[str, Path(max_length=512, description="Our id of the other author",
                              examples=["s2:5000000011"])]


@router.post("/authors/{author_id:anyid}/possible-duplicates/{other_id}/merge")
def merge_duplicate(author_id: AuthorId, other_id: OtherId, caller: CurrentUser,
                    graph: GraphDep, store: AccountsDep) -> DuplicateDecision:
    """Merge the other author into this one: its edges move here, its id stays findable as
    an alias, the merge is audited and can be undone.

    An admin, or the verified claimant of this author (never of the other only: a claimant
    merges records into theirs, not theirs away). 409 when another user holds the other
    record."""
    return DuplicateDecision(**author_merges.merge_duplicate(graph, store, caller, author_id,
                                                             other_id))


@router.post("/authors/{author_id:anyid}/possible-duplicates/{other_id}/reject")
def reject_duplicate(author_id: AuthorId, other_id: OtherId, caller: CurrentUser,
                     graph: GraphDep, store: AccountsDep) -> DuplicateDecision:
    """Say the two are two people: the pair is never proposed again; audited.

    An admin, or the verified claimant of either author."""
    return DuplicateDecision(**author_merges.reject_duplicate(graph, store, caller, author_id,
                                                              other_id))


@router.post("/authors/merges/{old_id}/undo")
def undo_merge(old_id: OtherId, caller: CurrentUser, graph: GraphDep,
               store: AccountsDep) -> DuplicateDecision:
    """Undo a merge: the merged-away author comes back with its edges and its aliases.

    An admin any merge; a claimant only their own, into a record they still hold. 409 while
    the survivor is itself merged into another author (undo that merge first)."""
    return DuplicateDecision(**author_merges.undo_merge(graph, store, caller, old_id))
