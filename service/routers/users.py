"""/api/v1/users: platform users (admins create them) and who the caller is."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from service.auth import AdminUser, CurrentUser
from service.deps import AccountsDep, SettingsDep
from service.identity import accounts
from service.schemas.identity import (
    TokenIssued,
    TokenOut,
    UserCreate,
    UserCreated,
    UserList,
    UserOut,
)
from service.schemas.problem import identity_responses

router = APIRouter(prefix="/users", tags=["users"],
                   responses=identity_responses(401, 422, 503))


@router.post("", status_code=status.HTTP_201_CREATED,
             responses=identity_responses(403, 409))
def create_user(body: UserCreate, admin: AdminUser, store: AccountsDep,
                settings: SettingsDep) -> UserCreated:
    """Create a user (admins only) and, unless `issue_token` is false, its first token.

    The token's secret is in this response only; it is stored as a hash."""
    user, token, secret = accounts.create_user(
        store, settings, admin, body.email, body.display_name, body.is_admin,
        with_token=body.issue_token)
    issued = TokenIssued(token=TokenOut(**token), secret=secret) if token and secret else None
    return UserCreated(user=UserOut(**user), token=issued)


@router.get("", responses=identity_responses(403))
def list_users(admin: AdminUser, store: AccountsDep,
               limit: Annotated[int, Query(ge=1, le=500)] = 100,
               offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> UserList:
    """Platform users, newest first (admins only)."""
    return UserList(users=[UserOut(**row) for row in accounts.list_users(store, offset, limit)])


@router.get("/me")
def who_am_i(caller: CurrentUser, store: AccountsDep) -> UserOut:
    """The user the presented token belongs to."""
    return UserOut(**accounts.get_user(store, caller.user_id))
