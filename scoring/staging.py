"""Scores staged as the run's pending Scores: only those that differ from what readers see."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from scoring.author_scores import AuthorResult, ScoringInput, score_authors
from scoring.context import Context
from scoring.diff import score_hash
from scoring.trust import SCORE_VERSION
from scoring.work_table import Row


def score_and_stage(ctx: Context, data: ScoringInput, stored_hash: dict[str, Any]) -> int:
    """Score, then stage the scores that differ from what readers see now."""
    ctx.reporter.phase("scoring authors")
    results = score_authors(data)
    rows = [r for r in score_rows(results) if stored_hash.get(r["author_id"]) != r["score_hash"]]
    ctx.reporter.phase("writing topics and pairs")
    ctx.writer.wait()  # staging locks authors, which the pair writes lock too
    ctx.check()
    ctx.reporter.phase("staging scores", len(rows))
    # One transaction at a time: a SCORED edge locks the first relationship of the author's
    # chain, often a collaboration pair whose other end a second transaction would stage.
    ctx.graph.write_batches("scoring/create_scores", rows, ctx.batch, ctx.reporter.advance,
                            run_id=ctx.run_id, version=SCORE_VERSION)
    ctx.stats["scores_changed"] = len(rows)
    return len(results)


def score_rows(results: Sequence[AuthorResult]) -> list[Row]:
    """The rows scoring/create_scores stages, one per author, each with its score_hash."""
    rows = [{"author_id": r.id, "value": r.score.value, "band": r.score.band,
             "breakdown": orjson.dumps(r.score.breakdown).decode(),
             "verification_level": r.verification.level,
             "verification_label": r.verification.label,
             "verification_reasons": r.verification.reasons,
             "network_trust": r.network_trust, "anomaly_features": r.anomaly_features,
             "graph_features": r.graph_features}
            for r in results]
    for row in rows:
        row["score_hash"] = score_hash(row, SCORE_VERSION)
    return rows
