"""Reads behind /api/v1/works/{id}, /topics/{id} and /institutions/{id}."""

from __future__ import annotations

from core.graph import Graph
from core.settings import Settings
from core.values import plain
from service.repository.resolve import read_entity
from service.schemas.entities import InstitutionDetail, TopicDetail, WorkDetail

FIRST_PAGE = 20
# Top works of a topic whose authors are counted to rank "most active authors".
TOPIC_AUTHOR_SCAN = 2000


def get_work(graph: Graph, work_id: str) -> WorkDetail:
    """A work (by our id, OpenAlex id, DOI or alias) with first pages of related entities."""
    row = read_entity(graph, "works/get_work", work_id, "Work", limit=FIRST_PAGE)
    return WorkDetail.model_validate({
        **plain(row["work"]), "venue": row["venue"], "counts": row["counts"],
        "authors": row["authors"], "topics": row["topics"], "references": row["references"],
        "cited_by": row["cited_by"]})


def get_topic(graph: Graph, topic_id: str) -> TopicDetail:
    """A topic with its work count, best works and most active authors."""
    row = read_entity(graph, "topics/get_topic", topic_id, "Topic",
                      limit=FIRST_PAGE, scan_cap=TOPIC_AUTHOR_SCAN)
    return TopicDetail.model_validate({**row["topic"], "counts": row["counts"],
                                       "works": row["works"], "authors": row["authors"]})


def get_institution(graph: Graph, settings: Settings, institution_id: str) -> InstitutionDetail:
    """An institution (by our id, ROR or OpenAlex id) with its most prolific authors."""
    row = read_entity(graph, "institutions/get_institution", institution_id,
                      "Institution", limit=FIRST_PAGE, scan_cap=settings.explore_scan_cap)
    return InstitutionDetail.model_validate({**row["institution"], "counts": row["counts"],
                                             "authors": row["authors"]})
