"""POST /api/v1/cypher and GET /api/v1/schema against the real Neo4j."""

from __future__ import annotations

import csv
import io

import orjson
from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings
from service.analyst.cursor import ACCEPTED
from service.analyst.runner import Limits, run_json, run_json_bytes
from service.analyst.values import dumps


def _post(client: TestClient, **body: object) -> dict:
    response = client.post("/api/v1/cypher", json=body)
    assert response.status_code == 200, response.json()
    return response.json()


def test_nodes_relationships_and_paths_come_with_ids_labels_and_properties(
        small_graph: Driver, client: TestClient) -> None:
    body = _post(client, query="MATCH p = (a:Author {id: 'a1'})-[r:AUTHORED]->(w:Work) "
                               "RETURN a, r, w, p")
    assert body["columns"] == ["a", "r", "w", "p"]
    assert body["row_count"] == 1 and body["truncated"] is False
    author, rel, work, path = body["rows"][0]
    assert author["kind"] == "node" and author["labels"] == ["Author"]
    assert author["properties"]["name"] == "Ada" and author["id"]
    assert rel == {"kind": "relationship", "id": rel["id"], "type": "AUTHORED",
                   "start": author["id"], "end": work["id"], "properties": {"position": 0}}
    assert path["kind"] == "path"
    assert [n["id"] for n in path["nodes"]] == [author["id"], work["id"]]
    assert path["relationships"][0]["id"] == rel["id"]
    assert isinstance(body["took_ms"], float)


def test_temporal_and_spatial_values_are_json(driver: Driver, client: TestClient) -> None:
    body = _post(client, query="RETURN date('2024-02-29') AS d, "
                               "datetime('2024-01-01T10:00:00Z') AS dt, duration('P1DT2H') AS du, "
                               "point({x: 1, y: 2}) AS pt, [1, {k: 0.5}] AS nested, "
                               "null AS nothing")
    assert body["rows"] == [["2024-02-29", "2024-01-01T10:00:00.000000000+00:00", "P1DT2H",
                             {"srid": 7203, "x": 1.0, "y": 2.0}, [1, {"k": 0.5}], None]]


def test_a_huge_result_is_cut_at_the_cap(driver: Driver, client: TestClient) -> None:
    body = _post(client, query="UNWIND range(1, 1000000) AS x RETURN x", limit=5)
    assert body["rows"] == [[1], [2], [3], [4], [5]]
    assert body["truncated"] is True and body["row_count"] == 5 and body["limit"] == 5
    exact = _post(client, query="UNWIND range(1, 5) AS x RETURN x", limit=5)
    assert exact["truncated"] is False


def test_limits_above_the_maxima_are_refused(driver: Driver, client: TestClient) -> None:
    too_many = client.post("/api/v1/cypher", json={"query": "RETURN 1", "limit": 10**9})
    assert too_many.status_code == 422 and "PEERGRAPH_ANALYST_MAX_ROWS" in too_many.json()["detail"]
    too_long = client.post("/api/v1/cypher", json={"query": "RETURN 1", "timeout_ms": 10**9})
    assert too_long.status_code == 422
    assert "PEERGRAPH_ANALYST_MAX_TIMEOUT_S" in too_long.json()["detail"]


def test_a_query_past_its_time_limit_is_stopped_with_504(driver: Driver,
                                                          client: TestClient) -> None:
    response = client.post("/api/v1/cypher", json={
        "query": "UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x)",
        "timeout_ms": 300})
    assert response.status_code == 504
    body = response.json()
    assert body["code"] == "query_timeout" and "time limit of 0.3 s" in body["detail"]


def test_a_syntax_error_is_422_with_neo4js_message_and_position(
        driver: Driver, client: TestClient) -> None:
    response = client.post("/api/v1/cypher", json={"query": "MATCH (n)\nWHERE n.x = 1 RETRN n"})
    assert response.status_code == 422
    body = response.json()
    assert "Invalid input 'RETRN'" in body["detail"]
    assert body["errors"][0] | {"message": ""} == {
        "parameter": "query", "in": "body", "message": "", "line": 2, "column": 15,
        "offset": 24}
    assert "line 2, column 15" in body["detail"]


def test_runtime_errors_and_missing_parameters_are_422(driver: Driver,
                                                       client: TestClient) -> None:
    response = client.post("/api/v1/cypher", json={"query": "RETURN 1 / 0 AS x"})
    assert response.status_code == 422 and "/ by zero" in response.json()["detail"]
    response = client.post("/api/v1/cypher", json={"query": "RETURN $missing"})
    assert response.status_code == 422 and "missing" in response.json()["detail"]


def test_the_plan_summary_on_request(small_graph: Driver, client: TestClient) -> None:
    plain = _post(client, query="MATCH (a:Author) RETURN a.id")
    assert "plan" not in plain
    body = _post(client, query="MATCH (a:Author) RETURN a.id", plan=True)
    assert body["plan"]["operator"] == "ProduceResults"
    operators = []
    stack = [body["plan"]]
    while stack:
        step = stack.pop()
        operators.append(step["operator"])
        stack.extend(step["children"])
    assert "NodeByLabelScan" in operators or "NodeIndexScan" in operators


