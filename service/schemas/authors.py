"""The author resources: profile snapshot, works page, collaborators."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from service.schemas import examples


class TrustSignal(BaseModel):
    """One signal's part in the trust score."""

    model_config = ConfigDict(extra="allow")
    # scoring stores the inputs as a map (e.g. {"works": 65, "first_year": 2020})
    raw: float | dict[str, Any] | None = None
    normalised: float | None = None
    weight: float | None = None
    contribution: float | None = None


class Trust(BaseModel):
    """The trust score written by the scoring job."""

    score: int = Field(ge=0, le=100)
    band: str | None
    breakdown: dict[str, TrustSignal]
    scored_at: datetime | None
    version: str | None


class Verification(BaseModel):
    """The verification level (L0 to L3) written by the scoring job, and why."""

    level: str
    label: str | None
    reasons: list[str]


class ProfileCounts(BaseModel):
    """The profile's counters."""

    works: int
    followers: int
    topics: int = Field(description="distinct topics of the author's works (ABOUT score ≥ 0.3)")
    close_collaborators: int = Field(description="co-authors with at least 2 shared works")


class AffiliationRef(BaseModel):
    """An institution the author is affiliated with."""

    id: str
    name: str | None
    country: str | None = None
    start_year: int | None = None
    end_year: int | None = None


class TopicRef(BaseModel):
    """A topic of the author's works, with how many of them are about it."""

    id: str
    name: str | None
    works: int


class Profile(BaseModel):
    """The profile snapshot the seed page shows."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.PROFILE]})

    id: str
    name: str | None
    orcid: str | None = None
    openalex_id: str | None = None
    claimed: bool
    trust: Trust | None = Field(description="null until the author has been scored")
    verification: Verification | None = Field(description="null until scored")
    counts: ProfileCounts
    institutions: list[AffiliationRef]
    top_topics: list[TopicRef]


class AuthorRef(BaseModel):
    """An author named in a list."""

    id: str
    name: str | None


class VenueRef(BaseModel):
    """Where a work was published."""

    id: str
    name: str | None


class WorkSummary(BaseModel):
    """A work in a list of works."""

    id: str
    title: str | None
    year: int | None
    type: str | None
    doi: str | None = None
    cited_by_count: int | None = None
    venue: VenueRef | None = None
    authors: list[AuthorRef] = Field(description="the first authors in byline order")
    author_count: int
    retracted: bool | None = Field(None, description="true when Retraction Watch lists a "
                                                     "retraction of this work")
    retraction_nature: str | None = Field(None, description="the work's Retraction Watch "
                                          "notice: Retraction, Expression of concern or "
                                          "Correction")
    retraction_date: date | None = None


class WorksPage(BaseModel):
    """One page of an author's works, newest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.WORKS_PAGE]})

    author_id: str
    total: int = Field(description="works matching the filters, over all pages")
    items: list[WorkSummary]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; "
                                                "null on the last page")


class Collaborator(BaseModel):
    """A co-author, with what the two share."""

    id: str
    name: str | None
    shared_works: int
    last_year: int | None
    close: bool = Field(description="at least 2 shared works")


class CollaboratorsPage(BaseModel):
    """An author's co-authors, most shared works first."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.COLLABORATORS_PAGE]})

    author_id: str
    total: int
    close_total: int
    items: list[Collaborator]


class CommonCollaborator(BaseModel):
    """A collaborator both the author and a suggested researcher have."""

    id: str
    name: str | None


class CollaboratorSuggestion(BaseModel):
    """A researcher who is not yet a co-author, and why they may fit."""

    id: str
    name: str | None
    claimed: bool = Field(description="a researcher holds the record: they can be invited")
    score: float = Field(description="topic_similarity times proximity, 0 to 1")
    topic_similarity: float = Field(description="cosine of the two works-per-topic vectors")
    proximity: float = Field(description="personalised PageRank from the author over the "
                                         "collaboration graph, over the closest candidate's")
    path_length: int = Field(description="steps between the two in the collaboration graph")
    shared_topics: list[str]
    common_collaborators: list[CommonCollaborator]
    reasons: list[str] = Field(description="sentences a researcher can check")


class SuggestionsPage(BaseModel):
    """Collaborator suggestions for an author, best fit first."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SUGGESTIONS_PAGE]})

    author_id: str
    items: list[CollaboratorSuggestion]
    note: str | None = Field(default=None, description="why the list is empty, when it is")
