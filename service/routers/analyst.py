"""Analyst access, as one router: ad-hoc Cypher, saved queries, the graph model."""

from __future__ import annotations

from fastapi import APIRouter

from service.routers import cypher, queries, schema

router = APIRouter()
for part in (cypher, queries, schema):
    router.include_router(part.router)
