"""The full pass: topics refitted, every collaboration and every score recomputed."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from scoring import graph_features, graph_reads
from scoring.author_scores import ScoringInput
from scoring.collaboration import collaboration_matrix, collaborations, meaningful
from scoring.context import Context
from scoring.pair_writes import write_pair_diff
from scoring.propagation import received_trust
from scoring.staging import score_and_stage
from scoring.topic_writes import update_topics
from scoring.topics import fit_topics
from scoring.verification import AuthorFacts
from scoring.work_table import WorkTable, authorships, work_sizes


def full_pass(ctx: Context) -> int:
    """Refit topics, recompute every collaboration and every score; returns authors scored."""
    ctx.reporter.phase("reading authors and works")
    with ThreadPoolExecutor(1) as pool:  # two reads at once: Neo4j has two cores
        reading = pool.submit(graph_reads.read_authors, ctx.graph)
        works = graph_reads.read_works(ctx.graph)
        authors, stored_hash = reading.result()
    index = {a.id: i for i, a in enumerate(authors)}
    ctx.check()
    with ThreadPoolExecutor(1) as pool:  # citations read while the pairs are computed
        citing = pool.submit(graph_reads.read_citations, ctx.graph,
                             {w: i for i, w in enumerate(works.ids)})
        return _after_reads(ctx, authors, stored_hash, works, index, citing.result)


def _after_reads(ctx: Context, authors: list[AuthorFacts], stored_hash: dict[str, str | None],
                 works: WorkTable, index: dict[str, int],
                 citations: Callable[[], tuple[np.ndarray, np.ndarray]]) -> int:
    """Pairs, topics, propagation and the graph's citation figures, then scores."""
    ctx.reporter.phase("collaborations")  # first: their writes then overlap the topics
    author_idx, work_idx = authorships(works, index)
    collab = meaningful(collaborations(author_idx, work_idx, works.year))
    stored = graph_reads.read_pairs(ctx.graph, index)
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
    ctx.reporter.phase("citation figures")
    close = collab.shared_works >= 2
    graph = graph_features.compute(author_idx, work_idx, len(authors), *citations(),
                                   (collab.a[close], collab.b[close]), work_topics)
    data = ScoringInput(authors, works.ids, works.year, work_sizes(works), works.citations,
                        author_idx, work_idx, work_topics, received,
                        graph_reads.read_reference_year(ctx.graph), graph=graph,
                        work_notice=works.notice, work_notice_year=works.notice_year)
    return score_and_stage(ctx, data, stored_hash)
