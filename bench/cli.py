"""The terminal's overhead: `peergraph cypher` printing 1 000 rows as a table and as JSON Lines
against the same query through the driver, in one process, interleaved.

Run: .venv/bin/python -m bench.cli [--rounds 30] [--warmup 200]

What is timed for the terminal is what the command does after connecting: the analyst pool
(guard, READ transaction, the endpoint's caps), the answer's JSON, then the rendering
(cli/output.py) into a file that says it is a terminal (the table) or a pipe (JSON Lines);
the driver's side is `execute_query` and the records' values. Target: <= 1.3x the driver.
"""

from __future__ import annotations

import argparse
import io

from neo4j import RoutingControl

from bench.analyst_endpoint import MAKE_ROWS, ROWS_QUERY, interleaved_medians
from bench.common import throwaway_neo4j
from cli.output import print_result
from core.db import make_driver
from service.analyst.limits import resolve_limits
from service.analyst.pool import AnalystPool

TARGET = 1.3


class Terminal(io.StringIO):
    """Output that says it is a terminal, so the table is drawn as on one."""

    def isatty(self) -> bool:
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=200, help="untimed driver runs first")
    args = parser.parse_args()
    with throwaway_neo4j() as settings, make_driver(settings) as driver:
        driver.execute_query(MAKE_ROWS, first=1, last=1000)
        pool = AnalystPool(settings, driver)
        limits = resolve_limits(settings, 1000, None)

        def through_driver() -> int:
            records, _, _ = driver.execute_query(ROWS_QUERY, routing_=RoutingControl.READ)
            return len([record.values() for record in records])

        def terminal(fmt: str, out: io.StringIO) -> int:
            return print_result(pool, settings, ROWS_QUERY, {}, limits, fmt, out=out)

        def as_table() -> int:
            return terminal("table", Terminal())

        def as_jsonl() -> int:
            return terminal("jsonl", io.StringIO())

        for _ in range(args.warmup):
            through_driver()
        try:
            for name, path in (("table", as_table), ("jsonl", as_jsonl)):
                assert path() == 1000
                driver_ms, cli_ms = interleaved_medians((through_driver, path), args.rounds)
                ratio = cli_ms / driver_ms
                met = "met" if ratio <= TARGET else "NOT met"
                print(f"1 000 rows, {name}: driver {driver_ms:.1f} ms, peergraph cypher "
                      f"{cli_ms:.1f} ms (median of {args.rounds}); ratio {ratio:.2f}x "
                      f"(target <= {TARGET}x: {met})")
        finally:
            pool.close()


if __name__ == "__main__":
    main()
