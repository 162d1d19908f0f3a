"""The problem+json body every error is answered with, for the OpenAPI document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ProblemBody(BaseModel):
    """An RFC 9457 problem: what went wrong, for people (detail) and programs (code)."""

    type: str
    title: str
    status: int
    code: str
    detail: str
    errors: list[dict[str, str]] | None = None


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for these error statuses, all with the problem body."""
    meaning = {404: "Unknown id, or nothing found (the detail says which)",
               422: "A parameter is invalid (errors[] names it and says why)",
               503: "Neo4j is not answering", 504: "The query ran past its time limit"}
    return {status: {"model": ProblemBody, "description": meaning[status],
                     "content": {"application/problem+json": {}}} for status in statuses}
