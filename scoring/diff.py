"""What a run must write: only the pairs, topic edges and scores that differ from the graph."""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import orjson

from scoring.collaboration import Collaborations


def pair_keys(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """One int64 key per (a, b) index pair."""
    return a.astype(np.int64) * max(n, 1) + b.astype(np.int64)


def diff_pairs(stored: Collaborations, new: Collaborations, n: int,
               stored_in_scope: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(new pairs to create, pairs to update, stored pairs to delete) as boolean masks.

    A pair is created when it is not stored, updated when any of its values differ; a stored
    pair in scope (the run recomputed it) is deleted when the run no longer finds it.
    """
    stored_keys, new_keys = pair_keys(stored.a, stored.b, n), pair_keys(new.a, new.b, n)
    if len(stored_keys) == 0:
        none = np.zeros(len(new_keys), dtype=bool)
        return ~none, none, np.zeros(0, dtype=bool)
    order = np.argsort(stored_keys, kind="stable")
    pos = np.minimum(np.searchsorted(stored_keys[order], new_keys), len(order) - 1)
    match = order[pos]
    found = stored_keys[match] == new_keys
    same = found & (stored.shared_works[match] == new.shared_works)
    same &= np.isclose(stored.weight[match], new.weight, rtol=0, atol=1e-9)
    same &= _same_year(stored.last_year[match], new.last_year)
    delete = stored_in_scope & ~np.isin(stored_keys, new_keys)
    return ~found, found & ~same, delete


def _same_year(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Elementwise equality where NaN equals NaN."""
    return (left == right) | (np.isnan(left) & np.isnan(right))


def topics_differ(stored: list[dict[str, Any]], new: list[dict[str, Any]]) -> bool:
    """True when a work's computed topics (ids and scores) changed."""
    def canon(rows: list[dict[str, Any]]) -> list[tuple[str, float]]:
        return sorted((str(r["id"]), round(float(r["score"]), 4)) for r in rows)

    return canon(stored) != canon(new)


def score_hash(row: dict[str, Any], version: str) -> str:
    """A fingerprint of what readers see of a score (value, band, breakdown, verification)."""
    shown = {k: row[k] for k in ("value", "band", "breakdown", "verification_level",
                                 "verification_label", "verification_reasons")}
    digest = hashlib.sha256(orjson.dumps(shown, option=orjson.OPT_SORT_KEYS) + version.encode())
    return digest.hexdigest()[:24]
