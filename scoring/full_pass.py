"""The two kinds of pass: full (everything from scratch) and incremental (what changed)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from neo4j import RoutingControl

from cypher import query
from scoring import graph_io, signals
from scoring.collaboration import (
    Collaborations,
    collaboration_matrix,
    collaborations,
    meaningful,
    select,
)
from scoring.context import Context, Reporter, SilentReporter
from scoring.graph_io import WorkTable
from scoring.pipeline import ScoringInput, score_authors
from scoring.propagation import received_trust
from scoring.topics import TopicModel, fit_topics
from scoring.writes import stored_topic_matrix, topic_columns, update_topics, write_pair_diff

__all__ = ["Context", "Reporter", "SilentReporter", "full_pass", "incremental_pass"]

# A change of the network signal below this (0.1 point at weight 25) does not rescore anyone.
NETWORK_MOVE = 0.004


def full_pass(ctx: Context) -> int:
    """Refit topics, recompute every collaboration and every score; returns authors scored."""
    ctx.reporter.phase("reading authors and works")
    with ThreadPoolExecutor(1) as pool:  # two reads at once: Neo4j has two cores
        reading = pool.submit(graph_io.read_authors, ctx.driver, ctx.database)
        works = graph_io.read_works(ctx.driver, ctx.database)
        authors, stored_hash = reading.result()
    index = {a.id: i for i, a in enumerate(authors)}
    ctx.check()
    ctx.reporter.phase("collaborations")  # first: their writes then overlap the topics
    author_idx, work_idx = authorships(works, index)
    collab = meaningful(collaborations(author_idx, work_idx, works.year))
    stored = graph_io.read_pairs(ctx.driver, ctx.database, index)
    write_pair_diff(ctx, stored, collab, [a.id for a in authors],
                    np.ones(len(stored), dtype=bool))
    ctx.check()
    ctx.reporter.phase("fitting topics")
    model = fit_topics([t or "" for t in works.texts])
    ctx.reporter.phase("projecting topics")
    work_topics = update_topics(ctx, works, model, refit=True)
    ctx.check()
    ctx.reporter.phase("propagating trust")
    seeds = np.array([a.claimed and a.identity_verified for a in authors], dtype=bool)
    received = received_trust(collaboration_matrix(collab, len(authors)), seeds)
    data = ScoringInput(authors, works.ids, works.year, work_sizes(works), works.citations,
                        author_idx, work_idx, work_topics, received,
                        graph_io.read_reference_year(ctx.driver, ctx.database))
    return score_and_stage(ctx, data, stored_hash)


def incremental_pass(ctx: Context, since: Any, model: TopicModel | None) -> int:
    """Rescore authors changed since `since` and those whose propagated trust moved."""
    ctx.reporter.phase("finding changes")
    trust = graph_io.read_trust_inputs(ctx.driver, ctx.database)
    index = {author_id: i for i, author_id in enumerate(trust.ids)}
    changed = changed_authors(ctx, since, index)
    ctx.reporter.phase("reading changed works")
    works = graph_io.read_works(ctx.driver, ctx.database, sorted(changed), since)
    update_topics(ctx, works, model, refit=False)
    ctx.reporter.phase("collaborations")
    in_changed = np.zeros(len(index), dtype=bool)
    in_changed[[index[a] for a in changed]] = True
    collab = _pairs_touching(meaningful(collaborations(*authorships(works, index),
                                                       works.year)), in_changed)
    stored = graph_io.read_pairs(ctx.driver, ctx.database, index, sorted(changed))
    write_pair_diff(ctx, stored, collab, trust.ids, np.ones(len(stored), dtype=bool))
    ctx.writer.wait()  # propagation reads the pairs this run wrote
    ctx.check()
    ctx.reporter.phase("propagating trust")
    received = _propagate_if_needed(ctx, trust, index)
    before = signals.network(np.nan_to_num(trust.network_trust))
    after = signals.network(received)
    movers = {trust.ids[i] for i in np.flatnonzero(np.abs(after - before) > NETWORK_MOVE)}
    targets = sorted(changed | movers)
    ctx.stats.update(changed=len(changed), moved=len(movers - changed))
    if not targets:
        return 0
    if movers - changed:
        works = merge_tables(works, graph_io.read_works(ctx.driver, ctx.database,
                                                        sorted(movers - changed), since))
        update_topics(ctx, works, model, refit=False)
    return _score_targets(ctx, trust, targets, works, model, received)


def _propagate_if_needed(ctx: Context, trust: graph_io.TrustInputs,
                         index: dict[str, int]) -> np.ndarray:
    """Propagate over the whole stored graph, unless no pair and no seed changed since the
    published scores: then the stored values are exactly what propagation would give."""
    pairs_changed = any(ctx.stats.get(k, 0) for k in ("pairs_created", "pairs_updated",
                                                      "pairs_deleted"))
    if not pairs_changed and np.array_equal(trust.seed, trust.was_seed):
        ctx.stats["propagation_skipped"] = 1
        return np.nan_to_num(trust.network_trust)
    pairs = graph_io.read_pairs(ctx.driver, ctx.database, index)  # includes this run's writes
    return received_trust(collaboration_matrix(pairs, len(index)), trust.seed)


def _score_targets(ctx: Context, trust: graph_io.TrustInputs, targets: list[str],
                   works: WorkTable, model: TopicModel | None, received: np.ndarray) -> int:
    """Score the target authors against the stored anomaly features of everyone else."""
    authors, _ = graph_io.read_authors(ctx.driver, ctx.database, targets)
    index = {a.id: i for i, a in enumerate(authors)}
    all_index = {author_id: i for i, author_id in enumerate(trust.ids)}
    positions = np.array([all_index[a.id] for a in authors], dtype=np.int64)
    author_idx, work_idx = authorships(works, index)
    data = ScoringInput(
        authors, works.ids, works.year, work_sizes(works), works.citations, author_idx,
        work_idx, stored_topic_matrix(works, topic_columns(model, works)),
        received[positions], graph_io.read_reference_year(ctx.driver, ctx.database),
        trust.anomaly_features, positions)
    return score_and_stage(ctx, data, dict(zip(trust.ids, trust.score_hash, strict=True)))


def score_and_stage(ctx: Context, data: ScoringInput, stored_hash: dict[str, Any]) -> int:
    """Score, then stage the scores that differ from what readers see now."""
    ctx.reporter.phase("scoring authors")
    results = score_authors(data)
    rows = [r for r in graph_io.score_rows(results)
            if stored_hash.get(r["author_id"]) != r["score_hash"]]
    ctx.reporter.phase("writing topics and pairs")
    ctx.writer.wait()  # staging locks authors, which the pair writes lock too
    ctx.check()
    ctx.reporter.phase("staging scores", len(rows))
    graph_io.stage_scores(ctx.driver, ctx.database, rows, ctx.run_id, ctx.batch,
                          ctx.reporter.advance)
    ctx.stats["scores_changed"] = len(rows)
    return len(results)


def changed_authors(ctx: Context, since: Any, index: dict[str, int]) -> set[str]:
    """Ids of authors whose record, works, claims or follows changed at or after `since`."""
    records, _, _ = ctx.driver.execute_query(query("scoring/list_changed_authors"), since=since,
                                             database_=ctx.database,
                                             routing_=RoutingControl.READ)
    return {r["id"] for r in records if r["id"] in index}


def authorships(works: WorkTable, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(author index, work index) for every authorship whose author is in `index`."""
    pairs = [(index[a], w) for w, names in enumerate(works.authors) for a in names if a in index]
    table = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return table[:, 0], table[:, 1]


def work_sizes(works: WorkTable) -> np.ndarray:
    """How many authors each work has."""
    return np.array([len(a) for a in works.authors], dtype=np.float64)


def _pairs_touching(c: Collaborations, authors: np.ndarray) -> Collaborations:
    """The pairs with at least one end in `authors` (a boolean mask over author indexes)."""
    return select(c, authors[c.a] | authors[c.b]) if len(c) else c


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
        authors=[m[1].authors[m[2]] for m in merged])

