"""The bulk importer's CSV (loaders/bulk_csv.py) and merge rules (loaders/bulk_fold.py): no
database; the integration test imports the CSV into a real Neo4j."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from loaders import bulk_csv
from loaders.bulk_fold import Fold, bucket_key, bucket_of
from loaders.graph_rows import merge_records

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def _data(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def test_fields_quote_strings_double_inner_quotes_and_leave_nulls_empty(tmp_path: Path) -> None:
    rows = [("W1", {"a": 'say "hi", then go', "b": "", "c": "back\\slash", "d": True,
                    "e": 3, "f": 0.25, "g": ["I1", 'I"2'], "h": NOW}),
            ("W2", {"d": False})]
    written = bulk_csv.write_nodes(tmp_path / "Work-0000", "Work", rows)
    assert _data(written.data).splitlines() == [
        '"W1","say ""hi"", then go","","back\\slash",true,3,0.25,"I1\x1fI""2",'
        "2026-12-03T12:00:00+00:00",  # an empty string is "", no backslash escapes
        '"W2",,,,false,,,,']  # a missing value is an empty field


def test_headers_type_every_column_and_files_are_gzipped(tmp_path: Path) -> None:
    rows = [("W1", {"title": "A, b", "year": 2001, "score": 0.5, "is_stub": False,
                    "issn": ["1234-5678"], "changed_at": NOW}),
            ("W2", {"is_stub": True})]
    written = bulk_csv.write_nodes(tmp_path / "Work-0001", "Work", rows)
    assert written.header.read_text() == ("id:ID(Work),changed_at:datetime,is_stub:boolean,"
                                          "issn:string[],score:double,title:string,"
                                          "year:long\n")
    assert _data(written.data).splitlines() == [
        '"W1",2026-12-03T12:00:00+00:00,false,"1234-5678",0.5,"A, b",2001',
        '"W2",,true,,,,']
    assert (written.rows, written.multiline) == (2, False)


def test_edges_name_both_id_groups_and_a_newline_asks_for_multiline(tmp_path: Path) -> None:
    written = bulk_csv.write_edges(tmp_path / "AUTHORED-0000", "AUTHORED", "Author", "Work",
                                   [("A1", "W1", {"position": 0, "raw_affiliation": "x\ny"})])
    assert written.header.read_text() == (":START_ID(Author),:END_ID(Work),position:long,"
                                          "raw_affiliation:string\n")
    assert _data(written.data) == '"A1","W1",0,"x\ny"\n'
    assert written.multiline


def test_a_column_with_two_types_and_an_array_delimiter_in_a_value_are_refused() -> None:
    with pytest.raises(TypeError, match="both double and long"):
        bulk_csv.column_types([{"score": 1}, {"score": 1.5}])
    with pytest.raises(ValueError, match="U\\+001F"):
        bulk_csv.check_arrays({"lineage": ["I1\x1fI2"]})


def test_a_full_work_wins_over_a_stub_and_an_older_copy_does_not_overwrite() -> None:
    fold = Fold()
    fold.add("work_stubs", [{"id": "W1"}, {"id": "W2"}])
    fold.add("works", [{"id": "W1", "props": {"title": "New", "updated_date": "2024-01-01"}}])
    fold.add("works", [{"id": "W1", "props": {"title": "Old", "updated_date": "2020-01-01",
                                              "doi": "10.1/x"}}])
    nodes = dict(fold.node_rows("Work", NOW))
    assert nodes["W1"] == {"title": "New", "updated_date": "2024-01-01", "is_stub": False,
                           "changed_at": NOW}
    assert nodes["W2"] == {"is_stub": True}


def test_a_reference_only_creates_and_a_record_after_it_adds_to_it() -> None:
    fold = Fold()
    fold.add("author_refs", [{"id": "A1", "props": {"name": "A. One", "orcid": "0-1"}}])
    fold.add("author_refs", [{"id": "A1", "props": {"name": "Second ref"}}])
    fold.add("authors", [{"id": "A1", "props": {"name": "Ada One", "works_count": 3}}])
    assert dict(fold.node_rows("Author", NOW))["A1"] == {
        "name": "Ada One", "orcid": "0-1", "works_count": 3, "changed_at": NOW}


def test_edges_keep_the_last_row_and_affiliations_widen_their_years() -> None:
    fold = Fold()
    fold.add("authorships", [{"author_id": "A1", "work_id": "W1", "position": 0,
                              "raw_affiliation": "x"},
                             {"author_id": "A1", "work_id": "W1", "position": 2,
                              "raw_affiliation": None}])
    fold.add("published_in", [{"work_id": "W1", "venue_id": "S1"},
                              {"work_id": "W1", "venue_id": "S2"}])
    fold.add("affiliations", [
        {"author_id": "A1", "institution_id": "I1", "start_year": 2010, "end_year": 2010},
        {"author_id": "A1", "institution_id": "I1", "start_year": None, "end_year": None},
        {"author_id": "A1", "institution_id": "I1", "start_year": 2004, "end_year": 2008}])
    assert list(fold.edge_rows("authorships")) == [("A1", "W1", {"position": 2})]
    assert list(fold.edge_rows("published_in")) == [("W1", "S2", {})]
    assert list(fold.edge_rows("affiliations")) == [
        ("A1", "I1", {"start_year": 2004, "end_year": 2010})]


def test_buckets_are_stable_and_keep_one_node_or_edge_together() -> None:
    cites, author = {"work_id": "W42", "cited_id": "W1"}, {"id": "A7", "props": {}}
    assert bucket_key(cites, "cites") == bucket_key({"id": "W42"}, "works") == "W42"
    assert bucket_key(author, "author_refs") == bucket_key(
        {"author_id": "A7", "institution_id": "I1"}, "affiliations") == "A7"
    assert bucket_of("W42", 16) == 3847177040 % 16  # crc32: the same in every process


def test_two_copies_in_one_online_batch_merge_as_two_loads_would() -> None:
    rows = [{"id": "W1", "props": {"title": "A", "updated_date": "2022-01-01"}},
            {"id": "W1", "props": {"title": "B", "updated_date": "2030-01-01"}},
            {"id": "W1", "props": {"title": "C", "updated_date": "2001-01-01", "doi": "d"}}]
    assert merge_records(rows) == [
        {"id": "W1", "props": {"title": "B", "updated_date": "2030-01-01"}}]
