"""Where an exploration request's time goes, in-process (no socket): the Cypher through the
driver, the repository (Cypher + building the answer), JSON encoding, and the whole route
through the app (routing, middleware, dependencies, validation of the parameters, the
thread-pool hop, encoding); beside it the previous design of the same route (a sync route
and sync dependencies, pydantic models validated and serialised by FastAPI), for a ratio in
the same run. Interleaved per request over the same typical authors as bench/api.py.

Usage: .venv/bin/python -m bench.api_phases [--uri …] [--password-file FILE] [--samples 300]
The graph must already be loaded; it is only read."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import uvloop
from fastapi import APIRouter, Depends, FastAPI, Request

from bench.api import neighbourhood_params, typical_authors
from bench.common import p50, p95, settings_from
from core.graph import Graph
from core.settings import Settings
from scoring.collaboration import CLOSE_SHARED_WORKS
from scoring.topics import TOPIC_COUNT_THRESHOLD
from service.app import create_app
from service.encoding import to_json
from service.repository import authors, graph
from service.schemas.authors import Profile
from service.schemas.graph import Neighbourhood

LABELS, EDGES = list(graph.NODE_LABELS), list(graph.EDGE_TYPES)


def graph_dep(request: Request) -> Graph:
    """The previous, `def` dependency (FastAPI runs it in the thread pool)."""
    return request.app.state.graph


def settings_dep(request: Request) -> Settings:
    """The previous, `def` dependency (FastAPI runs it in the thread pool)."""
    return request.app.state.settings


def previous_design() -> APIRouter:
    """The routes as they were: `def` route and dependencies, a model FastAPI validates."""
    router = APIRouter()

    @router.get("/bench/previous/{node_id}")
    def previous(node_id: str, request_graph: Annotated[Graph, Depends(graph_dep)],
                 settings: Annotated[Settings, Depends(settings_dep)],
                 depth: int = 1) -> Neighbourhood:
        found = graph.neighbourhood(request_graph, settings, node_id, depth=depth, limit=200,
                                    types=LABELS, edge_types=EDGES)
        return Neighbourhood.model_validate(found)  # the pydantic objects it used to build

    @router.get("/bench/previous-profile/{author_id}")
    def previous_profile(author_id: str,
                         request_graph: Annotated[Graph, Depends(graph_dep)]) -> Profile:
        return authors.get_profile(request_graph, author_id)

    return router


async def asgi_get(app: FastAPI, path: str, query: str = "") -> None:
    """One GET through the whole app, in-process; raises unless it answers 200."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": query.encode(), "headers": [(b"host", b"b")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    if sent[0]["status"] != 200:
        raise RuntimeError(f"{path}?{query}: {sent[0]['status']} {sent[1:]!r}")


@dataclass
class Phases:
    """One request kind's phases, each a call on one author id (or on the built answer)."""

    direct: Callable[[str], Any]
    build: Callable[[str], Any]
    route: Callable[[str], tuple[str, str]]
    previous: Callable[[str], tuple[str, str]]
    previous_answer: Callable[[Any], Any] | None = None  # the answer as it used to be built


def neighbourhood_phases(app: FastAPI, depth: int) -> Phases:
    """A neighbourhood request: its Cypher, the repository, the route, the previous route."""
    request_graph, settings = app.state.graph, app.state.settings
    params = neighbourhood_params(settings, depth)
    return Phases(
        lambda a: request_graph.read("nodes/expand_neighbourhood", id=a, **params),
        lambda a: graph.neighbourhood(request_graph, settings, a, depth=depth, limit=200,
                                      types=LABELS, edge_types=EDGES),
        lambda a: (f"/api/v1/nodes/{a}/neighbourhood", f"depth={depth}"),
        lambda a: (f"/bench/previous/{a}", f"depth={depth}"),
        lambda answer: Neighbourhood.model_validate(answer).model_dump_json())


def profile_phases(app: FastAPI) -> Phases:
    """A profile snapshot request: its Cypher, the repository, the route, the previous one."""
    request_graph = app.state.graph
    return Phases(
        lambda a: request_graph.read("authors/get_profile", id=a, close_min=CLOSE_SHARED_WORKS,
                                     topic_min_score=TOPIC_COUNT_THRESHOLD,
                                     top_topics=authors.TOP_TOPICS),
        lambda a: authors.get_profile(request_graph, a),
        lambda a: (f"/api/v1/authors/{a}", ""), lambda a: (f"/bench/previous-profile/{a}", ""))


async def measure(app: FastAPI, phases: Phases, ids: list[str], samples: int) -> None:
    """Run the phases interleaved per id; print p50/p95 and each one's p50 over the driver's."""
    clock = time.perf_counter
    names = ["driver: the Cypher", "repository: Cypher + answer", "JSON encoding",
             "the route, in-process", "previous design, in-process",
             "previous: answer as pydantic + JSON"]
    times: dict[str, list[float]] = {name: [] for name in names[:5]}
    for i in range(samples):
        author = ids[i % len(ids)]
        began = clock()
        phases.direct(author)
        times[names[0]].append(clock() - began)
        began = clock()
        answer = phases.build(author)
        times[names[1]].append(clock() - began)
        began = clock()
        to_json(answer)
        times[names[2]].append(clock() - began)
        if phases.previous_answer is not None:
            began = clock()
            phases.previous_answer(answer)
            times.setdefault(names[5], []).append(clock() - began)
        routes = [(names[3], phases.route), (names[4], phases.previous)]
        for name, request in routes if i % 2 == 0 else reversed(routes):
            began = clock()
            await asgi_get(app, *request(author))
            times[name].append(clock() - began)
    base = p50(times[names[0]])
    for name, spent in times.items():
        print(f"  {name:36s} p50 {p50(spent):7.2f} ms  p95 {p95(spent):7.2f} ms  "
              f"p50/driver {p50(spent) / base:5.2f}")


async def main_async(settings: Settings, samples: int) -> None:
    """Every phase table, one app (its lifespan: one driver), one event loop (uvloop)."""
    app = create_app(settings)
    app.include_router(previous_design())
    # Matched first, so routing order (the neighbourhood router is first now) gives the
    # current route no advantage: the difference is the hops and the answer building.
    app.router.routes.insert(0, app.router.routes.pop())
    async with app.router.lifespan_context(app):
        ids = [a for a, _ in typical_authors(app.state.graph.driver, settings, 200)]
        for depth in (1, 2):
            print(f"{depth}-hop neighbourhood, limit 200, {samples} requests:")
            await measure(app, neighbourhood_phases(app, depth), ids, samples)
        print(f"profile snapshot, {samples} requests:")
        await measure(app, profile_phases(app), ids, samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--uri")
    parser.add_argument("--password-file")
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    uvloop.run(main_async(settings_from(args), args.samples))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
