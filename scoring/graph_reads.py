"""The thin layer between the pure scoring functions and Neo4j: batched reads and writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import orjson
from neo4j import Driver, ManagedTransaction, Result, RoutingControl

from cypher import query
from scoring.collaboration import Collaborations
from scoring.diff import score_hash
from scoring.pipeline import AuthorResult
from scoring.topics import TopicModel
from scoring.trust import SCORE_VERSION
from scoring.verification import AuthorFacts

T = TypeVar("T")
Row = dict[str, Any]


@dataclass
class WorkTable:
    """Works sorted by id, with their years, citations, text (or topics) and author ids."""

    ids: list[str]
    year: np.ndarray  # float, NaN = unknown
    citations: np.ndarray  # float, NaN = not given
    texts: list[str | None]  # None: unchanged work whose stored topics are used instead
    topics: list[list[Row]]  # stored computed topics: [{id, score}]
    authors: list[list[str]]
    changed: set[int] = field(default_factory=set)  # rows whose stored topics are replaced
    created: set[int] = field(default_factory=set)  # rows with no stored topic yet


@dataclass
class TrustInputs:
    """Every author (sorted by id) with its seed flag and what the last run stored."""

    ids: list[str]
    seed: np.ndarray  # bool
    network_trust: np.ndarray  # float, NaN = never stored
    anomaly_features: np.ndarray  # (authors, 3), NaN rows = never stored
    score_hash: list[str | None]
    was_seed: np.ndarray  # bool: a seed when the published scores were computed


def _read(driver: Driver, database: str, name: str, consume: Callable[[Result], T],
          **params: Any) -> T:
    """Stream one read query into `consume` inside a read transaction (retried as a whole).

    fetch_size -1: the server streams without waiting for each batch to be asked for, so
    Neo4j produces records while Python decodes them (memory is bounded by the socket).
    """
    def work(tx: ManagedTransaction) -> T:
        return consume(tx.run(query(name), params))

    with driver.session(database=database, default_access_mode="READ",
                        fetch_size=-1) as session:
        return session.execute_read(work)


def read_authors(driver: Driver, database: str, ids: Sequence[str] | None = None
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
        rows = _read(driver, database, "scoring/list_authors", consume)
    else:
        rows = _read(driver, database, "scoring/get_authors", consume, ids=list(ids))
    rows.sort(key=lambda r: r[0].id)
    return [r[0] for r in rows], {r[0].id: r[1] for r in rows}


def read_works(driver: Driver, database: str, author_ids: Sequence[str] | None = None,
               since: dt.datetime | None = None) -> WorkTable:
    """All works with text (full run), or the works of `author_ids` (incremental run)."""
    def consume(result: Result) -> list[tuple[Any, ...]]:
        return [tuple(r.values()) for r in result]

    if author_ids is None:
        rows = _read(driver, database, "scoring/list_works", consume)
    else:
        rows = _read(driver, database, "scoring/get_works_of_authors", consume,
                     ids=list(author_ids), since=since)
    rows.sort(key=lambda r: r[0])
    return WorkTable(
        ids=[r[0] for r in rows],
        year=np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=np.float64),
        citations=np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float64),
        texts=[r[3] for r in rows], topics=[r[4] for r in rows],
        authors=[sorted(set(r[5])) for r in rows])


def read_trust_inputs(driver: Driver, database: str) -> TrustInputs:
    """Every author's seed flag, stored network trust and stored anomaly features."""
    def consume(result: Result) -> list[tuple[Any, ...]]:
        return [tuple(r.values()) for r in result]

    rows = sorted(_read(driver, database, "scoring/list_trust_inputs", consume))
    nan3 = [np.nan, np.nan, np.nan]
    return TrustInputs(
        ids=[r[0] for r in rows], seed=np.array([bool(r[1]) for r in rows], dtype=bool),
        network_trust=np.array([np.nan if r[2] is None else r[2] for r in rows]),
        anomaly_features=np.array([r[3] if r[3] and len(r[3]) == 3 else nan3 for r in rows],
                                  dtype=np.float64).reshape(-1, 3),
        score_hash=[r[4] for r in rows], was_seed=np.array([bool(r[5]) for r in rows]))


