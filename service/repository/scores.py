"""An author's published scores, read by any of the author's ids."""

from __future__ import annotations

import json

from core.graph import Graph
from core.values import native
from service.repository.resolve import read_entity
from service.schemas.scoring import HistoricScore, ScoreHistory


def score_history(graph: Graph, author_id: str, limit: int) -> ScoreHistory:
    """The author's scores, newest first, each with its run's breakdown; NotFound if none."""
    row = read_entity(graph, "scoring/get_score_history", author_id, "Author", limit=limit)
    return ScoreHistory(author_id=row["author_id"], history=[
        HistoricScore(run_id=s["run_id"], value=s["value"], band=s["band"],
                      breakdown=json.loads(s["breakdown"] or "{}"), at=native(s["at"]),
                      version=s["version"], verification_level=s["verification_level"])
        for s in row["history"]])
