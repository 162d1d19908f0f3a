"""S2AG datasets load into the real Neo4j: exact counts, fields, any order, rejects, a diff."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

from loaders_helpers import FIXTURES, count, graph_snapshot
from neo4j import Driver

from core.settings import Settings
from loaders.pipeline import LoadOptions
from loaders.s2ag import load_s2ag, load_s2ag_diff

S2AG = FIXTURES / "s2ag"


def _records(dataset: str, root: Path = S2AG) -> list[dict[str, Any]]:
    out = []
    for path in sorted((root / dataset).iterdir()):
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        out += [json.loads(line) for line in data.splitlines() if line.strip()]
    return out


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def _options(tmp_path: Path, **extra: Any) -> LoadOptions:
    return LoadOptions(state_dir=tmp_path / "state", batch_size=extra.pop("batch_size", 7),
                       progress=False, **extra)


def _expected() -> dict[str, int]:
    """The graph the excerpt should give, worked out directly from the files."""
    papers = {p["corpusid"]: p for p in _records("papers")}
    byline = {(a["authorId"], cid) for cid, p in papers.items() for a in p["authors"]
              if a["authorId"]}
    cites = {(int(c["citingcorpusid"]), int(c["citedcorpusid"]))
             for c in _records("citations") if c["citedcorpusid"]}
    abstracts = {a["corpusid"] for a in _records("abstracts")}
    about = {(cid, f["category"]) for cid, p in papers.items()
             for f in p["s2fieldsofstudy"] or []}
    ends = {end for pair in cites for end in pair} | abstracts
    return {"works": len(papers), "stubs": len(ends - set(papers)),
            "authors": len({a for a, _ in byline} | {a["authorid"]
                                                     for a in _records("authors")}),
            "venues": len(_records("publication-venues")),
            "topics": len({c for _, c in about}), "abstracts": len(abstracts),
            "AUTHORED": len(byline), "CITES": len(cites), "ABOUT": len(about)}


def _actual(driver: Driver) -> dict[str, int]:
    found = {
        "works": count(driver, "MATCH (w:Work {is_stub: false}) RETURN count(w)"),
        "stubs": count(driver, "MATCH (w:Work {is_stub: true}) RETURN count(w)"),
        "authors": count(driver, "MATCH (n:Author) RETURN count(n)"),
        "venues": count(driver, "MATCH (n:Venue) RETURN count(n)"),
        "topics": count(driver, "MATCH (n:Topic {source: 's2ag'}) RETURN count(n)"),
        "abstracts": count(driver, "MATCH (w:Work) WHERE w.abstract IS NOT NULL "
                                   "RETURN count(w)")}
    for rel in ("AUTHORED", "CITES", "ABOUT"):
        found[rel] = count(driver, "MATCH ()-[r]->() WHERE type(r) = $type RETURN count(r)",
                           type=rel)
    return found


def test_release_folder_loads_with_exact_counts_and_twice_the_same(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    summary = load_s2ag(driver, settings.neo4j_database, S2AG, _options(tmp_path))
    total = sum(len(_records(d)) for d in ("papers", "authors", "citations", "abstracts",
                                           "publication-venues"))
    skipped = sum(1 for c in _records("citations") if c["citedcorpusid"] is None)
    assert (summary.status, summary.rejected, summary.skipped) == ("completed", 0, skipped)
    assert summary.loaded == total - skipped
    assert _actual(driver) == _expected()
    before = graph_snapshot(driver)
    again = load_s2ag(driver, settings.neo4j_database, S2AG, _options(tmp_path))
    assert graph_snapshot(driver) == before
    assert again.changed.get("works") == 0 and again.changed.get("cites") == 0


def test_fields_match_the_excerpt_files(driver: Driver, settings: Settings,
                                        tmp_path: Path) -> None:
    load_s2ag(driver, settings.neo4j_database, S2AG, _options(tmp_path))
    paper = next(p for p in _records("papers") if p["externalids"]["DOI"])
    records, _, _ = driver.execute_query(
        "MATCH (w:Work {id: $id}) RETURN w.title AS title, w.year AS year, w.doi AS doi, "
        "w.mag_id AS mag, w.cited_by_count AS cited, w.s2_corpus_id AS corpus, "
        "w.publication_date AS date", id=f"s2:{paper['corpusid']}")
    assert dict(records[0]) == {
        "title": paper["title"], "year": paper["year"],
        "doi": paper["externalids"]["DOI"].lower(), "mag": paper["externalids"]["MAG"],
        "cited": paper["citationcount"], "corpus": paper["corpusid"],
        "date": paper["publicationdate"]}
    author = next(a for a in _records("authors") if a["aliases"])
    records, _, _ = driver.execute_query(
        "MATCH (a:Author {id: $id}) RETURN a.name AS name, a.aliases AS aliases, "
        "a.h_index AS h, a.works_count AS works, a.identity AS identity",
        id=f"s2:{author['authorid']}")
    assert dict(records[0]) == {"name": author["name"], "aliases": author["aliases"],
                                "h": author["hindex"], "works": author["papercount"],
                                "identity": "strong"}
    cite = next(c for c in _records("citations") if c["isinfluential"] and c["citedcorpusid"])
    assert count(driver, "MATCH (:Work {id: $a})-[r:CITES {is_influential: true}]->"
                         "(:Work {id: $b}) RETURN count(r)",
                 a=f"s2:{cite['citingcorpusid']}", b=f"s2:{cite['citedcorpusid']}") == 1
    abstract = _records("abstracts")[0]
    records, _, _ = driver.execute_query("MATCH (w:Work {id: $id}) RETURN w.abstract AS a",
                                         id=f"s2:{abstract['corpusid']}")
    assert records[0]["a"] == " ".join(abstract["abstract"].split())


def _joined(root: Path) -> Path:
    """A release made from the excerpt's real records with their keys rewritten to join (the
    published samples are independent draws that share no paper): citations, an abstract,
    an author record and a venue for the excerpt's papers."""
    papers = _records("papers")
    ids = [p["corpusid"] for p in papers]
    venue = _records("publication-venues")[0]
    papers[0] = dict(papers[0], publicationvenueid=venue["id"], venue=venue["name"])
    _write(root / "papers" / "part-0", papers)
    citations = _records("citations")[:6]
    _write(root / "citations" / "part-0", [
        dict(c, citingcorpusid=str(ids[i]), citedcorpusid=str(ids[i + 1]))
        for i, c in enumerate(citations)])
    _write(root / "abstracts" / "part-0", [dict(_records("abstracts")[0], corpusid=ids[0])])
    byline = papers[0]["authors"][0]
    _write(root / "authors" / "part-0", [dict(_records("authors")[0],
                                              authorid=byline["authorId"])])
    _write(root / "publication-venues" / "part-0", [venue])
    return root


