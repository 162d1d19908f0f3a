"""Time the local Neo4j's start (cold: empty home; warm: existing data) and stop.

Run: .venv/bin/python -m bench.db_start [--runs 3]
Prints seconds for each phase and the warm/cold ratio measured in this one process.
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
from pathlib import Path

from bench.common import percentile, timed
from core.localdb import LocalNeo4j, free_port
from core.settings import Settings


def one_round(jar: Path) -> tuple[float, float, float]:
    """(cold start, warm start, stop) seconds for a fresh home."""
    with tempfile.TemporaryDirectory() as home:
        local = LocalNeo4j(Path(home), "127.0.0.1", free_port(), secrets.token_urlsafe(12),
                           heap="1g", pagecache="512m", jar=jar)
        cold = timed(local.start)
        timed(local.stop)
        warm = timed(local.start)
        stop = timed(local.stop)
    return cold, warm, stop


def main() -> None:
    """Run the rounds and print medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    rounds = [one_round(Settings().launcher_jar) for _ in range(runs)]
    cold, warm, stop = (percentile(col, 50) or 0.0 for col in zip(*rounds, strict=True))
    print(f"runs={runs} cold_start_s={cold:.1f} warm_start_s={warm:.1f} stop_s={stop:.1f} "
          f"warm/cold={warm / cold:.2f}")


if __name__ == "__main__":
    main()
