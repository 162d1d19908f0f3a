"""Web explorer benchmark: the server-rendered profile page against the JSON API calls a
front end would make for the same content (profile, first works page, collaborators, score
history), interleaved in the same process; and the explorer's first neighbourhood.

Usage: .venv/bin/python -m bench.web [--author researcher0] [--samples 200]
The graph must already be loaded and scored (e.g. `peergraph load sample && peergraph
rescore`); it is only read. PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD say where it is."""

from __future__ import annotations

import argparse

from fastapi.testclient import TestClient

from bench.common import p50, timed
from core.settings import Settings
from service.app import create_app


def main() -> None:
    """Print medians and the page-to-API ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--author", default="researcher0")
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    a = args.author
    with TestClient(create_app(Settings())) as client:
        def get(path: str) -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        def api_calls() -> None:
            for path in (f"/api/v1/authors/{a}", f"/api/v1/authors/{a}/works?limit=10",
                         f"/api/v1/authors/{a}/collaborators",
                         f"/api/v1/authors/{a}/score-history?limit=10"):
                get(path)

        def page() -> None:
            get(f"/authors/{a}")

        def explorer_graph() -> None:
            get(f"/api/v1/nodes/{a}/neighbourhood?limit=80")

        for warm in (api_calls, page, explorer_graph):
            for _ in range(10):
                warm()
        api, html, graph = [], [], []
        for _ in range(args.samples):  # interleaved, so drift hits all three alike
            api.append(timed(api_calls))
            html.append(timed(page))
            graph.append(timed(explorer_graph))
    print(f"JSON API, 4 calls (baseline): p50 {p50(api):.1f} ms")
    print(f"profile page, server-rendered: p50 {p50(html):.1f} ms  "
          f"ratio {p50(html) / p50(api):.2f}x the API calls")
    print(f"explorer first neighbourhood (80 nodes): p50 {p50(graph):.1f} ms  "
          f"ratio {p50(graph) / p50(api):.2f}x")


if __name__ == "__main__":
    main()
