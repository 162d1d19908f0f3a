"""OpenAlex snapshot layouts: which part files a path holds, checked against its manifest.

A path may be the bucket's `data/` folder (2026: `jsonl/` and `parquet/` beside each other),
`data/jsonl/` or `data/parquet/` (one combined `manifest.json`), the legacy `data/<entity>/`
tree (one `manifest` per entity, frozen at 2025-11-04), one entity folder, or one file."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import orjson

from core.errors import InvalidParameter

log = logging.getLogger("peergraph")

# Entity folders in load order: things referenced before the records that reference them.
ENTITY_FOLDERS = ("institutions", "sources", "venues", "topics", "concepts", "authors", "works")
COMBINED_MANIFEST = "manifest.json"  # 2026: one for all entities, per format
ENTITY_MANIFEST = "manifest"  # legacy: one per entity folder
MISSING_NAMED = 10  # missing files named in the error; the rest are counted


@dataclass
class Snapshot:
    """The part files to load, entity by entity in load order, and what the check found."""

    layout: str  # jsonl, parquet, legacy, entity or file
    parts: list[Path]
    merged_ids: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # listed in a manifest, not on disk
    unlisted: list[Path] = field(default_factory=list)  # on disk, not in its manifest


def resolve(path: Path, allow_missing: bool = False) -> Snapshot:
    """The snapshot at `path`; a file its manifest lists but the disk lacks is an error naming
    it (unless `allow_missing`), an unlisted file a warning."""
    if path.is_file():
        return Snapshot("file", [path])
    if not path.is_dir():
        raise FileNotFoundError(f"{path} is neither a file nor a folder")
    root, layout = _root(path)
    folders = [root / name for name in ENTITY_FOLDERS if (root / name).is_dir()]
    snapshot = Snapshot(layout if folders else "entity",
                        [p for folder in folders or [root] for p in _parts(folder)],
                        _merged_ids(path, root))
    listed = _listed(root, folders)
    if listed is not None:
        on_disk = {_key(p) for p in snapshot.parts}
        snapshot.missing = sorted(k for k in listed if k not in on_disk)
        snapshot.unlisted = [p for p in snapshot.parts if _key(p) not in listed]
    _report(path, snapshot, allow_missing)
    return snapshot


def _root(path: Path) -> tuple[Path, str]:
    """The folder holding the entity folders, and its layout (JSON Lines first when the
    bucket's `data/` holds both formats: the same data, and the faster to read here)."""
    for name in ("jsonl", "parquet"):
        if (path / name).is_dir() and not (path / name / ENTITY_MANIFEST).exists():
            return path / name, name
    if (path / COMBINED_MANIFEST).is_file():
        return path, "parquet" if any(path.glob("*/**/*.parquet")) else "jsonl"
    return path, "legacy"


def _parts(folder: Path) -> list[Path]:
    """The part files of an entity folder (updated_date=… partitions), in date order."""
    return sorted(p for p in folder.glob("**/part_*") if p.is_file())


def _merged_ids(path: Path, root: Path) -> list[Path]:
    """The merged_ids CSVs, beside the entity folders or (2026) under the bucket's folder."""
    for folder in (root / "merged_ids", path / "merged_ids", path / "legacy-data" / "merged_ids"):
        if folder.is_dir():
            return sorted(folder.glob("*/*.csv*"))
    return []


def _listed(root: Path, folders: list[Path]) -> set[str] | None:
    """The part files the manifests list (as entity/partition/part keys); None without any."""
    manifests = [root / COMBINED_MANIFEST] if (root / COMBINED_MANIFEST).is_file() else [
        folder / ENTITY_MANIFEST for folder in folders or [root]
        if (folder / ENTITY_MANIFEST).is_file()]
    if not manifests:
        return None
    keys: set[str] = set()
    for manifest in manifests:
        try:
            entries = orjson.loads(manifest.read_bytes())["entries"]
            keys |= {_url_key(entry["url"]) for entry in entries}
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise InvalidParameter(f"{manifest}: not a snapshot manifest ({exc!r}); expected "
                                   '{"entries": [{"url": …}, …]}') from exc
    return keys


def _url_key(url: str) -> str:
    """entity/updated_date=…/part_… of a manifest URL (s3://openalex/data/…), compression
    suffix dropped: a downloaded part may be stored gunzipped."""
    tail = PurePosixPath(url.split("://", 1)[-1]).parts[-3:]
    return "/".join((*tail[:-1], _bare(tail[-1])))


def _key(path: Path) -> str:
    """The same key for a part file on disk."""
    return "/".join((path.parent.parent.name, path.parent.name, _bare(path.name)))


def _bare(name: str) -> str:
    """A part file's name without .gz (parquet keeps its suffix: it is part of the format)."""
    return name[:-3] if name.endswith(".gz") else name


def _report(path: Path, snapshot: Snapshot, allow_missing: bool) -> None:
    """Refuse (or, allowed, warn about) missing files; warn about unlisted ones."""
    if snapshot.missing:
        named = ", ".join(snapshot.missing[:MISSING_NAMED])
        more = len(snapshot.missing) - MISSING_NAMED
        message = (f"{len(snapshot.missing)} part file(s) the manifest lists are missing under "
                   f"{path}: {named}{f' and {more} more' if more > 0 else ''}")
        if not allow_missing:
            raise InvalidParameter(message + "; download them, or pass --allow-missing to load "
                                   "what is there")
        log.warning("%s (loading what is there: --allow-missing)", message)
    for part in snapshot.unlisted:
        log.warning("%s is not in the snapshot's manifest; loading it anyway", part)
