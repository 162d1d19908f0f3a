"""The writers of `bench/load_test.py --with-writers`: a rescoring and a load, each in its own
process against the graph the readers read, and the after-the-fact check that every score
the checker saw was published by exactly one completed run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import httpx
import orjson

from bench.load_test_checks import Observation, history_problems
from loaders.synthetic import AUTHOR_BASE, WORK_BASE, Generator

PEERGRAPH = str(Path(sys.executable).parent / "peergraph")


def write_new_works(path: Path, count: int, offset: int, seed: int) -> list[str]:
    """Synthetic works with ids from WORK_BASE + offset on (new to any synthetic graph), by
    existing authors (the small generator's author pool); returns those authors' ids."""
    authors: dict[str, None] = {}
    with path.open("wb") as out:
        for index, work in enumerate(Generator(count, seed).works()):
            number = WORK_BASE + offset + index
            work["id"] = f"https://openalex.org/W{number}"
            work["doi"] = f"https://doi.org/10.5555/loadtest.{offset + index}"
            for authorship in work["authorships"]:
                authors[authorship["author"]["id"].rsplit("/", 1)[-1]] = None
            out.write(orjson.dumps(work) + b"\n")
    # Most-used first: the generator's low author numbers are the busiest authors.
    return sorted(authors, key=lambda a: int(a[1:]) - AUTHOR_BASE)


@dataclass
class Writer:
    """One writer process and what became of it."""

    name: str
    command: list[str]
    log: Path
    process: subprocess.Popen[bytes] | None = None
    began: float = 0.0
    seconds: float | None = None
    exit_code: int | None = None
    stream: IO[bytes] | None = field(default=None, repr=False)

    def start(self, env: dict[str, str]) -> None:
        """Start it, its output going to its log file."""
        self.stream = self.log.open("wb")
        self.began = time.monotonic()
        self.process = subprocess.Popen(self.command, env=env, stdout=self.stream,
                                        stderr=subprocess.STDOUT)

    def poll(self) -> bool:
        """True once it has exited (its exit code and time recorded)."""
        if self.process is None or self.exit_code is not None:
            return True
        code = self.process.poll()
        if code is None:
            return False
        self.exit_code, self.seconds = code, time.monotonic() - self.began
        if self.stream is not None:
            self.stream.close()
        return True

    def stop(self) -> None:
        """Terminate it if it still runs (the run was cut short)."""
        if self.process is not None and not self.poll():
            self.process.terminate()
            self.process.wait(timeout=60)
            self.poll()

    def report(self) -> dict[str, Any]:
        """Command, exit code, seconds and the end of its output."""
        tail = self.log.read_text(errors="replace").strip().splitlines()[-6:]
        return {"name": self.name, "command": " ".join(self.command), "exit_code":
                self.exit_code, "seconds": self.seconds, "log": str(self.log), "tail": tail}


def writers(works_file: Path, out_dir: Path, rescore: str, batch_size: int) -> list[Writer]:
    """The rescoring (`peergraph rescore [--full]`) and the load (`peergraph load openalex`)."""
    rescore_cmd = [PEERGRAPH, "rescore", "--wait", "120"] + (["--full"] if rescore == "full"
                                                              else [])
    load_cmd = [PEERGRAPH, "load", "openalex", str(works_file), "--batch-size", str(batch_size)]
    return [Writer("rescore", rescore_cmd, out_dir / "rescore.log"),
            Writer("load", load_cmd, out_dir / "load.log")]


def writer_env(uri: str, password: str, state_dir: Path) -> dict[str, str]:
    """The writers' environment: the same graph, a load state directory of their own."""
    return {**os.environ, "PEERGRAPH_NEO4J_URI": uri, "PEERGRAPH_NEO4J_PASSWORD": password,
            "PEERGRAPH_LOAD_STATE_DIR": str(state_dir), "COLUMNS": "100"}


def _history(http: httpx.Client, author: str) -> list[dict[str, Any]]:
    """The author's published scores, newest first (pending ones are never listed)."""
    response = http.get(f"/api/v1/authors/{quote(author, safe=':/')}/score-history",
                        params={"limit": 1000})
    history: list[dict[str, Any]] = response.raise_for_status().json()["history"]
    return history


def verify_observed(http: httpx.Client, observed: list[list[Any]]) -> dict[str, Any]:
    """Each score the checker saw must be one history entry of one completed run."""
    runs = http.get("/api/v1/scoring/runs", params={"limit": 500}).raise_for_status().json()
    by_id = {r["id"]: r for r in runs["runs"]}
    histories: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    for seen in observed:
        author = seen[0]
        if author not in histories:
            histories[author] = _history(http, author)
        obs: Observation = (seen[0], seen[1], seen[2], seen[3], seen[4])
        problems += history_problems(obs, histories[author], by_id)
    changed = sum(1 for a in histories if len({s[1] for s in observed if s[0] == a}) > 1)
    return {"scores_observed": len(observed), "authors": len(histories),
            "authors_seen_changing": changed, "problems": problems[:200],
            "problem_count": len(problems),
            "runs": [{k: r.get(k) for k in ("id", "mode", "status", "started", "finished",
                                            "authors_scored")} for r in runs["runs"][:5]]}
