"""Where a claim stands, in the claimant's words (the account page, the review queue)."""

from __future__ import annotations

from typing import Any

from core.accounts.claims import lapsed
from scoring.verification import LABELS
from service.auth import now

AGAIN = "Claim it again from the record's page."


def state_of(claim: dict[str, Any]) -> dict[str, str]:
    """A short label and a sentence for the claim's status."""
    status, day = claim["status"], "%-d %b %Y"
    if status == "pending" and claim["expires_at"] <= now():
        return {"label": "Expired", "text": f"The code was not entered in time. {AGAIN}"}
    if lapsed(claim):
        return {"label": "Lapsed", "text": "No admin decided in time. Ask again from the "
                                           "record's page."}
    texts = {
        "pending": ("Waiting for your code", f"A code was sent to {claim.get('sent_to')}; enter "
                    "it on the record's page." if claim["method"] == "email" else
                    "Waiting for you to sign in at ORCID from the record's page."),
        "review": ("With the admins", f"Sent for review on {claim['created_at']:{day}}. You "
                   "will hear by e-mail and see the outcome here."),
        "verified": ("Verified", f"The record is yours ({LABELS.get(claim['level'], '')})."),
        "disputed": ("Disputed", "Verified, but another researcher holds the record; an admin "
                     "will decide between the claims."),
        "rejected": ("Not approved", "An admin did not approve this claim"
                     + (f": “{claim['review_reason']}”" if claim.get("review_reason") else ".")),
        "superseded": ("Replaced", "A later claim of the record took its place."),
        "expired": ("Expired", f"The code was not entered in time. {AGAIN}"),
        "locked": ("Locked", f"Too many wrong codes were entered. {AGAIN}"),
        "granting": ("Being checked", "The claim is being completed; reload in a moment."),
    }
    label, text = texts.get(status, (status, ""))
    return {"label": label, "text": text}
