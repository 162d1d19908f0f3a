"""service/export.py without a database: values made scalar, names made safe, files that
networkx reads back as they were written."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import networkx as nx
import pytest
from neo4j.spatial import CartesianPoint
from neo4j.time import Date, DateTime

from service import export

GEXF_NS = "{http://www.gexf.net/1.2draft}"


def sample() -> dict[str, Any]:
    """A small neighbourhood in the repository's shape, with awkward values."""
    return {
        "center": "https://orcid.org/0000-0001", "depth": 1, "truncated": True,
        "nodes": [
            {"id": "https://orcid.org/0000-0001", "type": "Author", "label": "Ann Öz", "hop": 0,
             "properties": {"name": "Ann Öz", "trust_score": 1, "trust_band": None}},
            {"id": "W1", "type": "Work", "label": "=HYPERLINK(\"x\")", "hop": 1,
             "properties": {"title": "=HYPERLINK(\"x\")", "year": 2020, "type": "article",
                            "trust_score": 0.5, "tags": ["a", Date(2020, 1, 2)],
                            "loaded": DateTime(2024, 5, 6, 7, 8, 9)}}],
        "edges": [
            {"id": "https://orcid.org/0000-0001|AUTHORED|W1",
             "source": "https://orcid.org/0000-0001", "target": "W1", "type": "AUTHORED",
             "properties": {"position": 1, "weight": "heavy", "raw": {"k": [1, 2]}}}]}


def test_values_become_scalars() -> None:
    assert export.scalar(["a", Date(2020, 1, 2)]) == '["a","2020-01-02"]'
    assert export.scalar({"k": 1}) == '{"k":1}'
    assert export.scalar([CartesianPoint((1.0, 2.0))]) == "[\"POINT(1.0 2.0)\"]"
    assert export.scalar(DateTime(2024, 5, 6, 7, 8, 9)) == "2024-05-06T07:08:09.000000000"
    assert export.scalar(CartesianPoint((1.0, 2.0))) == "POINT(1.0 2.0)"
    assert [export.scalar(v) for v in (None, "x", 3, 2.5, True)] == [None, "x", 3, 2.5, True]


def test_attributes_keep_ours_rename_clashes_and_drop_nulls() -> None:
    author, work = sample()["nodes"]
    assert export.node_attributes(author) == {"type": "Author", "label": "Ann Öz", "hop": 0,
                                              "name": "Ann Öz", "trust_score": 1}
    attrs = export.node_attributes(work)
    assert attrs["type"] == "Work" and attrs["property_type"] == "article"
    edge = export.edge_attributes(sample()["edges"][0])
    assert edge == {"type": "AUTHORED", "position": 1, "property_weight": "heavy",
                    "raw": '{"k":[1,2]}'}


def test_mixed_types_are_made_uniform() -> None:
    rows = export.uniform([{"a": 1, "b": 1, "c": True}, {"a": 0.5, "b": "x", "c": False}])
    assert rows == [{"a": 1.0, "b": "1", "c": True}, {"a": 0.5, "b": "x", "c": False}]
    assert isinstance(rows[0]["a"], float)


@pytest.mark.parametrize(("node_id", "name"), [
    ("researcher0", "peergraph-researcher0-neighbourhood.graphml"),
    ("https://orcid.org/0000-0001", "peergraph-https_orcid.org_0000-0001-neighbourhood.graphml"),
    ('../../etc/"passwd"\r\n', "peergraph-etc_passwd-neighbourhood.graphml"),
    ("", "peergraph-node-neighbourhood.graphml"),
    ("Ψ" * 5, "peergraph-node-neighbourhood.graphml"),
])
def test_file_names_are_safe(node_id: str, name: str) -> None:
    assert export.file_name(node_id, "neighbourhood", "graphml") == name


def test_file_names_are_bounded() -> None:
    assert len(export.file_name("x" * 500, "neighbourhood", "gexf")) < 120


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"), ("plain", "plain"), ("a=b", "a=b"), (-1, "-1"), (2.5, "2.5"),
    (True, "true"), (None, "")])
def test_csv_cells_cannot_be_formulas(value: Any, cell: str) -> None:
    assert export.csv_cell(value) == cell


def test_graphml_reads_back_with_our_ids_and_attributes() -> None:
    file = export.export(sample(), "graphml")
    assert file.media_type == "application/graphml+xml"
    assert file.filename == "peergraph-https_orcid.org_0000-0001-neighbourhood.graphml"
    assert file.body.startswith(b"<?xml")
    back = nx.read_graphml(io.BytesIO(file.body), force_multigraph=True)
    assert list(back.nodes) == ["https://orcid.org/0000-0001", "W1"]
    assert [key for _, _, key in back.edges(keys=True)] == [
        "https://orcid.org/0000-0001|AUTHORED|W1"]
    work = back.nodes["W1"]
    assert (work["type"], work["label"], work["year"]) == ("Work", '=HYPERLINK("x")', 2020)
    assert back.nodes["https://orcid.org/0000-0001"]["trust_score"] == 1.0  # made uniform
    assert {key: back.graph[key] for key in ("center", "depth", "truncated")} == {
        "center": "https://orcid.org/0000-0001", "depth": 1, "truncated": True}


def test_gexf_reads_back_and_has_gephi_structure() -> None:
    file = export.export(sample(), "gexf")
    assert file.media_type == "application/gexf+xml" and file.filename.endswith(".gexf")
    root = ET.fromstring(file.body)  # noqa: S314 (our own output, not a stranger's)
    assert root.tag == f"{GEXF_NS}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{GEXF_NS}graph")
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    back = nx.read_gexf(io.BytesIO(file.body))
    assert back.nodes["W1"]["label"] == '=HYPERLINK("x")' and back.nodes["W1"]["type"] == "Work"
    ((source, target, data),) = back.edges(data=True)
    assert (source, target) == ("https://orcid.org/0000-0001", "W1")
    assert data["id"] == "https://orcid.org/0000-0001|AUTHORED|W1"
    assert data["label"] == "AUTHORED" and "key" not in data


def test_gexf_keeps_parallel_edges() -> None:
    graph = sample()
    graph["edges"].append({"id": "https://orcid.org/0000-0001|CITES|W1",
                           "source": "https://orcid.org/0000-0001", "target": "W1",
                           "type": "CITES", "properties": {}})
    back = nx.read_gexf(io.BytesIO(export.to_gexf(graph)))
    assert sorted(d["id"] for _, _, d in back.edges(data=True)) == sorted(
        e["id"] for e in graph["edges"])


def test_csv_zip_holds_nodes_and_edges() -> None:
    file = export.export(sample(), "csv")
    assert (file.media_type, file.filename[-4:]) == ("application/zip", ".zip")
    with zipfile.ZipFile(io.BytesIO(file.body)) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        nodes, edges = (archive.read(name) for name in archive.namelist())
    assert nodes.startswith(b"\xef\xbb\xbfid,type,label,hop,")
    rows = export_rows(nodes)
    assert [r["id"] for r in rows] == ["https://orcid.org/0000-0001", "W1"]
    assert rows[1]["label"] == rows[1]["title"] == "'=HYPERLINK(\"x\")"
    assert rows[1]["tags"] == '["a","2020-01-02"]' and rows[0]["property_type"] == ""
    (edge,) = export_rows(edges)
    assert (edge["source"], edge["target"], edge["type"]) == (
        "https://orcid.org/0000-0001", "W1", "AUTHORED")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        export.export(sample(), "xml")


def export_rows(data: bytes) -> list[dict[str, str]]:
    """The rows of one CSV file of the zip."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
