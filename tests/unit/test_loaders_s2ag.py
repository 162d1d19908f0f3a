"""Pure S2AG transforms on real dataset records (tests/fixtures/loaders/s2ag), no database."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from loaders.s2ag import discover, discover_diff
from loaders.s2ag_records import (
    abstract_rows,
    author_rows,
    citation_rows,
    delete_rows,
    paper_rows,
    paper_update_rows,
    venue_rows,
)

S2AG = Path(__file__).resolve().parents[1] / "fixtures" / "loaders" / "s2ag"


def records(dataset: str) -> list[dict[str, Any]]:
    """Every record of a fixture dataset, part files in order, gzipped or not."""
    out = []
    for path in sorted((S2AG / dataset).iterdir()):
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        out += [json.loads(line) for line in data.splitlines() if line.strip()]
    return out


def by(dataset: str, **match: Any) -> dict[str, Any]:
    """The first fixture record whose fields match."""
    return next(r for r in records(dataset) if all(r.get(k) == v for k, v in match.items()))


def test_a_paper_gives_its_work_byline_and_fields_of_study() -> None:
    record = records("papers")[0]
    rows = paper_rows(record)
    work = rows.works[0]
    assert work["id"] == f"s2:{record['corpusid']}"
    assert work["props"]["title"] == record["title"]
    assert work["props"]["mag_id"] == record["externalids"]["MAG"]
    assert work["props"]["s2_corpus_id"] == record["corpusid"]
    assert work["props"]["cited_by_count"] == record["citationcount"]
    assert "doi" not in work["props"] and "venue_name" not in work["props"]  # null, "": absent
    assert [r["author_id"] for r in rows.authorships] == [
        f"s2:{a['authorId']}" for a in record["authors"]]
    assert rows.author_refs[0]["props"] == {"name": "Raid D. Thanoon", "s2_id": "93500598",
                                            "source": "s2ag", "identity": "strong",
                                            "record_source": "Semantic Scholar"}
    assert [(r["topic_id"], r["score"]) for r in rows.about] == [
        ("s2:fos:agricultural-and-food-sciences", 1.0), ("s2:fos:chemistry", 1.0)]


def test_doi_is_normalised_and_publication_types_kept() -> None:
    with_doi = next(r for r in records("papers") if r["externalids"]["DOI"])
    doi = paper_rows(with_doi).works[0]["props"]["doi"]
    assert doi == with_doi["externalids"]["DOI"].lower() and doi.startswith("10.")
    typed = next(r for r in records("papers") if r["publicationtypes"])
    props = paper_rows(typed).works[0]["props"]
    assert props["publication_types"] == typed["publicationtypes"]
    assert props["type"] == {"Review": "review", "JournalArticle": "article"}[
        typed["publicationtypes"][0]]


def test_an_author_record_keeps_counts_external_ids_and_aliases() -> None:
    record = by("authors", authorid="2034196174")
    props = author_rows(record).authors[0]["props"]
    assert author_rows(record).authors[0]["id"] == "s2:2034196174"
    assert props["dblp_names"] == ["Matthias Bruhns"] and "orcid" not in props
    assert props["aliases"] == ["M. Bruhns", "Matthias Bruhns"]
    assert (props["works_count"], props["cited_by_count"], props["h_index"]) == (5, 10, 1)
    assert props["updated_date"] == record["updated"]
    with_orcid = dict(record, externalids={"ORCID": "0000-0001-6187-6610", "DBLP": None})
    assert author_rows(with_orcid).authors[0]["props"]["orcid"] == "0000-0001-6187-6610"


def test_citations_keep_influence_and_skip_unresolved_cited_papers() -> None:
    resolved = next(r for r in records("citations") if r["citedcorpusid"])
    rows = citation_rows(resolved)
    assert rows is not None and rows.cites == [{
        "work_id": f"s2:{resolved['citingcorpusid']}",
        "cited_id": f"s2:{resolved['citedcorpusid']}",
        "is_influential": resolved["isinfluential"]}]
    assert citation_rows(next(r for r in records("citations")
                              if r["citedcorpusid"] is None)) is None


def test_abstracts_and_venues() -> None:
    record = records("abstracts")[0]
    rows = abstract_rows(record)
    assert rows is not None and rows.abstracts[0]["id"] == f"s2:{record['corpusid']}"
    assert rows.abstracts[0]["abstract"].startswith("Bacteriophages, or phages")
    assert abstract_rows(dict(record, abstract=None)) is None
    venue = records("publication-venues")[1]
    props = venue_rows(venue).venues[0]["props"]
    assert venue_rows(venue).venues[0]["id"] == f"s2:{venue['id']}"
    assert props["issn"] == ["0142-0798"] and props["type"] == "journal"
    assert props["homepage_url"] == "http://www.exacteditions.com/"


@pytest.mark.parametrize(("transform", "record", "reason"), [
    (paper_rows, {"title": "no id"}, "record has no corpus id in 'corpusid'"),
    (paper_rows, {"corpusid": "abc"}, "field 'corpusid' must be a corpus id, got 'abc'"),
    (paper_rows, {"corpusid": 1, "authors": "x"}, "field 'authors' must be a list of objects"),
    (paper_rows, {"corpusid": 1, "year": "2020"}, "field 'year' must be an integer, got str"),
    (author_rows, {"name": "x"}, "record has no S2 'authorid'"),
    (author_rows, {"authorid": "A1"}, "field 'authorid' must be an S2 author id, got 'A1'"),
    (citation_rows, {"citedcorpusid": "1"}, "record has no corpus id in 'citingcorpusid'"),
    (citation_rows, {"citingcorpusid": "1", "citedcorpusid": "2", "isinfluential": "yes"},
     "field 'isinfluential' must be true or false, got str"),
    (abstract_rows, {"abstract": "text"}, "record has no corpus id in 'corpusid'"),
    (venue_rows, {"name": "x"}, "record has no publication venue 'id'"),
])
def test_bad_records_say_why(transform: Any, record: dict[str, Any], reason: str) -> None:
    with pytest.raises(ValueError) as raised:
        transform(record)
    assert str(raised.value) == reason


def test_an_updated_paper_replaces_its_s2_edges() -> None:
    record = records("papers")[0]
    reset = paper_update_rows(record).work_edge_resets
    assert reset == [{"work_id": f"s2:{record['corpusid']}", "source": "s2ag",
                      "author_ids": ["s2:93500598"],
                      "topic_ids": ["s2:fos:agricultural-and-food-sciences", "s2:fos:chemistry"],
                      "venue_ids": []}]


def test_deleted_records_become_removals_by_primary_key() -> None:
    s2 = {"id": "s2:7", "source": "s2ag"}
    assert delete_rows("papers", {"corpusid": 7}).work_deletes == [s2]  # type: ignore[union-attr]
    assert delete_rows("abstracts", {"corpusid": 7}).abstract_deletes == [s2]  # type: ignore[union-attr]
    assert delete_rows("authors", {"authorid": "9"}).author_deletes == [{"id": "s2:9"}]  # type: ignore[union-attr]
    assert delete_rows("publication-venues", {"id": "u-1"}).venue_deletes == [{"id": "s2:u-1"}]  # type: ignore[union-attr]
    assert delete_rows("citations", {"citingcorpusid": "1", "citedcorpusid": "2"}
                       ).cites_deletes == [{"work_id": "s2:1", "cited_id": "s2:2",  # type: ignore[union-attr]
                                            "kept_by": ["openalex"]}]
    assert delete_rows("citations", {"citingcorpusid": "1", "citedcorpusid": None}) is None
    with pytest.raises(ValueError, match="only a 'citationid'"):
        delete_rows("citations", {"citationid": 5})
    with pytest.raises(ValueError, match="deleted author has no S2 'authorid'"):
        delete_rows("authors", {})


def test_discovery_finds_every_dataset_part_in_order_and_the_diff_layout(
        tmp_path: Path) -> None:
    found = [p.relative_to(S2AG).as_posix() for p in (i.path for i in discover(S2AG))]
    assert found == ["publication-venues/part-000.jsonl", "authors/part-000.jsonl",
                     "papers/part-000.jsonl", "papers/part-001.jsonl.gz",
                     "abstracts/part-000.jsonl", "citations/part-000.jsonl"]
    assert [i.path.name for i in discover(S2AG / "papers")] == [
        "part-000.jsonl", "part-001.jsonl.gz"]
    for name in ("updates/citations/a.gz", "updates/papers/b", "deletes/papers/c",
                 "updates/papers/README.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert [i.path.relative_to(tmp_path).as_posix() for i in discover_diff(tmp_path)] == [
        "updates/papers/b", "updates/citations/a.gz", "deletes/papers/c"]
