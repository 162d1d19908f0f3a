"""POST /api/v1/authors/{id}/possible-duplicates/{other}/merge|reject and
/api/v1/authors/merges/{old id}/undo: an admin's decisions on possible duplicates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from service.auth import AdminUser
from service.deps import AccountsDep, GraphDep
from service.repository import author_merges
from service.schemas.duplicates import DuplicateDecision
from service.schemas.problem import identity_responses as responses

router = APIRouter(tags=["authors"], responses=responses(401, 403, 404, 409, 422, 503))

AuthorId = Annotated[str, Path(max_length=512, description="Any of the author's ids",
                               examples=["A5000000001"])]
OtherId = Annotated[str, Path(max_length=512, description="Our id of the other author",
                              examples=["s2:5000000011"])]


@router.post("/authors/{author_id:anyid}/possible-duplicates/{other_id}/merge")
def merge_duplicate(author_id: AuthorId, other_id: OtherId, admin: AdminUser,
                    graph: GraphDep, store: AccountsDep) -> DuplicateDecision:
    """Merge the other author into this one (admins): its edges move here, its id stays
    findable as an alias, the merge is audited and can be undone."""
    return DuplicateDecision(**author_merges.merge_duplicate(graph, store, admin, author_id,
                                                             other_id))


@router.post("/authors/{author_id:anyid}/possible-duplicates/{other_id}/reject")
def reject_duplicate(author_id: AuthorId, other_id: OtherId, admin: AdminUser,
                     graph: GraphDep, store: AccountsDep) -> DuplicateDecision:
    """Say the two are two people (admins): the pair is never proposed again; audited."""
    return DuplicateDecision(**author_merges.reject_duplicate(graph, store, admin, author_id,
                                                              other_id))


@router.post("/authors/merges/{old_id}/undo")
def undo_merge(old_id: OtherId, admin: AdminUser, graph: GraphDep,
               store: AccountsDep) -> DuplicateDecision:
    """Undo an admin's merge (admins): the merged-away author comes back with its edges."""
    return DuplicateDecision(**author_merges.undo_merge(graph, store, admin, old_id))
