"""The incremental pass: authors changed since the last run, and those whose trust moved."""

from __future__ import annotations

from typing import Any

import numpy as np

from scoring import graph_features, graph_reads, signals
from scoring.author_scores import ScoringInput
from scoring.collaboration import (
    Collaborations,
    collaboration_matrix,
    collaborations,
    meaningful,
    select,
)
from scoring.context import Context
from scoring.graph_features import GraphFeatures
from scoring.graph_reads import TrustInputs
from scoring.pair_writes import write_pair_diff
from scoring.propagation import received_trust
from scoring.staging import score_and_stage
from scoring.topic_writes import stored_topic_matrix, topic_columns, update_topics
from scoring.topics import TopicModel
from scoring.work_table import WorkTable, authorships, merge_tables, work_sizes

# A change of the network signal below this (0.1 point at weight 25) does not rescore anyone.
NETWORK_MOVE = 0.004


def incremental_pass(ctx: Context, since: Any, model: TopicModel | None) -> int:
    """Rescore authors changed since `since` and those whose propagated trust moved."""
    ctx.reporter.phase("finding changes")
    trust = graph_reads.read_trust_inputs(ctx.graph)
    index = {author_id: i for i, author_id in enumerate(trust.ids)}
    changed = changed_authors(ctx, since, index)
    ctx.reporter.phase("reading changed works")
    works = graph_reads.read_works(ctx.graph, sorted(changed), since)
    update_topics(ctx, works, model, refit=False)
    ctx.reporter.phase("collaborations")
    in_changed = np.zeros(len(index), dtype=bool)
    in_changed[[index[a] for a in changed]] = True
    collab = _pairs_touching(meaningful(collaborations(*authorships(works, index),
                                                       works.year)), in_changed)
    stored = graph_reads.read_pairs(ctx.graph, index, sorted(changed))
    write_pair_diff(ctx, stored, collab, trust.ids, np.ones(len(stored), dtype=bool))
    ctx.writer.wait()  # propagation reads the pairs this run wrote
    ctx.check()
    ctx.reporter.phase("propagating trust")
    received = _propagate_if_needed(ctx, trust, index)
    before = signals.network(np.nan_to_num(trust.network_trust))
    after = signals.network(received)
    movers = {trust.ids[i] for i in np.flatnonzero(np.abs(after - before) > NETWORK_MOVE)}
    ctx.reporter.phase("citation figures")
    graph = _graph_features(ctx, index, model)
    movers |= {trust.ids[i] for i in np.flatnonzero(_figures_moved(graph, trust))}
    targets = sorted(changed | movers)
    ctx.stats.update(changed=len(changed), moved=len(movers - changed))
    if not targets:
        return 0
    if movers - changed:
        works = merge_tables(works, graph_reads.read_works(ctx.graph, sorted(movers - changed),
                                                           since))
        update_topics(ctx, works, model, refit=False)
    return _score_targets(ctx, trust, targets, works, model, received, graph)


def _graph_features(ctx: Context, index: dict[str, int],
                    model: TopicModel | None) -> GraphFeatures:
    """The whole graph's citation figures, from the stored works, topics and pairs (read
    after this run's writes), as a full run computes them."""
    table, citing, cited = graph_reads.read_citation_graph(ctx.graph)
    author_idx, work_idx = authorships(table, index)
    pairs = graph_reads.read_pairs(ctx.graph, index)
    close = pairs.shared_works >= 2
    work_topics = stored_topic_matrix(table, topic_columns(model, table))
    return graph_features.compute(author_idx, work_idx, len(index), citing, cited,
                                  (pairs.a[close], pairs.b[close]), work_topics)


def _figures_moved(graph: GraphFeatures, trust: TrustInputs) -> np.ndarray:
    """Authors whose citation figures differ from those their published score used (never
    stored counts as all zero: the figures of an author no work cites)."""
    stored = np.nan_to_num(trust.graph_features)
    return ~np.isclose(graph.vectors(), stored, rtol=0, atol=1e-4).all(axis=1)


def _propagate_if_needed(ctx: Context, trust: TrustInputs,
                         index: dict[str, int]) -> np.ndarray:
    """Propagate over the whole stored graph, unless no pair and no seed changed since the
    published scores: then the stored values are exactly what propagation would give."""
    pairs_changed = any(ctx.stats.get(k, 0) for k in ("pairs_created", "pairs_updated",
                                                      "pairs_deleted"))
    if not pairs_changed and np.array_equal(trust.seed, trust.was_seed):
        ctx.stats["propagation_skipped"] = 1
        return np.nan_to_num(trust.network_trust)
    pairs = graph_reads.read_pairs(ctx.graph, index)  # includes this run's writes
    return received_trust(collaboration_matrix(pairs, len(index)), trust.seed)


def _score_targets(ctx: Context, trust: TrustInputs, targets: list[str],
                   works: WorkTable, model: TopicModel | None, received: np.ndarray,
                   graph: GraphFeatures) -> int:
    """Score the target authors against the stored anomaly features of everyone else."""
    authors, _ = graph_reads.read_authors(ctx.graph, targets)
    index = {a.id: i for i, a in enumerate(authors)}
    all_index = {author_id: i for i, author_id in enumerate(trust.ids)}
    positions = np.array([all_index[a.id] for a in authors], dtype=np.int64)
    author_idx, work_idx = authorships(works, index)
    data = ScoringInput(
        authors, works.ids, works.year, work_sizes(works), works.citations, author_idx,
        work_idx, stored_topic_matrix(works, topic_columns(model, works)),
        received[positions], graph_reads.read_reference_year(ctx.graph),
        trust.anomaly_features, positions, graph.take(positions), works.notice,
        works.notice_year)
    return score_and_stage(ctx, data, dict(zip(trust.ids, trust.score_hash, strict=True)))


def changed_authors(ctx: Context, since: Any, index: dict[str, int]) -> set[str]:
    """Ids of authors whose record, works, claims or follows changed at or after `since`."""
    records = ctx.graph.read("scoring/list_changed_authors", since=since)
    return {r["id"] for r in records if r["id"] in index}


def _pairs_touching(c: Collaborations, authors: np.ndarray) -> Collaborations:
    """The pairs with at least one end in `authors` (a boolean mask over author indexes)."""
    return select(c, authors[c.a] | authors[c.b]) if len(c) else c
