"""Retraction Watch database (the CSV Crossref publishes): notices matched to works by DOI
and PubMed id, kept as RetractionNotice nodes; each work a notice is about shows the notice
they give (`retracted`, `retraction_date`, `retraction_nature`, `retraction_reasons`), a
reinstatement voiding the notices before it."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from neo4j import Driver

from loaders import fields as f
from loaders.graph_rows import GraphRows
from loaders.pipeline import LoadInput, LoadOptions, LoadSummary, run_load
from loaders.reading import Item, open_binary

SOURCE = "retractions"
# The header as Crossref publishes the database (retraction_watch.csv).
COLUMNS = ("Record ID", "Title", "Subject", "Institution", "Journal", "Publisher", "Country",
           "Author", "URLS", "ArticleType", "RetractionDate", "RetractionDOI",
           "RetractionPubMedID", "OriginalPaperDate", "OriginalPaperDOI",
           "OriginalPaperPubMedID", "RetractionNature", "Reason", "Paywalled", "Notes")
# How much a notice weighs against the work's authors; the more severe notice of a work wins.
# A reinstatement (0) adds no notice: it voids the work's notices dated on or before it
# (cypher/load/apply_retractions.cypher).
SEVERITY = {"retraction": 3, "expression of concern": 2, "correction": 1, "reinstatement": 0}
NATURE_NAMES = {"retraction": "Retraction", "expression of concern": "Expression of concern",
                "correction": "Correction", "reinstatement": "Reinstatement"}
NO_ID = frozenset({"", "0", "unavailable", "unknown", "na", "n/a", "none"})
US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
LATIN1_FALLBACK = "peergraph-latin1-fallback"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 read as Windows-1252 (Latin-1 where it has no character)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(_cp1252(byte) for byte in bad), error.end


def _cp1252(byte: int) -> str:
    """One byte as Windows-1252, or as Latin-1 for the five bytes 1252 leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(LATIN1_FALLBACK, _latin1_fallback)


def read_retraction_items(path: Path, after: int = 0) -> Iterator[Item]:
    """Rows of the CSV as records, UTF-8 or Latin-1 (Windows-1252) or a mix, line by line;
    a file whose header is not the database's is one reject."""
    with open_binary(path) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors=LATIN1_FALLBACK,
                                newline="")
        reader = csv.DictReader(text)
        header = tuple(name.strip() for name in reader.fieldnames or ())
        missing = [c for c in ("Record ID", "RetractionDate", "OriginalPaperDOI",
                               "OriginalPaperPubMedID", "RetractionNature") if c not in header]
        if missing:
            yield Item(1, ",".join(header).encode(),
                       error=f"not a Retraction Watch CSV: no column {', '.join(missing)}")
            return
        reader.fieldnames = list(header)
        for row in reader:
            if reader.line_num > after:
                raw = ",".join(v or "" for v in row.values() if isinstance(v, str)).encode()
                yield Item(reader.line_num, raw, record=dict(row))


def parse_date(value: str | None) -> dt.date | None:
    """A notice date as the database writes it (M/D/YYYY H:MM, or ISO); None if empty."""
    text = (value or "").strip()
    if not text:
        return None
    if match := US_DATE.match(text):
        month, day, year = (int(g) for g in match.groups())
    elif match := ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(f"unreadable date {text!r}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"impossible date {text!r}") from None


def parse_doi(value: str | None) -> str | None:
    """The original paper's DOI, normalised; None when the row has none; ValueError if it is
    not a DOI."""
    text = (value or "").strip()
    if text.lower() in NO_ID:
        return None
    doi = f.doi(text)
    if doi is None or not DOI_SHAPE.match(doi):
        raise ValueError(f"not a DOI: {text!r}")
    return doi


def parse_pmid(value: str | None) -> str | None:
    """The PubMed id without leading zeros; None for the database's 0 or empty."""
    text = (value or "").strip()
    if text.lower() in NO_ID:
        return None
    if not text.isdigit():
        raise ValueError(f"not a PubMed id: {text!r}")
    return str(int(text)) if int(text) else None


def split_list(value: str | None) -> list[str]:
    """A `;`-separated field as its items (the Reason field's leading '+' removed)."""
    return [item.strip().lstrip("+").strip() for item in (value or "").split(";")
            if item.strip().lstrip("+").strip()]


def transform(record: dict[str, Any]) -> GraphRows | None:
    """One notice (a reinstatement too) as a retraction row; None (skipped) when it names no
    paper to match."""
    nature_key = (record.get("RetractionNature") or "").strip().lower()
    if nature_key not in SEVERITY:
        raise ValueError(f"unknown RetractionNature {record.get('RetractionNature')!r}")
    record_id = (record.get("Record ID") or "").strip()
    if not record_id:
        raise ValueError("row has no 'Record ID'")
    date = parse_date(record.get("RetractionDate"))
    if date is None:
        raise ValueError("row has no RetractionDate")
    parse_date(record.get("OriginalPaperDate"))  # not kept, but a bad one marks a bad row
    doi = parse_doi(record.get("OriginalPaperDOI"))
    pmid = parse_pmid(record.get("OriginalPaperPubMedID"))
    if doi is None and pmid is None:
        return None
    rows = GraphRows()
    rows.retractions.append({
        "record_id": record_id, "doi": doi, "pmid": pmid, "nature": NATURE_NAMES[nature_key],
        "severity": SEVERITY[nature_key], "date": date,
        "reasons": split_list(record.get("Reason")),
        "notice_doi": _optional_doi(record.get("RetractionDOI"))})
    return rows


def _optional_doi(value: str | None) -> str | None:
    """The notice's own DOI when it has a usable one (it is shown, never matched)."""
    try:
        return parse_doi(value)
    except ValueError:
        return None


def load_retractions(driver: Driver, database: str, path: Path,
                     options: LoadOptions | None = None) -> LoadSummary:
    """Load a Retraction Watch CSV (plain or gzipped) onto the works it names."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not a file")
    # One writer: two batches with notices of one work must not compare with what the
    # work holds at the same time (the database has some 60 000 rows: one is quick).
    options = replace(options or LoadOptions(), writers=1)
    return run_load(driver, database, SOURCE,
                    [LoadInput(path, transform, read_retraction_items)], options)
