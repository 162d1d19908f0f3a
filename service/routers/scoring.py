"""/api/v1/authors/{id}/score-history and /api/v1/scoring/runs: how scores moved, and why."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from scoring.run_records import list_runs
from service.deps import GraphDep, SettingsDep
from service.repository import scores
from service.schemas.problem import problem_responses
from service.schemas.scoring import ScoreHistory, ScoringRunOut, ScoringRuns

router = APIRouter(tags=["scoring"], responses=problem_responses(422, 503))


@router.get("/authors/{author_id:anyid}/score-history", responses=problem_responses(404))
def score_history(
    author_id: Annotated[str, Path(max_length=512, description="The author's id",
                                   examples=["researcher0"])],
    graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="scores to return")] = 50,
) -> ScoreHistory:
    """How the author's trust score moved, run by run, with each run's breakdown."""
    return scores.score_history(graph, author_id, limit)


@router.get("/scoring/runs")
def scoring_runs(
    graph: GraphDep, settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=500, description="runs per page")] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000, description="runs to skip")] = 0,
) -> ScoringRuns:
    """Rescoring runs, newest first: started, finished, status, authors scored, version."""
    rows = list_runs(graph.driver, settings.neo4j_database, skip=offset, limit=limit)
    return ScoringRuns(runs=[ScoringRunOut(**row) for row in rows])
