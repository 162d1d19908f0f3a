"""The `peergraph cypher` shell in a real pseudo-terminal (pexpect), as an analyst types:
a multi-line statement, `:param`, a syntax error with its caret, a refused write, `exit`."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from neo4j import Driver

from core.settings import Settings

PEERGRAPH = Path(sys.executable).with_name("peergraph")
PROMPT = "cypher>"  # the space after it is a cursor move on a real terminal


@pytest.fixture
def shell(small_graph: Driver, settings: Settings, tmp_path: Path) -> Iterator[pexpect.spawn]:
    """The shell at 80 columns over the test database, with its own history file."""
    env = {**os.environ, "PEERGRAPH_NEO4J_URI": settings.neo4j_uri,
           "PEERGRAPH_NEO4J_USER": settings.neo4j_user,
           "PEERGRAPH_NEO4J_PASSWORD": settings.password(), "TERM": "xterm", "NO_COLOR": "1",
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(str(PEERGRAPH), ["cypher", "--history", str(tmp_path / "history")],
                          env=env, dimensions=(40, 80), encoding="utf-8", timeout=60)
    child.expect("read-only")
    child.expect(PROMPT)
    yield child
    child.close(force=True)


def test_the_shell_behaves_like_cypher_shell(shell: pexpect.spawn) -> None:
    shell.sendline(":param who => \"a1\"")
    shell.expect(PROMPT)
    shell.sendline("MATCH (a:Author {id: $who})")  # Enter without `;` goes on to a new line
    shell.expect(r"\.\.\.>")
    shell.sendline("RETURN a.id AS id, a.name AS name;")
    shell.expect("1 row in")
    assert "a1" in shell.before
    shell.expect(PROMPT)
    shell.sendline("MATCH (a:Author)\r RETRN a;")
    shell.expect("error:")
    shell.expect(PROMPT)
    printed = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", "error:" + shell.before).replace("\r", "")
    assert "error: Cypher syntax error" in printed and "(line 2, column 2)" in printed
    assert "\n RETRN a\n ^\n" in printed  # the line it is on, a caret under the column
    shell.sendline("CREATE (:Hack);")
    shell.expect(r"error:(\x1b\[[0-9;]*m)* Refused")
    shell.expect(PROMPT)
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
