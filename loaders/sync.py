"""`peergraph sync openalex SNAPSHOT`: keep a loaded graph up to date through the online loader.

Per entity, every `updated_date=` partition newer than the entity's watermark (stored in the
graph), oldest first, then merged_ids. The watermark moves only past partitions that loaded
completely, every file there: a failed or missing part file holds it, so the next sync tries
that partition again; a record lives in one partition only (OpenAlex moves it to the newest
on change), so loading a later partition first changes nothing that a retry would undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver

from core.graph import Graph
from loaders.openalex import SOURCE, merged_ids_transform, transform
from loaders.pipeline import LoadInput, LoadOptions, LoadSummary, run_load
from loaders.reading import read_csv_items, read_json_items, read_parquet_items
from loaders.snapshot import ENTITY_FOLDERS, Snapshot, resolve

PARTITION_PREFIX = "updated_date="


@dataclass
class Partition:
    """One entity's partition: its date, the part files there, and the listed ones missing."""

    entity: str
    date: str
    files: list[Path]
    missing: list[str] = field(default_factory=list)


@dataclass
class SyncPlan:
    """What a sync would load: partitions newer than each watermark, and merged_ids."""

    watermarks: dict[str, str]
    partitions: list[Partition]
    merged_ids: list[Path]
    parquet: bool = False


@dataclass
class SyncResult:
    """What a sync did: each partition's load, and the watermarks before and after."""

    plan: SyncPlan
    loads: list[tuple[Partition, LoadSummary | None]] = field(default_factory=list)
    merged: LoadSummary | None = None
    watermarks: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """True when some partition or the merges did not load completely."""
        return any(s is None or s.status != "completed" for _, s in self.loads) or (
            self.merged is not None and self.merged.status != "completed")


def watermarks(graph: Graph) -> dict[str, str]:
    """The stored watermark of each entity (none yet: absent)."""
    return {row["entity"]: row["watermark"]
            for row in graph.read("load/list_sync_watermarks", source=SOURCE)}


def plan(graph: Graph, path: Path) -> SyncPlan:
    """The partitions newer than their entity's watermark, oldest first, entities in load order."""
    snapshot = resolve(path, allow_missing=True)  # a missing file holds its partition back
    marks = watermarks(graph)
    return SyncPlan(marks, _partitions(snapshot, marks), snapshot.merged_ids,
                    snapshot.layout == "parquet")


def _partitions(snapshot: Snapshot, marks: dict[str, str]) -> list[Partition]:
    """The snapshot's partitions newer than each entity's mark, oldest first, entities in
    load order, each with its part files and its listed files that are missing."""
    by_key: dict[tuple[str, str], Partition] = {}
    for part in snapshot.parts:
        entity, date = part.parent.parent.name, _date(part.parent.name)
        if date and date > marks.get(entity, ""):
            by_key.setdefault((entity, date), Partition(entity, date, [])).files.append(part)
    for key in snapshot.missing:  # entity/updated_date=…/part_…
        entity, folder, _ = key.split("/", 2)
        date = _date(folder)
        if date and date > marks.get(entity, ""):
            by_key.setdefault((entity, date), Partition(entity, date, [])).missing.append(key)
    order = {name: i for i, name in enumerate(ENTITY_FOLDERS)}
    return sorted(by_key.values(), key=lambda p: (order.get(p.entity, 99), p.date))


def mark_imported(graph: Graph, path: Path, run_id: str) -> dict[str, str]:
    """After `peergraph import` of the snapshot at `path`: each entity's watermark at its
    newest partition before any with a missing file, so a sync loads only what is newer."""
    held: set[str] = set()
    for partition in _partitions(resolve(path, allow_missing=True), {}):
        if partition.missing or partition.entity in held:
            held.add(partition.entity)
            continue
        graph.write("load/set_sync_watermark", source=SOURCE, entity=partition.entity,
                    watermark=partition.date, run_id=run_id)
    return watermarks(graph)


def _date(folder: str) -> str | None:
    """YYYY-MM-DD of an `updated_date=` folder name; None for any other folder."""
    return folder[len(PARTITION_PREFIX):] if folder.startswith(PARTITION_PREFIX) else None


def sync(driver: Driver, database: str, path: Path,
         options: LoadOptions | None = None) -> SyncResult:
    """Load every partition the plan names, move each watermark past the complete ones,
    then apply merged_ids."""
    graph = Graph(driver, database)
    result = SyncResult(plan(graph, path))
    reader = read_parquet_items if result.plan.parquet else read_json_items
    held: set[str] = set()  # entities whose watermark stopped at an incomplete partition
    for partition in result.plan.partitions:
        summary = run_load(driver, database, SOURCE,
                           [LoadInput(p, transform, reader) for p in partition.files],
                           options) if partition.files else None
        result.loads.append((partition, summary))
        if summary is None or summary.status != "completed" or partition.missing:
            held.add(partition.entity)
        elif partition.entity not in held:
            graph.write("load/set_sync_watermark", source=SOURCE, entity=partition.entity,
                        watermark=partition.date, run_id=summary.run_id)
    if result.plan.merged_ids:
        result.merged = run_load(driver, database, SOURCE, [
            LoadInput(p, merged_ids_transform(p.parent.name), read_csv_items)
            for p in result.plan.merged_ids], options)
    result.watermarks = watermarks(graph)
    return result
