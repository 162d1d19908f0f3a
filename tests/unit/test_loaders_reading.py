"""Streaming input: line splitting, gzip, API pages, whole documents, bad lines."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from loaders.compact import SeenIds
from loaders.graph_rows import GraphRows
from loaders.reading import read_json_items
from loaders.synthetic import Generator, write_synthetic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"


def test_lines_split_on_newline_only_so_u2028_stays_inside_a_record() -> None:
    items = list(read_json_items(FIXTURES / "openalex-works-2022.jsonl"))
    assert len(items) == 50 and all(i.record for i in items)
    assert "\u2028" in json.dumps(items[22].record, ensure_ascii=False)


def test_gzip_api_pages_and_pretty_documents(tmp_path: Path) -> None:
    page = {"meta": {"count": 2}, "results": [{"id": "W1"}, {"id": "W2"}]}
    zipped = tmp_path / "part_000"  # gzip is recognised by content, not by name
    zipped.write_bytes(gzip.compress((json.dumps(page) + "\n").encode()))
    assert [(i.line, i.record) for i in read_json_items(zipped)] == [
        (1, {"id": "W1"}), (1, {"id": "W2"})]
    pretty = tmp_path / "page.json"
    pretty.write_text(json.dumps(page, indent=2))
    assert [i.record for i in read_json_items(pretty)] == [{"id": "W1"}, {"id": "W2"}]


def test_bad_lines_become_items_with_a_reason_and_resume_skips_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": 1}\nnot json\n\n[1]\n{"id": 2}\n')
    items = list(read_json_items(path))
    assert [(i.line, i.error is None) for i in items] == [(1, True), (2, False), (4, False),
                                                          (5, True)]
    assert "not JSON" in (items[1].error or "") and "got list" in (items[2].error or "")
    assert [i.line for i in read_json_items(path, after=2)] == [4, 5]


def test_compaction_drops_repeated_references_and_narrower_spans_once_committed() -> None:
    seen = SeenIds()
    rows = GraphRows(topic_refs=[{"id": "t", "props": {}}] * 3, affiliations=[
        {"author_id": "a", "institution_id": "i", "start_year": 2001, "end_year": 2001},
        {"author_id": "a", "institution_id": "i", "start_year": 1999, "end_year": 1999}])
    seen.compact(rows)
    assert len(rows.topic_refs) == 1
    assert rows.affiliations == [{"author_id": "a", "institution_id": "i",
                                  "start_year": 1999, "end_year": 2001}]
    pending = GraphRows(topic_refs=[{"id": "t", "props": {}}])
    seen.compact(pending)  # the first batch is not committed yet: its refs still count
    assert len(pending.topic_refs) == 1
    seen.remember(rows)
    again = GraphRows(topic_refs=[{"id": "t", "props": {}}], affiliations=[
        {"author_id": "a", "institution_id": "i", "start_year": 2000, "end_year": 2000}])
    seen.compact(again)
    assert again.topic_refs == [] and again.affiliations == []


def test_synthetic_data_is_reproducible_and_skewed(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_synthetic(first, 500, seed=3)
    write_synthetic(second, 500, seed=3)
    assert first.read_bytes() == second.read_bytes()
    works = list(Generator(2000, seed=3).works())
    sizes = sorted(len(w["authorships"]) for w in works)
    assert sizes[len(sizes) // 2] <= 4 < sizes[-1]  # most bylines short, a long tail
    counts: dict[str, int] = {}
    for work in works:
        for authorship in work["authorships"]:
            key = authorship["author"]["id"]
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 10 * ranked[len(ranked) // 2]  # a few prolific authors