def test_the_order_of_datasets_does_not_change_the_graph(driver: Driver, settings: Settings,
                                                         tmp_path: Path) -> None:
    release = _joined(tmp_path / "release")
    load_s2ag(driver, settings.neo4j_database, release, _options(tmp_path))
    together = graph_snapshot(driver)
    assert count(driver, "MATCH (w:Work {is_stub: true}) RETURN count(w)") == 0
    assert count(driver, "MATCH (:Work)-[:PUBLISHED_IN]->(:Venue) RETURN count(*)") == 1
    driver.execute_query("MATCH (n) DETACH DELETE n")
    for dataset in ("citations", "abstracts", "authors", "papers", "publication-venues"):
        load_s2ag(driver, settings.neo4j_database, release / dataset, _options(tmp_path))
    assert graph_snapshot(driver) == together


def test_rejects_name_file_and_line_and_gzip_parts_load(driver: Driver, settings: Settings,
                                                        tmp_path: Path) -> None:
    papers = tmp_path / "release" / "papers"
    papers.mkdir(parents=True)
    good = _records("papers")[:2]
    (papers / "part-0").write_text(json.dumps(good[0]) + "\nnot json\n"
                                   + json.dumps({"title": "no id"}) + "\n")
    (papers / "part-1.gz").write_bytes(gzip.compress(json.dumps(good[1]).encode() + b"\n"))
    summary = load_s2ag(driver, settings.neo4j_database, tmp_path / "release",
                        _options(tmp_path))
    assert (summary.status, summary.loaded, summary.rejected) == ("completed", 2, 2)
    assert summary.reject_file is not None
    rejects = [json.loads(line) for line in summary.reject_file.read_text().splitlines()]
    assert [(r["file"], r["line"]) for r in rejects] == [(str(papers / "part-0"), 2),
                                                         (str(papers / "part-0"), 3)]
    assert rejects[1]["reason"] == "record has no corpus id in 'corpusid'"
    assert count(driver, "MATCH (w:Work {is_stub: false}) RETURN count(w)") == 2


