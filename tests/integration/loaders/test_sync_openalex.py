"""`peergraph sync openalex` over copies of the repo's real 2023 excerpt (legacy layout) and
a later partition made from the 2022 excerpt's works: what loads, where the watermarks
stand, and that a missing part file holds its partition back until it is there."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
from loaders_helpers import FIXTURES, count, graph_snapshot
from neo4j import Driver

from core.graph import Graph
from core.settings import Settings
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.sync import plan, sync

SNAPSHOT_2023 = FIXTURES / "openalex-snapshot-2023"
WORKS_2022 = FIXTURES / "openalex-works-2022.jsonl"
NEW_DATE = "2026-06-24"


def _options(tmp_path: Path) -> LoadOptions:
    return LoadOptions(state_dir=tmp_path / "state", batch_size=7, progress=False)


def _snapshot(tmp_path: Path) -> Path:
    """A copy of the 2023 excerpt to add partitions to."""
    root = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT_2023, root)
    return root


def _new_partition(root: Path, parts: int) -> list[Path]:
    """works/updated_date=NEW_DATE with the 2022 excerpt's 50 works split over `parts` files."""
    lines = [line for line in WORKS_2022.read_bytes().split(b"\n") if line.strip()]
    folder = root / "works" / f"updated_date={NEW_DATE}"
    folder.mkdir(parents=True)
    written = []
    for i in range(parts):
        part = folder / f"part_{i:03d}"
        part.write_bytes(b"\n".join(lines[i::parts]) + b"\n")
        written.append(part)
    return written


def _manifest(root: Path) -> None:
    """A legacy works manifest listing every works part file there."""
    keys = [p.relative_to(root).as_posix() for p in sorted((root / "works").glob("*/part_*"))]
    entries = [{"url": f"s3://openalex/data/{key}.gz"} for key in keys]
    (root / "works" / "manifest").write_bytes(orjson.dumps({"entries": entries}))


def test_a_first_sync_loads_everything_and_sets_the_watermarks(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    root = _snapshot(tmp_path)
    result = sync(driver, settings.neo4j_database, root, _options(tmp_path))
    assert not result.failed and result.plan.watermarks == {}
    expected = {folder.name: part.parent.name.removeprefix("updated_date=")
                for folder in SNAPSHOT_2023.iterdir() if folder.name != "merged_ids"
                for part in sorted(folder.glob("*/part_*"))}
    assert result.watermarks == expected
    assert count(driver, "MATCH (w:Work) WHERE NOT w.is_stub RETURN count(w)") == 27
    again = plan(Graph(driver, settings.neo4j_database), root)
    assert again.partitions == []  # up to date


def test_a_new_partition_loads_and_the_graph_equals_a_fresh_load(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    root = _snapshot(tmp_path)
    sync(driver, settings.neo4j_database, root, _options(tmp_path))
    _new_partition(root, parts=2)
    planned = plan(Graph(driver, settings.neo4j_database), root)
    assert [(p.entity, p.date, len(p.files)) for p in planned.partitions] == [
        ("works", NEW_DATE, 2)]
    result = sync(driver, settings.neo4j_database, root, _options(tmp_path))
    assert not result.failed and result.watermarks["works"] == NEW_DATE
    assert result.loads[0][1] is not None and result.loads[0][1].loaded == 50
    driver.execute_query("MATCH (s:SyncState) DELETE s")  # the sync's own bookkeeping
    synced = graph_snapshot(driver)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    load_openalex(driver, settings.neo4j_database, root, _options(tmp_path))
    assert graph_snapshot(driver) == synced


def test_a_missing_part_file_holds_the_watermark_until_it_is_there(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    root = _snapshot(tmp_path)
    sync(driver, settings.neo4j_database, root, _options(tmp_path))
    before = plan(Graph(driver, settings.neo4j_database), root).watermarks["works"]
    _, late = _new_partition(root, parts=2)
    _manifest(root)
    held = late.read_bytes()
    late.unlink()  # listed in the manifest, not downloaded (yet)
    result = sync(driver, settings.neo4j_database, root, _options(tmp_path))
    partition, summary = result.loads[0]
    assert partition.missing == [f"works/updated_date={NEW_DATE}/{late.name}"]
    assert summary is not None and summary.loaded == 25  # what is there goes in
    assert result.failed is False and result.watermarks["works"] == before  # held back
    retry = plan(Graph(driver, settings.neo4j_database), root)
    assert [(p.date, p.missing) for p in retry.partitions] == [(NEW_DATE, partition.missing)]
    late.write_bytes(held)
    done = sync(driver, settings.neo4j_database, root, _options(tmp_path))
    assert done.watermarks["works"] == NEW_DATE
    assert count(driver, "MATCH (w:Work) WHERE NOT coalesce(w.is_stub, false) "
                         "RETURN count(w)") == 27 + 50
