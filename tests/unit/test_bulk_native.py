"""The bulk import's native transform (native/, Rust) against the online loader's Python
transform, record by record, and its merge rules and CSV: no database (the integration test
tests/integration/loaders/test_bulk_import.py imports the CSV into a real Neo4j).

The records are the repo's real OpenAlex excerpts (tests/fixtures/loaders), synthetic works,
and copies of real records bent where the two could part: markup and entities, Unicode
whitespace and digits, wrong types, duplicate keys, API pages."""

from __future__ import annotations

import copy
import gzip
import json
import tempfile
import zlib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peergraph_native import Spill, reduce_bucket, spill_lines

from core.errors import PeergraphError
from loaders import bulk_transform
from loaders.bulk_transform import SPILLED_KINDS
from loaders.openalex import transform
from loaders.synthetic import Generator
from loaders.text import clean_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC).isoformat()


def _real_works() -> list[dict[str, Any]]:
    paths = [FIXTURES / "openalex-works-2022.jsonl",
             *sorted((FIXTURES / "openalex-snapshot-2023" / "works").rglob("part_*"))]
    return [orjson.loads(line) for path in paths
            for line in (gzip.decompress(path.read_bytes()) if path.suffix == ".gz"
                         else path.read_bytes()).splitlines() if line.strip()]


def _python_rows(line: bytes) -> Counter[str] | None:
    """The Python transform's rows of one line, as a multiset of (kind, row) texts."""
    try:
        rows = transform(orjson.loads(line))
    except (ValueError, TypeError, orjson.JSONDecodeError):
        return None
    if rows is None:
        return Counter()
    return Counter(f"{kind}\t{orjson.dumps(row, option=orjson.OPT_SORT_KEYS).decode()}"
                   for kind in SPILLED_KINDS for row in getattr(rows, kind))


def _native(tmp_path: Path, lines: list[bytes]) -> tuple[list[Counter[str]], list[int]]:
    """Each line's native rows (one bucket, one chunk per line), and the lines handed back."""
    handed: list[int] = []
    per_line = []
    tmp_path = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis reuses the test's folder
    for number, line in enumerate(lines, start=1):
        spool = tmp_path / f"spool{number}"
        spool.mkdir()
        part = tmp_path / f"part{number}"
        part.write_bytes(line + b"\n")
        spill = Spill(spool, 0, 1, 1_000_000)
        spill.add_work_file(part, lambda n, raw, at=number: handed.append(at) or [],
                            clean_text)
        spill.flush()
        rows = spool / "b0000" / "p000000.rows"
        texts = spill_lines(rows) if rows.exists() else []
        per_line.append(Counter(_sorted_row(t) for t in texts if not t.startswith("work_stubs")))
    return per_line, handed


def _sorted_row(text: str) -> str:
    kind, row = text.split("\t", 1)
    return f"{kind}\t{orjson.dumps(orjson.loads(row), option=orjson.OPT_SORT_KEYS).decode()}"


def _check_same(tmp_path: Path, records: list[Any]) -> list[int]:
    """Assert every line the native transform takes gives the Python rows; the lines it
    handed back (1-based)."""
    # json, not orjson: it writes integers past 64 bits, which sources do
    lines = [r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()
             for r in records]
    natives, handed = _native(tmp_path, lines)
    for number, (line, native) in enumerate(zip(lines, natives, strict=True), start=1):
        if number not in handed:
            assert native == _python_rows(line), line[:300]
    return handed


def test_real_openalex_works_give_the_python_rows_natively(tmp_path: Path) -> None:
    works = _real_works()
    assert len(works) > 50
    handed = _check_same(tmp_path, works)
    assert len(handed) <= len(works) // 10  # the native path takes nearly all real records


def test_synthetic_works_all_go_native(tmp_path: Path) -> None:
    works = list(Generator(200, seed=3).works())
    assert _check_same(tmp_path, works) == []