def test_a_value_python_cannot_hold_is_422_naming_it(driver: Driver,
                                                    client: TestClient) -> None:
    # Neo4j's dates go to year 999 999 999, Python's to 9999: the driver cannot decode it,
    # at the top of a row or deep inside a node's properties.
    for query in ("RETURN 1 AS one, date('+99999-01-01') AS far",
                  "RETURN {when: [datetime('+99999-01-01T00:00:00Z')]} AS nested"):
        response = client.post("/api/v1/cypher", json={"query": query})
        assert response.status_code == 422, response.text
        assert "cannot be decoded" in response.json()["detail"]
        assert "toString" in response.json()["detail"]
    as_text = _post(client, query="RETURN toString(date('+99999-01-01')) AS far")
    assert as_text["rows"] == [["+99999-01-01"]]


def test_csv_on_accept_text_csv(small_graph: Driver, client: TestClient) -> None:
    response = client.post(
        "/api/v1/cypher", headers={"Accept": "text/csv"},
        json={"query": "MATCH (a:Author) RETURN a.id AS id, a.name AS name, "
                       "{score: a.trust_score} AS m, a.trust_score AS t ORDER BY id", "limit": 3})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows == [["id", "name", "m", "t"], ["a1", "Ada", '{"score":80}', "80"],
                    ["a2", "Bo", '{"score":55}', "55"], ["a3", "Cy", '{"score":30}', "30"]]


def test_csv_errors_answer_before_streaming(driver: Driver, client: TestClient) -> None:
    response = client.post("/api/v1/cypher", headers={"Accept": "text/csv"},
                           json={"query": "CREATE (n)"})
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_read_only_procedures_on_the_allow_list_run(small_graph: Driver,
                                                    client: TestClient) -> None:
    labels = _post(client, query="CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert ["Author"] in labels["rows"]
    assert _post(client, query="CALL dbms.components() YIELD edition RETURN edition")["rows"]
    hits = _post(client, query="CALL db.index.fulltext.queryNodes('work_text', 'forests') "
                               "YIELD node RETURN node.id AS id")
    assert hits["rows"] == [["w4"]]


def test_the_schema_describes_the_live_graph(small_graph: Driver, client: TestClient) -> None:
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    model = response.json()
    labels = {entry["label"]: entry for entry in model["labels"]}
    author_props = {p["name"]: p for p in labels["Author"]["properties"]}
    assert author_props["trust_score"]["types"] == ["Long"]
    assert author_props["id"]["mandatory"] is True
    assert author_props["trust_score"]["mandatory"] is False
    types = {entry["type"]: entry for entry in model["relationship_types"]}
    assert {"from": "Author", "to": "Work"} in types["AUTHORED"]["patterns"]
    assert [p["name"] for p in types["AUTHORED"]["properties"]] == ["position"]
    assert "author_id" in {index["name"] for index in model["indexes"]}


def test_no_token_is_needed(driver: Driver, client: TestClient) -> None:
    # Analyst reads are public, like every read: the endpoint can never write.
    assert client.post("/api/v1/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200


def test_a_repeated_query_is_vetted_once_and_still_read_only(
        small_graph: Driver, settings: Settings, client: TestClient) -> None:
    text = "MATCH (a:Author) RETURN count(a) AS authors"
    first = _post(client, query=text)
    assert first["rows"] == [[4]]
    key = (settings.neo4j_database, *sorted(settings.analyst_procedures), text)
    assert ACCEPTED.get(key) == "r"
    assert _post(client, query=text)["rows"] == [[4]]
    refused = client.post("/api/v1/cypher", json={"query": "CREATE (:Hack)"})
    assert refused.status_code == 403
    assert refused.status_code == client.post("/api/v1/cypher",
                                              json={"query": "CREATE (:Hack)"}).status_code


def test_the_json_written_row_by_row_is_the_terminals_document(
        small_graph: Driver, settings: Settings, client: TestClient) -> None:
    # The endpoint encodes each row as it arrives and joins the bytes: same keys, same order.
    text = ("MATCH p = (a:Author)-[r:AUTHORED]->(w:Work) RETURN a, r, p, w.year AS year, "
            "0.0 / 0.0 AS nan, [1.0 / 0.0] AS inf ORDER BY year, a.id")
    over_http = orjson.loads(client.post("/api/v1/cypher", json={
        "query": text, "limit": 3, "plan": True}).content)
    in_process = orjson.loads(dumps(run_json(small_graph, settings, text, {}, Limits(3, 10),
                                             with_plan=True)))
    for answer in (over_http, in_process):
        answer["took_ms"] = 0.0
    assert list(over_http.items()) == list(in_process.items())
    assert over_http["truncated"] is True and over_http["row_count"] == 3
    # JSON has no NaN or infinity: null, at the top of a row and nested alike.
    assert [row[4:] for row in over_http["rows"]] == [[None, [None]]] * 3


def test_rows_encoded_a_hundred_at_a_time_make_one_array(driver: Driver,
                                                         settings: Settings) -> None:
    # 0, 1, a full hundred, one past it, and a cut in the middle of a hundred.
    for rows, limit in ((0, 10), (1, 10), (100, 1000), (101, 1000), (250, 230)):
        text = f"UNWIND range(1, {rows}) AS x RETURN x, {{n: x}} AS m"
        answer = orjson.loads(run_json_bytes(driver, settings, text, {}, Limits(limit, 10)))
        kept = min(rows, limit)
        assert answer["rows"] == [[x, {"n": x}] for x in range(1, kept + 1)]
        assert (answer["row_count"], answer["truncated"]) == (kept, rows > limit)
