"""arXiv metadata snapshot (JSON Lines): works by arXiv id, name-only authors, categories."""

from __future__ import annotations

import re
import unicodedata
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from neo4j import Driver

from core.names import name_key
from loaders import fields as f
from loaders.graph_rows import GraphRows, node_row
from loaders.pipeline import LoadInput, LoadOptions, LoadSummary, run_load
from loaders.text import clean_text

SOURCE = "arxiv"
VENUE_ID, VENUE_NAME = "venue:arxiv", "arXiv"
# LaTeX accent commands in names (Bal\'azs) -> Unicode combining marks.
ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
           "=": "\u0304", ".": "\u0307", "c": "\u0327", "v": "\u030c", "H": "\u030b",
           "u": "\u0306", "r": "\u030a", "k": "\u0328"}
LETTERS = {"o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ss": "ß", "aa": "å", "AA": "Å",
           "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "i": "\u0131", "j": "\u0237"}
ACCENT = re.compile(r"\\([`'^\"~=.]|[cvHurk](?![a-zA-Z]))\s*\{?\s*(\\?[A-Za-z])\}?")
VERSION = re.compile(r"v\d+$")
LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|[oOlLij])(?![a-zA-Z])\s?")


def detex(name: str) -> str:
    """Plain Unicode from a LaTeX-escaped name: C. Bal\\'azs -> C. Balázs."""
    name = LETTER.sub(lambda m: LETTERS[m.group(1)], name)
    name = ACCENT.sub(lambda m: m.group(2).lstrip("\\") + ACCENTS[m.group(1)], name)
    name = name.replace("{", "").replace("}", "").replace("~", " ")
    return unicodedata.normalize("NFC", " ".join(name.split()))


def author_names(record: dict[str, Any]) -> list[str]:
    """Display names from authors_parsed ([last, first, suffix]), in byline order."""
    parsed = record.get("authors_parsed")
    if parsed is None:
        return []
    if not isinstance(parsed, list) or not all(isinstance(p, list) for p in parsed):
        raise ValueError("field 'authors_parsed' must be a list of [last, first, suffix]")
    names = []
    for parts in parsed:
        last, first, suffix = ([str(p) for p in parts] + ["", "", ""])[:3]
        names.append(detex(" ".join(p for p in (first, last, suffix) if p.strip())))
    return [n for n in names if n]


def first_version_year(record: dict[str, Any]) -> int | None:
    """The year of v1 (the first submission), from versions[0].created."""
    versions = f.items(record, "versions")
    created = f.text(versions[0], "created") if versions else None
    try:
        return parsedate_to_datetime(created).year if created else None
    except (TypeError, ValueError):
        return None


def _unversioned(arxiv_id: str) -> str:
    """The arXiv id without a version suffix (2101.00001v2 -> 2101.00001), as others cite it."""
    return VERSION.sub("", arxiv_id)


def transform(record: dict[str, Any]) -> GraphRows:
    """One arXiv metadata record as a work, its name-only authors and its categories."""
    arxiv_id = f.text(record, "id")
    if arxiv_id is None:
        raise ValueError("record has no arXiv 'id'")
    arxiv_id = _unversioned(arxiv_id)
    work_id = f"arxiv:{arxiv_id}"
    rows = GraphRows()
    rows.works.append(node_row(
        work_id, title=clean_text(f.text(record, "title")),
        abstract=clean_text(f.text(record, "abstract")),
        year=first_version_year(record), type="preprint",
        doi=f.doi((f.text(record, "doi") or "").split(" ")[0]),
        journal_ref=f.text(record, "journal-ref"), updated_date=f.text(record, "update_date"),
        arxiv_id=arxiv_id, source=SOURCE, sources=[SOURCE]))
    for position, name in enumerate(author_names(record)):
        # arXiv has no author ids: a name-only identity, never merged with a strong one.
        author_id = f"arxiv-name:{name_key(name)}"
        rows.author_refs.append(node_row(author_id, name=name, source=SOURCE, identity="name"))
        rows.authorships.append({"author_id": author_id, "work_id": work_id,
                                 "position": position, "raw_affiliation": None})
    categories = (f.text(record, "categories") or "").split()
    for rank, category in enumerate(dict.fromkeys(categories)):
        topic_id = f"arxiv:{category}"
        rows.topic_refs.append(node_row(topic_id, name=category, kind="category",
                                        source=SOURCE))
        rows.about.append({"work_id": work_id, "topic_id": topic_id, "score": 1.0,
                           "source": SOURCE, "primary": rank == 0})
    rows.venue_refs.append(node_row(VENUE_ID, name=VENUE_NAME, type="repository"))
    rows.published_in.append({"work_id": work_id, "venue_id": VENUE_ID})
    return rows


def load_arxiv(driver: Driver, database: str, path: Path,
               options: LoadOptions | None = None) -> LoadSummary:
    """Load an arXiv metadata JSON-Lines file (plain or gzipped)."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not a file")
    return run_load(driver, database, SOURCE, [LoadInput(path, transform)], options)
