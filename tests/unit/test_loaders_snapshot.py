"""Snapshot layouts (loaders/snapshot.py): the legacy tree, the 2026 data/jsonl/ layout with
its combined manifest.json, one entity folder, one file; the manifest check, on copies of the
repo's real 2023 excerpt laid out each way."""

from __future__ import annotations

import gzip
import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from core.errors import InvalidParameter
from loaders.graph_rows import GraphRows
from loaders.openalex import discover
from loaders.reading import Item, read_json_items
from loaders.snapshot import resolve

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"
EXCERPT = FIXTURES / "openalex-snapshot-2023"
ENTITIES = ("institutions", "sources", "concepts", "authors", "works")


def _relative(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def _layout_2026(tmp_path: Path, listed: list[str] | None = None) -> Path:
    """data/jsonl/<entity>/updated_date=…/part_0000.gz and one manifest.json, as in 2026."""
    jsonl = tmp_path / "data" / "jsonl"
    keys = []
    for entity in ENTITIES:
        for part in sorted((EXCERPT / entity).glob("*/part_*")):
            target = jsonl / entity / part.parent.name / "part_0000.gz"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(gzip.compress(part.read_bytes()))
            keys.append(f"{entity}/{part.parent.name}/part_0000.gz")
    shutil.copytree(EXCERPT / "merged_ids", tmp_path / "data" / "legacy-data" / "merged_ids")
    entries = [{"url": f"s3://openalex/data/jsonl/{key}", "meta": {"content_length": 1}}
               for key in (keys if listed is None else listed)]
    (jsonl / "manifest.json").write_bytes(orjson.dumps({"entries": entries}))
    return tmp_path / "data"


def test_the_legacy_tree_loads_in_entity_order() -> None:
    snapshot = resolve(EXCERPT)
    assert snapshot.layout == "legacy" and not snapshot.missing
    folders = [p.relative_to(EXCERPT).parts[0] for p in snapshot.parts]
    assert folders == list(ENTITIES)
    assert len(snapshot.merged_ids) == 2


def test_the_2026_layout_from_the_bucket_folder_or_its_jsonl_folder(tmp_path: Path) -> None:
    data = _layout_2026(tmp_path)
    legacy = [p.parent.parent.name for p in resolve(EXCERPT).parts]
    for path in (data, data / "jsonl"):
        snapshot = resolve(path)
        assert snapshot.layout == "jsonl" and not snapshot.missing and not snapshot.unlisted
        assert [p.parent.parent.name for p in snapshot.parts] == legacy
    assert len(resolve(data).merged_ids) == 2  # from legacy-data/, where 2026 keeps them
    inputs = discover(data)
    assert [i.path.parent.parent.name for i in inputs][-2:] == ["merged_ids", "merged_ids"]


def test_a_listed_file_that_is_missing_is_named(tmp_path: Path) -> None:
    data = _layout_2026(tmp_path, listed=None)
    manifest = data / "jsonl" / "manifest.json"
    entries = orjson.loads(manifest.read_bytes())["entries"]
    gone = "s3://openalex/data/jsonl/works/updated_date=2026-06-24/part_0003.gz"
    manifest.write_bytes(orjson.dumps({"entries": [*entries, {"url": gone}]}))
    with pytest.raises(InvalidParameter) as refused:
        resolve(data)
    assert "works/updated_date=2026-06-24/part_0003" in refused.value.detail
    assert "--allow-missing" in refused.value.detail
    allowed = resolve(data, allow_missing=True)
    assert allowed.missing == ["works/updated_date=2026-06-24/part_0003"]
    assert len(allowed.parts) == len(resolve(EXCERPT).parts)


def test_an_unlisted_file_is_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = _layout_2026(tmp_path, listed=[])
    with caplog.at_level(logging.WARNING, logger="peergraph"):
        snapshot = resolve(data)
    assert len(snapshot.unlisted) == len(snapshot.parts) > 0
    assert "is not in the snapshot's manifest" in caplog.text


def test_the_real_legacy_manifest_names_what_the_excerpt_lacks(tmp_path: Path) -> None:
    works = tmp_path / "works"
    shutil.copytree(EXCERPT / "works", works)
    shutil.copy(FIXTURES / "openalex-works-manifest-2023", works / "manifest")
    with pytest.raises(InvalidParameter) as refused:
        resolve(works)
    listed = len(orjson.loads((works / "manifest").read_bytes())["entries"])
    # one of them here, stored gunzipped: part_000 matches the listed part_000.gz
    assert refused.value.detail.startswith(
        f"{listed - 1} part file(s) the manifest lists are missing")
    assert f"and {listed - 11} more" in refused.value.detail
    snapshot = resolve(works, allow_missing=True)
    assert snapshot.layout == "entity" and len(snapshot.parts) == 1 and not snapshot.unlisted


def _parquet_copy(tmp_path: Path) -> Path:
    """data/parquet/<entity>/…/part_0000.parquet written by pyarrow from the excerpt's records."""
    root = tmp_path / "data" / "parquet"
    for entity in ENTITIES:
        for part in sorted((EXCERPT / entity).glob("*/part_*")):
            records = [item.record for item in read_json_items(part)]
            target = root / entity / part.parent.name / "part_0000.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist(records), target)
    (root / "manifest.json").write_bytes(orjson.dumps({"entries": [
        {"url": f"s3://openalex/data/parquet/{p.relative_to(root).as_posix()}"}
        for p in root.glob("*/*/part_*")]}))
    return tmp_path / "data"


def test_the_parquet_copy_gives_the_same_graph_rows(tmp_path: Path) -> None:
    data = _parquet_copy(tmp_path)
    snapshot = resolve(data)
    assert snapshot.layout == "parquet" and not snapshot.missing and not snapshot.unlisted
    from_parquet = [row for i in discover(data) if i.path.suffix == ".parquet"
                    for row in _rows(i.reader(i.path), i.transform)]
    from_jsonl = [row for i in discover(EXCERPT) if "merged_ids" not in i.path.parts
                  for row in _rows(i.reader(i.path), i.transform)]
    assert from_parquet == from_jsonl and from_jsonl


def _rows(items: Iterator[Item], transform: Callable[..., GraphRows | None]) -> list[str]:
    """Each record's graph rows, as comparable text."""
    return [repr(transform(item.record)) for item in items if item.record is not None]


def test_a_single_file_is_one_input() -> None:
    part = next((EXCERPT / "works").glob("*/part_*"))
    assert resolve(part).parts == [part]


def test_a_manifest_that_is_not_one_says_so(tmp_path: Path) -> None:
    data = _layout_2026(tmp_path)
    (data / "jsonl" / "manifest.json").write_bytes(b"[1, 2]")
    with pytest.raises(InvalidParameter, match="not a snapshot manifest"):
        resolve(data)
