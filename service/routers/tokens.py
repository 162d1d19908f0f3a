"""/api/v1/tokens: issue, list and revoke bearer tokens (secrets are shown once, stored hashed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from service.auth import CurrentUser
from service.deps import AccountsDep, SettingsDep
from service.identity import accounts
from service.schemas.identity import TokenCreate, TokenIssued, TokenList, TokenOut
from service.schemas.problem import identity_responses as responses

router = APIRouter(prefix="/tokens", tags=["tokens"],
                   responses=responses(401, 422, 503))


@router.post("", status_code=status.HTTP_201_CREATED, responses=responses(403, 404))
def issue_token(body: TokenCreate, caller: CurrentUser, store: AccountsDep,
                settings: SettingsDep) -> TokenIssued:
    """Issue a token to yourself (admins: to `user_id`); its secret is in this response only."""
    token, secret = accounts.new_token(store, settings, caller, body.user_id,
                                       body.expires_in_days, body.name)
    return TokenIssued(token=TokenOut(**token), secret=secret)


@router.get("")
def list_tokens(caller: CurrentUser, store: AccountsDep) -> TokenList:
    """Your tokens, newest first (never their secrets)."""
    return TokenList(tokens=[TokenOut(**row) for row in accounts.list_tokens(store,
                                                                              caller.user_id)])


@router.delete("/{token_id}", responses=responses(403, 404))
def revoke_token(token_id: Annotated[str, Path(max_length=64)], caller: CurrentUser,
                 store: AccountsDep) -> TokenOut:
    """Revoke one of your tokens (admins: anyone's); idempotent, it stops working at once
    (and so do the page sign-ins made with it)."""
    return TokenOut(**accounts.revoke_token(store, caller, token_id))