def read_pairs(driver: Driver, database: str, index: dict[str, int],
               author_ids: Sequence[str] | None = None) -> Collaborations:
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
        columns = _read(driver, database, "scoring/list_collaborations", consume)
    else:
        columns = _read(driver, database, "scoring/get_author_collaborations", consume,
                        ids=list(author_ids))
    a, b, shared, years, weights = columns
    keep = b >= 0  # both ends must be known authors
    a, b = a[keep].astype(np.int64), b[keep].astype(np.int64)
    years = np.where(years[keep] < 0, np.nan, years[keep])
    return Collaborations(np.minimum(a, b), np.maximum(a, b), shared[keep].astype(np.int64),
                          years, weights[keep])


def read_reference_year(driver: Driver, database: str) -> int:
    """The latest publication year in the graph, not in the future (this year if none)."""
    this_year = dt.datetime.now(dt.UTC).year
    records, _, _ = driver.execute_query(query("scoring/get_reference_year"),
                                         current_year=this_year, database_=database,
                                         routing_=RoutingControl.READ)
    year = records[0]["year"] if records else None
    return int(year) if year is not None else this_year


def read_topic_model(driver: Driver, database: str) -> TopicModel | None:
    """The stored topic model, or None when no full run has stored one."""
    records, _, _ = driver.execute_query(query("scoring/get_topic_model"), database_=database,
                                         routing_=RoutingControl.READ)
    return TopicModel.from_bytes(bytes(records[0]["data"])) if records else None


def chunks(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most `size` rows."""
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def write_batches(driver: Driver, database: str, name: str, rows: Sequence[Row], size: int,
                  progress: Callable[[int], None] | None = None, **params: Any) -> None:
    """Write rows with one `UNWIND $rows` statement (one transaction) per batch."""
    for chunk in chunks(rows, size):
        driver.execute_query(query(name), rows=list(chunk), database_=database, **params)
        if progress:
            progress(len(chunk))


def run_autocommit(driver: Driver, database: str, name: str, **params: Any) -> None:
    """Run a `CALL … IN TRANSACTIONS` statement (it must be an auto-commit transaction)."""
    with driver.session(database=database) as session:
        session.run(query(name), params).consume()


def write_topic_model(driver: Driver, database: str, model: TopicModel, run_id: str,
                      batch: int) -> list[str]:
    """Store the model and upsert its topics; returns the topic ids."""
    names = model.names
    tops = np.argsort(-model.components, axis=1, kind="stable")[:, :10]
    rows: list[Row] = [{"id": f"peergraph:{n}", "name": names[n],
                        "terms": [str(t) for t in model.vocabulary[tops[n]]]}
                       for n in range(len(names))]
    driver.execute_query(query("scoring/merge_topic_model"), data=model.to_bytes(),
                         run_id=run_id, topics=len(rows), database_=database)
    write_batches(driver, database, "scoring/merge_topics", rows, batch)
    return [str(r["id"]) for r in rows]


def score_rows(results: Sequence[AuthorResult]) -> list[Row]:
    """The rows scoring/create_scores stages, one per author, each with its score_hash."""
    rows = [{"author_id": r.id, "value": r.score.value, "band": r.score.band,
             "breakdown": orjson.dumps(r.score.breakdown).decode(),
             "verification_level": r.verification.level,
             "verification_label": r.verification.label,
             "verification_reasons": r.verification.reasons,
             "network_trust": r.network_trust, "anomaly_features": r.anomaly_features}
            for r in results]
    for row in rows:
        row["score_hash"] = score_hash(row, SCORE_VERSION)
    return rows


def stage_scores(driver: Driver, database: str, rows: Sequence[Row], run_id: str,
                 batch: int, progress: Callable[[int], None] | None = None) -> None:
    """Stage rows as pending Scores of the run (invisible to readers until switched).

    One transaction at a time: a SCORED edge locks the first relationship of the author's
    chain, often a collaboration pair whose other end a second transaction would stage.
    """
    write_batches(driver, database, "scoring/create_scores", rows, batch, progress,
                  run_id=run_id, version=SCORE_VERSION)
