"""The hot read endpoints answer pre-encoded JSON (service/encoding.py): the same
bytes and the same OpenAPI document as FastAPI's own response_model path, one thread hop."""

from __future__ import annotations

import inspect
import json

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from neo4j.time import Date, DateTime, Duration
from pydantic import BaseModel, TypeAdapter

from core.settings import Settings
from core.values import plain
from service.app import create_app
from service.encoding import dumps
from service.routers import authors, graph
from service.schemas.authors import CollaboratorsPage, Profile, WorksPage
from service.schemas.graph import CollaborationPaths, Neighbourhood

HOT = [  # (path template, a request over the enriched sample, its model)
    ("/api/v1/authors/{author_id:anyid}", "/api/v1/authors/researcher1", Profile),
    ("/api/v1/authors/{author_id:anyid}/works", "/api/v1/authors/researcher0/works?limit=5",
     WorksPage),
    ("/api/v1/authors/{author_id:anyid}/collaborators",
     "/api/v1/authors/researcher0/collaborators", CollaboratorsPage),
    ("/api/v1/nodes/{node_id:anyid}/neighbourhood",
     "/api/v1/nodes/researcher1/neighbourhood?depth=2", Neighbourhood),
    ("/api/v1/paths", "/api/v1/paths?from=researcher2&to=researcher3", CollaborationPaths),
]


@pytest.mark.parametrize(("template", "url", "model"), HOT, ids=[h[1] for h in HOT])
def test_body_is_the_models_own_json(enriched_client: TestClient, template: str, url: str,
                                     model: type[BaseModel]) -> None:
    response = enriched_client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    # What FastAPI's response_model path sends: the model validated, then dumped by alias.
    adapter = TypeAdapter(model)
    assert adapter.dump_json(adapter.validate_json(response.content),
                             by_alias=True) == response.content


def test_openapi_still_documents_each_model(settings: Settings) -> None:
    schema = create_app(settings).openapi()
    for template, _, model in HOT:
        path = template.replace(":anyid", "")
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert ok["schema"] == {"$ref": f"#/components/schemas/{model.__name__}"}


def test_hot_routes_take_no_thread_hop_for_their_dependencies() -> None:
    # FastAPI runs a `def` endpoint or dependency in the thread pool: one hop each. The hot
    # routes are `async def` and do their blocking reads in exactly one hop (encoded()).
    routes = {f"/api/v1{r.path}": r for r in [*graph.router.routes, *authors.router.routes]
              if isinstance(r, APIRoute)}  # as api_router mounts them
    for template, _, _ in HOT:
        route = routes[template]
        assert inspect.iscoroutinefunction(route.endpoint), template
        for dependency in route.dependant.dependencies:
            assert inspect.iscoroutinefunction(dependency.call), (template, dependency.call)


def test_neo4j_values_are_written_as_plain_writes_them() -> None:
    # The dict answers keep Neo4j's temporal values; the encoder must write what the pydantic
    # path wrote after core.values.plain.
    props = {"at": DateTime(2025, 1, 2, 3, 4, 5), "on": Date(2024, 2, 29),
             "took": Duration(days=3), "years": [Date(2020, 1, 1)], "n": 1.5, "none": None}
    assert json.loads(dumps(props)) == plain(props)
