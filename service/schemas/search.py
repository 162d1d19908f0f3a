"""Full-text search results."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from service.schemas import examples


class SearchHit(BaseModel):
    """One match: what it is, its display label, its Lucene score and a few properties."""

    type: str = Field(description="author or work")
    id: str
    label: str | None
    score: float = Field(description="Lucene relevance; comparable within one type only")
    highlight: str | None = Field(None, description="the matching passage, terms in <mark>")
    highlight_in: str | None = Field(None, description="where the passage is from: label "
                                                       "(the name or title) or text (abstract)")
    properties: dict[str, Any]


class SearchResults(BaseModel):
    """Hits of every requested type, best score first within each type, merged by score."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SEARCH]})

    query: str
    types: list[str]
    items: list[SearchHit]
    total: int = Field(description="hits of all requested types (each counted up to 10 000)")
    total_is_lower_bound: bool = Field(description="true when a type had 10 000 hits or more")
    offset: int
    limit: int
