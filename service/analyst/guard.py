"""Refuse every analyst query that is not a plain read, before anything reaches the graph.

Two layers: a look at the text (its size and nesting, one statement, no `USE`, no
EXPLAIN/PROFILE prefix) for a clear message, then Neo4j's own EXPLAIN plan (query type and
operators), which sees the query exactly as the server will run it, whatever comments or
spelling hide it. The READ transaction the query then runs in is the last layer: Neo4j
itself rejects any write.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from core.errors import Forbidden, InvalidParameter
from service.analyst.text import check_depth, check_size, mask

# Plan operators that change data (Neo4j 5 names); used to name what a write does.
WRITE_OPERATORS = frozenset({
    "Create", "Merge", "LockingMerge", "Delete", "DetachDelete", "Foreach", "SetLabels",
    "RemoveLabels", "SetProperty", "SetProperties", "SetNodeProperty",
    "SetNodePropertiesFromMap", "SetRelationshipProperty", "SetRelationshipPropertiesFromMap",
    "SetPropertiesFromMap", "TransactionForeach",
})
# SHOW commands that only describe the schema; the others (transactions, settings, users …)
# are administration and are refused.
READ_ONLY_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})
_USE_CLAUSE = re.compile(r"(?:^|\{|\bUNION(?:\s+ALL)?)\s*USE\s+[\w`$]", re.IGNORECASE)
# EXPLAIN or PROFILE after any number of CYPHER prefixes, each with a version or options
# (`CYPHER 5 runtime=slotted PROFILE …`); comments are blanked by the time this looks.
_CYPHER_OPTION = r"(?:\d+(?:\.\d+)?|[A-Za-z_]\w*\s*=\s*[\w.]+)"
_MODE_PREFIX = re.compile(rf"^\s*(?:CYPHER(?!\w)(?:\s*{_CYPHER_OPTION})*\s*)*(EXPLAIN|PROFILE)\b",
                          re.IGNORECASE)


@dataclass(frozen=True)
class PlanStep:
    """One operator of an EXPLAIN plan, without the `@database` suffix Neo4j adds."""

    operator: str
    database: str | None
    details: str


def check_text(text: str, max_bytes: int | None = None, max_depth: int | None = None) -> str:
    """The one statement to run (a trailing `;` dropped); refuses several statements, USE, a
    mode prefix and, when limits are given, a text too long (UTF-8 bytes) or nested too deep."""
    if max_bytes is not None:
        check_size(text, max_bytes)  # first: the rest costs time in proportion to the size
    code, statement_end = mask(text)
    if max_depth is not None:
        check_depth(code, max_depth)
    if statement_end is not None:
        if code[statement_end + 1:].strip():
            raise Forbidden("Refused: only one statement per request; remove the `;` and "
                            "send the statements one at a time.")
        text, code = text[:statement_end], code[:statement_end]
    if not code.strip():
        raise InvalidParameter("query is empty: send one Cypher statement.")
    if _USE_CLAUSE.search(code):
        raise Forbidden("Refused: the USE clause is not allowed; analyst queries always run "
                        "on the Peergraph database.")
    if mode := _MODE_PREFIX.match(code):
        raise InvalidParameter(f"Do not prefix the query with {mode.group(1).upper()}: ask for "
                               "the plan with \"plan\": true (or --plan) instead.")
    return text


def plan_steps(plan: dict[str, Any]) -> Iterator[PlanStep]:
    """Every operator of an EXPLAIN plan, depth first."""
    operator, _, database = str(plan.get("operatorType", "")).partition("@")
    details = str((plan.get("args") or {}).get("Details") or "")
    yield PlanStep(operator, database or None, details)
    for child in plan.get("children") or []:
        yield from plan_steps(child)


def refusal(query_type: str | None, plan: dict[str, Any], database: str,
            procedures: Collection[str]) -> str | None:
    """Why the planned query may not run, or None when it is a plain read."""
    steps = list(plan_steps(plan))
    checks = (_other_database(steps, database), _forbidden_operator(steps),
              _writes(query_type, steps), _unlisted_procedure(steps, procedures),
              _schema_or_admin(query_type, steps))
    return next((reason for reason in checks if reason), None)


def _other_database(steps: list[PlanStep], database: str) -> str | None:
    """A plan touching another database (e.g. `system`) is refused."""
    others = sorted({s.database for s in steps if s.database and s.database != database})
    return f"the query uses another database ({', '.join(others)})" if others else None


def _forbidden_operator(steps: list[PlanStep]) -> str | None:
    """LOAD CSV, CALL { … } IN TRANSACTIONS and administration commands."""
    for step in steps:
        if step.operator == "LoadCSV":
            return "LOAD CSV reads files and URLs on the database server"
        if step.operator in {"TransactionApply", "TransactionForeach"}:
            return "CALL { … } IN TRANSACTIONS commits on its own"
        if step.operator == "AdministrationCommand" or (
            step.operator.startswith(("Show", "Terminate"))
            and step.operator not in READ_ONLY_SHOW
        ):
            return f"administration commands ({step.operator}) are not allowed"
    return None


def _writes(query_type: str | None, steps: list[PlanStep]) -> str | None:
    """A write or read-write query, naming the operators that write."""
    if query_type not in {"w", "rw"}:
        return None
    names = sorted({s.operator for s in steps if s.operator in WRITE_OPERATORS})
    procs = sorted({_procedure_name(s) for s in steps if s.operator == "ProcedureCall"})
    what = ", ".join(names + [f"procedure {p}" for p in procs]) or "a write"
    return f"the query writes to the graph ({what})"


def _unlisted_procedure(steps: list[PlanStep], procedures: Collection[str]) -> str | None:
    """A procedure call not on the allow-list (PEERGRAPH_ANALYST_PROCEDURES)."""
    for step in steps:
        if step.operator == "ProcedureCall" and _procedure_name(step) not in procedures:
            return (f"procedure {_procedure_name(step)} is not on the allow-list "
                    f"(allowed: {', '.join(sorted(procedures))})")
    return None


def _schema_or_admin(query_type: str | None, steps: list[PlanStep]) -> str | None:
    """Schema changes; a DBMS-mode procedure that passed the allow-list is the one exception."""
    if query_type == "r":
        return None
    if query_type == "s" and steps and all(
        s.operator in {"ProduceResults", "ProcedureCall", "EmptyResult", "Projection"}
        for s in steps
    ) and any(s.operator == "ProcedureCall" for s in steps):
        return None
    names = sorted({s.operator for s in steps if s.operator != "ProduceResults"})
    return f"the query changes the schema or the DBMS ({', '.join(names) or query_type})"


def _procedure_name(step: PlanStep) -> str:
    """`db.labels` from the details `db.labels() :: (label :: STRING)`."""
    return step.details.partition("(")[0].strip()


def summarise_plan(plan: dict[str, Any]) -> dict[str, Any]:
    """The EXPLAIN plan as a small tree: operator, details, estimated rows, children."""
    args = plan.get("args") or {}
    return {
        "operator": str(plan.get("operatorType", "")).partition("@")[0],
        "details": args.get("Details"),
        "estimated_rows": args.get("EstimatedRows"),
        "identifiers": list(plan.get("identifiers") or []),
        "children": [summarise_plan(child) for child in plan.get("children") or []],
    }