def test_an_interrupted_load_resumes_to_the_same_graph(driver: Driver, settings: Settings,
                                                       tmp_path: Path) -> None:
    load_s2ag(driver, settings.neo4j_database, S2AG, _options(tmp_path / "one"))
    whole = graph_snapshot(driver)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    first = load_s2ag(driver, settings.neo4j_database, S2AG,
                      _options(tmp_path / "two", stop_after_batches=3))
    assert first.status == "interrupted"
    second = load_s2ag(driver, settings.neo4j_database, S2AG, _options(tmp_path / "two"))
    assert second.status == "completed" and graph_snapshot(driver) == whole


def test_a_diff_upserts_updates_and_removes_deletes(driver: Driver, settings: Settings,
                                                    tmp_path: Path) -> None:
    release = _joined(tmp_path / "release")
    load_s2ag(driver, settings.neo4j_database, release, _options(tmp_path))
    papers = _records("papers", release)
    gone = papers[2]
    changed = next(p for p in papers[3:] if len(p["authors"]) >= 2 and p["s2fieldsofstudy"])
    author = papers[0]["authors"][0]["authorId"]
    diff = tmp_path / "diff"
    # the update drops the first author and the fields of study: the record replaces them
    _write(diff / "updates" / "papers" / "part-0",
           [dict(changed, title="A corrected title", updated="2030-01-01T00:00:00Z",
                 authors=changed["authors"][1:], s2fieldsofstudy=None)])
    _write(diff / "deletes" / "papers" / "part-0", [{"corpusid": gone["corpusid"]}])
    _write(diff / "deletes" / "authors" / "part-0", [{"authorid": author}])
    _write(diff / "deletes" / "citations" / "part-0",
           [{"citingcorpusid": str(papers[0]["corpusid"]),
             "citedcorpusid": str(papers[1]["corpusid"])}])
    shutil.rmtree(tmp_path / "state")
    summary = load_s2ag_diff(driver, settings.neo4j_database, diff, _options(tmp_path))
    assert (summary.status, summary.loaded, summary.rejected) == ("completed", 4, 0)
    assert count(driver, "MATCH (w:Work {id: $id, title: 'A corrected title'}) "
                         "RETURN count(w)", id=f"s2:{changed['corpusid']}") == 1
    assert count(driver, "MATCH (:Author)-[r:AUTHORED]->(:Work {id: $id}) RETURN count(r)",
                 id=f"s2:{changed['corpusid']}") == len(changed["authors"]) - 1
    assert count(driver, "MATCH (:Work {id: $id})-[r:ABOUT]->() RETURN count(r)",
                 id=f"s2:{changed['corpusid']}") == 0
    assert count(driver, "MATCH (w:Work {id: $id}) RETURN count(w)",
                 id=f"s2:{gone['corpusid']}") == 0
    assert count(driver, "MATCH (a:Author {id: $id}) RETURN count(a)", id=f"s2:{author}") == 0
    assert count(driver, "MATCH (:Work {id: $a})-[r:CITES]->(:Work {id: $b}) RETURN count(r)",
                 a=f"s2:{papers[0]['corpusid']}", b=f"s2:{papers[1]['corpusid']}") == 0
    # the deleted paper's citations both ways went with it; the others stayed
    assert count(driver, "MATCH ()-[r:CITES]->() RETURN count(r)") == 6 - 1 - 2
    assert count(driver, "MATCH (w:Work {is_stub: true}) RETURN count(w)") == 0
    after = graph_snapshot(driver)
    shutil.rmtree(tmp_path / "state")
    load_s2ag_diff(driver, settings.neo4j_database, diff, _options(tmp_path))
    assert graph_snapshot(driver) == after
