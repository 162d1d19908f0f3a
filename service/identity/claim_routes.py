"""The ways a person can prove an author record is theirs, strongest first, each with why in
plain words: the account's verified ORCID iD equals the record's (done at once), signing in
at ORCID with the record's iD, a code to an address on the record, a code to an address at
an affiliated institution's domain (which also confirms the affiliation), and — always
open — a review of the evidence by an admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.orcid import bare_orcid

# Levels a successful claim gives by route (docs/SCORING.md, "Claims and levels").
LEVEL = {"orcid_account": "L2", "orcid": "L2", "email": "L2", "institutional": "L3",
         "review": "L2"}


@dataclass(frozen=True)
class ClaimRoute:
    """One way to claim: what the API calls it, the level it gives, and what to tell people."""

    route: str  # orcid_account, orcid, email, institutional or review
    method: str  # the claim method the API takes for it: orcid, email or review
    level: str
    why: str


def mask(address: str) -> str:
    """An address as the claimant sees it: enough to recognise, not to harvest."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def domain_matches(address: str, domains: list[str]) -> bool:
    """True when the address is at one of the domains or a subdomain of one."""
    host = address.rpartition("@")[2]
    return any(host == d or host.endswith("." + d) for d in domains if d)


def routes(target: dict[str, Any], emails: list[str],
           account_orcid: str | None) -> list[ClaimRoute]:
    """Every route the record allows, strongest first; the review route is always last."""
    found: list[ClaimRoute] = []
    record_orcid = bare_orcid(target.get("orcid"))
    if record_orcid and account_orcid == record_orcid:
        found.append(ClaimRoute("orcid_account", "orcid", "L2",
                                f"Your account's ORCID iD ({record_orcid}) is the one on this "
                                "record, so the claim completes at once."))
    elif record_orcid:
        found.append(ClaimRoute("orcid", "orcid", "L2",
                                f"This record lists the ORCID iD {record_orcid}: sign in at "
                                "ORCID with it to prove the record is yours."))
    if emails:
        found.append(ClaimRoute("email", "email", "L2",
                                f"A one-time code goes to {mask(emails[0])}, the address on "
                                "this record."))
    if target.get("domains"):
        found.append(ClaimRoute("institutional", "email", "L3",
                                "A one-time code goes to your address at "
                                f"{_listed(target['domains'])}; it also confirms your "
                                "affiliation."))
    found.append(ClaimRoute("review", "review", "L2",
                            "An admin checks the evidence you give (your ORCID iD, an "
                            "institutional address, a homepage, a note) and answers by e-mail "
                            "and on your account page."))
    return found


def _listed(domains: list[str]) -> str:
    """Domains as a phrase: "a.edu", "a.edu or b.org", "a.edu, b.org or c.de"."""
    shown = sorted(set(domains))[:5]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
