"""The analyst endpoints' request bodies and the answers they document."""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.analyst.values import to_csv_cell
from service.schemas.problem import problem_response

ANSWER_FIELDS = "columns, rows, row_count, truncated, took_ms (and plan on request)"
LIMITS = {"limit": 1000, "max_bytes": 33554432, "timeout_ms": 10000}
CYPHER_TEXT = "MATCH (a:Author) RETURN a.id AS id, a.name AS name ORDER BY id LIMIT 2"
CYPHER_ANSWER: dict[str, Any] = {
    "columns": ["id", "name"], "rows": [["researcher0", "researcher0"],
                                        ["researcher1", "researcher1"]],
    "row_count": 2, "truncated": False, "truncated_reason": None, **LIMITS, "took_ms": 11.4,
    "query_type": "r"}
SAVED_ANSWER: dict[str, Any] = {
    "query": "collaborators_of_collaborators",
    "parameters": {"author": "researcher1", "min_shared_works": 1, "limit": 25},
    "columns": ["author_id", "name", "trust_score", "shared_collaborators", "via"],
    "rows": [["researcher3", "researcher3", 16, 1, ["researcher0"]]],
    "row_count": 1, "truncated": False, "truncated_reason": None, **LIMITS, "took_ms": 8.7,
    "query_type": "r"}


class AnalystAnswer(BaseModel):
    """An analyst query's JSON answer; a saved query's also names it and its parameters."""

    model_config = ConfigDict(json_schema_extra={"examples": [CYPHER_ANSWER]})

    query: str | None = Field(None, description="saved queries: the query's name")
    parameters: dict[str, Any] | None = Field(None, description="saved queries: the values "
                                              "it ran with, defaults included")
    columns: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool
    # Defaults on the nullable fields: the OpenAPI document drops nulls from its examples.
    truncated_reason: Literal["rows", "bytes"] | None = Field(
        None, description="rows: past `limit`; bytes: past PEERGRAPH_ANALYST_MAX_BYTES")
    limit: int
    max_bytes: int
    timeout_ms: int
    took_ms: float
    query_type: str | None = Field(None, description="Neo4j's query type: r (read-only)")
    plan: dict[str, Any] | None = Field(None, description="the EXPLAIN plan summary, when "
                                                          "asked for")


def analyst_responses(example: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """The answers of an analyst endpoint: this example of its JSON, CSV, and the problems."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")  # as the CSV answer writes it
    writer.writerows([example["columns"], *([to_csv_cell(v) for v in row]
                                            for row in example["rows"])])
    return {
        200: {"model": AnalystAnswer, "description": ANSWER_FIELDS,
              "content": {"application/json": {"example": example},
                          "text/csv": {"example": text.getvalue()}}},
        403: problem_response(
            403, "Refused before running: the query is not a plain read",
            "Refused: the query writes to the graph (Create). Analyst queries are read-only; "
            "nothing was run.",
            [{"parameter": "query", "in": "body",
              "message": "the query writes to the graph (Create)"}]),
        413: problem_response(
            413, "The request body is over PEERGRAPH_MAX_BODY_BYTES",
            "The request body is larger than 1,048,576 bytes (PEERGRAPH_MAX_BODY_BYTES); send "
            "less.", code="body_too_large", title="Request body too large"),
        422: problem_response(
            422, "Syntax error (with line and column), bad parameter or limit, a query too "
                 "long or nested too deep",
            "Cypher syntax error: Invalid input 'RETURN': expected a graph pattern, a "
            "parameter, ')', ':', 'IS', 'WHERE' or '{' (line 1, column 10)\n"
            "MATCH (n RETURN n\n         ^",
            [{"parameter": "query", "in": "body", "message": "Invalid input 'RETURN': expected "
              "a graph pattern, a parameter, ')', ':', 'IS', 'WHERE' or '{'", "line": 1,
              "column": 10, "offset": 9}]),
        429: problem_response(
            429, "PEERGRAPH_ANALYST_CONCURRENCY queries are running; see Retry-After",
            "2 analyst queries are running, the most that run at once "
            "(PEERGRAPH_ANALYST_CONCURRENCY); retry in 4 s."),
        504: problem_response(
            504, "The query ran past its time limit (the whole request) and was stopped",
            "The query ran past its time limit of 10 s and was stopped. The limit covers the "
            "whole request, planning included. Narrow the query (a LIMIT, a more selective "
            "MATCH) or ask for a longer timeout_ms, up to PEERGRAPH_ANALYST_MAX_TIMEOUT_S."),
    }


class CypherRequest(BaseModel):
    """One analyst query; limits may be lowered or raised up to the configured maxima."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"query": CYPHER_TEXT}, {"query": "MATCH (a:Author {id: $id})-[:AUTHORED]->(w:Work) "
                                          "RETURN w.title AS title, w.year AS year",
                                 "parameters": {"id": "researcher0"}, "limit": 10,
                                 "timeout_ms": 5000, "plan": True}]})

    # No max_length here: the size limit is PEERGRAPH_ANALYST_MAX_QUERY_BYTES, checked (in
    # UTF-8 bytes, with a message naming it) before the query goes anywhere; bodies over
    # PEERGRAPH_MAX_BODY_BYTES are refused (413) before they are read.
    query: str = Field(min_length=1, description="One Cypher statement (at most "
                       "PEERGRAPH_ANALYST_MAX_QUERY_BYTES bytes, nested at most "
                       "PEERGRAPH_ANALYST_MAX_DEPTH deep)")
    parameters: dict[str, Any] = Field(default_factory=dict,
                                       description="Values for $name placeholders")
    limit: int | None = Field(None, ge=1, description="Row cap (default and max: settings)")
    timeout_ms: int | None = Field(None, ge=1, description="Time limit of the whole request")
    plan: bool = Field(False, description="Also return the EXPLAIN plan summary")


class SavedQueryRequest(BaseModel):
    """Parameters for a saved query (checked against its header), and optional limits."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"parameters": {"author": "researcher1"}}]})

    parameters: dict[str, Any] = Field(default_factory=dict)
    limit: int | None = Field(None, ge=1)
    timeout_ms: int | None = Field(None, ge=1)
    plan: bool = False
