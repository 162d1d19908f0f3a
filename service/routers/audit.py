"""Admin-only: the audit trail of every write, and triggering a rescoring run."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, status

from core.accounts import records
from core.errors import InvalidParameter
from core.graph import Graph
from core.settings import Settings
from scoring.run import rescore
from scoring.schedule import options_from
from service.auth import AdminUser
from service.deps import AccountsDep, GraphDep, SettingsDep
from service.identity.store import audit_only
from service.schemas.identity import AuditEventOut, AuditPage
from service.schemas.problem import identity_responses as responses
from service.schemas.scoring import RescoreStarted

log = logging.getLogger("peergraph")

router = APIRouter(prefix="/admin", tags=["admin"],
                   responses=responses(401, 403, 422, 503))


@router.get("/audit")
def audit_trail(admin: AdminUser, store: AccountsDep,
                user_id: Annotated[str | None, Query(max_length=64)] = None,
                action: Annotated[str | None, Query(max_length=64,
                                                    examples=["claim.verify"])] = None,
                before: Annotated[datetime | None, Query(description="events before this "
                                                         "time (the last page's last `at`)")]
                = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> AuditPage:
    """Every write, newest first: who (user, token), what (action, target, detail), when."""
    try:
        at = before.astimezone(UTC) if before else None
    except OverflowError as exc:
        raise InvalidParameter("before is outside the times the audit trail can hold; give "
                               "a date between years 1 and 9999.") from exc
    with store.read() as conn:
        rows = records.list_events(conn, user_id, action, at, limit)
    return AuditPage(events=[AuditEventOut(**row) for row in rows])


def _rescore_quietly(graph: Graph, settings: Settings, full: bool) -> None:
    """Run one rescoring in the background; a failure (e.g. a run already going) is logged."""
    try:
        summary = rescore(graph.driver, settings.neo4j_database, options_from(settings, full=full))
        log.info("admin rescoring %s: %s authors", summary.run_id, summary.authors_scored)
    except Exception:
        log.exception("admin-triggered rescoring failed")


@router.post("/rescore", status_code=status.HTTP_202_ACCEPTED)
def trigger_rescore(admin: AdminUser, graph: GraphDep, settings: SettingsDep,
                    store: AccountsDep, background: BackgroundTasks,
                    full: Annotated[bool, Query(description="everything, not only what "
                                                "changed")] = False) -> RescoreStarted:
    """Start a rescoring run now (admins only); one run at a time, as the lock ensures."""
    audit_only(store, admin, "scoring.rescore", "scoring", {"full": full})
    background.add_task(_rescore_quietly, graph, settings, full)
    return RescoreStarted(full=full, detail="Rescoring started; follow it at "
                                            "GET /api/v1/scoring/runs.")
