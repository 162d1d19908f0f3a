"""The API: one router per resource, gathered in `api_router`, which the app mounts once
under /api/v1. Routes are matched in this order and every miss costs: the neighbourhood (the
hot path, whose paths no other router shares) first saves ~0.1 ms a request (issue 4,
docs/PERFORMANCE.md), then the analyst endpoints, whose answers are timed against the bare
driver (issue 6). No two routers share a path, so the order changes nothing else."""

from __future__ import annotations

from fastapi import APIRouter

from service import id_path  # noqa: F401  (registers {…:anyid} before any route uses it)
from service.routers import (
    audit,
    author_merges,
    authors,
    claims,
    cypher,
    entities,
    exports,
    follows,
    graph,
    invitations,
    queries,
    schema,
    scoring,
    search,
    tokens,
    users,
)

api_router = APIRouter()
for part in (graph, cypher, queries, schema, scoring, users, tokens, follows, claims,
             invitations, audit, author_merges, authors, entities, search, exports):
    api_router.include_router(part.router)
