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


# What each error status means, in the words of the exploration routes; the identity
# routes say it their way for the statuses they share (the detail says which and why).
MEANING = {401: "No token, or a token that is unknown, expired or revoked",
           403: "The caller may not do this (the detail says why)",
           404: "Unknown id, or nothing found (the detail says which)",
           409: "The request clashes with the current state",
           422: "A parameter is invalid (errors[] names it and says why)",
           429: "Too many attempts in the current window",
           502: "ORCID or the mail server failed", 503: "Neo4j is not answering",
           504: "The query ran past its time limit"}
IDENTITY_MEANING = {**MEANING, 404: "Unknown id",
                    422: "A parameter is invalid (the detail says which and why)"}


def problem_responses(*statuses: int, meaning: dict[int, str] = MEANING
                      ) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for these error statuses, all with the problem body."""
    return {status: {"model": ProblemBody, "description": meaning[status],
                     "content": {"application/problem+json": {}}} for status in statuses}


def identity_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The same entries, in the identity routes' words."""
    return problem_responses(*statuses, meaning=IDENTITY_MEANING)
