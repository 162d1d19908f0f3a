"""The full pass: topics refitted, every collaboration and every score recomputed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from scoring import graph_reads
from scoring.author_scores import ScoringInput
from scoring.collaboration import collaboration_matrix, collaborations, meaningful
from scoring.context import Context
from scoring.pair_writes import write_pair_diff
from scoring.propagation import received_trust
from scoring.staging import score_and_stage
from scoring.topic_writes import update_topics
from scoring.topics import fit_topics
from scoring.work_table import authorships, work_sizes


def full_pass(ctx: Context) -> int:
    """Refit topics, recompute every collaboration and every score; returns authors scored."""
    ctx.reporter.phase("reading authors and works")
    with ThreadPoolExecutor(1) as pool:  # two reads at once: Neo4j has two cores
        reading = pool.submit(graph_reads.read_authors, ctx.graph)
        works = graph_reads.read_works(ctx.graph)
        authors, stored_hash = reading.result()
    index = {a.id: i for i, a in enumerate(authors)}
    ctx.check()
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
    data = ScoringInput(authors, works.ids, works.year, work_sizes(works), works.citations,
                        author_idx, work_idx, work_topics, received,
                        graph_reads.read_reference_year(ctx.graph))
    return score_and_stage(ctx, data, stored_hash)
