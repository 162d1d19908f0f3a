"""PUT/DELETE /api/v1/authors/{id}/follow and GET /api/v1/users/me/following."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from core.errors import NotFound
from service.auth import CurrentUser
from service.deps import AccountsDep, DriverDep, SettingsDep
from service.identity.claims import resolve_author
from service.identity.store import audited, read
from service.schemas.identity import FollowedAuthor, FollowingPage, FollowState
from service.schemas.identity import identity_responses as responses

router = APIRouter(prefix="/api/v1", tags=["follows"],
                   responses=responses(401, 404, 422, 503))

# `:path` because OpenAlex and ORCID URLs, which name authors too, contain slashes.
AuthorId = Annotated[str, Path(max_length=512, description="Any of the author's ids",
                               examples=["researcher0"])]


@router.put("/authors/{author_id:path}/follow")
def follow(author_id: AuthorId, caller: CurrentUser, driver: DriverDep,
           settings: SettingsDep, store: AccountsDep) -> FollowState:
    """Follow the author (idempotent: following twice keeps the first time)."""
    target = resolve_author(driver, settings, author_id)
    rows = audited(driver, settings, store, caller, "follow.create", target, "follows/merge_follow",
                   user_id=caller.user_id, author_id=target)
    if not rows:
        raise NotFound(f"No author has the id {author_id!r}.")
    return FollowState(author_id=target, following=True, followers=rows[0]["followers"],
                       since=rows[0]["since"])


@router.delete("/authors/{author_id:path}/follow")
def unfollow(author_id: AuthorId, caller: CurrentUser, driver: DriverDep,
             settings: SettingsDep, store: AccountsDep) -> FollowState:
    """Stop following the author (idempotent)."""
    target = resolve_author(driver, settings, author_id)
    rows = audited(driver, settings, store, caller, "follow.delete", target,
                   "follows/delete_follow", user_id=caller.user_id, author_id=target)
    if not rows:
        raise NotFound(f"No author has the id {author_id!r}.")
    return FollowState(author_id=target, following=False, followers=rows[0]["followers"])


@router.get("/users/me/following")
def following(caller: CurrentUser, driver: DriverDep, settings: SettingsDep,
              limit: Annotated[int, Query(ge=1, le=500)] = 50,
              offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> FollowingPage:
    """The authors you follow, most recently followed first."""
    rows = read(driver, settings, "follows/list_following", user_id=caller.user_id,
                skip=offset, limit=limit)
    return FollowingPage(authors=[FollowedAuthor(**row) for row in rows], limit=limit,
                         offset=offset)
