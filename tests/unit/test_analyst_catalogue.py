"""Saved-query headers, parameter binding and command-line values, without a database."""

from __future__ import annotations

import pytest

from core.errors import InvalidParameter, NotFound
from service.analyst import catalogue
from service.analyst.catalogue import HeaderError, Parameter, from_text, parse

HEADER = """// title: Example
// description: First line,
// description: second line.
// param: who string | Whose
// param: tags list<string> = ["a", "b|c"] | Tags, with a | in a default
// param: ratio float = 0.5
// param: on bool = true | Switch
// returns: x, y
RETURN $who AS x, $tags AS y
"""


def test_a_header_is_parsed() -> None:
    saved = parse("example", HEADER)
    assert saved.title == "Example" and saved.description == "First line, second line."
    assert saved.returns == ("x", "y")
    assert saved.parameters == (
        Parameter("who", "string", None, True, "Whose"),
        Parameter("tags", "list<string>", ["a", "b|c"], False, "Tags, with a | in a default"),
        Parameter("ratio", "float", 0.5, False, ""),
        Parameter("on", "bool", True, False, "Switch"),
    )


@pytest.mark.parametrize("line", [
    "// param: x integer = 1", "// param: x int = one", "// param: x int = 1.5",
    "// param: 1x int",
])
def test_bad_header_lines_name_the_file(line: str) -> None:
    with pytest.raises(HeaderError, match=r"cypher/analyst/bad\.cypher"):
        parse("bad", f"// title: Bad\n{line}\nRETURN 1")


def test_a_title_is_required() -> None:
    with pytest.raises(HeaderError, match="title"):
        parse("bad", "// description: no title\nRETURN 1")


def test_binding_fills_defaults_and_checks_types() -> None:
    saved = parse("example", HEADER)
    assert saved.bind({"who": "a1", "ratio": 1}) == {
        "who": "a1", "tags": ["a", "b|c"], "ratio": 1, "on": True}
    for wrong in ({"who": 1}, {"who": "a", "ratio": "x"}, {"who": "a", "on": 1},
                  {"who": "a", "tags": "a"}, {"who": "a", "tags": [1]}):
        with pytest.raises(InvalidParameter, match="must be"):
            saved.bind(wrong)
    with pytest.raises(InvalidParameter, match="needs parameter 'who'"):
        saved.bind({})
    with pytest.raises(InvalidParameter, match="no parameter nope"):
        saved.bind({"who": "a", "nope": 1})


def test_command_line_values_take_the_declared_type() -> None:
    assert from_text(Parameter("n", "int"), "12") == 12
    assert from_text(Parameter("r", "float"), "0.25") == 0.25
    assert from_text(Parameter("s", "string"), "12") == "12"
    assert from_text(Parameter("b", "bool"), "yes") is True
    assert from_text(Parameter("l", "list<string>"), "a1, a2") == ["a1", "a2"]
    assert from_text(Parameter("l", "list<int>"), "[1, 2]") == [1, 2]
    assert from_text(Parameter("l", "list<int>"), "3,4") == [3, 4]
    with pytest.raises(InvalidParameter, match="must be int"):
        from_text(Parameter("n", "int"), "ten")
    with pytest.raises(InvalidParameter, match="must be bool"):
        from_text(Parameter("b", "bool"), "maybe")


def test_every_shipped_saved_query_has_a_good_header() -> None:
    queries = catalogue.all_queries()
    assert len(queries) >= 6
    for saved in queries:
        assert saved.title and saved.description and saved.returns
        names = {p.name for p in saved.parameters}
        for name in names:
            assert f"${name}" in saved.text, (saved.name, name)


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(NotFound, match="top_authors_by_trust_in_topic"):
        catalogue.get("../schema/create_constraints")
