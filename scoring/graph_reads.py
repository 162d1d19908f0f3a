"""What a pass reads from the graph: authors, works, trust inputs, pairs and the topic model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from neo4j import Result

from core.graph import Graph
from scoring.collaboration import Collaborations
from scoring.graph_features import FEATURES
from scoring.topics import TopicModel
from scoring.verification import AuthorFacts
from scoring.work_table import WorkTable


@dataclass
class TrustInputs:
    """Every author (sorted by id) with its seed flag and what the last run stored."""

    ids: list[str]
    seed: np.ndarray  # bool
    network_trust: np.ndarray  # float, NaN = never stored
    anomaly_features: np.ndarray  # (authors, 3), NaN rows = never stored
    score_hash: list[str | None]
    was_seed: np.ndarray  # bool: a seed when the published scores were computed
    graph_features: np.ndarray  # (authors, len(graph_features.FEATURES)), NaN rows: none


def read_authors(graph: Graph, ids: Sequence[str] | None = None
                 ) -> tuple[list[AuthorFacts], dict[str, str | None]]:
    """All authors, or those of `ids`, as AuthorFacts sorted by id; and their score_hash."""
    def consume(result: Result) -> list[tuple[AuthorFacts, str | None]]:
        out = []
        for record in result:
            row = {k: v for k, v in record.items() if v is not None}
            stored = row.pop("score_hash", None)
            out.append((AuthorFacts(**row), stored))
        return out

    if ids is None:
        rows = graph.stream("scoring/list_authors", consume)
    else:
        rows = graph.stream("scoring/get_authors", consume, ids=list(ids))
    rows.sort(key=lambda r: r[0].id)
    return [r[0] for r in rows], {r[0].id: r[1] for r in rows}


def read_works(graph: Graph, author_ids: Sequence[str] | None = None,
               since: dt.datetime | None = None) -> WorkTable:
    """All works with text (full run), or the works of `author_ids` (incremental run)."""
    if author_ids is None:
        rows = graph.stream("scoring/list_works", _values)
    else:
        rows = graph.stream("scoring/get_works_of_authors", _values, ids=list(author_ids),
                            since=since)
    rows.sort(key=lambda r: r[0])
    return WorkTable(
        ids=[r[0] for r in rows],
        year=np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=np.float64),
        citations=np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float64),
        texts=[r[3] for r in rows], topics=[r[4] for r in rows],
        authors=[sorted(set(r[5])) for r in rows],
        notice=np.array([r[6] or 0 for r in rows], dtype=np.int64),
        notice_year=np.array([np.nan if r[7] is None else r[7] for r in rows],
                             dtype=np.float64))


def read_trust_inputs(graph: Graph) -> TrustInputs:
    """Every author's seed flag, stored network trust and stored anomaly features."""
    rows = sorted(graph.stream("scoring/list_trust_inputs", _values))
    nan3 = [np.nan, np.nan, np.nan]
    width = len(FEATURES)
    nan_g = [np.nan] * width
    return TrustInputs(
        ids=[r[0] for r in rows], seed=np.array([bool(r[1]) for r in rows], dtype=bool),
        network_trust=np.array([np.nan if r[2] is None else r[2] for r in rows]),
        anomaly_features=np.array([r[3] if r[3] and len(r[3]) == 3 else nan3 for r in rows],
                                  dtype=np.float64).reshape(-1, 3),
        score_hash=[r[4] for r in rows], was_seed=np.array([bool(r[5]) for r in rows]),
        graph_features=np.array([r[6] if r[6] and len(r[6]) == width else nan_g
                                 for r in rows], dtype=np.float64).reshape(-1, width))


def read_pairs(graph: Graph, index: dict[str, int], author_ids: Sequence[str] | None = None
               ) -> Collaborations:
    """Stored collaboration pairs (all, or those of `author_ids`) as index arrays."""
    def consume(result: Result) -> list[np.ndarray]:
        columns: list[list[Any]] = [[], [], [], [], []]
        for left, rights, shared, years, weights in result:
            i = index.get(left)
            if i is None:
                continue
            js = [index.get(b, -1) for b in rights]
            columns[0].append(np.full(len(js), i))
            for column, values in zip(columns[1:], (js, shared, years, weights), strict=True):
                column.append(np.asarray(values, dtype=np.float64))
        return [np.concatenate(c) if c else np.zeros(0) for c in columns]

    if author_ids is None:
        columns = graph.stream("scoring/list_collaborations", consume)
    else:
        columns = graph.stream("scoring/get_author_collaborations", consume,
                               ids=list(author_ids))
    a, b, shared, years, weights = columns
    keep = b >= 0  # both ends must be known authors
    a, b = a[keep].astype(np.int64), b[keep].astype(np.int64)
    years = np.where(years[keep] < 0, np.nan, years[keep])
    return Collaborations(np.minimum(a, b), np.maximum(a, b), shared[keep].astype(np.int64),
                          years, weights[keep])


def read_citations(graph: Graph, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(citing, cited) work indexes (int32) of every citation between works in `index`."""
    return graph.stream("scoring/list_citations",
                        lambda result: _citation_pairs(((r[0], r[1]) for r in result), index))


def _citation_pairs(rows: Iterable[tuple[str, list[str]]], index: dict[str, int]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """(citing, cited) int32 indexes of (work id, cited ids) rows, works outside `index`
    left out."""
    citing: list[int] = []
    cited: list[int] = []
    for work_id, targets in rows:
        i = index.get(work_id)
        if i is None:
            continue
        js = [j for j in (index.get(t) for t in targets) if j is not None]
        citing.extend([i] * len(js))
        cited.extend(js)
    return np.array(citing, dtype=np.int32), np.array(cited, dtype=np.int32)


def read_citation_graph(graph: Graph) -> tuple[WorkTable, np.ndarray, np.ndarray]:
    """Every work with its authors and computed topics (no text), and the (citing, cited)
    indexes of the citations between them: what an incremental run needs to compute the
    whole graph's citation figures as a full run does."""
    rows = graph.stream("scoring/list_citation_graph", _values)
    rows.sort(key=lambda r: r[0])
    table = WorkTable(
        ids=[r[0] for r in rows], year=np.full(len(rows), np.nan),
        citations=np.full(len(rows), np.nan), texts=[None] * len(rows),
        topics=[r[2] for r in rows], authors=[sorted(set(r[1])) for r in rows],
        notice=np.zeros(len(rows), dtype=np.int64), notice_year=np.full(len(rows), np.nan))
    index = {work_id: i for i, work_id in enumerate(table.ids)}
    return table, *_citation_pairs(((r[0], r[3]) for r in rows), index)


def read_reference_year(graph: Graph) -> int:
    """The latest publication year in the graph, not in the future (this year if none)."""
    this_year = dt.datetime.now(dt.UTC).year
    record = graph.read_one("scoring/get_reference_year", current_year=this_year)
    year = record["year"] if record else None
    return int(year) if year is not None else this_year


def read_topic_model(graph: Graph) -> TopicModel | None:
    """The stored topic model, or None when no full run has stored one."""
    record = graph.read_one("scoring/get_topic_model")
    return TopicModel.from_bytes(bytes(record["data"])) if record else None


def _values(result: Result) -> list[tuple[Any, ...]]:
    """Each row's values as a tuple."""
    return [tuple(r.values()) for r in result]
