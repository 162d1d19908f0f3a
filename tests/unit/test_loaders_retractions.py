"""The Retraction Watch CSV (issue 19, item 2): Latin-1 or UTF-8, the database's date and
id conventions, and which rows are set aside (tests/fixtures/loaders/retractions/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.retractions import (
    COLUMNS,
    parse_date,
    parse_doi,
    parse_pmid,
    read_retraction_items,
    split_list,
    transform,
)

FIXTURE = (Path(__file__).resolve().parents[1] / "fixtures" / "loaders" / "retractions"
           / "retraction_watch.csv")


def test_the_fixture_is_latin1_in_the_crossref_layout() -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("latin-1").splitlines()[0] == ",".join(COLUMNS)


def test_latin1_rows_read_as_unicode_with_their_line_numbers() -> None:
    items = list(read_retraction_items(FIXTURE))
    assert [i.record["Record ID"] for i in items if i.record] == [
        f"4000{n}" for n in range(1, 9)]
    first = items[0].record or {}
    assert first["Author"] == "Ana Gómez;Jürgen Müller"
    # The second notice's Notes hold a line break: the next row is on line 5.
    assert [i.line for i in items[:3]] == [2, 4, 5]


def test_utf8_and_a_mix_read_the_same(tmp_path: Path) -> None:
    text = FIXTURE.read_bytes().decode("latin-1")
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(text.encode("utf-8"))
    lines = text.split("\r\n")
    mixed = tmp_path / "mixed.csv"  # a file edited by hand: UTF-8 head, Latin-1 tail
    mixed.write_bytes("\r\n".join(lines[:3]).encode("utf-8") + b"\r\n"
                      + "\r\n".join(lines[3:]).encode("latin-1"))
    expected = [i.record for i in read_retraction_items(FIXTURE)]
    assert [i.record for i in read_retraction_items(utf8)] == expected
    assert [i.record for i in read_retraction_items(mixed)] == expected


def test_a_file_that_is_not_the_database_is_one_reject(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("id,title\n1,x\n")
    (item,) = list(read_retraction_items(other))
    assert item.record is None and "RetractionDate" in (item.error or "")


@pytest.mark.parametrize(("text", "expected"), [
    ("3/14/2023 0:00", dt.date(2023, 3, 14)), ("1/9/2024", dt.date(2024, 1, 9)),
    ("2024-01-09", dt.date(2024, 1, 9)), ("", None)])
def test_dates_in_the_database_layout(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/31/2022 0:00", "2/30/2021 0:00", "March 2021"])
def test_bad_dates_raise(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


def test_ids_follow_the_database_conventions() -> None:
    assert parse_doi("https://doi.org/10.5555/PG.X") == "10.5555/pg.x"
    assert parse_doi("unavailable") is None and parse_doi("") is None
    with pytest.raises(ValueError, match="DOI"):
        parse_doi("doi:not a doi")
    assert parse_pmid("0") is None and parse_pmid("00312") == "312"
    assert split_list("+Duplication of Image;+Concerns/Issues About Data;") == [
        "Duplication of Image", "Concerns/Issues About Data"]


def test_each_row_is_a_notice_a_skip_or_a_reject() -> None:
    outcomes = {}
    for item in read_retraction_items(FIXTURE):
        assert item.record is not None
        try:
            rows = transform(item.record)
            outcomes[item.record["Record ID"]] = rows.retractions[0] if rows else None
        except ValueError as exc:
            outcomes[item.record["Record ID"]] = str(exc)
    assert outcomes["40001"]["nature"] == "Retraction"
    assert outcomes["40001"]["reasons"] == ["Falsification/Fabrication of Data",
                                            "Investigation by Journal/Publisher"]
    assert outcomes["40002"]["doi"] == "10.5555/pg.retract.2022"
    assert (outcomes["40003"]["doi"], outcomes["40003"]["pmid"]) == (None, "31234567")
    assert outcomes["40004"]["severity"] < outcomes["40003"]["severity"] < 3
    assert "date" in outcomes["40005"] and "DOI" in outcomes["40006"]
    # a reinstatement: a row of severity 0, which voids the work's earlier notices
    assert (outcomes["40007"]["nature"], outcomes["40007"]["severity"]) == ("Reinstatement", 0)
