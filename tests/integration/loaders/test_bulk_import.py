"""`peergraph import openalex` (Neo4j's offline importer) and `peergraph load openalex` (the
online loader) give the same graph from the same input (issue 17, item 4): the repo's real
2023 snapshot excerpt (legacy layout, merged_ids) with a later works partition holding the
2022 excerpt's works, records made from them to exercise the merge rules (a current-schema
work, a newer and an older copy of a work, the placeholder author, an author twice in a
byline, a merged-away author, a bad line), and a synthetic slice. Compared label by label and
type by type: counts, property key sets and a checksum of the values; only timestamps
(changed_at) and the LoadRun differ."""

from __future__ import annotations

import ast
import copy
import hashlib
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from loaders_helpers import FIXTURES, VOLATILE
from neo4j import Driver, GraphDatabase

from core.errors import Conflict
from core.graph import Graph
from core.localdb import LocalNeo4j, free_port
from core.settings import Settings
from cypher import query
from loaders.bulk_import import ImportOptions, ImportSummary, import_openalex
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.sync import plan, watermarks
from loaders.synthetic import write_synthetic

SNAPSHOT_2023 = FIXTURES / "openalex-snapshot-2023"
WORKS_2022 = FIXTURES / "openalex-works-2022.jsonl"
MERGED_AWAY = "A3125154712"  # merged into A4317838346 by merged_ids/authors/2023-04-13.csv


def _works_2022() -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in WORKS_2022.read_bytes().splitlines() if line.strip()]


def _variants(works: list[dict[str, Any]]) -> list[bytes]:
    """Records made from the real ones (said so here) for the merge rules, and a bad line."""
    current = copy.deepcopy(works[1])  # the current schema: topics, primary_topic, lists
    topic = {"id": "https://openalex.org/T10102", "display_name": "Scientometrics",
             "score": 0.9991, "field": {"display_name": "Decision Sciences"}}
    current.update(id="https://openalex.org/W9000000001", topics=[topic],
                   primary_topic=topic, updated_date="2024-01-01")
    for authorship in current["authorships"]:
        authorship["raw_affiliation_strings"] = ["Dept. A, \"Quoted\" U", "Line\nbreak Inst"]
    newer = {**works[2], "title": "A newer title, with \"quotes\"", "updated_date": "2030-01-01"}
    older = {**works[2], "title": "An older title", "updated_date": "2001-01-01"}
    placeholder = copy.deepcopy(works[3])
    placeholder["authorships"][0]["author"]["id"] = "https://openalex.org/A9999999999"
    doubled = copy.deepcopy(works[4])
    doubled["authorships"].append(doubled["authorships"][0])  # an author twice in a byline
    merged = copy.deepcopy(works[5])
    merged["authorships"][0]["author"]["id"] = f"https://openalex.org/{MERGED_AWAY}"
    records = [current, newer, older, placeholder, doubled, merged]
    return [orjson.dumps(r) for r in records] + [b'{"id": "https://openalex.org/W1", "title": ']


def _snapshot(tmp_path: Path) -> Path:
    """The 2023 excerpt plus works/updated_date=2099-01-01 (2022 works, variants, synthetic)."""
    root = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT_2023, root)
    folder = root / "works" / "updated_date=2099-01-01"
    folder.mkdir()
    works = _works_2022()
    (folder / "part_000").write_bytes(b"\n".join([*map(orjson.dumps, works),
                                                  *_variants(works)]) + b"\n")
    write_synthetic(folder / "part_001", 300, seed=5)
    return root


def _values(driver: Driver, name: str, group: str) -> dict[str, dict[str, str]]:
    """Per label (or type): each node's id (each edge's ends) with its property keys and
    values as text; timestamps (changed_at) by key only."""
    records, _, _ = driver.execute_query(query(name))
    values: dict[str, dict[str, str]] = defaultdict(dict)
    for record in records:
        kind = ":".join(sorted(record[group])) if group == "labels" else record[group]
        ends = record["id"] if group == "labels" else f"{record['start']}->{record['end']}"
        props = sorted(record["props"].items())
        values[kind][ends] = repr([(k, "…" if k in VOLATILE else repr(v)) for k, v in props])
    return values


