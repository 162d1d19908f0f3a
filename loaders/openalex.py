"""OpenAlex: snapshot folders, JSON-Lines files and API pages, both schema generations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver

from loaders import fields as f
from loaders.graph_rows import GraphRows
from loaders.openalex_entities import author_rows, institution_rows, topic_rows, venue_rows
from loaders.openalex_works import work_rows
from loaders.pipeline import LoadInput, LoadOptions, LoadSummary, run_load
from loaders.reading import read_csv_items, read_json_items, read_parquet_items
from loaders.snapshot import resolve

SOURCE = "openalex"
MERGED_KINDS = {"authors": "author_merges", "works": "work_merges",
                "institutions": "institution_merges", "sources": "venue_merges",
                "venues": "venue_merges"}
BUILDERS: dict[str, Callable[[str, dict[str, Any]], GraphRows | None]] = {
    "W": work_rows, "A": author_rows, "I": institution_rows, "S": venue_rows,
    "V": venue_rows, "T": topic_rows, "C": topic_rows,
}


def transform(record: dict[str, Any]) -> GraphRows | None:
    """One OpenAlex record as graph rows, by its id's kind; None for kinds the graph does not
    hold (publishers, funders); ValueError for a record it cannot use."""
    short_id = f.openalex_id(record.get("id"))
    if short_id is None:
        raise ValueError("record has no OpenAlex 'id'")
    builder = BUILDERS.get(short_id[0])
    return builder(short_id, record) if builder else None


def merged_ids_transform(entity: str) -> Callable[[dict[str, Any]], GraphRows | None]:
    """The transform for one `merged_ids/<entity>/*.csv` file (merge_date,id,merge_into_id)."""
    kind = MERGED_KINDS.get(entity)

    def merge_rows(record: dict[str, Any]) -> GraphRows | None:
        if kind is None:
            return None
        old_id, new_id = f.openalex_id(record.get("id")), f.openalex_id(
            record.get("merge_into_id"))
        if old_id is None or new_id is None:
            raise ValueError("merged_ids row needs 'id' and 'merge_into_id' OpenAlex ids")
        rows = GraphRows()
        getattr(rows, kind).append({"old_id": old_id, "new_id": new_id,
                                    "merged_on": record.get("merge_date") or None})
        return rows

    return merge_rows


def discover(path: Path, allow_missing: bool = False) -> list[LoadInput]:
    """The inputs under PATH in any snapshot layout (loaders/snapshot.py), checked against
    its manifest: entity part files in load order, then merged_ids."""
    snapshot = resolve(path, allow_missing)
    if snapshot.layout == "file":
        return [_file_input(path)]
    reader = read_parquet_items if snapshot.layout == "parquet" else read_json_items
    return [LoadInput(p, transform, reader) for p in snapshot.parts] + [
        LoadInput(p, merged_ids_transform(p.parent.name), read_csv_items)
        for p in snapshot.merged_ids]


def _file_input(path: Path) -> LoadInput:
    """One file: a merged_ids CSV, a Parquet part, or JSON Lines / an API page / a record."""
    if ".csv" in path.suffixes:
        return LoadInput(path, merged_ids_transform(path.parent.name), read_csv_items)
    if path.suffix == ".parquet":
        return LoadInput(path, transform, read_parquet_items)
    return LoadInput(path, transform)


def load_openalex(driver: Driver, database: str, path: Path,
                  options: LoadOptions | None = None,
                  allow_missing: bool = False) -> LoadSummary:
    """Load an OpenAlex snapshot (any layout), entity folder or file into the graph."""
    inputs = discover(path, allow_missing)
    if not inputs:
        raise FileNotFoundError(f"no OpenAlex part files under {path}")
    return run_load(driver, database, SOURCE, inputs, options)
