"""Collaborator suggestions: a page computed (the walk, proximity, topic comparison) against a
page kept for the scoring run, over HTTP, interleaved in one process.

Usage: .venv/bin/python -m bench.suggestions [--works 100000] [--samples 30]
       .venv/bin/python -m bench.suggestions --base URL --hub ID  (a server already prepared)

The graph as bench.explorer prepares it (the sample, --works synthetic works, one full
rescoring), the app in uvicorn (one worker), the biggest hub's
/api/v1/authors/{id}/suggestions. "Computed": each request asks for another page size, so no
page is kept yet (the first view after a scoring run); "kept": the same page size again.
Prints p50/p95 of both and the ratio."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import Http, api_server, p50, p95, throwaway_neo4j
from bench.explorer import prepare
from service.repository.suggestions import LARGEST_PAGE

KEPT_LIMIT = 10
FIRST_COMPUTED_LIMIT = 11  # page sizes 11, 12, … up to LARGEST_PAGE, each asked for once


def measure(base: str, hub: str, samples: int) -> tuple[list[float], list[float]]:
    """Seconds per request: pages computed, pages kept (interleaved)."""
    client = Http(base)
    path = f"/api/v1/authors/{hub}/suggestions"
    client.get(path, limit=KEPT_LIMIT)  # computed once, kept after
    computed: list[float] = []
    kept: list[float] = []
    for sample in range(samples):
        for limit, times in ((FIRST_COMPUTED_LIMIT + sample, computed), (KEPT_LIMIT, kept)):
            began = time.perf_counter()
            client.get(path, limit=limit)
            times.append(time.perf_counter() - began)
    return computed, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=30,
                        help=f"at most {LARGEST_PAGE - FIRST_COMPUTED_LIMIT + 1} (page sizes up to "
                             f"{LARGEST_PAGE})")
    parser.add_argument("--base", help="measure this running server instead; needs --hub")
    parser.add_argument("--hub", help="with --base: the biggest hub's author id")
    args = parser.parse_args()
    samples = min(args.samples, LARGEST_PAGE - FIRST_COMPUTED_LIMIT + 1)
    if args.base:
        hub, (computed, kept) = args.hub, measure(args.base, args.hub, samples)
    else:
        with tempfile.TemporaryDirectory(prefix="peergraph-bench-") as folder, \
                throwaway_neo4j("3g", "2g") as settings:
            hub = prepare(settings, args.works, Path(folder))
            with api_server(settings) as served:
                computed, kept = measure(served.base, hub, samples)
    print(f"suggestions of {hub}, {samples} requests each, interleaved:")
    for label, times in (("computed (no page kept yet)", computed),
                         ("kept for the scoring run", kept)):
        print(f"  {label:<29} p50 {p50(times):8.1f} ms  p95 {p95(times):8.1f} ms")
    print(f"  ratio computed / kept, p50: {p50(computed) / p50(kept):.1f}x")


if __name__ == "__main__":
    main()
