"""/api/v1/works/{id}, /topics/{id}, /institutions/{id}: one entity and its first pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from service.deps import GraphDep, SettingsDep
from service.repository import entities
from service.schemas.entities import InstitutionDetail, TopicDetail, WorkDetail
from service.schemas.problem import problem_responses

router = APIRouter(responses=problem_responses(404, 422, 503, 504))

# `:anyid` because DOIs and OpenAlex/ROR URLs contain slashes.
EntityId = Annotated[str, Path(max_length=512, description="Our id, or an OpenAlex id or URL, "
                                                         "DOI, ROR or alias")]


@router.get("/works/{work_id:anyid}", tags=["works"])
def work(work_id: EntityId, graph: GraphDep) -> WorkDetail:
    """A work with its counts, venue, authors, topics, references and citing works."""
    return entities.get_work(graph, work_id)


@router.get("/topics/{topic_id:anyid}", tags=["topics"])
def topic(topic_id: EntityId, graph: GraphDep) -> TopicDetail:
    """A topic with its work count, its best works (by ABOUT score) and most active authors."""
    return entities.get_topic(graph, topic_id)


@router.get("/institutions/{institution_id:anyid}", tags=["institutions"])
def institution(institution_id: EntityId, graph: GraphDep,
                settings: SettingsDep) -> InstitutionDetail:
    """An institution with its author count and its most prolific affiliated authors."""
    return entities.get_institution(graph, settings, institution_id)
