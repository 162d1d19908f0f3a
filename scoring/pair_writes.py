"""Collaboration pairs written back as a diff (create, update, delete) on the writer thread."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import numpy as np

from scoring.collaboration import Collaborations
from scoring.context import Context
from scoring.diff import diff_pairs
from scoring.work_table import Row


def submit_batches(ctx: Context, name: str, rows: list[Row]) -> None:
    """Queue rows for the writer thread, one transaction per ctx.batch rows."""
    size = ctx.batch
    for start in range(0, len(rows), size):
        ctx.writer.submit(partial(ctx.graph.write_batches, name, rows[start:start + size], size))


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
        ctx.graph.write_batches("scoring/create_collaborations", rows, len(rows))


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