def _bent(work: dict[str, Any]) -> list[Any]:
    """Copies of a real work bent where a second implementation could part from the first."""
    bent: list[Any] = []

    def variant(**changes: Any) -> None:
        bent.append({**copy.deepcopy(work), **changes})

    variant(title="Caf\u00e9 &amp; <i>bar</i>&#13; \u2003 x")  # markup and entities
    variant(title="  tab\tand\u00a0nbsp\u2028line\x1c sep \u00ad soft\u200bzw ")
    variant(title="", display_name=" Named \u3000 instead ")
    variant(title=None, display_name=None)
    variant(title=5)  # a wrong type: the Python transform rejects it
    variant(id="https://openalex.org/W\u0661\u0662")  # Arabic-Indic digits match \d
    variant(id=" \u00a0w42 ")
    variant(id="https://openalex.org/A5")  # an author record in a works file
    variant(doi=" HTTPS://DOI.ORG/10.1/AbC ", publication_year=True)
    variant(doi="doi:10.1/\u00c5")
    variant(publication_year=2.0)
    variant(publication_year=2**63)
    variant(cited_by_count=-(2**63))
    variant(ids={"mag": 2**70, "pmid": "https://pubmed.ncbi.nlm.nih.gov/000123/",
                 "pmcid": "pmc00"})
    variant(ids={"mag": "12a", "pmid": True, "pmcid": 1.5})
    variant(ids=[1])
    variant(abstract_inverted_index={"b": [1, 0], "a": [0], "c": [5]})
    variant(abstract_inverted_index={"x": [True]})
    variant(abstract_inverted_index={})
    variant(abstract_inverted_index=[])
    variant(abstract_inverted_index={"p < q & r": [0]})
    variant(referenced_works=[work["id"], "https://openalex.org/W1", "W1", "A2", None])
    variant(referenced_works=["https://openalex.org/W1", "https://openalex.org/W1 "])
    variant(primary_location={"source": {}}, host_venue={"display_name": "Host  Venue"})
    variant(primary_location={"source": {"unknown": 1}}, host_venue={"display_name": "H"})
    variant(primary_location={"source": {"display_name": "No Id Journal", "issn": ["1\x1f2"]}})
    variant(primary_location={"source": {"display_name": "J\u00f6urnal"}})
    variant(primary_location=None, host_venue={"id": "https://openalex.org/V7", "issn": None})
    variant(topics=[{"id": "https://openalex.org/T1", "score": 0},
                    {"id": "https://openalex.org/T1", "score": -0.0, "level": 2}],
            primary_topic={"id": "https://openalex.org/T9", "display_name": "Nine",
                           "field": {"display_name": " F "}})
    variant(topics=[{"id": None}], primary_topic={"id": None}, concepts=[{"id": "C3",
                                                                          "score": 1}])
    variant(concepts=[{"id": "C3", "level": 1.5}])
    authorships = copy.deepcopy(work.get("authorships") or [])
    if authorships:
        first = authorships[0]
        first["author"]["orcid"] = " https://orcid.org/0000-0001-2345-678X "
        first["raw_affiliation_strings"] = ["A, \"B\"", "Line\nbreak"]
        first["institutions"] = [{"id": "I1", "ror": "https://ror.org/abc/",
                                  "lineage": ["I1", "https://openalex.org/I2", "I2", "x"]},
                                 {"id": None, "display_name": "No id"}]
        variant(authorships=[first, first, {"author": {"id": "A9999999999"}},
                             {"author": None}, {"author": {"id": 5}}])
        variant(authorships=[{**first, "author": {**first["author"], "orcid": 7}}])
        variant(authorships=[None])
    bent.append(b'{"id": "https://openalex.org/W3", "id": "https://openalex.org/W4"}')
    bent.append(b'{"meta": {}, "results": [{"id": "https://openalex.org/W5"}]}')
    bent.append(b'{"id": "https://openalex.org/W6", "title": "x"} trailing')
    bent.append(b'{"id": "https://openalex.org/W7", "abstract_inverted_index": '
                b'{"a": [0], "a": [1]}}')
    bent.append(b"[1, 2]")
    return bent


def test_bent_records_give_the_python_rows_or_go_to_python(tmp_path: Path) -> None:
    handed = _check_same(tmp_path, _bent(_real_works()[1]))
    assert len(handed) >= 8  # the wrong types, odd ids and odd JSON at least


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from("ab <>&;#x1\u00a0\u2003\u200b\u00ad\x1f\x7f\n\t\u00e9\"\\"),
               max_size=30), st.sampled_from(["title", "display_name", "language", "doi"]))
def test_any_text_in_a_field_gives_the_python_rows(tmp_path: Path, text: str, key: str) -> None:
    work = {**_real_works()[0], key: text}
    _check_same(tmp_path, [work])


def _reduce(tmp_path: Path, records: list[dict[str, list[dict[str, Any]]]],
            chunk: int = 1_000_000) -> dict[str, Any]:
    """Spill the given rows (one record each, `chunk` records to a chunk) and reduce them:
    {group: (header, lines, rows, multiline)}."""
    spool, out = tmp_path / "spool", tmp_path / "csv"
    spool.mkdir()
    out.mkdir()
    spill = Spill(spool, 0, 1, chunk)
    for record in records:
        spill.add_json(orjson.dumps(record))
    spill.flush()
    files, counts = reduce_bucket(spool / "b0000", out, 0, NOW)
    written = {}
    for group, header, data, rows, multiline in files:
        lines = gzip.decompress(Path(data).read_bytes()).decode().splitlines()
        written[group] = (Path(header).read_text(), sorted(lines), rows, multiline)
        assert counts[group] == rows == len(lines) or multiline
    return written


def test_fields_quote_strings_double_inner_quotes_and_leave_nulls_empty(tmp_path: Path) -> None:
    written = _reduce(tmp_path, [{"works": [
        {"id": "W1", "props": {"a": 'say "hi", then go', "b": "", "c": "back\\slash",
                               "d": True, "e": 3, "f": 0.25, "g": ["I1", 'I"2']}},
        {"id": "W2", "props": {"d": False}}]}])
    header, lines, _, _ = written["Work"]
    assert header == ("id:ID(Work),a:string,b:string,c:string,changed_at:datetime,d:boolean,"
                      "e:long,f:double,g:string[],is_stub:boolean\n")
    assert lines == [
        f'"W1","say ""hi"", then go","","back\\slash",{NOW},true,3,0.25,"I1\x1fI""2",false',
        f'"W2",,,,{NOW},false,,,,false']


