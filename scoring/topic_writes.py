"""Computed topics written back: the model, its topics, and the works' changed ABOUT edges."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import scipy.sparse as sp

from scoring.context import Context
from scoring.diff import topics_differ
from scoring.topics import TopicModel, about_edges, topic_shares
from scoring.work_table import Row, WorkTable

TOPIC_CHUNK = 20_000  # works projected onto the topics at a time (bounds memory)


def update_topics(ctx: Context, works: WorkTable, model: TopicModel | None, refit: bool
                  ) -> sp.csr_matrix:
    """Project works that have text onto the model, write changed ABOUT edges; the matrix.

    Each chunk's edges are written by the writer thread while the next is projected.
    """
    if refit:
        ids = write_topic_model(ctx, model) if model else []
        ctx.graph.write("scoring/delete_stale_topics", ids=ids)
        if model is None:  # nothing to model: every computed topic edge is gone
            works.topics = [[] for _ in works.ids]
    with_text = [i for i, t in enumerate(works.texts) if t is not None]
    if model is not None:
        for start in range(0, len(with_text), TOPIC_CHUNK):
            ctx.check()
            rows = with_text[start:start + TOPIC_CHUNK]
            shares = topic_shares(model, [works.texts[i] or "" for i in rows])
            for i, topics in zip(rows, _topic_lists(shares), strict=True):
                works.texts[i] = None  # projected: free the text, keep the topics
                if topics_differ(works.topics[i], topics):
                    _write_work_topics(ctx, works, i, topics)
            _flush_topic_rows(ctx, works)
    _flush_topic_rows(ctx, works)
    return stored_topic_matrix(works, topic_columns(model, works))


def _write_work_topics(ctx: Context, works: WorkTable, i: int, topics: list[Row]) -> None:
    """Queue work i's new topics: created outright when it has no computed edge yet."""
    if works.topics[i]:
        works.changed.add(i)
    else:
        works.created.add(i)
    works.topics[i] = topics
    ctx.count("about_changed")


def _flush_topic_rows(ctx: Context, works: WorkTable) -> None:
    """Hand the queued works' ABOUT edges to the writer thread (rows built there)."""
    created = [(works.ids[i], works.topics[i]) for i in sorted(works.created) if works.topics[i]]
    replaced = [(works.ids[i], works.topics[i]) for i in sorted(works.changed)]
    if created or replaced:
        ctx.writer.submit(partial(_write_work_topics_rows, ctx, created, replaced))
    works.changed.clear()
    works.created.clear()


def _write_work_topics_rows(ctx: Context, created: list[tuple[str, list[Row]]],
                            replaced: list[tuple[str, list[Row]]]) -> None:
    """Write works' ABOUT edges: a plain CREATE for works that had none, else a replace."""
    for start in range(0, len(created), ctx.batch):
        if ctx.writer.cancelled:
            return
        rows = [{"id": work_id, "topics": [t["id"] for t in topics],
                 "scores": [t["score"] for t in topics]}
                for work_id, topics in created[start:start + ctx.batch]]
        ctx.graph.write_batches("scoring/create_work_topics", rows, ctx.batch)
    rows = [{"id": work_id, "topics": topics} for work_id, topics in replaced]
    ctx.graph.write_batches("scoring/merge_work_topics", rows, ctx.batch)


def write_topic_model(ctx: Context, model: TopicModel) -> list[str]:
    """Store the model and upsert its topics; returns the topic ids."""
    names = model.names
    tops = np.argsort(-model.components, axis=1, kind="stable")[:, :10]
    rows: list[Row] = [{"id": f"peergraph:{n}", "name": names[n],
                        "terms": [str(t) for t in model.vocabulary[tops[n]]]}
                       for n in range(len(names))]
    ctx.graph.write("scoring/merge_topic_model", data=model.to_bytes(), run_id=ctx.run_id,
                    topics=len(rows))
    ctx.graph.write_batches("scoring/merge_topics", rows, ctx.batch)
    return [str(r["id"]) for r in rows]


def topic_columns(model: TopicModel | None, works: WorkTable) -> int:
    """Columns of the works x topics matrix: the model's topics (or what the works have)."""
    if model is not None:
        return int(model.components.shape[0])
    numbers = [int(str(t["id"]).rpartition(":")[2]) for topics in works.topics for t in topics]
    return max(numbers, default=0) + 1


def _topic_lists(shares: np.ndarray) -> list[list[dict[str, Any]]]:
    """Per work, its ABOUT edges as [{id, score}]."""
    out: list[list[dict[str, Any]]] = [[] for _ in range(shares.shape[0])]
    rows, cols, scores = about_edges(shares)
    for r, c, s in zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True):
        out[r].append({"id": f"peergraph:{c}", "score": s})
    return out


def stored_topic_matrix(works: WorkTable, k: int) -> sp.csr_matrix:
    """The works x topics matrix of the works' current computed topics (k columns)."""
    rows, cols, vals = [], [], []
    for i, topics in enumerate(works.topics):
        for topic in topics:
            n = int(str(topic["id"]).rpartition(":")[2])
            if n < k:
                rows.append(i)
                cols.append(n)
                vals.append(float(topic["score"]))
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(works.ids), k))
