"""No Cypher is built from strings: every statement handed to Neo4j comes from a .cypher file.

An AST check over core/, service/, loaders/, scoring/ and cypher/: the first argument of every
`execute_query(...)` and every `<tx|session>.run(...)` must be a `query(...)`/`statements(...)`
result (bare or wrapped in a neo4j `Query`), or a name bound only to one. f-strings, `+`, `%`
and `.format` fail the check.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED_PACKAGES = ("core", "service", "loaders", "scoring", "cypher")
SAFE_FACTORIES = {"query", "statements"}
# The one place that runs text a person typed, on purpose: the analyst endpoint and shell.
# It is vetted by EXPLAIN (read-only plans only), runs in READ access mode with a server-side
# timeout, and has its own battery (tests/integration/analyst/test_analyst_battery.py).
# core/graph.py's `_run` is where every statement goes through; its callers hand it the text
# of query(name) or statements(name), which is what the check sees there.
ALLOWED = {("service/analyst/cursor.py", "_query"), ("core/graph.py", "statement")}


def _name_of(node: ast.expr) -> str:
    """The last identifier of `a`, `a.b.c` or a call's callee; '' for anything else."""
    if isinstance(node, ast.Call):
        return _name_of(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _is_database_call(call: ast.Call) -> bool:
    """`x.execute_query(...)`, or `.run(...)` on something named like a transaction/session."""
    if not isinstance(call.func, ast.Attribute):
        return False
    if call.func.attr == "execute_query":
        return True
    receiver = _name_of(call.func.value).lower()
    return call.func.attr == "run" and ("tx" in receiver or "session" in receiver)


def _statement_arg(call: ast.Call) -> ast.expr | None:
    """The statement: the first positional argument or the `query_=`/`query=` keyword (the
    text inside, when it is a neo4j `Query(text, timeout=…)`)."""
    arg = call.args[0] if call.args else next(
        (k.value for k in call.keywords if k.arg in {"query_", "query"}), None)
    if isinstance(arg, ast.Call) and _name_of(arg.func) == "Query" and arg.args:
        return arg.args[0]
    return arg


def _is_safe_value(node: ast.expr) -> bool:
    """A call to query(...)/statements(...) (or a subscript of one)."""
    if isinstance(node, ast.Subscript):
        return _is_safe_value(node.value)
    return isinstance(node, ast.Call) and _name_of(node.func) in SAFE_FACTORIES


class _Scopes(ast.NodeVisitor):
    """Every database call with the chain of functions (innermost last) around it."""

    def __init__(self, tree: ast.Module) -> None:
        self.stack: list[ast.AST] = [tree]
        self.found: list[tuple[ast.Call, list[ast.AST]]] = []

    def _scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.stack.append(node)
        self.generic_visit(node)
        self.stack.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = _scope

    def visit_Call(self, node: ast.Call) -> None:
        if _is_database_call(node):
            self.found.append((node, list(self.stack)))
        self.generic_visit(node)


def _bindings(scope: ast.AST, name: str) -> list[ast.expr | None]:
    """What `name` is bound to in one scope; None for a binding we cannot see (an argument)."""
    bound: list[ast.expr | None] = []
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        params = scope.args.posonlyargs + scope.args.args + scope.args.kwonlyargs
        bound += [None for a in params if a.arg == name]
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                bound.append(node.value)
        elif (isinstance(node, ast.For | ast.comprehension)
              and isinstance(node.target, ast.Name) and node.target.id == name):
            bound.append(node.iter)  # `for statement in statements(...)`
    return bound


def _is_safe(arg: ast.expr, scopes: list[ast.AST]) -> bool:
    """True when the statement argument can only be the text of a .cypher file."""
    if _is_safe_value(arg):
        return True
    if not isinstance(arg, ast.Name):
        return False  # an f-string, a concatenation, a literal, `.format(...)`, …
    for scope in reversed(scopes):  # the innermost scope that binds the name decides
        if bound := _bindings(scope, arg.id):
            return all(value is not None and _is_safe_value(value) for value in bound)
    return False


def unsafe_calls(source: str, filename: str) -> list[str]:
    """'file:line: code' for every database call whose statement is not a .cypher file."""
    tree = ast.parse(source, filename)
    scopes = _Scopes(tree)
    scopes.visit(tree)
    problems = []
    for call, stack in scopes.found:
        arg = _statement_arg(call)
        if arg is None or _is_safe(arg, stack):
            continue
        if (filename, _name_of(arg)) in ALLOWED:
            continue
        problems.append(f"{filename}:{call.lineno}: {ast.unparse(call)[:120]}")
    return problems


def _python_files() -> list[Path]:
    return sorted(p for pkg in CHECKED_PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_every_database_call_runs_a_cypher_file() -> None:
    problems = []
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        problems += unsafe_calls(path.read_text(encoding="utf-8"), relative)
    assert not problems, "Cypher not loaded with cypher.query():\n" + "\n".join(problems)


def test_the_check_sees_database_calls_at_all() -> None:
    """Guard against a check that passes because it finds nothing: core/graph.py, which runs
    nearly every statement, and the few places that hold a driver of their own."""
    calls = {}
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls[path.relative_to(ROOT).as_posix()] = sum(
            isinstance(n, ast.Call) and _is_database_call(n) for n in ast.walk(tree))
    assert calls["core/graph.py"] >= 4 and sum(calls.values()) >= 6


@pytest.mark.parametrize("code", [
    'driver.execute_query(f"MATCH (a:{label}) RETURN a")',
    'driver.execute_query("MATCH (a) WHERE a.id = \'" + author_id + "\' RETURN a")',
    'driver.execute_query("MATCH (a:%s) RETURN a" % label)',
    'driver.execute_query("MATCH (a:{}) RETURN a".format(label))',
    'driver.execute_query(query_=text)',
    'def f(text):\n    tx.run(text)',
    'def f(name):\n    statement = query(name) + " LIMIT 5"\n    session.run(statement)',
    'statement = query("a/b")\nstatement = f"{statement} {extra}"\nsession.run(statement)',
])
def test_the_check_catches_cypher_built_from_strings(code: str) -> None:
    assert unsafe_calls(code, "example.py")


@pytest.mark.parametrize("code", [
    'driver.execute_query(query("authors/get_profile"), id=x)',
    'def f(name):\n    statement = query(name)\n    def g(tx):\n        tx.run(statement)',
    'for statement in statements("schema/create_indexes"):\n    driver.execute_query(statement)',
    'uvicorn.run(app, host=host)',
])
def test_the_check_accepts_cypher_files(code: str) -> None:
    assert not unsafe_calls(code, "example.py")
