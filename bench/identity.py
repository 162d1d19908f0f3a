"""Identity benchmark: what a token costs. In one process, over the real app and Neo4j:
a public read of a works page (the baseline) against a request whose bearer token is checked, an
authenticated, audited follow write, and the token check with 1 against 20 000 other tokens
stored (the Token.hash index keeps it flat). Prints medians and ratios to the baseline.

Usage: .venv/bin/python -m bench.identity [--samples 300]
Uses PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD. It loads the bundled sample
(idempotent) and removes the users, tokens and audit events it made."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from fastapi.testclient import TestClient

from loaders.sample import load_sample
from service.app import create_app
from service.identity import accounts
from service.settings import Settings

CLEANUP = """MATCH (u:User) WHERE u.email ENDS WITH '@bench.invalid'
OPTIONAL MATCH (t:Token {user_id: u.id})
OPTIONAL MATCH (e:AuditEvent {user_id: u.id})
DETACH DELETE u, t, e"""
FILLER = """UNWIND range(1, $n) AS i
CREATE (:Token {id: 'bench-tok-' + i, hash: 'bench-' + toString(i), user_id: 'bench-nobody',
                created_at: datetime(), expires_at: datetime()})"""


def median_ms(call: Callable[[], object], samples: int) -> float:
    """Median wall time of a call in milliseconds, after 20 warm-up calls."""
    for _ in range(20):
        call()
    times = []
    for _ in range(samples):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    settings = Settings()
    with TestClient(create_app(settings)) as client:
        driver = client.app.state.driver  # type: ignore[attr-defined]
        db = settings.neo4j_database
        load_sample(driver, db)
        driver.execute_query(CLEANUP, database_=db)
        _, _, secret = accounts.create_user(driver, settings, accounts.CLI_CALLER,
                                            "bench@bench.invalid", "Bench")
        auth = {"Authorization": f"Bearer {secret}"}
        profile = "/api/v1/authors/researcher0"
        works = f"{profile}/works?limit=5"
        try:
            base = median_ms(lambda: client.get(works), args.samples)
            me_1 = median_ms(lambda: client.get("/api/v1/users/me", headers=auth), args.samples)
            follow = median_ms(lambda: client.put(f"{profile}/follow", headers=auth),
                               args.samples)
            driver.execute_query(FILLER, n=20_000, database_=db)
            me_20k = median_ms(lambda: client.get("/api/v1/users/me", headers=auth),
                               args.samples)
        finally:
            driver.execute_query("MATCH (t:Token) WHERE t.id STARTS WITH 'bench-tok-' "
                                 "DELETE t", database_=db)
            driver.execute_query("MATCH (:User {email: 'bench@bench.invalid'})-[f:FOLLOWS]->() "
                                 "DELETE f", database_=db)
            driver.execute_query(CLEANUP, database_=db)
    print(f"works page, public (baseline):   {base:.2f} ms")
    print(f"GET /users/me (token checked):   {me_1:.2f} ms  ({me_1 / base:.2f}x)")
    print(f"PUT follow (token + audited):    {follow:.2f} ms  ({follow / base:.2f}x)")
    print(f"GET /users/me, 20 000 tokens:    {me_20k:.2f} ms  ({me_20k / me_1:.2f}x of 1 token)")


if __name__ == "__main__":
    main()
