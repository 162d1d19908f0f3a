"""Verification levels L0-L3, each with its label and the reasons that decided it."""

from __future__ import annotations

from dataclasses import dataclass

LABELS = {
    "L0": "Unverified name",
    "L1": "Record-matched",
    "L2": "Identity-verified",
    "L3": "Institution-verified",
}
# What each level gives the identity signal (0-1).
IDENTITY_VALUE = {"L0": 0.0, "L1": 0.25, "L2": 0.75, "L3": 1.0}
# How a claim proved the identity and the affiliation, by the claim's method, in the words
# the profile shows ("" for claims made before the method was kept).
PROOFS = {
    "email": ("Claimed; the claimant proved an e-mail address on the record",
              "Affiliation confirmed by a code sent to the institution's e-mail domain"),
    "orcid": ("Claimed; the claimant signed in at ORCID with the record's iD",
              "Affiliation confirmed by an e-mail domain of the institution"),
    "review": ("Claimed; an admin reviewed the claimant's evidence",
               "Affiliation confirmed by an admin"),
    "": ("Claimed; the claimant proved an ORCID iD or an e-mail on the record",
         "Affiliation confirmed by an e-mail domain of the institution"),
}
# `identity` values (set by the loaders) that mean a stable id from an authoritative source.
AUTHORITATIVE_IDENTITIES = frozenset({"strong", "record"})


@dataclass(frozen=True)
class AuthorFacts:
    """What verification and the per-author signals need to know about one author."""

    id: str
    identity: str | None = None
    record_source: str | None = None
    orcid: str | None = None
    openalex_id: str | None = None
    claimed: bool = False
    identity_verified: bool = False
    affiliation_verified: bool = False
    verified_by: str | None = None  # the claim's proof: email, orcid or review
    followers: int = 0
    cited_by_count: int | None = None
    h_index: int | None = None


@dataclass(frozen=True)
class Verification:
    """A level, its label and why."""

    level: str
    label: str
    reasons: list[str]


def stable_id_reason(author: AuthorFacts) -> str | None:
    """Why the author has a stable id from an authoritative source, or None when it has none."""
    if author.orcid:
        return f"ORCID iD {author.orcid} on record"
    if author.openalex_id:
        return f"OpenAlex id {author.openalex_id} on record"
    if author.identity in AUTHORITATIVE_IDENTITIES:
        return f"Stable record id from {author.record_source or author.identity} source"
    return None


def verify(author: AuthorFacts, works: int) -> Verification:
    """Apply the rules: L1 record + ≥1 work, L2 claimed + identity proven, L3 + affiliation."""
    reasons: list[str] = []
    stable = stable_id_reason(author)
    reasons.append(stable or "Name only: no stable id from an authoritative source")
    reasons.append(f"{works} work(s) on record")
    level = "L1" if stable and works >= 1 else "L0"
    if not author.claimed:
        reasons.append("Not claimed by its researcher")
    elif not author.identity_verified:
        reasons.append("Claimed, but the claimant has not proven an ORCID iD or e-mail")
    else:
        identity, affiliation = PROOFS.get(author.verified_by or "", PROOFS[""])
        reasons.append(identity)
        level = "L2"
        if author.affiliation_verified:
            reasons.append(affiliation)
            level = "L3"
        else:
            reasons.append("No affiliation confirmed yet")
    return Verification(level, LABELS[level], reasons)
