"""The terminal's rendering of analyst results: values as Cypher writes them, tables that
never cut an id or a name at 80 columns, JSON Lines for pipes, plurals."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cli.output import cell_text, node_text, path_text, plural, print_jsonl, print_table

ADA = {"kind": "node", "id": "4:x:1", "labels": ["Author"],
       "properties": {"name": "Ada Lovelace", "id": "a1", "country": "GB", "trust_score": 71.5,
                      "orcid": "0000-0001", "works_count": 3}}
WORK = {"kind": "node", "id": "4:x:2", "labels": ["Work"], "properties": {"id": "w1"}}
AUTHORED = {"kind": "relationship", "id": "5:x:1", "type": "AUTHORED", "start": "4:x:1",
            "end": "4:x:2", "properties": {"position": 1}}


class Terminal(io.StringIO):
    """What a terminal is to the renderer: a file that says it is one."""

    def isatty(self) -> bool:
        return True


def test_nodes_read_as_cypher_with_a_property_budget() -> None:
    assert node_text(ADA, 2) == '(:Author {id: "a1", name: "Ada Lovelace", …+4})'
    assert node_text(WORK) == '(:Work {id: "w1"})'
    assert cell_text(AUTHORED) == "[:AUTHORED {position: 1}]"
    assert cell_text([1, "x", None, True]) == '[1, "x", null, true]'
    assert cell_text("plain text") == "plain text" and cell_text(None) == ""


def test_a_path_shows_each_step_in_its_direction() -> None:
    back = {**AUTHORED, "start": "4:x:1", "end": "4:x:2"}
    path = {"kind": "path", "nodes": [WORK, ADA], "relationships": [back]}
    assert path_text(path, 1) == ('(:Work {id: "w1"})<-[:AUTHORED {position: 1}]-'
                                  '(:Author {id: "a1", …+5})')


def test_plurals() -> None:
    assert plural(1, "row") == "1 row" and plural(0, "row") == "0 rows"
    assert plural(12, "row") == "12 rows"


texts = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Pd")),
                min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=6),
       st.integers(min_value=1, max_value=4))
def test_at_80_columns_no_id_or_name_is_ever_cut(rows: list[tuple[str, str]],
                                                 extra: int) -> None:
    columns = ["id", "name", *(f"column_{i}" for i in range(extra))]
    table = [[ident, name, *(f"{name}-{i}" for i in range(extra))] for ident, name in rows]
    out = Terminal()
    print_table(columns, table, out, width=80)
    printed = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())  # the terminal's bold headers
    assert "…" not in printed
    assert all(len(line) <= 80 for line in printed.splitlines())
    for ident, name in rows:
        assert ident in printed and name in printed


def test_into_a_pipe_rows_are_never_wrapped() -> None:
    long = "x" * 150
    out = io.StringIO()
    print_table(["id", "title"], [["researcher0", long]], out)
    assert any("researcher0" in line and long in line for line in out.getvalue().splitlines())


def test_jsonl_is_one_object_per_row() -> None:
    out = io.StringIO()
    print_jsonl(["a", "n"], [[ADA, 1], [None, 2]], out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [{"a": ADA, "n": 1}, {"a": None, "n": 2}]
