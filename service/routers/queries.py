"""Saved analyst queries: GET /api/v1/queries lists them, POST /api/v1/queries/{name} runs one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from service.analyst import catalogue
from service.analyst.limits import resolve_limits
from service.analyst.responses import PoolDep, answer
from service.deps import SettingsDep
from service.schemas.analyst import SAVED_ANSWER, SavedQueryRequest, analyst_responses
from service.schemas.problem import problem_response, problem_responses

router = APIRouter(prefix="/queries", tags=["analyst"])

# One saved query as GET /api/v1/queries describes it (its Cypher shortened).
SAVED_QUERY = {
    "name": "collaborators_of_collaborators",
    "title": "Collaborators of collaborators, not yet collaborators",
    "description": "People an author could be introduced to: co-authors of their co-authors "
                   "(COLLABORATES_WITH, read undirected) who have not worked with the author, "
                   "ranked by how many collaborators they share.",
    "parameters": [
        {"name": "author", "type": "string", "default": None, "required": True,
         "description": "Author id, e.g. researcher0"},
        {"name": "min_shared_works", "type": "int", "default": 1, "required": False,
         "description": "Only count collaborations with at least this many shared works"},
        {"name": "limit", "type": "int", "default": 25, "required": False,
         "description": "How many suggestions"}],
    "returns": ["author_id", "name", "trust_score", "shared_collaborators", "via"],
    "cypher": "// title: Collaborators of collaborators, not yet collaborators\n…\n"
              "MATCH (a:Author {id: $author})-[r1:COLLABORATES_WITH]-(c:Author)"
              "-[r2:COLLABORATES_WITH]-(f:Author)\n…\nLIMIT $limit\n"}
UNKNOWN = problem_response(404, "No saved query of that name", (
    "No saved query 'nope'; there are: citations_within_group, collaborators_of_collaborators, "
    "dense_coauthor_clusters, institutions_by_verified_authors, score_movers_last_run, "
    "top_authors_by_trust_in_topic."))


def _example(value: Any) -> dict[int | str, dict[str, Any]]:
    """The `responses` entry that shows this example of the 200 answer."""
    return {200: {"content": {"application/json": {"example": value}}}}


@router.get("", responses=_example({"queries": [SAVED_QUERY]}))
def list_queries() -> dict[str, list[dict[str, Any]]]:
    """Every saved query: name, title, description, typed parameters, columns, Cypher."""
    return {"queries": [saved.describe() for saved in catalogue.all_queries()]}


@router.get("/{name}", responses={**_example(SAVED_QUERY), 404: UNKNOWN,
                                   **problem_responses(422)})
def describe_query(name: str) -> dict[str, Any]:
    """One saved query's description."""
    return catalogue.get(name).describe()


@router.post("/{name}", responses={**analyst_responses(SAVED_ANSWER), 404: UNKNOWN})
async def run_query(name: str, request: Request, pool: PoolDep, settings: SettingsDep,
                    body: SavedQueryRequest | None = None) -> Response:
    """Run a saved query with its parameters (JSON, or CSV on `Accept: text/csv`)."""
    body = body or SavedQueryRequest()
    saved = await run_in_threadpool(catalogue.get, name)  # reads cypher/analyst/ files
    parameters = saved.bind(body.parameters)
    limits = resolve_limits(settings, body.limit, body.timeout_ms)
    return await answer(request, pool, settings, saved.text, parameters, limits, body.plan,
                        extra={"query": name, "parameters": parameters})
