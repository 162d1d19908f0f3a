"""The leak battery: with users, tokens, page sessions, claims (e-mail and ORCID),
invitations and audit events in the accounts store, every public surface is read without a
token, and none of their private values appears anywhere in what comes back."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from identity_helpers import User, claim_by_email, sign_in_page, start_email_claim
from sqlalchemy import select

from core.accounts import AccountsStore, tables

Outbox = Callable[[], list[dict[str, str]]]
MESSAGE = "A private note about our grant proposal, 7f3a9c"


def _secrets_of_the_store(store: AccountsStore) -> set[str]:
    """Every private value the store holds: addresses, names, hashes, ids, messages, details."""
    columns = {"users": ("email", "display_name"), "tokens": ("id", "hash"),
               "web_sessions": ("id_hash",), "claims": ("id", "code_hash", "state_hash",
                                                        "sent_to"),
               "audit_events": ("id", "detail"), "invitations": ("id", "message"),
               "rate_limits": ("key",)}
    found: set[str] = set()
    with store.read() as conn:
        for name, wanted in columns.items():
            table = tables.metadata.tables[name]
            for row in conn.execute(select(*(table.c[c] for c in wanted))):
                found |= {str(v) for v in row if v}
    return found


@pytest.fixture
def private(client: TestClient, store: AccountsStore, outbox: Outbox, orcid_peer: Any,
            make_user: Callable[[str], User]) -> Iterator[set[str]]:
    """A populated accounts store; the set of every private value a leak would show."""
    # names no title or abstract of the sample contains, so a hit is a leak, not a homonym
    ada, bob, eve = make_user("adaqorvik"), make_user("bobzylmar"), make_user("evexhultan")
    claim_by_email(client, ada, "researcher0", outbox, "r0@example.org")
    claim_by_email(client, bob, "researcher1", outbox, "r1@example.org")
    pending = start_email_claim(client, eve, "researcher2")["claim"]
    orcid = client.post("/api/v1/authors/researcher0/claims", headers=eve.headers,
                        json={"method": "orcid"}).json()
    state = parse_qs(urlsplit(orcid["authorize_url"]).query)["state"][0]
    assert client.put("/api/v1/authors/researcher3/follow", headers=eve.headers
                      ).status_code == 200
    assert client.post("/api/v1/invitations", headers=ada.headers, json={
        "to_author_id": "researcher1", "message": MESSAGE}).status_code == 201
    cookie = sign_in_page(client, eve.secret)
    codes = [re.search(r"the code is (\d{6})", m["body"]).group(1)  # type: ignore[union-attr]
             for m in outbox()]
    values = _secrets_of_the_store(store) | {ada.secret, bob.secret, eve.secret, cookie, state,
                                             pending["id"], ada.token_id, MESSAGE}
    values |= {f'"{code}"' for code in codes}  # a code as a JSON string; bare digits are common
    values |= {m["to"] for m in outbox()}  # where codes went
    assert len(values) > 30
    client.cookies.clear()  # every read below is anonymous
    yield values


def _cypher(client: TestClient, text: str) -> str:
    response = client.post("/api/v1/cypher", json={"query": text, "limit": 100_000})
    assert response.status_code == 200, (text, response.text)
    return response.text


def _public_answers(client: TestClient) -> Iterator[tuple[str, str]]:
    """(what was read, its body) for every public surface over the whole graph."""
    for text in ("MATCH (n) RETURN n", "MATCH ()-[r]->() RETURN r",
                 "MATCH (n) RETURN labels(n), properties(n)", "CALL db.labels()",
                 "CALL db.relationshipTypes()", "CALL db.schema.visualization()",
                 "CALL db.schema.nodeTypeProperties()", "CALL db.schema.relTypeProperties()",
                 "SHOW INDEXES", "SHOW CONSTRAINTS"):
        yield text, _cypher(client, text)
    yield "/api/v1/schema", client.get("/api/v1/schema").text
    for saved in client.get("/api/v1/queries").json()["queries"]:
        yield saved["name"], client.post(f"/api/v1/queries/{saved['name']}").text
    ids = [row[0] for row in client.post("/api/v1/cypher", json={
        "query": "MATCH (n) WHERE n.id IS NOT NULL RETURN n.id", "limit": 100_000}
        ).json()["rows"]]
    for node_id in ids:
        yield node_id, client.get(f"/api/v1/nodes/{node_id}/neighbourhood?depth=2").text
    for author in (i for i in ids if i.startswith("researcher")):
        for path in (f"/api/v1/authors/{author}", f"/api/v1/authors/{author}/works",
                     f"/api/v1/authors/{author}/collaborators",
                     f"/api/v1/authors/{author}/score-history", f"/authors/{author}",
                     f"/api/v1/paths?from={author}&to=researcher0"):
            yield path, client.get(path).text
    for q in ("adaqorvik", "bobzylmar", "evexhultan", "example.org", "grant", "Admin", "*"):
        # an answer repeats its own query: what the visitor typed is no leak
        yield f"search {q}", client.get("/api/v1/search", params={"q": q}).text.replace(q, "")
        yield f"page search {q}", client.get("/", params={"q": q}).text.replace(q, "")
    yield "/api/v1/scoring/runs", client.get("/api/v1/scoring/runs").text


def test_no_private_value_appears_on_any_public_surface(client: TestClient,
                                                         private: set[str]) -> None:
    read = 0
    for what, body in _public_answers(client):
        leaked = sorted(value for value in private if value in body)
        assert leaked == [], f"{what} shows {leaked}"
        read += 1
    assert read > 60  # the sample's nodes, every saved query, the pages


def test_the_graph_keeps_only_opaque_users_and_no_platform_labels(
        client: TestClient, private: set[str]) -> None:
    labels = client.post("/api/v1/cypher", json={
        "query": "MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label"}).json()["rows"]
    assert {"Token", "Claim", "AuditEvent", "RateLimit", "Invitation"}.isdisjoint(
        {row[0] for row in labels})
    users = client.post("/api/v1/cypher", json={
        "query": "MATCH (u:User) RETURN DISTINCT keys(u) AS keys"}).json()["rows"]
    assert users == [[["id"]]]
    edges = client.post("/api/v1/cypher", json={
        "query": "MATCH (:User)-[r]->() RETURN DISTINCT type(r), keys(r)"}).json()["rows"]
    assert {row[0] for row in edges} == {"CLAIMED", "FOLLOWS"}
    assert all(set(row[1]) <= {"at", "method"} for row in edges)
