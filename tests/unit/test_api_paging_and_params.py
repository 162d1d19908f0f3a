"""Cursors, allow-listed type parameters and search highlights (no database)."""

import base64

import pytest

from core.errors import InvalidParameter
from service.repository.cursor import decode_cursor, encode_cursor
from service.repository.graph import EDGE_TYPES, allowed
from service.repository.search import _highlight, _terms


@pytest.mark.parametrize(("year", "item_id"), [(2024, "sample:w4f81f5d8cc2a"), (-1, "W1"),
                                               (0, "ünïcode/id with spaces")])
def test_cursor_round_trips(year: int, item_id: str) -> None:
    cursor = encode_cursor(year, item_id)
    assert "=" not in cursor and "/" not in cursor and "+" not in cursor
    assert decode_cursor(cursor) == (year, item_id)


@pytest.mark.parametrize("bad", ["-1", "!!!", "", "bm90IGpzb24",
                                 base64.urlsafe_b64encode(b'[1]').decode(),
                                 base64.urlsafe_b64encode(b'[-2,"W1"]').decode(),
                                 base64.urlsafe_b64encode(b'["2020","W1"]').decode(),
                                 base64.urlsafe_b64encode(b'[true,"W1"]').decode(),
                                 base64.urlsafe_b64encode(b'[2020,""]').decode()])
def test_malformed_cursor_is_invalid_parameter(bad: str) -> None:
    with pytest.raises(InvalidParameter) as caught:
        decode_cursor(bad)
    assert caught.value.errors == [{"parameter": "cursor", "in": "query", "message":
                                    "not a cursor this API returned; pass next_cursor from "
                                    "the previous page as is"}]


def test_allowed_names_are_case_insensitive_and_deduplicated() -> None:
    assert allowed("work, Author,WORK", ("Author", "Work"), "types") == ["Work", "Author"]
    assert allowed(None, EDGE_TYPES, "edge_types") == list(EDGE_TYPES)
    assert allowed(" ", ("Author",), "types") == ["Author"]


def test_unknown_names_are_refused_before_any_query() -> None:
    with pytest.raises(InvalidParameter) as caught:
        allowed("Author,Person) DETACH DELETE n//", ("Author", "Work"), "types")
    assert caught.value.errors is not None
    assert caught.value.errors[0]["parameter"] == "types"
    assert "'Person) DETACH DELETE n//'" in caught.value.detail


def test_terms_skip_operators_and_field_names() -> None:
    assert _terms('title:graph AND "neural nets" OR NOT x~') == ["graph", "neural", "nets"]


def test_highlight_marks_terms_and_escapes_html() -> None:
    assert _highlight(["graph"], "Graph <b>nets</b>", None) == (
        "<mark>Graph</mark> &lt;b&gt;nets&lt;/b&gt;", "label")
    passage, where = _highlight(["needle"], "Title", "x " * 200 + "a needle here")
    assert passage is not None and passage.startswith("…") and "<mark>needle</mark>" in passage
    assert where == "text"
    assert _highlight(["absent"], "Title", "text") == (None, None)
