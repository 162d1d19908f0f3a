"""Identity benchmark: what the accounts store costs a token check and a write, against the
graph-held identity it replaced (issue 14), in one process over the real app and Neo4j.

The baseline ("before") runs the statements the service ran before the accounts store
(bench/cypher/identity_before/: a Token node looked up by its sha256; a follow and its audit
event in one graph transaction) on data of that shape; "after" runs the service's own
functions (an HMAC looked up in the accounts store; the follow in the graph, its audit event
in the store). Also over HTTP: a public works page (baseline) against GET /users/me and
PUT follow, and the token check with 20 000 other tokens stored. Prints medians and ratios.

Usage: .venv/bin/python -m bench.identity [--samples 300]
Uses PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD and PEERGRAPH_SECRET_KEY, and an accounts
store of its own in a temporary folder (the sample is loaded, idempotent; what the bench
makes in the graph is removed after)."""

from __future__ import annotations

import argparse
import secrets
import tempfile
from collections.abc import Callable
from typing import Any, LiteralString

from fastapi.testclient import TestClient
from neo4j import Driver, RoutingControl

from bench.common import bench_query, median_ms
from core.accounts import AccountsStore, people
from core.keyed import sha256_hex
from core.settings import Settings
from loaders.sample import load_sample
from service.auth import TOKEN, authenticate, new_id, now
from service.identity import accounts
from service.identity.store import audited

WARMUP = 200  # calls before timing: Neo4j's JIT compiles the statements meanwhile


def before(name: str) -> LiteralString:
    """A baseline statement (bench/cypher/identity_before/, not the service's)."""
    return bench_query(f"identity_before/{name}")


def _old_follow(driver: Driver, db: str) -> Any:
    """The old follow: edge and audit event in one graph transaction."""
    with driver.session(database=db) as session:
        return session.execute_write(lambda tx: tx.run(
            before("follow_audited"), user_id="bench-old-user", author_id="researcher1",
            event_id=new_id("bench-evt")).consume())


def _filler_tokens(store: AccountsStore, user_id: str, n: int) -> None:
    """n more tokens in the store (the lookup stays one index probe)."""
    with store.write() as conn:
        for _ in range(n):
            people.create_token(conn, new_id("tok"), user_id,
                                store.digest(TOKEN, secrets.token_urlsafe(32)), "filler",
                                now(), now())


def measure(client: TestClient, settings: Settings, samples: int) -> dict[str, float]:
    """Every figure, in one process."""
    app: Any = client.app
    driver, store, db = app.state.graph.driver, app.state.accounts, settings.neo4j_database
    user, _, secret = accounts.create_user(store, settings, accounts.CLI_CALLER,
                                           f"{secrets.token_hex(4)}@bench.invalid", "Bench")
    assert secret is not None
    driver.execute_query(before("create_token_index"), database_=db)
    driver.execute_query("CALL db.awaitIndexes(60)", database_=db)
    driver.execute_query(before("setup_caller"), user_id="bench-old-user",
                         token_id="bench-old-token", hash=sha256_hex(secret),  # noqa: S106
                         database_=db)
    caller, auth = authenticate(store, secret), {"Authorization": f"Bearer {secret}"}
    profile = "/api/v1/authors/researcher0"

    def ms(call: Callable[[], object]) -> float:
        return median_ms(call, samples, WARMUP)

    try:
        figures = {
            "token_before": ms(lambda: driver.execute_query(
                before("get_caller"), hash=sha256_hex(secret), database_=db,
                routing_=RoutingControl.READ)),
            "token_after": ms(lambda: authenticate(store, secret)),
            "follow_before": ms(lambda: _old_follow(driver, db)),
            "follow_after": ms(lambda: audited(
                app.state.graph, store, caller, "follow.create", "researcher1",
                "follows/merge_follow", user_id=caller.user_id, author_id="researcher1")),
            "http_base": ms(lambda: client.get(f"{profile}/works?limit=5")),
            "http_me": ms(lambda: client.get("/api/v1/users/me", headers=auth)),
            "http_follow": ms(lambda: client.put(f"{profile}/follow", headers=auth)),
        }
        _filler_tokens(store, user["id"], 20_000)
        figures["http_me_20k"] = ms(lambda: client.get("/api/v1/users/me", headers=auth))
    finally:
        driver.execute_query(before("cleanup"), ids=[user["id"]], database_=db)
        driver.execute_query(before("drop_token_index"), database_=db)
    return figures


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    from service.app import create_app

    # a throwaway accounts store (SQLite, like the default): the bench adds 20 000 tokens
    folder = tempfile.mkdtemp(prefix="peergraph-bench-accounts-")
    settings = Settings().model_copy(update={"accounts_url": f"sqlite:///{folder}/accounts.db"})

    with TestClient(create_app(settings)) as client:
        load_sample(client.app.state.graph.driver, settings.neo4j_database)  # type: ignore[attr-defined]
        f = measure(client, settings, args.samples)
    print(f"token check, graph Token node (before):   {f['token_before']:.3f} ms")
    print(f"token check, accounts store (after):      {f['token_after']:.3f} ms  "
          f"({f['token_after'] / f['token_before']:.2f}x before)")
    print(f"follow + audit, one graph tx (before):    {f['follow_before']:.3f} ms")
    print(f"follow in graph + audit in store (after): {f['follow_after']:.3f} ms  "
          f"({f['follow_after'] / f['follow_before']:.2f}x before; target <= 1.5x)")
    print(f"HTTP works page, public (baseline):       {f['http_base']:.2f} ms")
    print(f"HTTP GET /users/me (token checked):       {f['http_me']:.2f} ms  "
          f"({f['http_me'] / f['http_base']:.2f}x)")
    print(f"HTTP PUT follow (token + audited):        {f['http_follow']:.2f} ms  "
          f"({f['http_follow'] / f['http_base']:.2f}x)")
    print(f"HTTP GET /users/me, 20 000 more tokens:   {f['http_me_20k']:.2f} ms  "
          f"({f['http_me_20k'] / f['http_me']:.2f}x of 1 token)")


if __name__ == "__main__":
    main()
