"""Sync benchmark: one new OpenAlex partition synced into an imported graph, and that graph
against a fresh import of the updated snapshot.

Usage (from the repo root; the temporary folder needs ~4x the snapshot's size):
  .venv/bin/python -m bench.sync [--works 1000000] [--changed 10000] [--tmp DIR]

1. `peergraph import` of N synthetic works (seed 7) in `works/updated_date=2026-01-01/`;
2. a new partition `updated_date=2026-02-01` holding `--changed` works: nine in ten are
   existing works changed as OpenAlex changes them (a new title and count, a topic score, one
   more reference) and moved out of the old partition, as OpenAlex moves a changed record;
   one in ten is new;
3. `peergraph sync openalex` of the updated snapshot into the imported graph (timed: only
   the new partition is behind the import's watermark);
4. `peergraph import` of the updated snapshot into a second home; the two graphs compared
   label by label and type by type: counts, and per property key its count, the total length
   of its strings and lists, the sum of its numbers, and its true booleans
   (bench/cypher/sync/list_*_fingerprints.cypher); then every changed work's own
   properties and edges, exactly."""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
from pydantic import SecretStr

from bench.common import bench_query
from core.db import make_driver
from core.localdb import LocalNeo4j, free_port
from core.settings import Settings
from loaders.bulk_import import ImportOptions, import_openalex
from loaders.pipeline import LoadOptions
from loaders.sync import sync
from loaders.synthetic import Generator

OLD, NEW = "2026-01-01", "2026-02-01"
PARTS = 16


