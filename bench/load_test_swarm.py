"""The locust side of bench/load_test.py, in a process of its own (locust patches the standard
library with gevent on import, which the driver and httpx of the parent must not see).

Usage (by bench/load_test.py): python -m bench.load_test_swarm SPEC.json OUT.json
SPEC: base_url, users, checkers, think_s, warmup_s, duration_s, max_s, stop_file and
ready_file (or null), ids {authors, centres, search_terms, checker_authors}, cypher {query}.
OUT: summary rows, errors, a per-second timeline, the checker's violations and observed scores."""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import gevent
from locust import User, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment

from bench.load_test_checks import observation, summary_rows, trust_problems

SPEC: dict[str, Any] = {}


class Recorder:
    """Every request's time and outcome, once the warm-up is over."""

    def __init__(self) -> None:
        self.on, self.began, self.ended = False, 0.0, 0.0
        self.times: dict[str, list[float]] = {}
        self.errors: Counter[str] = Counter()
        self.messages: Counter[str] = Counter()
        self.timeline: dict[int, list[int]] = {}
        self.violations: list[str] = []
        self.bad_blocks: list[dict[str, Any]] = []
        self.observed: set[tuple[Any, ...]] = set()
        self.checker_reads = 0

    def start(self) -> None:
        """Begin recording."""
        self.on, self.began = True, time.monotonic()

    def stop(self) -> None:
        """Stop recording."""
        self.on, self.ended = False, time.monotonic()

    def on_request(self, name: str, response_time: float, exception: Any = None,
                   response: Any = None, **_: Any) -> None:
        """locust's request event: one finished request."""
        if not self.on:
            return
        self.times.setdefault(name, []).append(response_time)
        second = self.timeline.setdefault(int(time.monotonic() - self.began), [0, 0])
        second[0] += 1
        if exception is not None:
            status = getattr(response, "status_code", None)
            self.errors[name] += 1
            second[1] += 1
            self.messages[f"{name}: {status} {str(exception)[:160]}"] += 1


RECORDER = Recorder()


def _path_id(node_id: str) -> str:
    """An id as a path segment (OpenAlex/ORCID URLs hold slashes; the API takes them)."""
    return quote(node_id, safe=":/")


class Reader(FastHttpUser):
    """A client of the API: profiles, works pages, neighbourhoods, search, analyst Cypher."""

    weight = 1

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rng = random.Random(id(self))  # picks ids, not secrets

    def wait_time(self) -> float:
        """The think time between two requests of one client."""
        return float(SPEC["think_s"])

    def _author(self) -> str:
        return _path_id(self.rng.choice(SPEC["ids"]["authors"]))

    @task(30)
    def profile(self) -> None:
        self.client.get(f"/api/v1/authors/{self._author()}", name="profile")

    @task(20)
    def works(self) -> None:
        self.client.get(f"/api/v1/authors/{self._author()}/works?limit=20", name="works page")

    @task(15)
    def hop1(self) -> None:
        centre = _path_id(self.rng.choice(SPEC["ids"]["centres"]))
        self.client.get(f"/api/v1/nodes/{centre}/neighbourhood?depth=1&limit=200",
                        name="neighbourhood 1-hop")

    @task(10)
    def hop2(self) -> None:
        centre = _path_id(self.rng.choice(SPEC["ids"]["centres"]))
        self.client.get(f"/api/v1/nodes/{centre}/neighbourhood?depth=2&limit=200",
                        name="neighbourhood 2-hop")

    @task(15)
    def search(self) -> None:
        term = quote(self.rng.choice(SPEC["ids"]["search_terms"]))
        self.client.get(f"/api/v1/search?q={term}&limit=20", name="search")

    @task(10)
    def cypher(self) -> None:
        body = {"query": SPEC["cypher"]["query"],
                "parameters": {"id": self.rng.choice(SPEC["ids"]["authors"])}}
        self.client.post("/api/v1/cypher", json=body, name="analyst cypher")


class Checker(FastHttpUser):
    """Reads the profiles of a fixed author set over and over and checks each trust block."""

    fixed_count = 0  # set from the spec before the run

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.next = random.Random(id(self)).randrange(1000)

    def wait_time(self) -> float:
        """The same think time as the readers."""
        return float(SPEC["think_s"])

    @task
    def check(self) -> None:
        authors = SPEC["ids"]["checker_authors"]
        self.next += 1
        author = authors[self.next % len(authors)]
        response = self.client.get(f"/api/v1/authors/{_path_id(author)}",
                                   name="checker profile")
        if response.status_code != 200 or not RECORDER.on:
            return  # a non-2xx is counted as an error by the request event already
        profile = json.loads(response.content or b"{}")
        RECORDER.checker_reads += 1
        problems = trust_problems(profile)
        if problems:
            RECORDER.violations.append(f"{author}: {'; '.join(problems)}")
            if len(RECORDER.bad_blocks) < 20:  # evidence: the whole block as it was served
                RECORDER.bad_blocks.append({"id": author, "trust": profile.get("trust"),
                                            "verification": profile.get("verification")})
        seen = observation(profile)
        if seen is not None:
            RECORDER.observed.add(seen)


def _should_stop(elapsed: float) -> bool:
    """Past the duration and (when a stop file is used) told to stop, or past the cap."""
    if elapsed >= SPEC["max_s"]:
        return True
    stop_file = SPEC.get("stop_file")
    return elapsed >= SPEC["duration_s"] and (not stop_file or Path(stop_file).exists())


def run() -> dict[str, Any]:
    """Spawn the users, warm up, record until told to stop, and summarise."""
    Checker.fixed_count = SPEC["checkers"]
    classes: list[type[User]] = [Reader, Checker] if SPEC["checkers"] else [Reader]
    env = Environment(user_classes=classes, host=SPEC["base_url"])
    env.events.request.add_listener(RECORDER.on_request)
    runner = env.create_local_runner()
    total = SPEC["users"] + SPEC["checkers"]
    runner.start(total, spawn_rate=total)
    while runner.user_count < total:
        gevent.sleep(0.1)
    gevent.sleep(SPEC["warmup_s"])
    RECORDER.start()
    if SPEC.get("ready_file"):
        Path(SPEC["ready_file"]).touch()  # the parent starts its writers now
    while not _should_stop(time.monotonic() - RECORDER.began):
        gevent.sleep(0.5)
    RECORDER.stop()
    runner.quit()
    return _results(runner.cpu_warning_emitted)


def _results(cpu_warning: bool) -> dict[str, Any]:
    """What the parent reports."""
    seconds = RECORDER.ended - RECORDER.began
    return {"users": SPEC["users"], "checkers": SPEC["checkers"], "seconds": seconds,
            "rows": summary_rows(RECORDER.times, RECORDER.errors, seconds),
            "error_messages": RECORDER.messages.most_common(20),
            "timeline": [[s, *RECORDER.timeline[s]] for s in sorted(RECORDER.timeline)],
            "checker_reads": RECORDER.checker_reads,
            "violations": RECORDER.violations[:200],
            "violation_count": len(RECORDER.violations), "bad_blocks": RECORDER.bad_blocks,
            "observed": sorted(RECORDER.observed, key=str),
            "load_generator_cpu_over_90": cpu_warning}


def main() -> None:
    """Read the spec, run, write the results."""
    SPEC.update(json.loads(Path(sys.argv[1]).read_text()))
    Path(sys.argv[2]).write_text(json.dumps(run()))


if __name__ == "__main__":
    main()
