"""What the pages show, read through the same repository functions the JSON API uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.accounts import AccountsStore, people, records
from core.accounts import claims as claim_rows
from core.graph import Graph
from scoring.integrity import NAMED
from service.auth import Caller
from service.identity import claim_routes
from service.identity.claim_routes import ClaimRoute
from service.identity.store import read_row, read_rows
from service.repository import authors, suggestions
from service.repository.scores import score_history
from service.schemas.authors import Collaborator, CollaboratorSuggestion, Profile, WorksPage
from service.schemas.scoring import ScoreHistory

WORKS_PER_PAGE = 10
TOPICS_LISTED = 100  # the profile lists five, the rest behind "show all"; past 100, a count
HOME_LIST_SIZE = 8
HISTORY_SHOWN = 10
SUGGESTIONS_SHOWN = 3
SIGNAL_NAMES = {"publication": "Publication record", "impact": "Impact",
                "network": "Collaboration network", "topic_coherence": "Topic coherence",
                "identity": "Identity verification", "community": "Community",
                "integrity": "Integrity",
                "anomaly": "Anomaly penalty"}  # trust-v1 scores


@dataclass
class Viewer:
    """The visitor: signed out (caller None) or a user, with what they did to this author.

    `invite` says whether they may invite the author: "open" (from one of `senders`, the
    records they hold with no invitation to this author waiting), "own" (their record),
    "pending" (every record they hold already invited it) or "refused" (see `missing`)."""

    caller: Caller | None = None
    following: bool = False
    holder_id: str | None = None
    my_records: list[str] = field(default_factory=list)
    open_claim: dict[str, Any] | None = None
    routes: list[ClaimRoute] = field(default_factory=list)  # the ways to claim, strongest first
    invite: str = "refused"
    missing: list[str] = field(default_factory=list)  # sign_in, own_claim, their_claim
    senders: list[dict[str, Any]] = field(default_factory=list)  # id, name


def viewer_of(graph: Graph, store: AccountsStore,
              caller: Caller | None, author_id: str) -> Viewer:
    """What the visitor has to do with the author: following, holding, claiming, inviting."""
    row = read_row(graph, "web/get_viewer_state", author_id=author_id,
                   user_id=caller.user_id if caller else None) or {}
    viewer = Viewer(caller=caller, following=bool(row.get("following")),
                    holder_id=row.get("holder_id"), my_records=row.get("my_records") or [])
    if caller is not None:
        with store.read() as conn:
            claims = claim_rows.open_claims(conn, caller.user_id, author_id)
            viewer.open_claim = claims[0] if claims else None
            emails = people.record_emails(conn, author_id)
            account = people.get_user(conn, caller.user_id) or {}
            waiting = (records.pending_from(conn, viewer.my_records, author_id)
                       if viewer.my_records and viewer.holder_id else set())
        viewer.routes = claim_routes.routes(row, emails, account.get("orcid"))
        senders = [r for r in viewer.my_records if r not in waiting]
        if len(senders) > 1:  # the visitor chooses which record invites
            viewer.senders = sorted(read_rows(graph, "authors/list_names", ids=senders),
                                    key=lambda r: (r["name"] or r["id"], r["id"]))
        else:
            viewer.senders = [{"id": r, "name": None} for r in senders]
    viewer.invite, viewer.missing = _invite_state(viewer)
    return viewer


def _invite_state(viewer: Viewer) -> tuple[str, list[str]]:
    """Whether the visitor may invite the author, and what is missing when not."""
    if viewer.caller is not None and viewer.holder_id == viewer.caller.user_id:
        return "own", []
    missing = []
    if viewer.caller is None:
        missing.append("sign_in")
    elif not viewer.my_records:
        missing.append("own_claim")
    if viewer.holder_id is None:
        missing.append("their_claim")
    if missing:
        return "refused", missing
    return ("open", []) if viewer.senders else ("pending", [])


def invite_reasons(viewer: Viewer, name: str) -> list[str]:
    """The sentences saying why the visitor cannot invite the author (`name`)."""
    alone = "their_claim" not in viewer.missing
    texts = {
        "sign_in": f"Sign in and claim your own record to invite {name if alone else 'others'}"
                   ": invitations go only between researchers who have claimed their records.",
        "own_claim": "Claim your own author record first: invitations go only between "
                     "researchers who have claimed their records. Find yours with the search "
                     "at the top of the page.",
        "their_claim": f"{name} has not claimed this record yet, so they cannot receive "
                       "invitations.",
        "pending": f"You have invited {name}; the invitation is waiting for their answer.",
    }
    return [texts[k] for k in (viewer.missing or [viewer.invite]) if k in texts]


def works_page(graph: Graph, author_id: str,
               number: int) -> tuple[WorksPage, dict[str, str]]:
    """Page `number` (from 1) of the works, and their abstracts (by work id)."""
    page = authors.list_works(graph, author_id, limit=WORKS_PER_PAGE, cursor=None,
                              year_from=None, year_to=None, work_type=None,
                              skip=(number - 1) * WORKS_PER_PAGE)
    rows = read_rows(graph, "web/list_work_abstracts", ids=[w.id for w in page.items])
    return page, {row["id"]: row["abstract"] for row in rows if row["abstract"]}


def close_collaborators(graph: Graph,
                        author_id: str) -> list[Collaborator]:
    """Co-authors with at least two shared works, most shared first."""
    page = authors.list_collaborators(graph, author_id, 50)
    return [c for c in page.items if c.close]


def suggestions_of(graph: Graph, author_id: str) -> list[CollaboratorSuggestion]:
    """The best-fitting researchers who are not yet co-authors (the profile shows a few)."""
    return suggestions.list_suggestions(graph, author_id, SUGGESTIONS_SHOWN).items

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
                     "percent": round(min(1.0, share) * 100), "penalty": weight < 0,
                     # a penalty signal is shown as one only when it takes points away
                     "penalised": contribution < 0})
    return rows


def score_notes(graph: Graph, profile: Profile) -> list[str]:
    """Sentences under the breakdown: the citations the graph holds, then each reason the
    integrity signal took points away (scores before trust-v2 have neither), the works a
    reason names by their titles."""
    if profile.trust is None:
        return []
    notes = []
    impact = profile.trust.breakdown.get("impact")
    cited = impact.raw.get("graph") if impact and isinstance(impact.raw, dict) else None
    if cited and cited.get("citations"):
        count = cited["citations"]
        notes.append(f"Cited {count} time{'' if count == 1 else 's'} by works in Peergraph "
                     f"(h-index {cited['h_index']}), of which {cited['self_citations']} "
                     f"self-citation{'' if cited['self_citations'] == 1 else 's'} (not "
                     f"counted) and {cited['collaborator_citations']} by close "
                     f"collaborators (counted half).")
    integrity = profile.trust.breakdown.get("integrity")
    if integrity and isinstance(integrity.raw, dict):
        titles = _notice_titles(graph, integrity.raw.get("notices") or {})
        notes += [f"{_titled(reason, titles)}." for reason in integrity.raw.get("reasons", [])]
    return notes


def _notice_titles(graph: Graph, notices: dict[str, list[str]]) -> dict[str, str]:
    """Work id → title of the works the notices' reasons name (the first NAMED of each kind;
    those with a title)."""
    ids = sorted({work_id for named in notices.values() for work_id in named[:NAMED]})
    if not ids:
        return {}
    return {r["id"]: r["title"] for r in read_rows(graph, "web/list_work_titles", ids=ids)
            if r["title"]}


def _titled(reason: str, titles: dict[str, str]) -> str:
    """A reason ending in a list of work ids ("…: W1, W2 and 3 more") with the works' titles
    in their place; any other reason as it is."""
    head, colon, listed = reason.rpartition(": ")
    named, more, rest = listed.partition(" and ")
    ids = named.split(", ")
    if not colon or not all(i in titles for i in ids):
        return reason
    return f"{head}: {', '.join(f'“{titles[i]}”' for i in ids)}{more}{rest}"


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
