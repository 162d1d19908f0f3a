"""PUT/DELETE /api/v1/authors/{id}/follow and GET /api/v1/users/me/following."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from service.auth import CurrentUser
from service.deps import AccountsDep, GraphDep
from service.identity import follows
from service.schemas.identity import FollowedAuthor, FollowingPage, FollowState
from service.schemas.problem import identity_responses as responses

router = APIRouter(tags=["follows"], responses=responses(401, 404, 422, 503))

AuthorId = Annotated[str, Path(max_length=512, description="Any of the author's ids",
                               examples=["researcher0"])]


@router.put("/authors/{author_id:anyid}/follow")
def follow(author_id: AuthorId, caller: CurrentUser, graph: GraphDep,
           store: AccountsDep) -> FollowState:
    """Follow the author (idempotent: following twice keeps the first time)."""
    return FollowState(**follows.set_follow(graph, store, caller, author_id, True))


@router.delete("/authors/{author_id:anyid}/follow")
def unfollow(author_id: AuthorId, caller: CurrentUser, graph: GraphDep,
             store: AccountsDep) -> FollowState:
    """Stop following the author (idempotent)."""
    return FollowState(**follows.set_follow(graph, store, caller, author_id, False))


@router.get("/users/me/following")
def following(caller: CurrentUser, graph: GraphDep,
              limit: Annotated[int, Query(ge=1, le=500)] = 50,
              offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> FollowingPage:
    """The authors you follow, most recently followed first."""
    rows = follows.following(graph, caller, offset, limit)
    return FollowingPage(authors=[FollowedAuthor(**row) for row in rows], limit=limit,
                         offset=offset)
