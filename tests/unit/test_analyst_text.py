"""The analyst text limits: size in UTF-8 bytes and nesting depth, measured in Python."""

from __future__ import annotations

import pytest

from core.errors import InvalidParameter
from service.analyst.guard import check_text
from service.analyst.text import mask, nesting_depth


def _depth(text: str) -> int:
    return nesting_depth(mask(text)[0])


@pytest.mark.parametrize(("text", "depth"), [
    ("RETURN 1", 0),
    ("MATCH (a)-[:X]->(b) RETURN [a, {b: b}]", 2),
    ("RETURN " + "(" * 30 + "1" + ")" * 30, 30),
    ("RETURN '(((((' AS s, \"[[[[\" AS t, `{{{{` AS u // ((((\n", 0),
    ("RETURN 1 /* ((((( */", 0),
    ("RETURN CASE WHEN true THEN CASE WHEN false THEN 1 END END", 4),  # a CASE counts two
    ("MATCH (r) RETURN r.end, r.case", 1),  # properties named like keywords nest nothing
    ("RETURN NOT NOT NOT true", 3),
    ("RETURN NOT (NOT (true))", 4),  # two NOTs in a run, two brackets
    ("WITH {} AS m RETURN m.a.b.c.d", 1 + 8),  # the {}, four chained steps at two each
    ("WITH [] AS m RETURN m[0][1][2]", 1 + 6),
    ("WITH {} AS m RETURN m.`a`.`b`.`c`", 1 + 6),  # backtick names still chain
])
def test_nesting_depth(text: str, depth: int) -> None:
    assert _depth(text) == depth


def test_stray_closers_cannot_hide_depth() -> None:
    # A closer only closes its own kind, so `]` between the `(` do not lower the count.
    assert _depth("RETURN " + "(]" * 300) == 300
    assert _depth("RETURN " + "(" * 300 + "END" * 100) == 300


@pytest.mark.parametrize(("text", "phrase"), [
    ("RETURN " + "(" * 30_000 + "1" + ")" * 30_000, "PEERGRAPH_ANALYST_MAX_DEPTH"),
    ("RETURN " + "[" * 201 + "]" * 201, "PEERGRAPH_ANALYST_MAX_DEPTH"),
    ("RETURN " + "NOT " * 300 + "true", "PEERGRAPH_ANALYST_MAX_DEPTH"),
    ("RETURN " + "CASE WHEN true THEN " * 101 + "1" + " END" * 101, "MAX_DEPTH"),
    ("WITH {} AS m RETURN m" + ".a" * 101, "MAX_DEPTH"),
    ("RETURN 1 //" + "x" * 70_000, "PEERGRAPH_ANALYST_MAX_QUERY_BYTES"),
    ("RETURN '" + "é" * 33_000 + "'", "PEERGRAPH_ANALYST_MAX_QUERY_BYTES"),  # 66 000 bytes
])
def test_texts_past_the_limits_are_refused_naming_the_limit(text: str, phrase: str) -> None:
    with pytest.raises(InvalidParameter, match=phrase) as refused:
        check_text(text, max_bytes=65_536, max_depth=200)
    limit = refused.value.errors[0]  # type: ignore[index]
    assert limit["maximum"] in {65_536, 200} and limit["value"] > limit["maximum"]


def test_texts_at_the_limits_pass() -> None:
    deep = "RETURN " + "(" * 200 + "1" + ")" * 200
    assert check_text(deep, max_bytes=65_536, max_depth=200) == deep
    long = "RETURN 1 //" + "x" * (65_536 - 11)
    assert check_text(long, max_bytes=65_536, max_depth=200) == long
    wide = "RETURN " + ", ".join(f"[{i}, ({i}), {{a: {i}}}]" for i in range(2000))
    assert check_text(wide, max_bytes=65_536, max_depth=200) == wide  # many, none deep


def test_a_lone_surrogate_is_measured_not_raised() -> None:
    with pytest.raises(InvalidParameter, match="MAX_QUERY_BYTES"):
        check_text("RETURN '\ud800" * 20_000 + "'", max_bytes=65_536, max_depth=200)


@pytest.mark.parametrize(("text", "depth"), [
    ("RETURN " + "1+" * 1999 + "1", 199),  # ten operators in a row count a level
    ("RETURN " + "1+" * 2009 + "1", 200),
    ("MATCH (a) WHERE a.x = 1 AND a.y = 2 RETURN a.x + 1, a.y", 1 + 0),  # short chains
    ("RETURN " + ", ".join(["1+1+1+1+1"] * 500), 0),  # many chains, none long
    ("MATCH (n:" + "&".join(["A"] * 101) + ") RETURN n", 1 + 10),  # label expressions chain
    (" UNION ALL ".join(["RETURN 1 AS x"] * 150), 149),  # each UNION a level
    ("RETURN 'UNION' AS union_", 0),
])
def test_operator_chains_and_unions_count(text: str, depth: int) -> None:
    assert _depth(text) == depth


def test_chains_and_unions_past_the_limit_are_refused() -> None:
    for text in ("RETURN " + "1+" * 30_000 + "1",
                 " UNION ALL ".join(["RETURN 1 AS x"] * 2600),
                 "MATCH (a) WHERE " + " OR ".join(f"a.x = {i}" for i in range(4000)) + " RETURN a"):
        with pytest.raises(InvalidParameter, match="PEERGRAPH_ANALYST_MAX_DEPTH"):
            check_text(text, max_bytes=65_536, max_depth=200)
