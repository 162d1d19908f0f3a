"""What the pages show, read through the same repository functions the JSON API uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.accounts import AccountsStore, people
from core.accounts import claims as claim_rows
from core.graph import Graph
from service.auth import Caller
from service.identity import claim_routes
from service.identity.claim_routes import ClaimRoute
from service.identity.store import read_row, read_rows
from service.repository import authors
from service.repository.scores import score_history
from service.schemas.authors import Collaborator, Profile, WorksPage
from service.schemas.scoring import ScoreHistory

WORKS_PER_PAGE = 10
HOME_LIST_SIZE = 8
HISTORY_SHOWN = 10
SIGNAL_NAMES = {"publication": "Publication record", "impact": "Impact",
                "network": "Collaboration network", "topic_coherence": "Topic coherence",
                "identity": "Identity verification", "community": "Community",
                "anomaly": "Anomaly penalty"}


@dataclass
class Viewer:
    """The visitor: signed out (caller None) or a user, with what they did to this author."""

    caller: Caller | None = None
    following: bool = False
    holder_id: str | None = None
    my_records: list[str] = field(default_factory=list)
    open_claim: dict[str, Any] | None = None
    routes: list[ClaimRoute] = field(default_factory=list)  # the ways to claim, strongest first


def viewer_of(graph: Graph, store: AccountsStore,
              caller: Caller | None, author_id: str) -> Viewer:
    """What the visitor has to do with the author: following, holding, claiming."""
    row = read_row(graph, "web/get_viewer_state", author_id=author_id,
                   user_id=caller.user_id if caller else None) or {}
    if caller is None:
        return Viewer(holder_id=row.get("holder_id"))
    with store.read() as conn:
        claims = claim_rows.open_claims(conn, caller.user_id, author_id)
        emails = people.record_emails(conn, author_id)
        account = people.get_user(conn, caller.user_id) or {}
    return Viewer(caller=caller, following=bool(row.get("following")),
                  holder_id=row.get("holder_id"), my_records=row.get("my_records") or [],
                  open_claim=claims[0] if claims else None,
                  routes=claim_routes.routes(row, emails, account.get("orcid")))


def works_page(graph: Graph, author_id: str,
               cursor: str | None) -> tuple[WorksPage, dict[str, str]]:
    """One page of works and their abstracts (by work id)."""
    page = authors.list_works(graph, author_id, limit=WORKS_PER_PAGE, cursor=cursor,
                              year_from=None, year_to=None, work_type=None)
    rows = read_rows(graph, "web/list_work_abstracts", ids=[w.id for w in page.items])
    return page, {row["id"]: row["abstract"] for row in rows if row["abstract"]}


def close_collaborators(graph: Graph,
                        author_id: str) -> list[Collaborator]:
    """Co-authors with at least two shared works, most shared first."""
    page = authors.list_collaborators(graph, author_id, 50)
    return [c for c in page.items if c.close]


def history_of(graph: Graph, author_id: str) -> ScoreHistory:
    """The author's recent published scores, newest first."""
    return score_history(graph, author_id, HISTORY_SHOWN)


def signal_rows(profile: Profile) -> list[dict[str, Any]]:
    """The trust breakdown as chart rows: name, contribution, weight, share of the bar."""
    if profile.trust is None:
        return []
    rows = []
    for key, signal in profile.trust.breakdown.items():
        weight = signal.weight or 0
        contribution = signal.contribution or 0
        share = abs(contribution) / abs(weight) if weight else 0
        rows.append({"key": key, "name": SIGNAL_NAMES.get(key, key.replace("_", " ")),
                     "contribution": f"{contribution:g}", "weight": f"{weight:g}",
                     "percent": round(min(1.0, share) * 100), "penalty": weight < 0})
    return rows


def history_points(history: ScoreHistory, width: int = 240, height: int = 60) -> str:
    """SVG polyline points of the score history, oldest left; empty under two scores."""
    values = [h.value for h in reversed(history.history)]
    if len(values) < 2:
        return ""
    step = width / (len(values) - 1)
    return " ".join(f"{i * step:.1f},{height - value * height / 100:.1f}"
                    for i, value in enumerate(values))


def home_lists(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    """The most trusted and the most recently scored authors."""
    return {"top": read_rows(graph, "web/list_top_authors", limit=HOME_LIST_SIZE),
            "recent": read_rows(graph, "web/list_recently_scored",
                           limit=HOME_LIST_SIZE)}


def my_lists(graph: Graph, store: AccountsStore,
             caller: Caller | None) -> dict[str, list[dict[str, Any]]]:
    """The signed-in user's follows and claims (empty when signed out)."""
    if caller is None:
        return {"following": [], "claims": []}
    following = read_rows(graph, "follows/list_following", user_id=caller.user_id,
                     skip=0, limit=50)
    with store.read() as conn:
        claims = claim_rows.list_claims(conn, caller.user_id, None, 0, 50)
    return {"following": following, "claims": claims}
