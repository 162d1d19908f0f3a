"""Score history and rescoring runs, as the API answers them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from service.schemas import examples


class HistoricScore(BaseModel):
    """One published score of an author: the run, the value and band, and why."""

    run_id: str
    value: int
    band: str
    breakdown: dict[str, Any]
    at: datetime
    version: str | None = None
    verification_level: str | None = None


class ScoreHistory(BaseModel):
    """An author's published scores, newest first (only runs where the score changed)."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SCORE_HISTORY]})

    author_id: str
    history: list[HistoricScore]


class ScoringRunOut(BaseModel):
    """One rescoring run."""

    id: str
    mode: str | None = None
    status: str
    started: datetime
    finished: datetime | None = None
    authors_scored: int | None = None
    version: str | None = None
    error: str | None = None


class ScoringRuns(BaseModel):
    """Rescoring runs, newest first."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SCORING_RUNS]})

    runs: list[ScoringRunOut]


class RescoreStarted(BaseModel):
    """A rescoring run was asked for; it shows in GET /api/v1/scoring/runs."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.RESCORE_STARTED]})

    full: bool
    detail: str
