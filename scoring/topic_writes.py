"""What a pass writes back: computed topics (ABOUT edges) and collaboration pairs, as diffs."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import numpy as np
import scipy.sparse as sp

from cypher import query
from scoring import graph_io
from scoring.collaboration import Collaborations
from scoring.context import Context
from scoring.diff import diff_pairs, topics_differ
from scoring.graph_io import Row, WorkTable
from scoring.topics import TopicModel, about_edges, topic_shares

TOPIC_CHUNK = 20_000  # works projected onto the topics at a time (bounds memory)


def update_topics(ctx: Context, works: WorkTable, model: TopicModel | None, refit: bool
                  ) -> sp.csr_matrix:
    """Project works that have text onto the model, write changed ABOUT edges; the matrix.

    Each chunk's edges are written by the writer thread while the next is projected.
    """
    if refit:
        ids = graph_io.write_topic_model(ctx.driver, ctx.database, model, ctx.run_id,
                                         ctx.batch) if model else []
        ctx.driver.execute_query(query("scoring/delete_stale_topics"), ids=ids,
                                 database_=ctx.database)
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
        graph_io.write_batches(ctx.driver, ctx.database, "scoring/create_work_topics", rows,
                               ctx.batch)
    rows = [{"id": work_id, "topics": topics} for work_id, topics in replaced]
    graph_io.write_batches(ctx.driver, ctx.database, "scoring/merge_work_topics", rows,
                           ctx.batch)


def submit_batches(ctx: Context, name: str, rows: list[Row]) -> None:
    """Queue rows for the writer thread, one transaction per ctx.batch rows."""
    size = ctx.batch
    for start in range(0, len(rows), size):
        ctx.writer.submit(partial(graph_io.write_batches, ctx.driver, ctx.database, name,
                                  rows[start:start + size], size))


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


def write_pair_diff(ctx: Context, stored: Collaborations, new: Collaborations, ids: list[str],
                    stored_in_scope: np.ndarray) -> None:
    """Create new pairs, update changed ones and delete vanished ones (in scope), on the
    writer thread."""
    create, update, delete = diff_pairs(stored, new, len(ids), stored_in_scope)
    gone = [{"a": ids[a], "b": ids[b]} for a, b in zip(stored.a[delete], stored.b[delete],
                                                       strict=True)]
    ctx.stats.update(pairs_created=int(create.sum()), pairs_updated=int(update.sum()),
                     pairs_deleted=len(gone))
    ctx.writer.submit(partial(_create_pairs, ctx, new, create, ids))
    submit_batches(ctx, "scoring/merge_collaborations", _pair_rows(new, update, ids))
    submit_batches(ctx, "scoring/delete_collaborations", gone)


def _create_pairs(ctx: Context, new: Collaborations, mask: np.ndarray, ids: list[str]) -> None:
    """Create the new pairs, building each batch's rows only when it is written.

    One transaction at a time: two at once deadlock, as a new relationship locks the first
    relationship of each end's chain, often a pair that the other transaction also touches.
    """
    for rows in _grouped_pair_rows(new, mask, ids, ctx.batch):
        if ctx.writer.cancelled:
            return
        graph_io.write_batches(ctx.driver, ctx.database, "scoring/create_collaborations", rows,
                               len(rows))


def _grouped_pair_rows(new: Collaborations, mask: np.ndarray, ids: list[str],
                       pairs_per_batch: int) -> Iterator[list[Row]]:
    """Batches of rows, one row per smaller-id author with its pairs as parallel lists
    (one author lookup per row instead of per pair), about `pairs_per_batch` pairs each."""
    picked = np.flatnonzero(mask)
    if len(picked) == 0:
        return
    picked = picked[np.argsort(new.a[picked], kind="stable")]
    a = new.a[picked]
    starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]])
    ends = np.r_[starts[1:], len(a)]
    b, shared = new.b[picked].tolist(), new.shared_works[picked].tolist()
    years, weights = new.last_year[picked].tolist(), new.weight[picked].tolist()
    batch: list[Row] = []
    size = 0
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        batch.append({"a": ids[int(a[s])], "bs": [ids[j] for j in b[s:e]],
                      "shared": shared[s:e], "weights": weights[s:e],
                      "years": [None if y != y else int(y) for y in years[s:e]]})
        size += e - s
        if size >= pairs_per_batch:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _pair_rows(new: Collaborations, mask: np.ndarray, ids: list[str]) -> list[Row]:
    """Rows for the pairs of `mask`, by author id (smaller id first)."""
    return [{"a": ids[a], "b": ids[b], "shared_works": s,
             "last_year": None if y != y else int(y), "weight": w}
            for a, b, s, y, w in zip(new.a[mask].tolist(), new.b[mask].tolist(),
                                     new.shared_works[mask].tolist(),
                                     new.last_year[mask].tolist(), new.weight[mask].tolist(),
                                     strict=True)]
