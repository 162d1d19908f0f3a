"""The bundled sample (researcher0, four collaborators, 89 works): extract, transform, load."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from neo4j import Driver

from loaders import fields as f
from loaders.graph_rows import GraphRows, node_row
from loaders.pipeline import LoadInput, LoadOptions, LoadSummary, run_load
from loaders.text import clean_text

SAMPLE_SOURCE = "sample"


def sample_path() -> Path:
    """Where the committed sample dataset is (inside the installed package)."""
    return Path(str(resources.files("loaders").joinpath("sample_data", "sample.jsonl")))


def venue_id(name: str) -> str:
    """A venue id from a venue name, e.g. 'arXiv' -> 'venue:arxiv'."""
    return "venue:" + "-".join(name.lower().split())


def transform(record: dict[str, Any]) -> GraphRows:
    """One sample record as graph rows; raises ValueError for a record it cannot use."""
    kind, record_id = record.get("kind"), record.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise ValueError("record has no string 'id'")
    rows = GraphRows()
    if kind == "author":
        rows.authors.append(node_row(
            record_id, name=record.get("name") or record_id, claimed=record.get("claimed"),
            record_source=record.get("record_source"), source=SAMPLE_SOURCE, identity="record"))
    elif kind == "work":
        _work_rows(record_id, record, rows)
    else:
        raise ValueError(f"unknown kind {kind!r} (expected 'author' or 'work')")
    return rows


def _work_rows(work_id: str, record: dict[str, Any], rows: GraphRows) -> None:
    """A work, its authorships in page order, and its venue."""
    authors = record.get("authors")
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise ValueError("work 'authors' must be a list of author ids")
    rows.works.append(node_row(
        work_id, title=clean_text(f.text(record, "title")),
        title_derived=record.get("title_derived"),
        abstract=clean_text(f.text(record, "abstract")), year=record.get("year"),
        type=record.get("type"),
        source=SAMPLE_SOURCE))
    rows.authorships += [{"author_id": a, "work_id": work_id, "position": i,
                          "raw_affiliation": None} for i, a in enumerate(authors)]
    if venue := record.get("venue"):
        rows.venues.append(node_row(venue_id(venue), name=venue))
        rows.published_in.append({"work_id": work_id, "venue_id": venue_id(venue)})


def load_sample_run(driver: Driver, database: str = "neo4j", path: Path | None = None,
                    options: LoadOptions | None = None) -> LoadSummary:
    """Load the sample through the common pipeline (rejects, checkpoints, LoadRun)."""
    inputs = [LoadInput(path or sample_path(), transform)]
    return run_load(driver, database, SAMPLE_SOURCE, inputs, options or LoadOptions(progress=False))


def load_sample(
    driver: Driver, database: str = "neo4j", path: Path | None = None
) -> dict[str, int]:
    """Load the sample; returns changed counts per kind; raises when the load did not finish."""
    summary = load_sample_run(driver, database, path)
    if summary.status != "completed":
        raise RuntimeError(f"sample load {summary.status}: {summary.error or 'interrupted'}")
    return summary.changed
