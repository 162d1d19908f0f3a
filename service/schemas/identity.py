"""Request and response bodies of users, tokens, follows, claims, invitations and audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.identity.claims import ClaimRequest
from service.schemas import identity_examples as ex

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

class UserCreate(BaseModel):
    """A new platform user (admins only)."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.USER_CREATE]})
    email: str = Field(max_length=254, pattern=EMAIL_PATTERN, examples=["ada@example.org"])
    display_name: str = Field(min_length=1, max_length=200, examples=["Ada Lovelace"])
    is_admin: bool = False
    issue_token: bool = Field(True, description="Also issue the user's first token")


class UserOut(BaseModel):
    """A platform user."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.USER]})
    id: str
    email: str | None = Field(None, description="None for an account made by signing in "
                                                "with ORCID")
    display_name: str
    is_admin: bool
    created_at: datetime
    orcid: str | None = Field(None, description="The ORCID iD verified on the account (by "
                                                "signing in at ORCID)",
                              examples=["0000-0002-1825-0097"])
    orcid_verified_at: datetime | None = None


class UserList(BaseModel):
    """Platform users, newest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.USER_LIST]})
    users: list[UserOut]


class TokenCreate(BaseModel):
    """A token to issue: for the caller, or (admins only) for another user."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.TOKEN_CREATE]})
    name: str | None = Field(None, max_length=100, examples=["laptop"])
    expires_in_days: int | None = Field(None, ge=1, le=3650)
    user_id: str | None = Field(None, max_length=64, description="Admins only: issue to "
                                                                 "this user")


class TokenOut(BaseModel):
    """A token's metadata; its secret is never shown again after it was issued."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.REVOKED_TOKEN]})
    id: str
    user_id: str
    name: str | None = None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None


class TokenIssued(BaseModel):
    """A new token and its secret, shown this once only."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.TOKEN_ISSUED]})
    token: TokenOut
    secret: str = Field(description="Send as `Authorization: Bearer <secret>`; shown once")


class UserCreated(BaseModel):
    """A new user and, unless asked otherwise, its first token."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.USER_CREATED]})
    user: UserOut
    token: TokenIssued | None = None


class TokenList(BaseModel):
    """The caller's tokens, newest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.TOKEN_LIST]})
    tokens: list[TokenOut]


class FollowState(BaseModel):
    """Whether the caller follows the author now, and the author's follower count."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.FOLLOW_STATE]})
    author_id: str
    following: bool
    followers: int
    since: datetime | None = None


class FollowedAuthor(BaseModel):
    """An author the caller follows."""

    id: str
    name: str | None = None
    since: datetime
    claimed: bool
    trust_score: int | None = None


class FollowingPage(BaseModel):
    """Authors the caller follows, most recent first."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.FOLLOWING_PAGE]})
    authors: list[FollowedAuthor]
    limit: int
    offset: int


class ClaimEvidence(BaseModel):
    """What a review claim offers the admin: any of these, ideally several."""

    orcid: str | None = Field(None, max_length=60,
                              pattern=r"^(https?://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dXx]$",
                              examples=["0000-0002-1825-0097"])
    email: str | None = Field(None, max_length=254, pattern=EMAIL_PATTERN,
                              description="an institutional address")
    homepage: str | None = Field(None, max_length=500, pattern=r"^https?://\S+$",
                                 description="a page that names you and your work")
    note: str | None = Field(None, max_length=2000, description="why the record is yours")


class ClaimCreate(BaseModel):
    """How to prove the record is yours: a code e-mailed to an address on it, ORCID, or a
    review of your evidence by an admin."""

    model_config = ConfigDict(json_schema_extra={"examples": [*ex.CLAIM_CREATE]})
    method: Literal["email", "orcid", "review"]
    email: str | None = Field(
        None, max_length=254, pattern=EMAIL_PATTERN,
        description="e-mail only: an address on the record, or yours at an affiliated "
                    "institution's domain; default: the record's first address")
    evidence: ClaimEvidence | None = Field(None, description="review only: your evidence")

    def request(self) -> ClaimRequest:
        """The service's view of this body."""
        evidence = self.evidence.model_dump(exclude_none=True) if self.evidence else None
        return ClaimRequest(self.method, self.email, evidence)