def test_edges_name_both_id_groups_and_a_newline_asks_for_multiline(tmp_path: Path) -> None:
    written = _reduce(tmp_path, [{"authorships": [
        {"author_id": "A1", "work_id": "W1", "position": 0, "raw_affiliation": "x\ny"}]}])
    header, _, rows, multiline = written["AUTHORED"]
    assert header == ":START_ID(Author),:END_ID(Work),position:long,raw_affiliation:string\n"
    assert (rows, multiline) == (1, True)


def test_a_column_with_two_types_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="both"):
        _reduce(tmp_path, [{"about": [
            {"work_id": "W1", "topic_id": "T1", "score": 1},
            {"work_id": "W2", "topic_id": "T1", "score": 1.5}]}])


def test_a_full_work_wins_over_a_stub_and_an_older_copy_does_not_overwrite(
        tmp_path: Path) -> None:
    written = _reduce(tmp_path, [
        {"cites": [{"work_id": "W3", "cited_id": "W1"}, {"work_id": "W3", "cited_id": "W2"}]},
        {"works": [{"id": "W1", "props": {"title": "New", "updated_date": "2024-01-01"}}]},
        {"works": [{"id": "W1", "props": {"title": "Old", "updated_date": "2020-01-01",
                                          "doi": "10.1/x"}}]}])
    header, lines, _, _ = written["Work"]
    assert header == ("id:ID(Work),changed_at:datetime,is_stub:boolean,title:string,"
                      "updated_date:string\n")
    assert lines == [f'"W1",{NOW},false,"New","2024-01-01"', '"W2",,true,,']


REF_THEN_RECORD = [
    {"author_refs": [{"id": "A1", "props": {"name": "A. One", "orcid": "0-1"}}]},
    {"author_refs": [{"id": "A1", "props": {"name": "Second ref"}}]},
    {"authors": [{"id": "A1", "props": {"name": "Ada One", "works_count": 3}}]}]


def test_a_reference_only_creates_and_a_record_in_a_later_chunk_adds_to_it(
        tmp_path: Path) -> None:
    written = _reduce(tmp_path, REF_THEN_RECORD, chunk=1)
    assert written["Author"][1] == [f'"A1",{NOW},"Ada One","0-1",3']


def test_in_one_chunk_records_come_before_references_as_in_one_online_batch(
        tmp_path: Path) -> None:
    written = _reduce(tmp_path, REF_THEN_RECORD)  # graph_rows.WRITE_ORDER: authors first
    assert written["Author"][1] == [f'"A1",{NOW},"Ada One",3']


def test_edges_keep_the_last_row_and_affiliations_widen_their_years(tmp_path: Path) -> None:
    written = _reduce(tmp_path, [
        {"authorships": [{"author_id": "A1", "work_id": "W1", "position": 0,
                          "raw_affiliation": "x"},
                         {"author_id": "A1", "work_id": "W1", "position": 2,
                          "raw_affiliation": None}],
         "published_in": [{"work_id": "W1", "venue_id": "S1"},
                          {"work_id": "W1", "venue_id": "S2"}],
         "affiliations": [
             {"author_id": "A1", "institution_id": "I1", "start_year": 2010, "end_year": 2010},
             {"author_id": "A1", "institution_id": "I1", "start_year": None, "end_year": None},
             {"author_id": "A1", "institution_id": "I1", "start_year": 2004,
              "end_year": 2008}]}])
    assert written["AUTHORED"][:2] == (":START_ID(Author),:END_ID(Work),position:long\n",
                                       ['"A1","W1",2'])
    assert written["PUBLISHED_IN"][1] == ['"W1","S2"']
    assert written["AFFILIATED_WITH"][1] == ['"A1","I1",2010,2004']


def test_rows_of_one_node_or_edge_share_a_bucket(tmp_path: Path) -> None:
    spill = Spill(tmp_path, 0, 16, 1_000_000)
    spill.add_json(orjson.dumps({"works": [{"id": "W42", "props": {}}],
                                 "cites": [{"work_id": "W42", "cited_id": "W1"}]}))
    spill.flush()
    # crc32, as zlib computes it: the same bucket in every process; W1 is a stub elsewhere
    held = tmp_path / f"b{zlib.crc32(b'W42') % 16:04d}" / "p000000.rows"
    assert [line.split("\t")[0] for line in spill_lines(held)] == ["works", "cites"]
    stub = tmp_path / f"b{zlib.crc32(b'W1') % 16:04d}" / "p000000.rows"
    assert spill_lines(stub) == ['work_stubs\t{"id":"W1"}']
    with pytest.raises(ValueError, match="kind"):
        spill.add_json(orjson.dumps({"abstracts": [{"id": "W1"}]}))


def test_an_unbuilt_native_module_is_an_error_that_says_how_to_build_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(bulk_transform.importlib, "import_module", missing)
    with pytest.raises(PeergraphError, match="make install"):
        bulk_transform.native()
