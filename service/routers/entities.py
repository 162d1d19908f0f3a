"""/api/v1/works/{id}, /topics/{id}, /institutions/{id}: one entity and its first pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from service.deps import DriverDep, SettingsDep
from service.repository import entities
from service.routers import id_path  # noqa: F401  (registers the {…:anyid} path type)
from service.schemas.entities import InstitutionDetail, TopicDetail, WorkDetail
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/api/v1", responses=problem_responses(404, 422, 503, 504))

# `:anyid` because DOIs and OpenAlex/ROR URLs contain slashes.
EntityId = Annotated[str, Path(max_length=512, description="Our id, or an OpenAlex id or URL, "
                                                         "DOI, ROR or alias")]


@router.get("/works/{work_id:anyid}", tags=["works"])
def work(work_id: EntityId, driver: DriverDep, settings: SettingsDep) -> WorkDetail:
    """A work with its counts, venue, authors, topics, references and citing works."""
    return entities.get_work(driver, settings, work_id)


@router.get("/topics/{topic_id:anyid}", tags=["topics"])
def topic(topic_id: EntityId, driver: DriverDep, settings: SettingsDep) -> TopicDetail:
    """A topic with its work count, its best works (by ABOUT score) and most active authors."""
    return entities.get_topic(driver, settings, topic_id)


@router.get("/institutions/{institution_id:anyid}", tags=["institutions"])
def institution(institution_id: EntityId, driver: DriverDep,
                settings: SettingsDep) -> InstitutionDetail:
    """An institution with its author count and its most prolific affiliated authors."""
    return entities.get_institution(driver, settings, institution_id)
