"""At least 30 ways to write or escape through /api/v1/cypher: each refused, graph unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from service.analyst.cursor import VerdictCache

WRITES = "writes to the graph"
SCHEMA = "changes the schema"
ADMIN = "administration"
SYSTEM = "another database"
ALLOW = "allow-list"
ONE = "one statement"
USE = "USE clause"
SYNTAX = "syntax"
TX = "IN TRANSACTIONS"
CSV = "LOAD CSV"

# (query, status, phrase the message must contain)
ATTEMPTS = [
    ("CREATE (:Hack)", 403, WRITES),
    ("MERGE (n:Author {id: 'a1'}) ON MATCH SET n.name = 'hacked'", 403, WRITES),
    ("MATCH (n) SET n.hacked = true", 403, WRITES),
    ("MATCH (n) SET n:Hacked", 403, WRITES),
    ("MATCH (n) SET n += {hacked: true}", 403, WRITES),
    ("MATCH (n) SET n = {}", 403, WRITES),
    ("MATCH (n) DELETE n", 403, WRITES),
    ("MATCH (n) DETACH DELETE n", 403, WRITES),
    ("MATCH ()-[r]->() DELETE r", 403, WRITES),
    ("MATCH (n) REMOVE n.id", 403, WRITES),
    ("MATCH (n:Author) REMOVE n:Author", 403, WRITES),
    ("MATCH (a:Author), (b:Author) CREATE (a)-[:HACKED]->(b)", 403, WRITES),
    ("FOREACH (i IN range(1, 3) | CREATE (:Hack))", 403, WRITES),
    ("MATCH (n) CALL (n) { CREATE (:Hack) } RETURN count(n) AS c", 403, WRITES),
    ("MATCH (n) WITH n LIMIT 1 CALL (n) { SET n.hacked = 1 } RETURN n", 403, WRITES),
    ("UNWIND range(1, 3) AS i CALL (i) { CREATE (:Hack) } IN TRANSACTIONS", 403, TX),
    ("CALL () { MATCH (n) RETURN n } IN TRANSACTIONS RETURN n", 403, TX),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", 403, CSV),
    ("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line CREATE (:Hack {l: line})", 403, CSV),
    ("CALL db.createLabel('Hacked')", 403, WRITES),
    ("CALL db.createProperty('hacked')", 403, WRITES),
    ("CALL db.createRelationshipType('HACKED')", 403, WRITES),
    ("CALL db.clearQueryCaches()", 403, ALLOW),
    ("CALL tx.setMetaData({who: 'hacker'})", 403, ALLOW),
    ("CALL db.awaitIndexes(1)", 403, ALLOW),
    ("CREATE INDEX hack IF NOT EXISTS FOR (n:Author) ON (n.name)", 403, SCHEMA),
    ("CREATE CONSTRAINT hack IF NOT EXISTS FOR (n:Hack) REQUIRE n.id IS UNIQUE", 403, SCHEMA),
    ("DROP CONSTRAINT author_id", 403, SCHEMA),
    ("SHOW USERS", 403, SYSTEM),
    ("CREATE USER hacker SET PASSWORD 'hackhackhack'", 403, SYSTEM),
    ("ALTER USER neo4j SET PASSWORD 'hackhackhack'", 403, SYSTEM),
    ("SHOW TRANSACTIONS", 403, ADMIN),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", 403, ADMIN),
    ("SHOW SETTINGS", 403, ADMIN),
    ("USE system SHOW USERS", 403, USE),
    ("USE neo4j CREATE (:Hack)", 403, USE),
    ("use system CALL dbms.showCurrentUser()", 403, USE),
    ("MATCH (n) RETURN n; CREATE (:Hack)", 403, ONE),
    ("RETURN 1;;", 403, ONE),
    ("RETURN 1 /* ; */; MATCH (n) DETACH DELETE n", 403, ONE),
    ("/* just reading */ CREATE (:Hack)", 403, WRITES),
    ("MATCH (n) // only reading\nCREATE (:Hack)", 403, WRITES),
    ("MATCH (n) WITH n /* ; RETURN n */ CREATE (:Hack)", 403, WRITES),
    ("CYPHER runtime=slotted CREATE (:Hack)", 403, WRITES),
    ("\uff23\uff32\uff25\uff21\uff34\uff25 (:Hack)", 422, SYNTAX),  # full-width letters
    ("\u0421REATE (:Hack)", 422, SYNTAX),  # a Cyrillic Es for the C
    ("CRE\u200bATE (:Hack)", 422, SYNTAX),  # a zero-width space inside the keyword
    ("\u202eCREATE (:Hack)", 422, SYNTAX),  # a right-to-left override before it
    ("EXPLAIN CREATE (:Hack)", 422, "EXPLAIN"),
    ("PROFILE MATCH (n) DETACH DELETE n", 422, "PROFILE"),
    ("CALL apoc.create.node(['Hack'], {})", 422, "ProcedureNotFound"),
]


def test_the_battery_is_at_least_thirty_attempts() -> None:
    assert len(ATTEMPTS) >= 30


@pytest.mark.parametrize(("query", "status", "phrase"), ATTEMPTS,
                         ids=[f"{i:02d}" for i in range(len(ATTEMPTS))])
def test_write_or_escape_is_refused_and_changes_nothing(
        small_graph: Driver, fingerprint: Callable[[], dict[str, Any]],
        client: TestClient,
        query: str, status: int, phrase: str) -> None:
    before = fingerprint()
    response = client.post("/api/v1/cypher", json={"query": query})
    body = response.json()
    assert response.status_code == status, body
    assert response.headers["content-type"] == "application/problem+json"
    assert phrase.lower() in body["detail"].lower(), body["detail"]
    assert fingerprint() == before


def test_no_break_space_before_a_write_is_still_refused(
        small_graph: Driver, fingerprint: Callable[[], dict[str, Any]],
        client: TestClient) -> None:
    before = fingerprint()
    response = client.post("/api/v1/cypher", json={"query": "CREATE\u00a0(:Hack)"})
    assert response.status_code in {403, 422}
    assert fingerprint() == before


def test_parameters_that_look_like_cypher_stay_values(
        small_graph: Driver, fingerprint: Callable[[], dict[str, Any]],
        client: TestClient) -> None:
    before = fingerprint()
    sneaky = "a1'}) DETACH DELETE n //"
    response = client.post("/api/v1/cypher", json={
        "query": "MATCH (n:Author) WHERE n.id = $id RETURN n.name AS name",
        "parameters": {"id": sneaky}})
    assert response.status_code == 200
    assert response.json()["rows"] == []
    response = client.post("/api/v1/cypher", json={
        "query": "RETURN $q AS q", "parameters": {"q": "CREATE (:Hack); MATCH (n) DELETE n"}})
    assert response.json()["rows"] == [["CREATE (:Hack); MATCH (n) DELETE n"]]
    assert fingerprint() == before


def test_semicolons_and_use_inside_strings_are_not_statements(
        small_graph: Driver, client: TestClient) -> None:
    response = client.post("/api/v1/cypher", json={
        "query": "MATCH (n:Author {id: 'a1'}) RETURN 'a;b' AS s, n.name AS use, "
                 "\"USE system\" AS t // USE system; CREATE\n;"})
    assert response.status_code == 200, response.json()
    assert response.json()["rows"] == [["a;b", "Ada", "USE system"]]


@pytest.mark.parametrize("query", [
    "CREATE (:Hack) RETURN 1",
    "MATCH (n) DETACH DELETE n",
    "UNWIND [1, 2] AS i CALL (i) { CREATE (:Hack) } IN TRANSACTIONS",
    "CALL db.createLabel('Hacked')",
])
def test_the_read_transaction_refuses_a_write_the_guard_let_through(
        small_graph: Driver, fingerprint: Callable[[], dict[str, Any]],
        client: TestClient, monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    # Switch off the first layer (our own guard) to prove the second: Neo4j's READ mode.
    monkeypatch.setattr("service.analyst.cursor.refusal", lambda *args: None)
    monkeypatch.setattr("service.analyst.cursor.ACCEPTED", VerdictCache())
    before = fingerprint()
    response = client.post("/api/v1/cypher", json={"query": query})
    assert response.status_code == 403
    assert "read-only transaction" in response.json()["detail"]
    assert fingerprint() == before
