"""The works a pass reads, as one table, and the authorship arrays scoring derives from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

Row = dict[str, Any]


@dataclass
class WorkTable:
    """Works sorted by id, with their years, citations, text (or topics), author ids and
    retraction notices."""

    ids: list[str]
    year: np.ndarray  # float, NaN = unknown
    citations: np.ndarray  # float, NaN = not given
    texts: list[str | None]  # None: unchanged work whose stored topics are used instead
    topics: list[list[Row]]  # stored computed topics: [{id, score}]
    authors: list[list[str]]
    notice: np.ndarray  # Retraction Watch notice severity (3, 2, 1; 0 none)
    notice_year: np.ndarray  # float, NaN = no notice or no date
    changed: set[int] = field(default_factory=set)  # rows whose stored topics are replaced
    created: set[int] = field(default_factory=set)  # rows with no stored topic yet


def authorships(works: WorkTable, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(author index, work index) for every authorship whose author is in `index`."""
    pairs = [(index[a], w) for w, names in enumerate(works.authors) for a in names if a in index]
    table = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return table[:, 0], table[:, 1]


def work_sizes(works: WorkTable) -> np.ndarray:
    """How many authors each work has."""
    return np.array([len(a) for a in works.authors], dtype=np.float64)


def merge_tables(x: WorkTable, y: WorkTable) -> WorkTable:
    """The works of both tables, once each, sorted by id."""
    seen = set(x.ids)
    keep = [i for i, work_id in enumerate(y.ids) if work_id not in seen]
    merged = sorted([(x.ids[i], x, i) for i in range(len(x.ids))]
                    + [(y.ids[i], y, i) for i in keep], key=lambda t: t[0])
    return WorkTable(
        ids=[m[0] for m in merged],
        year=np.array([m[1].year[m[2]] for m in merged], dtype=np.float64),
        citations=np.array([m[1].citations[m[2]] for m in merged], dtype=np.float64),
        texts=[m[1].texts[m[2]] for m in merged], topics=[m[1].topics[m[2]] for m in merged],
        authors=[m[1].authors[m[2]] for m in merged],
        notice=np.array([m[1].notice[m[2]] for m in merged], dtype=np.int64),
        notice_year=np.array([m[1].notice_year[m[2]] for m in merged], dtype=np.float64))

