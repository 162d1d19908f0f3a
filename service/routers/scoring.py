"""/api/v1/authors/{id}/score-history and /api/v1/scoring/runs: how scores moved, and why."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from neo4j import RoutingControl
from pydantic import BaseModel

from core.errors import NotFound
from cypher import query
from scoring.run_records import list_runs
from service.deps import DriverDep, SettingsDep
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/api/v1", tags=["scoring"], responses=problem_responses(422, 503))


class HistoricScore(BaseModel):
    """One published score of an author: the run, the value and band, and why."""

    run_id: str
    value: int
    band: str
    breakdown: dict[str, Any]
    at: datetime
    version: str | None = None
    verification_level: str | None = None


class ScoreHistory(BaseModel):
    """An author's published scores, newest first (only runs where the score changed)."""

    author_id: str
    history: list[HistoricScore]


class ScoringRunOut(BaseModel):
    """One rescoring run."""

    id: str
    mode: str | None = None
    status: str
    started: datetime
    finished: datetime | None = None
    authors_scored: int | None = None
    version: str | None = None
    error: str | None = None


class ScoringRuns(BaseModel):
    """Rescoring runs, newest first."""

    runs: list[ScoringRunOut]


# Registered before the authors router, whose `{author_id:path}` would swallow this path.
@router.get("/authors/{author_id:path}/score-history", responses=problem_responses(404))
def score_history(
    author_id: Annotated[str, Path(max_length=512, description="The author's id",
                                   examples=["researcher0"])],
    driver: DriverDep, settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="scores to return")] = 50,
) -> ScoreHistory:
    """How the author's trust score moved, run by run, with each run's breakdown."""
    records, _, _ = driver.execute_query(
        query("scoring/get_score_history"), author_id=author_id, limit=limit,
        database_=settings.neo4j_database, routing_=RoutingControl.READ)
    if not records:
        raise NotFound(f"No author with id {author_id!r}.")
    history = [HistoricScore(run_id=s["run_id"], value=s["value"], band=s["band"],
                             breakdown=json.loads(s["breakdown"] or "{}"),
                             at=s["at"].to_native(), version=s["version"],
                             verification_level=s["verification_level"])
               for s in records[0]["history"]]
    return ScoreHistory(author_id=records[0]["author_id"], history=history)


@router.get("/scoring/runs")
def scoring_runs(
    driver: DriverDep, settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=500, description="runs per page")] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000, description="runs to skip")] = 0,
) -> ScoringRuns:
    """Rescoring runs, newest first: started, finished, status, authors scored, version."""
    rows = list_runs(driver, settings.neo4j_database, skip=offset, limit=limit)
    return ScoringRuns(runs=[ScoringRunOut(**row) for row in rows])
