"""Imports run one way: cli → service → loaders, scoring → core → cypher (README, Layout).

Walks every module's imports (ast, function-level ones too) and fails on any import against
that direction, on core or scoring reaching for the web stack, and on a cycle among the
module-level imports of the project's own modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RANK = {"cli": 4, "service": 3, "loaders": 2, "scoring": 2, "core": 1, "cypher": 0}
WEB = ("fastapi", "starlette", "uvicorn", "jinja2")


def modules() -> Iterator[tuple[str, Path]]:
    """(dotted name, path) of every module of the layered packages."""
    for package in RANK:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:  # Alembic's scripts: run by Alembic, import core only
                continue
            yield ".".join(p for p in parts if p != "__init__"), path


def imports(path: Path, top_level_only: bool = False) -> Iterator[str]:
    """Absolute module names a file imports (at module level only, if asked)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def violations() -> list[str]:
    """Every import against the layers' direction."""
    found = []
    for name, path in modules():
        here = name.split(".")[0]
        for target in imports(path):
            there = target.split(".")[0]
            if there in RANK and there != here and RANK[there] >= RANK[here]:
                found.append(f"{name} imports {target}")
            if here in ("core", "scoring", "loaders", "cypher") and there in WEB:
                found.append(f"{name} imports the web stack ({target})")
    return found


def test_imports_run_one_way() -> None:
    assert violations() == []


def test_no_import_cycle_among_modules() -> None:
    known = dict(modules())
    graph = {name: {t for t in imports(path, top_level_only=True) if t in known} - {name}
             for name, path in known.items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            pytest.fail("import cycle: " + " → ".join([*trail[trail.index(name):], name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_the_checker_sees_the_project() -> None:
    assert len(dict(modules())) > 80
