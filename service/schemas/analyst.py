"""The analyst endpoints' request bodies and the answers they document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

ANALYST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "columns, rows, row_count, truncated, took_ms (and plan on request)",
          "content": {"text/csv": {}}},
    403: {"description": "Refused before running: the query is not a plain read"},
    413: {"description": "The request body is over PEERGRAPH_MAX_BODY_BYTES"},
    422: {"description": "Syntax error (with line and column), bad parameter or limit, a "
                         "query too long or nested too deep"},
    429: {"description": "PEERGRAPH_ANALYST_CONCURRENCY queries are running; see Retry-After"},
    504: {"description": "The query ran past its time limit (the whole request) and was "
                         "stopped"},
}


class CypherRequest(BaseModel):
    """One analyst query; limits may be lowered or raised up to the configured maxima."""

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

    parameters: dict[str, Any] = Field(default_factory=dict)
    limit: int | None = Field(None, ge=1)
    timeout_ms: int | None = Field(None, ge=1)
    plan: bool = False
