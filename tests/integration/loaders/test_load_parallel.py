"""Two writer transactions at once give the same graph as one: nothing lost, nothing doubled."""

from __future__ import annotations

from pathlib import Path

from loaders_helpers import graph_snapshot
from neo4j import Driver

from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.synthetic import write_synthetic


def test_two_writers_load_the_same_graph_as_one(driver: Driver, settings: Settings,
                                                tmp_path: Path) -> None:
    works = tmp_path / "works.jsonl"
    write_synthetic(works, 1500, seed=11)  # shared authors, institutions and cited works
    graphs = []
    for writers in (1, 2):
        delete_everything(driver, settings.neo4j_database)
        apply_schema(driver, settings.neo4j_database)
        summary = load_openalex(driver, settings.neo4j_database, works, LoadOptions(
            state_dir=tmp_path / f"state{writers}", batch_size=40, writers=writers,
            progress=False))
        assert (summary.status, summary.loaded, summary.rejected) == ("completed", 1500, 0)
        graphs.append(graph_snapshot(driver))
    assert graphs[0] == graphs[1]
