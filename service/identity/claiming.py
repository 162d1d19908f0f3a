"""One entry for every way a claim starts: the route the claimant chose, finished at once
when the account's verified ORCID iD already proves the record is theirs."""

from __future__ import annotations

from core.accounts import AccountsStore
from core.graph import Graph
from core.settings import Settings
from service.auth import Caller
from service.identity import verify
from service.identity.claims import ClaimRequest, StartedClaim, start_claim
from service.orcid import OrcidClient
from service.outbox import Outbox


def begin(graph: Graph, settings: Settings, store: AccountsStore, caller: Caller,
          author_id: str, request: ClaimRequest, *, outbox: Outbox,
          orcid: OrcidClient) -> StartedClaim:
    """Start the claim; when nothing more is needed, finish it in the same request."""
    started = start_claim(graph, settings, store, caller, author_id, request, outbox=outbox,
                          orcid=orcid)
    if not started.instant:
        return started
    claim, detail = verify.grant_at_once(graph, settings, store, caller, started.claim["id"])
    return StartedClaim(claim, None, detail, instant=True)