def _summary(driver: Driver, name: str, group: str) -> dict[str, tuple[int, str, str]]:
    """Per label (or type): count, property key sets, and a checksum of every value."""
    summary = {}
    for kind, values in _values(driver, name, group).items():
        keys = sorted({repr([k for k, _ in ast.literal_eval(v)]) for v in values.values()})
        text = "\n".join(f"{ends} {props}" for ends, props in sorted(values.items()))
        summary[kind] = (len(values), "; ".join(keys), hashlib.sha256(text.encode()).hexdigest())
    return summary


def _rejects(path: Path | None) -> list[tuple[str, int, str]]:
    assert path is not None
    return [(e["file"], e["line"], e["reason"])
            for e in map(orjson.loads, path.read_bytes().splitlines())]


@pytest.fixture
def local(tmp_path: Path, settings: Settings) -> Iterator[LocalNeo4j]:
    """A second Neo4j home for the import, on its own port; stopped after the test."""
    target = LocalNeo4j(home=tmp_path / "imported", host="127.0.0.1", port=free_port(),
                        password=settings.password(), heap="1g", pagecache="256m",
                        jar=settings.launcher_jar)
    yield target
    target.stop()


def _import(path: Path, local: LocalNeo4j, settings: Settings, tmp_path: Path,
            **extra: Any) -> ImportSummary:
    small = settings.model_copy(update={"import_heap": "512m", "import_off_heap": "1g"})
    options = ImportOptions(state_dir=tmp_path / "import-state", progress=False, **extra)
    return import_openalex(path, local, small, options)


def test_import_gives_the_graph_the_online_loader_gives(
        driver: Driver, settings: Settings, local: LocalNeo4j, tmp_path: Path) -> None:
    snapshot = _snapshot(tmp_path)
    # One writer: the online loader then commits in input order, the order the import follows.
    online = load_openalex(driver, settings.neo4j_database, snapshot,
                           LoadOptions(state_dir=tmp_path / "state", writers=1, progress=False))
    imported = _import(snapshot, local, settings, tmp_path)
    assert online.status == "completed"
    assert (imported.status, imported.loaded, imported.rejected, imported.skipped) == (
        online.status, online.loaded, online.rejected, online.skipped)
    assert _rejects(imported.reject_file) == _rejects(online.reject_file)
    assert imported.report.bad_entries == 0
    seen: set[str] = set()
    with GraphDatabase.driver(local.uri, auth=("neo4j", local.password)) as other:
        for name, group in (("reliability/list_node_values", "labels"),
                            ("reliability/list_relationship_values", "type")):
            expected, actual = _summary(driver, name, group), _summary(other, name, group)
            assert sorted(actual) == sorted(expected)
            for key in expected:  # one label or type at a time, so a failure names it
                assert (key, *actual[key]) == (key, *expected[key])
            seen |= set(expected)
        runs, _, _ = other.execute_query("MATCH (r:LoadRun) RETURN r.status AS status, "
                                         "r.mode AS mode, r.loaded AS loaded")
        # every partition imported is behind the sync watermarks: a sync loads only newer ones
        imported_graph = Graph(other, settings.neo4j_database)
        assert watermarks(imported_graph)["works"] == "2099-01-01"
        assert plan(imported_graph, snapshot).partitions == []
    assert [dict(r) for r in runs] == [{"status": "completed", "mode": "import",
                                        "loaded": online.loaded}]
    # the comparison covered every kind of node and edge the input makes, aliases too
    assert {"Work", "Author", "Institution", "Venue", "Topic", "Alias", "AUTHORED", "CITES",
            "ABOUT", "PUBLISHED_IN", "AFFILIATED_WITH", "ALIAS_OF"} <= seen


def test_a_home_that_holds_a_database_is_refused_unless_replace(
        settings: Settings, local: LocalNeo4j, tmp_path: Path) -> None:
    (local.home / "data" / "databases" / "neo4j").mkdir(parents=True)
    with pytest.raises(Conflict, match="--replace"):
        _import(WORKS_2022, local, settings, tmp_path)
    summary = _import(WORKS_2022, local, settings, tmp_path, replace=True)
    assert summary.status == "completed" and summary.counts["Work"] > 50