def snapshot(root: Path, works: list[bytes], moved: set[int], partition: list[bytes]) -> Path:
    """A snapshot of the works (but the moved ones) in 16 parts of the old partition, and
    the new partition's works, if any, in one part."""
    old = root / "works" / f"updated_date={OLD}"
    old.mkdir(parents=True)
    kept = [line for n, line in enumerate(works) if n not in moved]
    step = -(-len(kept) // PARTS)
    for number in range(PARTS):
        (old / f"part_{number:03d}").write_bytes(b"".join(kept[number * step:(number + 1) * step]))
    if partition:
        new = root / "works" / f"updated_date={NEW}"
        new.mkdir()
        (new / "part_000").write_bytes(b"".join(partition))
    return root


def changed(line: bytes, number: int, works: int) -> bytes:
    """An existing work as a later release has it: new title and counts, one more citation."""
    work = orjson.loads(line)
    work.update(title=f"{work['title']} (revised)", updated_date=NEW,
                cited_by_count=work["cited_by_count"] + 3)
    work["referenced_works"] = [*work["referenced_works"],
                                f"https://openalex.org/W{9_000_000_000 + (number * 7919) % works}"]
    if work.get("topics"):
        work["topics"][0]["score"] = 0.5
    return orjson.dumps(work) + b"\n"


def new_work(line: bytes, number: int) -> bytes:
    """A work the old snapshot did not have (a copy of one under a new id and DOI)."""
    work = orjson.loads(line)
    work.update(id=f"https://openalex.org/W{9_500_000_000 + number}", updated_date=NEW,
                doi=f"https://doi.org/10.5555/new.{number}")
    return orjson.dumps(work) + b"\n"


def home(root: Path, name: str, password: str, settings: Settings) -> LocalNeo4j:
    return LocalNeo4j(root / name, "127.0.0.1", free_port(), password, settings.local_db_heap,
                      settings.local_db_pagecache, settings.launcher_jar)


def imported(path: Path, local: LocalNeo4j, settings: Settings, state: Path) -> float:
    """Seconds for `peergraph import` of `path` into `local` (left running)."""
    began = time.perf_counter()
    summary = import_openalex(path, local, settings, ImportOptions(state_dir=state,
                                                                   progress=False))
    if summary.status != "completed":
        raise SystemExit(f"the import {summary.status}")
    return time.perf_counter() - began


def online(settings: Settings, local: LocalNeo4j) -> Settings:
    return settings.model_copy(update={"neo4j_uri": local.uri,
                                       "neo4j_password": SecretStr(local.password)})


def fingerprints(settings: Settings) -> dict[str, Any]:
    """Per label and type: count and each property's fingerprint (changed_at left out)."""
    with make_driver(settings) as driver:
        found: dict[str, Any] = {}
        for name in ("sync/list_node_fingerprints", "sync/list_relationship_fingerprints"):
            records, _, _ = driver.execute_query(bench_query(name))
            for r in records:
                found[f"{r['group']}.{r['key']}"] = (r["count"], r["length"], r["total"],
                                                     r["trues"])
        return found


def canonical(value: Any) -> Any:
    """A value with its maps' keys and its lists of maps in one order, for comparing."""
    if isinstance(value, dict):
        return tuple(sorted((k, canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        items = [canonical(v) for v in value]
        return tuple(sorted(items, key=repr)) if any(isinstance(v, dict) for v in value) else (
            tuple(items))
    return value


def changed_rows(settings: Settings, ids: list[str]) -> list[Any]:
    """The changed works' properties and edges, sorted."""
    with make_driver(settings) as driver:
        records, _, _ = driver.execute_query(bench_query("sync/list_work_rows"), ids=ids)
        return sorted((canonical(r.data()) for r in records), key=repr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--changed", type=int, default=10_000)
    parser.add_argument("--tmp", type=Path, default=None)
    args = parser.parse_args()
    password = secrets.token_urlsafe(16)
    settings = Settings(_env_file=None, neo4j_password=password)
    works = [orjson.dumps(w) + b"\n" for w in Generator(args.works, seed=7).works()]
    step = args.works // args.changed
    moved = set(range(0, args.works, step)[: args.changed - args.changed // 10])
    partition = [changed(works[n], n, args.works) for n in sorted(moved)] + [
        new_work(works[n * step + 1], n) for n in range(args.changed // 10)]
    ids = [orjson.loads(line)["id"].rsplit("/", 1)[1] for line in partition]
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        root = Path(tmp)
        old = snapshot(root / "old", works, set(), [])
        updated = snapshot(root / "updated", works, moved, partition)
        del works
        synced, fresh = home(root, "synced", password, settings), home(root, "fresh", password,
                                                                       settings)
        try:
            took = imported(old, synced, settings, root / "state-a")
            print(f"import of {args.works:,} works: {took:.1f}s")
            with make_driver(online(settings, synced)) as driver:
                began = time.perf_counter()
                result = sync(driver, "neo4j", updated, LoadOptions(
                    state_dir=root / "state-sync", progress=False))
                took = time.perf_counter() - began
            loads = [(p.date, s.loaded if s else 0) for p, s in result.loads]
            print(f"sync of one partition ({len(partition):,} works: "
                  f"{len(moved):,} changed, {len(partition) - len(moved):,} new): {took:.1f}s "
                  f"= {len(partition) / took:,.0f} works/s; partitions loaded {loads}; "
                  f"watermarks {result.watermarks}")
            took = imported(updated, fresh, settings, root / "state-b")
            print(f"fresh import of the updated snapshot: {took:.1f}s")
            a, b = fingerprints(online(settings, synced)), fingerprints(online(settings, fresh))
            differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            print(f"fingerprints: {len(a):,} label/type property keys; "
                  f"{'equal' if not differ else 'DIFFER: ' + ', '.join(differ[:20])}")
            for key in differ[:20]:
                print(f"  {key}: synced {a.get(key)} fresh {b.get(key)}")
            rows_a, rows_b = changed_rows(online(settings, synced), ids), changed_rows(
                online(settings, fresh), ids)
            print(f"changed works' rows ({len(rows_a):,}): "
                  f"{'equal' if rows_a == rows_b else 'DIFFER'}")
        finally:
            synced.stop()
            fresh.stop()


if __name__ == "__main__":
    main()
