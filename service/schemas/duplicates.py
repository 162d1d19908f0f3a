"""Possible duplicates of an author (GET /api/v1/authors/{id}/possible-duplicates)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.schemas import examples


class DuplicateEvidence(BaseModel):
    """What, beside the same normalised name, joins two authors."""

    shared_works: list[str] = Field(description="Works both authored (one node per paper "
                                                "across sources)")
    shared_coauthors: list[str] = Field(description="Co-authors' names both have, "
                                                    "normalised")
    shared_topics: list[str]
    topic_overlap: float = Field(ge=0, le=1, description="Jaccard index of their topics")


class PossibleDuplicate(BaseModel):
    """Another author that may be the same person: proposed, never merged by the graph."""

    id: str
    name: str | None = None
    source: str | None = None
    orcid: str | None = None
    evidence: DuplicateEvidence


class PossibleDuplicates(BaseModel):
    """An author's possible duplicates, strongest evidence first."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.POSSIBLE_DUPLICATES]})

    id: str
    name: str | None = None
    name_key: str = Field(description="The normalised name the candidates share")
    candidates: list[PossibleDuplicate]


class DuplicateDecision(BaseModel):
    """A decision on a possible duplicate, by an admin or the record's verified claimant."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.DUPLICATE_MERGED]})

    id: str = Field(description="The author (after a merge or its undo: the survivor)")
    other: str = Field(description="The duplicate merged, restored or rejected")
    decision: str = Field(description="merged, merge undone or rejected")
