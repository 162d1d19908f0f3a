"""The analyst guard's text checks and plan classification, without a database."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import Forbidden, InvalidParameter
from service.analyst.guard import check_text, refusal

ALLOWED = {"db.labels", "dbms.components"}


def _plan(*operators: str, details: str = "") -> dict[str, Any]:
    """A linear EXPLAIN-shaped plan, the first operator on top."""
    plan: dict[str, Any] = {}
    for operator in reversed(operators):
        plan = {"operatorType": operator, "args": {"Details": details},
                "children": [plan] if plan else []}
    return plan


@pytest.mark.parametrize("text", [
    "RETURN 1;", "RETURN 1 ;  // done", "RETURN 'a;b'", "RETURN \"x;\" AS `a;b`",
    "MATCH (n) RETURN n.use AS use", "MATCH (use) RETURN use", "RETURN {use: 1} AS m",
    "RETURN 'it''s' AS s", "RETURN 'USE system' AS s", "// USE system\nRETURN 1",
])
def test_reads_pass_the_text_check(text: str) -> None:
    assert check_text(text).rstrip().rstrip(";").strip()


def test_a_trailing_semicolon_is_dropped() -> None:
    assert check_text("RETURN 1;  ") == "RETURN 1"


@pytest.mark.parametrize(("text", "error", "phrase"), [
    ("RETURN 1; RETURN 2", Forbidden, "one statement"),
    ("RETURN 1 /* ; */; CREATE (n)", Forbidden, "one statement"),
    ("RETURN '\\';' AS s; CREATE (n)", Forbidden, "one statement"),
    ("USE system SHOW USERS", Forbidden, "USE clause"),
    ("  use  `system` MATCH (n) RETURN n", Forbidden, "USE clause"),
    ("CALL () { USE system RETURN 1 AS x } RETURN x", Forbidden, "USE clause"),
    ("RETURN 1 AS x UNION ALL USE other RETURN 2 AS x", Forbidden, "USE clause"),
    ("EXPLAIN MATCH (n) RETURN n", InvalidParameter, "plan"),
    ("profile MATCH (n) RETURN n", InvalidParameter, "plan"),
    ("  // only a comment", InvalidParameter, "empty"),
    (";", InvalidParameter, "empty"),
])
def test_the_text_check_refuses(text: str, error: type[Exception], phrase: str) -> None:
    with pytest.raises(error, match=phrase):
        check_text(text)


def test_a_plain_read_plan_passes() -> None:
    assert refusal("r", _plan("ProduceResults@neo4j", "AllNodesScan@neo4j"), "neo4j",
                   ALLOWED) is None


@pytest.mark.parametrize(("query_type", "plan", "phrase"), [
    ("w", _plan("ProduceResults@neo4j", "EmptyResult@neo4j", "Create@neo4j"),
     "writes to the graph (Create)"),
    ("rw", _plan("ProduceResults@neo4j", "SetProperty@neo4j", "AllNodesScan@neo4j"),
     "(SetProperty)"),
    ("r", _plan("ProduceResults@neo4j", "LoadCSV@neo4j"), "LOAD CSV"),
    ("r", _plan("ProduceResults@neo4j", "TransactionApply@neo4j"), "IN TRANSACTIONS"),
    ("s", _plan("AdministrationCommand@system"), "another database (system)"),
    ("r", _plan("ProduceResults@neo4j", "ShowTransactions@neo4j"), "administration"),
    ("r", _plan("ProduceResults@neo4j", "TerminateTransactions@neo4j"), "administration"),
    ("s", _plan("CreateIndex@neo4j", "DoNothingIfExists(INDEX)@neo4j"), "schema"),
    ("r", _plan("ProduceResults@neo4j", "ProcedureCall@neo4j",
                details="db.awaitIndexes() :: ()"), "db.awaitIndexes is not on the allow-list"),
    ("s", _plan("ProduceResults@neo4j", "ProcedureCall@neo4j",
                details="db.clearQueryCaches() :: (value :: STRING)"), "allow-list"),
    (None, _plan("ProduceResults@neo4j"), "schema"),
])
def test_plans_that_are_not_plain_reads_are_refused(query_type: str | None,
                                                    plan: dict[str, Any], phrase: str) -> None:
    reason = refusal(query_type, plan, "neo4j", ALLOWED)
    assert reason is not None and phrase in reason


def test_allow_listed_procedures_pass_even_in_dbms_mode() -> None:
    labels = _plan("ProduceResults@neo4j", "ProcedureCall@neo4j",
                   details="db.labels() :: (label :: STRING)")
    components = _plan("ProduceResults@neo4j", "ProcedureCall@neo4j",
                       details="dbms.components() :: (name :: STRING)")
    assert refusal("r", labels, "neo4j", ALLOWED) is None
    assert refusal("s", components, "neo4j", ALLOWED) is None


@pytest.mark.parametrize("text", [
    "CYPHER 5 EXPLAIN MATCH (n) RETURN n",
    "cypher 5 explain MATCH (n) RETURN n",
    "CYPHER runtime=slotted PROFILE MATCH (n) RETURN n",
    "CYPHER 5 runtime = slotted planner=cost EXPLAIN RETURN 1",
    "CYPHER 5 CYPHER runtime=slotted EXPLAIN RETURN 1",
    "CYPHER EXPLAIN RETURN 1",
    "// a comment first\nEXPLAIN RETURN 1",
    "/* a comment */ CYPHER /* between */ 5 /* and */ PROFILE RETURN 1",
    "CYPHER 5\n  -- \n".replace("-- \n", "") + "profile\nRETURN 1",
    "\n\t EXPLAIN RETURN 1",
])
def test_a_mode_prefix_after_cypher_options_or_comments_is_refused(text: str) -> None:
    with pytest.raises(InvalidParameter, match="plan"):
        check_text(text)


@pytest.mark.parametrize("text", [
    "CYPHER 5 MATCH (n) RETURN n", "CYPHER runtime=slotted MATCH (explain) RETURN explain",
    "MATCH (profile) RETURN profile.explain", "RETURN 'EXPLAIN' AS s",
    "WITH 1 AS cypher RETURN cypher",
])
def test_cypher_options_and_the_words_themselves_pass(text: str) -> None:
    assert check_text(text) == text
