"""The problem+json body every error is answered with, for the OpenAPI document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from core import errors

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemBody(BaseModel):
    """An RFC 9457 problem: what went wrong, for people (detail) and programs (code)."""

    type: str
    title: str
    status: int
    code: str
    detail: str
    # A Cypher syntax error also gives the line, column and offset (numbers).
    errors: list[dict[str, str | int]] | None = None


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

ERRORS: dict[int, type[errors.PeergraphError]] = {
    401: errors.Unauthorized, 403: errors.Forbidden, 404: errors.NotFound,
    409: errors.Conflict, 422: errors.InvalidParameter, 429: errors.RateLimited,
    502: errors.UpstreamUnavailable, 503: errors.DatabaseUnavailable, 504: errors.QueryTimeout}
# Details as the service words them (taken from real answers over the bundled sample).
DETAILS = {
    401: "This request changes data and needs a token: send `Authorization: Bearer <token>` "
         "(an admin creates users and their first token; `peergraph users create --admin` "
         "bootstraps).",
    403: "Only an admin may do this; user usr_cb2be7a63ad1194ea772 is not an admin.",
    404: "No author has the id 'nobody' (tried our ids, OpenAlex, ORCID, DOI and ROR ids, and "
         "aliases).",
    409: "Invitation inv_bcf50e04aa2e3af11f37 was already accepted.",
    422: "limit: Input should be greater than or equal to 1",
    429: "Too many verification attempts: at most 10 in 60 minutes; try again in 12 minutes.",
    502: "ORCID did not answer (ConnectTimeout); try again shortly.",
    503: "The graph database is not answering; try again shortly.",
    504: "The query ran past 30 s and was stopped; narrow it (a smaller limit or depth).",
}
ERROR_ENTRIES = {422: [{"parameter": "limit", "in": "query",
                        "message": "Input should be greater than or equal to 1"}]}


def problem_example(status: int, detail: str | None = None, code: str | None = None,
                    title: str | None = None, errors: list[dict[str, Any]] | None = None
                    ) -> dict[str, Any]:
    """A problem body as service/errors.py writes it (code and title from core/errors.py)."""
    known = ERRORS.get(status)
    code = code or (known.code if known else f"http_{status}")
    body: dict[str, Any] = {
        "type": f"https://peergraph.dev/problems/{code}",
        "title": title or (known.title if known else "Error"), "status": status, "code": code,
        "detail": detail or DETAILS[status]}
    if entries := errors or ERROR_ENTRIES.get(status):
        body["errors"] = entries
    return body


def problem_content(example: dict[str, Any]) -> dict[str, Any]:
    """The `content` of an error response: the problem body's schema and an example."""
    return {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemBody"},
                                 "example": example}}


def problem_response(status: int, description: str, detail: str | None = None,
                     errors: list[dict[str, Any]] | None = None, code: str | None = None,
                     title: str | None = None) -> dict[str, Any]:
    """One OpenAPI `responses` entry: the problem body, with an example of this status."""
    example = problem_example(status, detail, code, title, errors)
    return {"model": ProblemBody, "description": description,
            "content": problem_content(example)}


def problem_responses(*statuses: int, meaning: dict[int, str] = MEANING
                      ) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for these error statuses, all with the problem body."""
    return {status: problem_response(status, meaning[status]) for status in statuses}


def identity_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The same entries, in the identity routes' words."""
    return problem_responses(*statuses, meaning=IDENTITY_MEANING)
