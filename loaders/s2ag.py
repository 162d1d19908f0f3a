"""Semantic Scholar Academic Graph (S2AG) datasets: a release folder, or a release diff.

A release folder holds one folder per dataset, named as S2 names them, each with any number
of part files (JSON Lines, gzipped or not, any file names; READMEs ignored):

    PATH/papers/…  PATH/authors/…  PATH/citations/…  PATH/abstracts/…
    PATH/publication-venues/…

Any subset will do; PATH may also be one dataset folder, or one file inside one. A diff
(`--diff DIR`) is S2's `update_files` and `delete_files` per dataset, downloaded as

    DIR/updates/<dataset>/…   every record upserted by its primary key
    DIR/deletes/<dataset>/…   every record removed by its primary key

updates first, then deletes; an updated paper's S2 byline, fields and venue link are
replaced, not added to; a deleted paper folded into another source's work loses only S2's
part (loaders/work_removal.py). Within a load the order of datasets does not change the
result: a citation or abstract whose paper is not loaded yet makes a stub work (is_stub true)
that the paper's record fills in, and a byline author a reference that the author's record
completes. Records and ids: loaders/s2ag_records.py."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from neo4j import Driver

from loaders.graph_rows import GraphRows
from loaders.pipeline import LoadInput, LoadOptions, LoadSummary, Transform, run_load
from loaders.s2ag_records import SOURCE, UPSERTS, delete_rows, paper_update_rows

# Datasets in load order: what is referenced before what references it (any order works).
DATASETS = ("publication-venues", "authors", "papers", "abstracts", "citations")
SKIPPED_SUFFIXES = (".txt", ".md", ".tmp")  # READMEs, partial downloads
log = logging.getLogger("peergraph")


def part_files(folder: Path) -> list[Path]:
    """A dataset folder's part files, sorted; READMEs and hidden files left out."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and not p.name.upper().startswith("README")
                  and p.suffix.lower() not in SKIPPED_SUFFIXES)


def discover(path: Path) -> list[LoadInput]:
    """The inputs under a release folder, a dataset folder or a file, datasets in order."""
    if path.is_file():
        return [LoadInput(path, _upsert(_dataset_of(path.parent)))]
    if not path.is_dir():
        raise FileNotFoundError(f"{path} is neither a file nor a folder")
    if path.name in DATASETS:
        return [LoadInput(p, _upsert(path.name)) for p in part_files(path)]
    for other in sorted(p.name for p in path.iterdir() if p.is_dir()):
        if other not in DATASETS:  # S2's other datasets (s2orc, tldrs, embeddings …)
            log.warning("%s/%s is not a dataset this loader reads; left out", path, other)
    return [LoadInput(p, _upsert(name)) for name in DATASETS
            for p in part_files(path / name) if (path / name).is_dir()]


def discover_diff(folder: Path) -> list[LoadInput]:
    """A diff folder's inputs: every update file, then every delete file, datasets in order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    updates = [LoadInput(p, paper_update_rows if name == "papers" else _upsert(name))
               for name in DATASETS
               for p in part_files(folder / "updates" / name)
               if (folder / "updates" / name).is_dir()]
    deletes = [LoadInput(p, _delete(name)) for name in DATASETS
               for p in part_files(folder / "deletes" / name)
               if (folder / "deletes" / name).is_dir()]
    return updates + deletes


def _dataset_of(folder: Path) -> str:
    """The dataset a file's folder names; ValueError when it names none."""
    if folder.name not in DATASETS:
        raise FileNotFoundError(f"{folder} is not an S2AG dataset folder (one of "
                                f"{', '.join(DATASETS)})")
    return folder.name


def _upsert(dataset: str) -> Transform:
    return UPSERTS[dataset]


def _delete(dataset: str) -> Transform:
    def removal(record: dict[str, Any]) -> GraphRows | None:
        return delete_rows(dataset, record)

    return removal


def load_s2ag(driver: Driver, database: str, path: Path,
              options: LoadOptions | None = None) -> LoadSummary:
    """Load an S2AG release folder (any subset of the datasets), dataset folder or file."""
    inputs = discover(path)
    if not inputs:
        raise FileNotFoundError(f"no S2AG part files under {path}: expected dataset folders "
                                f"({', '.join(DATASETS)}) holding JSON-Lines files")
    return run_load(driver, database, SOURCE, inputs, options)


def load_s2ag_diff(driver: Driver, database: str, folder: Path,
                   options: LoadOptions | None = None) -> LoadSummary:
    """Apply an S2AG release diff: DIR/updates/<dataset>/… upserted, DIR/deletes/… removed."""
    inputs = discover_diff(folder)
    if not inputs:
        raise FileNotFoundError(f"no S2AG diff files under {folder}: expected "
                                "updates/<dataset>/… and deletes/<dataset>/…")
    return run_load(driver, database, SOURCE, inputs, options)
