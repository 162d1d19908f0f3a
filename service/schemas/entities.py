"""Works, topics and institutions, each with counts and first pages of related entities."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from service.schemas import examples
from service.schemas.authors import AuthorRef, VenueRef


class PositionedAuthor(AuthorRef):
    """An author of a work with their 0-based byline position."""

    position: int | None


class ScoredTopic(BaseModel):
    """A topic of a work, with the ABOUT score."""

    id: str
    name: str | None
    score: float | None


class WorkRef(BaseModel):
    """A work named in a list."""

    id: str
    title: str | None
    year: int | None


class WorkCounts(BaseModel):
    """A work's counters."""

    authors: int
    topics: int
    references: int
    cited_by: int


class WorkDetail(BaseModel):
    """A work with its authors, topics, venue, references and citing works (first pages)."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.WORK]})

    id: str
    title: str | None
    abstract: str | None = None
    year: int | None = None
    type: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    openalex_id: str | None = None
    s2_corpus_id: int | None = None
    pmid: str | None = None
    mag_id: str | None = None
    sources: list[str] | None = Field(
        None, description="The sources this paper was seen in, best first: one node per "
                          "paper across OpenAlex, Semantic Scholar and arXiv.")
    cited_by_count: int | None = None
    publication_date: str | None = None
    is_stub: bool | None = None
    retracted: bool | None = Field(None, description="true when Retraction Watch lists a "
                                                     "retraction of this work that no later "
                                                     "reinstatement voided")
    retraction_nature: str | None = Field(None, description="the most severe Retraction Watch "
                                          "notice of the work still in force: Retraction, "
                                          "Expression of concern or Correction")
    retraction_date: date | None = Field(None, description="the date of that notice")
    retraction_reasons: list[str] | None = Field(None, description="the notice's reasons, as "
                                                 "Retraction Watch words them")
    reinstated_date: date | None = Field(None, description="the latest reinstatement: the "
                                         "notices dated on or before it no longer count")
    venue: VenueRef | None
    counts: WorkCounts
    authors: list[PositionedAuthor]
    topics: list[ScoredTopic]
    references: list[WorkRef]
    cited_by: list[WorkRef]


class TopicWork(WorkRef):
    """A work about a topic, with the ABOUT score."""

    score: float | None


class TopicAuthor(AuthorRef):
    """An author active in a topic, with how many of its top works they wrote."""

    works: int


class TopicDetail(BaseModel):
    """A topic with its work count, its best works and most active authors."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.TOPIC]})

    id: str
    name: str | None
    source: str | None = None
    counts: dict[str, int]
    works: list[TopicWork]
    authors: list[TopicAuthor]


class AffiliatedAuthor(AuthorRef):
    """An author affiliated with an institution."""

    works: int
    start_year: int | None = None
    end_year: int | None = None


class InstitutionDetail(BaseModel):
    """An institution with its author count and its most prolific affiliated authors."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.INSTITUTION]})

    id: str
    name: str | None
    ror: str | None = None
    country: str | None = None
    type: str | None = None
    domains: list[str] | None = None
    counts: dict[str, int]
    authors: list[AffiliatedAuthor]
