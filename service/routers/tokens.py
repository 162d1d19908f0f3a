"""/api/v1/tokens: issue, list and revoke bearer tokens (secrets are shown once, stored hashed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from service.auth import CurrentUser
from service.deps import DriverDep, SettingsDep
from service.identity import accounts
from service.identity.store import read
from service.schemas.identity import TokenCreate, TokenIssued, TokenList, TokenOut
from service.schemas.identity import identity_responses as responses

router = APIRouter(prefix="/api/v1/tokens", tags=["tokens"],
                   responses=responses(401, 422, 503))


@router.post("", status_code=status.HTTP_201_CREATED, responses=responses(403, 404))
def issue_token(body: TokenCreate, caller: CurrentUser, driver: DriverDep,
                settings: SettingsDep) -> TokenIssued:
    """Issue a token to yourself (admins: to `user_id`); its secret is in this response only."""
    token, secret = accounts.new_token(driver, settings, caller, body.user_id,
                                       body.expires_in_days, body.name)
    return TokenIssued(token=TokenOut(**token), secret=secret)


@router.get("")
def list_tokens(caller: CurrentUser, driver: DriverDep, settings: SettingsDep) -> TokenList:
    """Your tokens, newest first (never their secrets)."""
    rows = read(driver, settings, "tokens/list_tokens", user_id=caller.user_id)
    return TokenList(tokens=[TokenOut(**row["token"]) for row in rows])


@router.delete("/{token_id}", responses=responses(403, 404))
def revoke_token(token_id: Annotated[str, Path(max_length=64)], caller: CurrentUser,
                 driver: DriverDep, settings: SettingsDep) -> TokenOut:
    """Revoke one of your tokens (admins: anyone's); idempotent, it stops working at once."""
    return TokenOut(**accounts.revoke_token(driver, settings, caller, token_id))
