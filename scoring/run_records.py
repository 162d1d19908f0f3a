"""The (:ScoringRun) records: each run's status, the switch that publishes it, crash recovery."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from core.graph import Graph
from core.values import iso_text


@dataclass(frozen=True)
class LastRun:
    """The latest completed run."""

    id: str
    started: Any  # neo4j DateTime
    mode: str
    version: str | None = None


def create_run(graph: Graph, run_id: str, mode: str, version: str) -> Any:
    """Record a new running run; returns its start (the database's clock)."""
    return graph.write("scoring/create_run", id=run_id, mode=mode, version=version)[0]["started"]


def set_status(graph: Graph, run_id: str, status: str, authors_scored: int | None = None,
               error: str | None = None, details: dict[str, Any] | None = None) -> None:
    """Move a run to `status` (a final status also records `finished`)."""
    graph.write("scoring/set_run_status", id=run_id, status=status,
                authors_scored=authors_scored, error=error, details=details or {})


def last_completed(graph: Graph) -> LastRun | None:
    """The latest completed run, or None."""
    record = graph.read_one("scoring/get_last_completed_run")
    return (LastRun(record["id"], record["started"], record["mode"], record["version"])
            if record else None)


def recover_unfinished(graph: Graph, keep: int) -> list[str]:
    """Under the lock: finish crashed switches, fail crashed runs and drop their scores."""
    notes = []
    for record in graph.write("scoring/list_unfinished_runs"):
        run_id, status = record["id"], record["status"]
        if status == "switching":  # every score was staged: roll the switch forward
            publish(graph, run_id, keep)
            set_status(graph, run_id, "completed")
            notes.append(f"finished the interrupted switch of run {run_id}")
        else:
            graph.autocommit("scoring/delete_run_scores", run_id=run_id)
            set_status(graph, run_id, "failed",
                       error="the job stopped before it finished (its lease expired)")
            notes.append(f"marked run {run_id} failed and dropped its staged scores")
    return notes


def publish(graph: Graph, run_id: str, keep: int) -> None:
    """Copy the run's staged scores onto their authors, then prune history to `keep`."""
    graph.autocommit("scoring/switch_scores", run_id=run_id)
    graph.autocommit("scoring/prune_scores", run_id=run_id, keep=keep)


def list_runs(driver: Driver, database: str, skip: int, limit: int) -> list[dict[str, Any]]:
    """Runs, newest first, as plain dicts (datetimes as ISO strings)."""
    records = Graph(driver, database, map_errors=False).read("scoring/list_runs", skip=skip,
                                                             limit=limit)
    return [{k: iso_text(v) for k, v in r.items()} for r in records]
