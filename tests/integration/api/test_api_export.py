"""GET /api/v1/nodes/{id}/neighbourhood?format=graphml|gexf|csv over the sample: each file
holds the graph the JSON answer holds for the same parameters, and Gephi's own importer
(the Gephi toolkit from Maven Central, run with Java) reads the GEXF and the GraphML."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings

URL = "/api/v1/nodes/{}/neighbourhood"
PARAMS = [{}, {"depth": 2}, {"depth": 2, "limit": 20},
          {"depth": 2, "types": "Author,Work", "edge_types": "AUTHORED"}]
MEDIA = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
         "csv": "application/zip"}
EXTENSION = {"graphml": "graphml", "gexf": "gexf", "csv": "zip"}
GEPHI = ("org.gephi", "gephi-toolkit", "0.10.1")
GEPHI_READ = Path(__file__).resolve().parents[2] / "fixtures" / "gephi" / "GephiRead.java"

Parsed = tuple[list[str], list[str], dict[str, dict[str, Any]]]


def _json(client: TestClient, node: str, **params: Any) -> dict[str, Any]:
    response = client.get(URL.format(node), params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _file(client: TestClient, node: str, fmt: str, **params: Any) -> bytes:
    response = client.get(URL.format(node), params={**params, "format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == MEDIA[fmt]
    assert response.headers["content-disposition"] == (
        f'attachment; filename="peergraph-{node.replace(":", "_")}-neighbourhood.'
        f'{EXTENSION[fmt]}"')
    return response.content


def parse(fmt: str, body: bytes) -> Parsed:
    """(node ids, edge ids, attributes by node id) as a reader of that format sees them."""
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(body), force_multigraph=True)
        return (list(graph.nodes), [key for _, _, key in graph.edges(keys=True)],
                dict(graph.nodes(data=True)))
    if fmt == "gexf":
        graph = nx.read_gexf(io.BytesIO(body))
        return (list(graph.nodes), [data["id"] for _, _, data in graph.edges(data=True)],
                dict(graph.nodes(data=True)))
    nodes, edges = _csv_files(body)
    return [row["id"] for row in nodes], [row["id"] for row in edges], {
        row["id"]: row for row in nodes}


def _csv_files(body: bytes) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The rows of nodes.csv and edges.csv in the zip."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        return tuple(  # type: ignore[return-value]
            list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in ("nodes.csv", "edges.csv"))


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: ",".join(map(str, p.items())) or "-")
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_each_format_holds_the_json_graph(sample_client: TestClient, fmt: str,
                                          params: dict[str, Any]) -> None:
    expected = _json(sample_client, "researcher0", **params)
    nodes, edges, attributes = parse(fmt, _file(sample_client, "researcher0", fmt, **params))
    assert nodes == [n["id"] for n in expected["nodes"]]
    assert sorted(edges) == sorted(e["id"] for e in expected["edges"])
    for node in expected["nodes"]:
        assert attributes[node["id"]]["type"] == node["type"]
        assert attributes[node["id"]]["label"] == node["label"]


def test_the_sample_shapes_are_what_the_json_tests_pin(sample_client: TestClient) -> None:
    nodes, edges, attributes = parse("gexf", _file(sample_client, "researcher0", "gexf",
                                                   depth=2))
    authors = {node for node in nodes if attributes[node]["type"] == "Author"}
    assert authors == {f"researcher{i}" for i in range(5)}
    assert sum(attributes[node]["type"] == "Work" for node in nodes) == 65
    work = next(a for a in attributes.values() if a["type"] == "Work")
    assert isinstance(work["year"], int) and work["hop"] == 1
    assert len(edges) == len(set(edges))


def test_a_file_is_named_after_the_resolved_centre(sample_client: TestClient) -> None:
    work = _json(sample_client, "researcher0")["nodes"][1]["id"]
    response = sample_client.get(URL.format(work), params={"format": "graphml"})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="peergraph-')
    assert disposition.endswith('-neighbourhood.graphml"') and "/" not in disposition


def test_the_json_answer_is_unchanged_by_the_parameter(sample_client: TestClient) -> None:
    plain = sample_client.get(URL.format("researcher0"))
    as_json = sample_client.get(URL.format("researcher0"), params={"format": "json"})
    assert plain.headers["content-type"] == as_json.headers["content-type"] == "application/json"
    assert "content-disposition" not in plain.headers
    assert plain.json() == as_json.json()


def test_format_xml_is_a_422_problem(sample_client: TestClient) -> None:
    response = sample_client.get(URL.format("researcher0"), params={"format": "xml"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"]) == (422, "invalid_parameter")
    assert body["errors"] == [{"parameter": "format", "in": "query",
                               "message": "Input should be 'json', 'graphml', 'gexf' or 'csv'"}]


def test_an_unknown_node_is_a_404_in_any_format(sample_client: TestClient) -> None:
    response = sample_client.get(URL.format("nothing"), params={"format": "csv"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_csv_cells_cannot_run_as_formulas(session_driver: Driver, settings: Settings,
                                          sample_client: TestClient) -> None:
    session_driver.execute_query(
        "CREATE (a:Author {id: 'formula:a', name: '=HYPERLINK(\"http://x\",\"y\")'}) "
        "CREATE (w:Work {id: 'formula:w', title: '@SUM(1+1)', type: '-2+3', year: -5}) "
        "CREATE (v:Work {id: 'formula:v', title: '+cmd|calc', type: 'article'}) "
        "CREATE (a)-[:AUTHORED {position: 1, raw_affiliation: '=1+1'}]->(w) "
        "CREATE (a)-[:AUTHORED {position: 2}]->(v)", database_=settings.neo4j_database)
    try:
        nodes, edges = _csv_files(_file(sample_client, "formula:a", "csv"))
    finally:
        session_driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'formula:' "
                                     "DETACH DELETE n", database_=settings.neo4j_database)
    by_id = {row["id"]: row for row in nodes}
    assert by_id["formula:a"]["label"] == by_id["formula:a"]["name"] == (
        "'=HYPERLINK(\"http://x\",\"y\")")
    assert by_id["formula:w"]["title"] == "'@SUM(1+1)"
    assert by_id["formula:w"]["property_type"] == "'-2+3"
    assert by_id["formula:w"]["year"] == "-5"  # a number stays a number
    assert by_id["formula:v"]["label"] == "'+cmd|calc"
    affiliations = {row["target"]: row["raw_affiliation"] for row in edges}
    assert affiliations == {"formula:w": "'=1+1", "formula:v": ""}
    cells = [cell for row in nodes + edges for cell in row.values() if not _number(cell)]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def _number(cell: str) -> bool:
    """Whether a spreadsheet reads the cell as a plain number (never a formula)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def gephi_toolkit() -> Path:
    """The Gephi toolkit jar, fetched from Maven Central by Maven once; skip without Java
    or Maven."""
    group, artifact, version = GEPHI
    jar = (Path.home() / ".m2" / "repository" / group.replace(".", "/") / artifact / version
           / f"{artifact}-{version}-all.jar")
    if not jar.exists():
        if not (shutil.which("mvn") and shutil.which("java")):
            pytest.skip("Java and Maven are needed to run Gephi's importer")
        done = subprocess.run(
            ["mvn", "--batch-mode", "--quiet",
             "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get",
             f"-Dartifact={group}:{artifact}:{version}:jar:all", "-Dtransitive=false"],
            capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0 or not jar.exists():
            pytest.skip(f"the Gephi toolkit could not be fetched: {done.stdout[-500:]}")
    return jar


def gephi_read(path: Path) -> list[list[str]]:
    """What Gephi's importer made of the file: the lines of GephiRead.java, split."""
    done = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-cp", str(gephi_toolkit()), str(GEPHI_READ),
         str(path)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    return [line.split("\t") if "\t" in line else line.split(" ", 2)
            for line in done.stdout.splitlines()]


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_reads_the_file(sample_client: TestClient, tmp_path: Path, fmt: str) -> None:
    expected = _json(sample_client, "researcher0", depth=2)
    path = tmp_path / f"researcher0.{fmt}"
    path.write_bytes(_file(sample_client, "researcher0", fmt, depth=2))
    lines = gephi_read(path)
    issues = [line for line in lines if line[0] == "ISSUE"]
    assert not [i for i in issues if i[1] not in ("INFO", "WARNING")], issues
    # Gephi keeps no graph-level attributes (centre, depth, truncated) and says so.
    assert all("Graph attributes" in i[2] for i in issues if i[1] == "WARNING"), issues
    count = next(line for line in lines if line[0] == "COUNT")
    assert count[1:] == [str(len(expected["nodes"])), str(len(expected["edges"]))]
    nodes = {line[1]: line for line in lines if line[0] == "NODE"}
    assert set(nodes) == {n["id"] for n in expected["nodes"]}
    assert all(nodes[n["id"]][2:] == [n["label"], n["type"]] for n in expected["nodes"])
    edges = {line[1]: line[2:4] for line in lines if line[0] == "EDGE"}
    assert edges == {e["id"]: [e["source"], e["target"]] for e in expected["edges"]}
    columns = {(line[1], line[2]) for line in lines if line[0] == "COLUMN"}
    assert {("node", "type"), ("node", "hop"), ("node", "year")} <= columns


def test_the_gexf_is_gephi_shaped_without_java(sample_client: TestClient) -> None:
    root = ET.fromstring(_file(sample_client, "researcher0", "gexf"))  # noqa: S314 (ours)
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf" and root.get("version") == "1.2"
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    assert graph is not None and graph.get("defaultedgetype") == "directed"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_a_drawn_graph_with_derived_edges_is_written_as_sent(sample_client: TestClient,
                                                             fmt: str) -> None:
    drawn = sample_client.get("/api/v1/authors/researcher0/context").json()
    response = sample_client.post("/api/v1/exports", json={
        "format": fmt, "center": drawn["center"], "nodes": drawn["nodes"],
        "edges": drawn["edges"]})
    assert response.status_code == 200, response.text
    assert 'filename="peergraph-researcher0-explorer.' in response.headers["content-disposition"]
    node_ids, edge_ids, _ = parse(fmt, response.content)
    assert node_ids == [n["id"] for n in drawn["nodes"]]
    assert sorted(edge_ids) == sorted(e["id"] for e in drawn["edges"])


def test_a_drawn_edge_to_a_node_not_sent_is_a_422(sample_client: TestClient) -> None:
    response = sample_client.post("/api/v1/exports", json={
        "format": "csv", "nodes": [{"id": "a", "type": "Author", "label": "A",
                                    "properties": {}}],
        "edges": [{"id": "a|X|b", "source": "a", "target": "b", "type": "X",
                   "properties": {}}]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "edges"