class ClaimOut(BaseModel):
    """A claim of an author record."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM]})
    id: str
    method: str
    status: str = Field(description="pending, review (waiting for an admin), verified, "
                                    "disputed, rejected, superseded, expired or locked")
    author_id: str
    user_id: str
    sent_to: str | None = Field(None, description="Where the code went (masked)")
    level: str = Field(description="The verification level a successful claim gives")
    attempts: int
    created_at: datetime
    expires_at: datetime
    verified_at: datetime | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    disputed_with: str | None = None
    review_reason: str | None = Field(None, description="The admin's reason (reviews, "
                                                        "disputes)")


class ClaimStarted(BaseModel):
    """A started claim and what to do next."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM_STARTED]})
    claim: ClaimOut
    authorize_url: str | None = Field(None, description="orcid: send the browser here")
    detail: str

    @classmethod
    def of(cls, started: Any) -> ClaimStarted:
        """The answer for a claim just started (service.identity.claims.Started)."""
        return cls(claim=ClaimOut(**started.claim), authorize_url=started.authorize_url,
                   detail=started.detail)


class ClaimVerify(BaseModel):
    """The e-mailed code, or the authorisation code ORCID returned."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM_VERIFY]})
    code: str = Field(min_length=1, max_length=512)


class ClaimResult(BaseModel):
    """The outcome of a verification or a dispute's resolution."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM_RESULT]})
    claim: ClaimOut
    detail: str

    @classmethod
    def of(cls, claim: dict[str, Any], detail: str) -> ClaimResult:
        """The answer for a claim's row and what happened to it."""
        return cls(claim=ClaimOut(**claim), detail=detail)


class ClaimResolve(BaseModel):
    """An admin's decision on a disputed claim."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM_RESOLVE]})
    decision: Literal["grant", "reject"]


class ClaimReview(BaseModel):
    """An admin's decision on a claim in review (or a dispute)."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM_REVIEW]})
    decision: Literal["approve", "reject"]
    reason: str = Field("", max_length=2000, description="required to reject; the claimant "
                                                         "reads it")
    affiliation_checked: bool = Field(False, description="approve at L3: you confirmed the "
                                                         "claimant's affiliation")


class ClaimRouteOut(BaseModel):
    """One way to claim a record."""

    route: str = Field(description="orcid_account, orcid, email, institutional or review")
    method: str = Field(description="the `method` to start it with")
    level: str = Field(description="the level it gives")
    why: str


class ClaimRoutes(BaseModel):
    """The ways to claim a record, strongest first (review is always last)."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM_ROUTES]})
    author_id: str
    routes: list[ClaimRouteOut]


class ClaimList(BaseModel):
    """Claims, newest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.CLAIM_LIST]})
    claims: list[ClaimOut]


class InvitationCreate(BaseModel):
    """An invitation to collaborate, from the caller's claimed record to another."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.INVITATION_CREATE]})
    to_author_id: str = Field(min_length=1, max_length=512)
    message: str = Field(min_length=1, max_length=2000)
    from_author_id: str | None = Field(None, max_length=512,
                                       description="Needed only when you hold several records")


class InvitationOut(BaseModel):
    """A collaboration invitation."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.INVITATION]})
    id: str
    message: str
    status: str = Field(description="pending, accepted or declined")
    at: datetime
    responded_at: datetime | None = None
    from_author: str
    to_author: str
    from_name: str | None = None
    to_name: str | None = None
    from_user_id: str
    to_user_id: str


class InvitationList(BaseModel):
    """Invitations, newest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.INVITATION_LIST]})
    invitations: list[InvitationOut]


class AuditEventOut(BaseModel):
    """One recorded write."""

    id: str
    at: datetime
    user_id: str
    token_id: str | None = None
    action: str
    target: str
    detail: dict[str, Any] | None = None


class AuditPage(BaseModel):
    """Audit events, newest first; pass the last `at` as `before` for the next page."""

    model_config = ConfigDict(json_schema_extra={"examples": [ex.AUDIT_PAGE]})
    events: list[AuditEventOut]
