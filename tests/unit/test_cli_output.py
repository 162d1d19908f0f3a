"""The terminal's rendering of analyst results: values as Cypher writes them, tables that
never cut an id or a name at 80 columns, JSON Lines for pipes, plurals."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cli.cells import cell_text, cell_texts, node_text, path_text
from cli.output import plural, print_jsonl, print_table

ADA = {"kind": "node", "id": "4:x:1", "labels": ["Author"],
       "properties": {"name": "Ada Lovelace", "id": "a1", "country": "GB", "trust_score": 71.5,
                      "orcid": "0000-0001", "works_count": 3}}
WORK = {"kind": "node", "id": "4:x:2", "labels": ["Work"], "properties": {"id": "w1"}}
NOTES = {"kind": "node", "id": "4:x:3", "labels": ["Work"], "properties": {
    "id": "w2", "title": "Notes on the Analytical Engine by L. F. Menabrea, translated with notes"}}
WIDE_ROWS = [["a1", 71.5, ["ML", "logic"], ADA], ["w2", None, [], NOTES]]
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


def test_a_wide_row_is_shown_record_by_record_with_long_values_folded() -> None:
    out = Terminal()
    print_table(["id", "trust", "topics", "n"], WIDE_ROWS, out, width=80)
    assert out.getvalue().splitlines() == [
        "-[ record 1 ]" + "-" * 67,
        "id     | a1",
        "trust  | 71.5",
        'topics | ["ML", "logic"]',
        'n      | (:Author {id: "a1", name: "Ada Lovelace", country: "GB", orcid: "0000-0',
        '       + 001", …+2})',
        "-[ record 2 ]" + "-" * 67,
        "id     | w2",
        "trust  | ",
        "topics | []",
        'n      | (:Work {id: "w2", title: "Notes on the Analytical Engine by L. F. Menab',
        '       + rea, translated with notes"})']


def test_a_table_pads_each_column_to_its_widest_value() -> None:
    out = io.StringIO()
    print_table(["id", "trust", "topics", "n"], WIDE_ROWS, out, width=80)
    ada, notes = node_text(ADA), node_text(NOTES)
    assert out.getvalue().splitlines() == [
        "id | trust | topics          | n",
        "---+-------+-----------------+-" + "-" * len(notes),
        f'a1 | 71.5  | ["ML", "logic"] | {ada}',
        f"w2 |       | []              | {notes}"]


names = st.sampled_from(["id", "name", "title", "score", "x%y", "tags", "名前"])
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(max_size=12) | st.sampled_from(["a\nb", "50%", "%s", "名前"]))
properties = st.dictionaries(names, scalars | st.lists(scalars, max_size=3), max_size=5)
nodes = st.builds(lambda labels, props: {"kind": "node", "id": "4:x", "labels": labels,
                                         "properties": props},
                  st.lists(st.sampled_from(["Author", "Wo%rk"]), max_size=2), properties)
relationships = st.builds(lambda kind, props: {"kind": "relationship", "id": "5:x", "type": kind,
                                               "start": "a", "end": "b", "properties": props},
                          st.sampled_from(["AUTHORED", "C%ITES"]), properties)
values = st.recursive(scalars | nodes | relationships,
                      lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(names, inner, max_size=3), max_leaves=8)
plain_floats = st.floats(1e-4, 1e15) | st.floats(-1e15, -1e-4)  # written by orjson, not repr
one_shape = st.builds(lambda node, count: [node] * count, nodes, st.integers(0, 9))
columns = (st.lists(values, max_size=10) | one_shape | st.lists(nodes, min_size=4, max_size=9)
           | st.lists(st.none() | relationships, max_size=9)
           | st.lists(st.lists(scalars, min_size=2, max_size=2), max_size=6)
           | st.lists(st.lists(st.text(max_size=6), max_size=3), max_size=6)
           | st.lists(st.floats(), min_size=1) | st.lists(plain_floats, min_size=1)
           | st.lists(st.lists(plain_floats, min_size=1, max_size=3), min_size=1, max_size=6))


@settings(max_examples=300, deadline=None)
@given(columns, st.integers(min_value=0, max_value=5))
def test_a_column_reads_as_its_values_one_by_one(column: list[object], budget: int) -> None:
    assert cell_texts(column, budget) == [cell_text(value, budget) for value in column]
