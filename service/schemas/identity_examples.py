"""Examples of the identity requests and answers for the OpenAPI document, in the shapes the
service answers with: Ada holds researcher1 (claimed by e-mail), Grace holds researcher2.
Secrets are a run of x and addresses are at example.org: nothing here is a real one."""

from __future__ import annotations

from typing import Any

Example = dict[str, Any]  # typed as pydantic's JsonDict accepts it

ADA, GRACE = "usr_cb2be7a63ad1194ea772", "usr_9a54ef2cbc6c329e0ce6"
FIRST_TOKEN, LAPTOP_TOKEN = "tok_f019b823af2ba1bdeca1", "tok_d8ba458b16e226de28a6"
CLAIM_ID, INVITATION_ID = "clm_0a1b2c3d4e5f60718293", "inv_bcf50e04aa2e3af11f37"
# The shape of a real secret (the prefix and 43 characters), none of its randomness.
FAKE_SECRET = "pg_" + "x" * 43

USER_CREATE: Example = {"email": "ada@example.org", "display_name": "Ada Lovelace"}
USER: Example = {"id": ADA, "email": "ada@example.org", "display_name": "Ada Lovelace",
        "is_admin": False, "created_at": "2025-06-02T09:00:00Z", "orcid": None,
        "orcid_verified_at": None}
GRACE_USER: Example = {**USER, "id": GRACE, "email": "grace@example.org",
              "display_name": "Grace Hopper", "created_at": "2025-06-02T08:55:00Z"}
USER_LIST: Example = {"users": [USER, GRACE_USER]}

TOKEN_CREATE: Example = {"name": "laptop", "expires_in_days": 90}
TOKEN: Example = {"id": LAPTOP_TOKEN, "user_id": ADA, "name": "laptop",
         "created_at": "2025-06-02T09:30:00Z", "expires_at": "2025-08-31T09:30:00Z",
         "revoked_at": None}
FIRST: Example = {**TOKEN, "id": FIRST_TOKEN, "name": None, "created_at": "2025-06-02T09:00:00Z",
         "expires_at": "2025-08-31T09:00:00Z"}
REVOKED_TOKEN: Example = {**TOKEN, "revoked_at": "2025-06-20T17:45:00Z"}
TOKEN_ISSUED: Example = {"token": TOKEN, "secret": FAKE_SECRET}
TOKEN_LIST: Example = {"tokens": [TOKEN, FIRST]}
USER_CREATED: Example = {"user": USER, "token": {"token": FIRST, "secret": FAKE_SECRET}}

FOLLOW_STATE: Example = {"author_id": "researcher0", "following": True, "followers": 1,
                "since": "2025-06-02T10:12:00Z"}
FOLLOWING_PAGE: Example = {"authors": [{"id": "researcher0", "name": "researcher0",
                               "since": "2025-06-02T10:12:00Z", "claimed": False,
                               "trust_score": 23}],
                  "limit": 50, "offset": 0}

CLAIM_CREATE: list[dict[str, Any]] = [
    {"method": "email", "email": "r1@example.org"},
    {"method": "review", "evidence": {
        "orcid": "0000-0002-1825-0097", "homepage": "https://www.example.org/~ada",
        "note": "I am the second author of MC-BERT and of the other 2020 works here."}},
]
CLAIM: Example = {
    "id": CLAIM_ID, "method": "email", "status": "pending", "author_id": "researcher1",
    "user_id": ADA, "sent_to": "r***@example.org", "level": "L2", "attempts": 0,
    "created_at": "2025-06-02T09:05:00Z", "expires_at": "2025-06-02T09:20:00Z",
    "verified_at": None, "resolved_at": None, "resolved_by": None, "disputed_with": None,
    "review_reason": None}
VERIFIED_CLAIM: Example = {**CLAIM, "status": "verified", "verified_at": "2025-06-02T09:06:12Z"}
CLAIM_STARTED: Example = {"claim": CLAIM, "authorize_url": None,
                 "detail": "A one-time code was e-mailed to the address shown; enter it to "
                           "finish the claim."}
CLAIM_VERIFY: Example = {"code": "492817"}
CLAIM_RESULT: Example = {"claim": VERIFIED_CLAIM,
                "detail": "Verified: the record is now yours (Identity-verified). Its trust "
                          "score is recomputed in the next minutes."}
CLAIM_LIST: Example = {"claims": [VERIFIED_CLAIM]}
CLAIM_RESOLVE: Example = {"decision": "grant"}
CLAIM_REVIEW: Example = {"decision": "approve", "reason": "The ORCID iD and the homepage match the "
                "record.", "affiliation_checked": False}
CLAIM_ROUTES: Example = {"author_id": "researcher1", "routes": [
    {"route": "email", "method": "email", "level": "L2",
     "why": "A one-time code goes to r***@example.org, the address on this record."},
    {"route": "review", "method": "review", "level": "L2",
     "why": "An admin checks the evidence you give (your ORCID iD, an institutional "
            "address, a homepage, a note) and answers by e-mail and on your account page."}]}

INVITATION_CREATE: Example = {"to_author_id": "researcher2",
                     "message": "Shall we write the follow-up to MC-BERT together?"}
INVITATION: Example = {"id": INVITATION_ID, "message": INVITATION_CREATE["message"],
              "status": "pending", "at": "2025-06-03T10:00:00Z", "responded_at": None,
              "from_author": "researcher1", "to_author": "researcher2",
              "from_name": "researcher1", "to_name": "researcher2", "from_user_id": ADA,
              "to_user_id": GRACE}
INVITATION_LIST: Example = {"invitations": [INVITATION]}

AUDIT_PAGE: Example = {"events": [
    {"id": "evt_3f6c439cb32ea324f777", "at": "2025-06-03T10:00:00Z", "user_id": ADA,
     "token_id": LAPTOP_TOKEN, "action": "invitation.send", "target": INVITATION_ID,
     "detail": {"from": "researcher1", "to": "researcher2"}},
    {"id": "evt_f5bffab00757f378a10e", "at": "2025-06-02T09:06:12Z", "user_id": ADA,
     "token_id": FIRST_TOKEN, "action": "claim.verify", "target": "researcher1",
     "detail": {"claim_id": CLAIM_ID, "level": "L2"}}]}
