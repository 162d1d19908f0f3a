"""JSON and CSV forms of driver values that need no database to build."""

from __future__ import annotations

import datetime as dt

from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from service.analyst.values import to_csv_cell, to_json


def test_temporal_values_are_iso_text() -> None:
    assert to_json(Date(2024, 2, 29)) == "2024-02-29"
    assert to_json(DateTime(2024, 1, 1, 10, 0, 0, tzinfo=dt.UTC)).startswith(
        "2024-01-01T10:00:00")
    assert to_json(Time(10, 30, 0)).startswith("10:30:00")
    assert to_json(Duration(days=1, hours=2)) == "P1DT2H"
    assert to_json(dt.date(2020, 1, 2)) == "2020-01-02"


def test_points_bytes_and_odd_floats() -> None:
    assert to_json(CartesianPoint((1, 2))) == {"srid": 7203, "x": 1.0, "y": 2.0}
    assert to_json(WGS84Point((4.9, 52.4, 3.0))) == {"srid": 4979, "x": 4.9, "y": 52.4, "z": 3.0}
    assert to_json(b"\x00\x01") == "AAE="
    assert to_json(float("nan")) == "nan" and to_json(float("inf")) == "inf"


def test_nested_structures_are_converted_all_the_way_down() -> None:
    value = {"when": [Date(2020, 1, 1)], "where": {"p": CartesianPoint((0, 0))}, "n": None}
    assert to_json(value) == {"when": ["2020-01-01"], "where": {"p": {"srid": 7203, "x": 0.0,
                                                                     "y": 0.0}}, "n": None}


def test_csv_cells() -> None:
    assert to_csv_cell(None) == ""
    assert to_csv_cell(True) == "true"
    assert to_csv_cell(3) == "3" and to_csv_cell(0.5) == "0.5" and to_csv_cell("a,b") == "a,b"
    assert to_csv_cell([1, "x"]) == '[1,"x"]'
    assert to_csv_cell({"a": Date(2020, 1, 1)}) == '{"a":"2020-01-01"}'
    assert to_csv_cell(Date(2020, 1, 1)) == "2020-01-01"
