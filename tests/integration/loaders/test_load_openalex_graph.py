"""OpenAlex loads into the real Neo4j: exact counts, idempotence, rejects, resume, merges."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from loaders_helpers import FIXTURES, count, graph_snapshot
from neo4j import Driver

from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions

WORKS_2022 = FIXTURES / "openalex-works-2022.jsonl"
SNAPSHOT_2023 = FIXTURES / "openalex-snapshot-2023"


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line.strip()]


def _short(url: str | None) -> str | None:
    return url.rsplit("/", 1)[-1] if url else None


def _expected_2022(works: list[dict[str, Any]]) -> dict[str, int]:
    """The graph a 2022-shape excerpt should give, worked out directly from the records."""
    ids = {_short(w["id"]) for w in works}
    authors, institutions, venues, topics = set(), set(), set(), set()
    authored, affiliated, about, cites = set(), set(), set(), set()
    for w in works:
        wid = _short(w["id"])
        for a in w["authorships"]:
            aid = _short(a["author"].get("id"))
            if aid and aid != "A9999999999":
                authors.add(aid)
                authored.add((aid, wid))
                for i in a.get("institutions") or []:
                    if i.get("id"):
                        institutions.add(_short(i["id"]))
                        affiliated.add((aid, _short(i["id"])))
        hv = w.get("host_venue") or {}
        if hv.get("id") or hv.get("display_name"):
            venues.add(_short(hv.get("id")) or hv["display_name"])
        for c in w.get("concepts") or []:
            topics.add(_short(c["id"]))
            about.add((wid, _short(c["id"])))
        cites |= {(wid, _short(r)) for r in w["referenced_works"] if _short(r) != wid}
    stubs = {c for _, c in cites} - ids
    return {"works": len(ids), "stubs": len(stubs), "authors": len(authors),
            "institutions": len(institutions), "venues": len(venues), "topics": len(topics),
            "AUTHORED": len(authored), "AFFILIATED_WITH": len(affiliated),
            "ABOUT": len(about), "CITES": len(cites),
            "PUBLISHED_IN": sum(1 for w in works if (w.get("host_venue") or {}).get("id")
                                or (w.get("host_venue") or {}).get("display_name"))}


def _actual(driver: Driver) -> dict[str, int]:
    found = {
        "works": count(driver, "MATCH (w:Work) WHERE NOT w.is_stub RETURN count(w)"),
        "stubs": count(driver, "MATCH (w:Work {is_stub: true}) RETURN count(w)"),
        "authors": count(driver, "MATCH (n:Author) RETURN count(n)"),
        "institutions": count(driver, "MATCH (n:Institution) RETURN count(n)"),
        "venues": count(driver, "MATCH (n:Venue) RETURN count(n)"),
        "topics": count(driver, "MATCH (n:Topic) RETURN count(n)"),
    }
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS rel, count(r) AS n")
    by_type = {record["rel"]: record["n"] for record in records}
    for rel in ("AUTHORED", "AFFILIATED_WITH", "ABOUT", "CITES", "PUBLISHED_IN"):
        found[rel] = by_type.get(rel, 0)
    return found


def _options(tmp_path: Path, **extra: Any) -> LoadOptions:
    return LoadOptions(state_dir=tmp_path / "state", batch_size=extra.pop("batch_size", 7),
                       progress=False, **extra)


def test_2022_works_load_with_exact_counts(driver: Driver, settings: Settings,
                                           tmp_path: Path) -> None:
    summary = load_openalex(driver, settings.neo4j_database, WORKS_2022, _options(tmp_path))
    assert (summary.status, summary.loaded, summary.rejected) == ("completed", 50, 0)
    assert _actual(driver) == _expected_2022(_records(WORKS_2022))
    records, _, _ = driver.execute_query(
        "MATCH (r:LoadRun {id: $id}) RETURN r.status AS status, r.loaded AS loaded, "
        "r.files AS files, r.finished IS NOT NULL AS finished", id=summary.run_id)
    assert dict(records[0]) == {"status": "completed", "loaded": 50,
                                "files": [str(WORKS_2022)], "finished": True}


def test_a_work_keeps_its_byline_orcids_and_abstract(driver: Driver, settings: Settings,
                                                     tmp_path: Path) -> None:
    load_openalex(driver, settings.neo4j_database, WORKS_2022, _options(tmp_path))
    first = _records(WORKS_2022)[0]
    records, _, _ = driver.execute_query(
        "MATCH (a:Author)-[r:AUTHORED]->(w:Work {id: $id}) "
        "RETURN a.id AS author, r.position AS position, a.identity AS identity, "
        "w.abstract AS abstract ORDER BY position", id=_short(first["id"]))
    assert [r["author"] for r in records] == [_short(a["author"]["id"])
                                              for a in first["authorships"]]
    assert {r["identity"] for r in records} == {"strong"}
    assert records[0]["abstract"].startswith("We present 25 pituitary adenomas")


def test_loading_twice_leaves_the_same_graph(driver: Driver, settings: Settings,
                                             tmp_path: Path) -> None:
    load_openalex(driver, settings.neo4j_database, WORKS_2022, _options(tmp_path))
    before = graph_snapshot(driver)
    again = load_openalex(driver, settings.neo4j_database, WORKS_2022, _options(tmp_path))
    assert graph_snapshot(driver) == before
    assert again.changed.get("works") == 0 and again.changed.get("cites") == 0


def test_snapshot_folder_loads_every_entity_and_merged_ids(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    summary = load_openalex(driver, settings.neo4j_database, SNAPSHOT_2023, _options(tmp_path))
    assert summary.status == "completed"
    # 27 works + 1 author + 20 institutions + 20 sources + 5 concepts + 5 merged-id rows
    assert (summary.loaded, summary.rejected) == (78, 0)
    assert count(driver, "MATCH (w:Work) WHERE NOT w.is_stub RETURN count(w)") == 27
    assert count(driver, "MATCH (a:Author {id: 'A4347464006'})-[:AFFILIATED_WITH]->"
                         "(:Institution {id: 'I59553526'}) RETURN count(*)") == 1
    assert count(driver, "MATCH (i:Institution {id: 'I4210124069', ror: '02ztp3208', "
                         "country: 'US', type: 'company'}) RETURN count(i)") == 1
    # merged_ids whose nodes were never loaded wait as aliases, with no node made up.
    assert count(driver, "MATCH (al:Alias) RETURN count(al)") == 5
    assert count(driver, "MATCH (:Alias)-[:ALIAS_OF]->() RETURN count(*)") == 0


def test_gzipped_file_and_api_page_load(driver: Driver, settings: Settings,
                                        tmp_path: Path) -> None:
    gzipped = tmp_path / "part_000.gz"
    gzipped.write_bytes(gzip.compress(WORKS_2022.read_bytes()))
    load_openalex(driver, settings.neo4j_database, gzipped, _options(tmp_path))
    expected = graph_snapshot(driver)
    delete_everything(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    # An API response page, built from the same records: {"meta": …, "results": […]}.
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"meta": {"count": 50, "page": 1, "per_page": 50},
                                "results": _records(WORKS_2022)}, indent=2))
    summary = load_openalex(driver, settings.neo4j_database, page, _options(tmp_path))
    assert summary.loaded == 50
    assert graph_snapshot(driver) == expected


def test_bad_lines_are_rejected_and_the_rest_loads(driver: Driver, settings: Settings,
                                                   tmp_path: Path) -> None:
    lines = WORKS_2022.read_bytes().split(b"\n")
    bad = [b'{"id": "https://openalex.org/W1", "title": ', b'{"title": "no id"}',
           b'{"id": "https://openalex.org/W2", "publication_year": "1993"}', b"[1, 2]"]
    corrupted = tmp_path / "corrupted.jsonl"
    corrupted.write_bytes(b"\n".join(lines[:20] + bad + lines[20:]))
    rejects = tmp_path / "rejects.jsonl"
    summary = load_openalex(driver, settings.neo4j_database, corrupted,
                            _options(tmp_path, reject_file=rejects))
    assert (summary.status, summary.loaded, summary.rejected) == ("completed", 50, 4)
    assert summary.reject_file == rejects
    entries = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [e["line"] for e in entries] == [21, 22, 23, 24]
    assert {e["file"] for e in entries} == {str(corrupted)}
    assert "not JSON" in entries[0]["reason"] and "'id'" in entries[1]["reason"]
    assert "publication_year" in entries[2]["reason"] and entries[3]["raw"] == "[1, 2]"
    assert _actual(driver) == _expected_2022(_records(WORKS_2022))


def test_an_interrupted_load_resumes_to_the_clean_graph(driver: Driver, settings: Settings,
                                                         tmp_path: Path) -> None:
    load_openalex(driver, settings.neo4j_database, WORKS_2022, _options(tmp_path / "clean"))
    clean = graph_snapshot(driver)
    delete_everything(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    first = load_openalex(driver, settings.neo4j_database, WORKS_2022,
                          _options(tmp_path, batch_size=10, stop_after_batches=2, writers=1))
    assert (first.status, first.loaded) == ("interrupted", 20)  # one writer: exactly 2
    assert count(driver, "MATCH (w:Work) WHERE NOT w.is_stub RETURN count(w)") == 20
    resumed = load_openalex(driver, settings.neo4j_database, WORKS_2022,
                            _options(tmp_path, batch_size=10))
    assert (resumed.status, resumed.loaded) == ("completed", 30)  # only what was left
    records, _, _ = driver.execute_query(
        "MATCH (r:LoadRun {id: $id}) RETURN r.status AS status, r.superseded_by AS by",
        id=first.run_id, database_=settings.neo4j_database)
    assert (records[0]["status"], records[0]["by"]) == ("interrupted", resumed.run_id)
    assert graph_snapshot(driver) == clean
    assert not list((tmp_path / "state" / "checkpoints").glob("*.json"))


def test_merged_ids_move_edges_and_keep_the_old_id(driver: Driver, settings: Settings,
                                                   tmp_path: Path) -> None:
    # Two real works, re-authored (for this test) by a merged-away id and its survivor.
    old, new = "A3125154712", "A4317838346"
    works = _records(WORKS_2022)[:2]
    for work, author in zip(works, (old, new), strict=True):
        work["authorships"][0]["author"]["id"] = f"https://openalex.org/{author}"
    works_file = tmp_path / "works.jsonl"
    works_file.write_text("\n".join(json.dumps(w) for w in works))
    merged = tmp_path / "merged_ids" / "authors"
    merged.mkdir(parents=True)
    (merged / "2023-04-13.csv").write_text(
        (SNAPSHOT_2023 / "merged_ids" / "authors" / "2023-04-13.csv").read_text())
    load_openalex(driver, settings.neo4j_database, works_file, _options(tmp_path))
    load_openalex(driver, settings.neo4j_database, merged / "2023-04-13.csv", _options(tmp_path))
    assert count(driver, "MATCH (a:Author {id: $id}) RETURN count(a)", id=old) == 0
    assert count(driver, "MATCH (:Author {id: $id})-[:AUTHORED]->(w) RETURN count(w)",
                 id=new) == 2
    assert count(driver, "MATCH (:Alias {id: $alias})-[:ALIAS_OF]->(:Author {id: $id}) "
                         "RETURN count(*)", alias=f"openalex:{old}", id=new) == 1
    settled = graph_snapshot(driver)
    # Loading the works again brings the old id back; the load re-applies the merge.
    load_openalex(driver, settings.neo4j_database, works_file, _options(tmp_path))
    assert graph_snapshot(driver) == settled


def test_a_newer_record_updates_in_place_and_an_older_one_does_not(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    work = _records(WORKS_2022)[0]
    path = tmp_path / "one.jsonl"
    for title, updated in (("First", "2022-05-11"), ("Newer", "2023-01-01"),
                           ("Older", "2021-01-01")):
        path.write_text(json.dumps({**work, "title": title, "updated_date": updated}))
        load_openalex(driver, settings.neo4j_database, path, _options(tmp_path))
    records, _, _ = driver.execute_query("MATCH (w:Work {id: $id}) RETURN w.title AS t, "
                                         "count(*) AS n", id=_short(work["id"]))
    assert (records[0]["t"], records[0]["n"]) == ("Newer", 1)


def test_a_work_twice_in_one_batch_and_an_author_twice_in_a_byline_make_one_edge(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    first = _records(WORKS_2022)[0]
    byline = first["authorships"]
    doubled = {**first, "authorships": [*byline, byline[0]]}  # same author listed again
    authors = {_short(a["author"]["id"]) for a in byline} - {"A9999999999"}
    alone, twice = tmp_path / "alone.jsonl", tmp_path / "twice.jsonl"
    alone.write_text(json.dumps(doubled) + "\n")  # a new work: its edges are CREATEd
    twice.write_text(json.dumps(first) + "\n" + json.dumps(doubled) + "\n")  # MERGEd
    for path in (alone, twice):
        assert load_openalex(driver, settings.neo4j_database, path,
                             _options(tmp_path)).status == "completed"
        edges = count(driver, "MATCH (:Author)-[r:AUTHORED]->(:Work {id: $id}) "
                              "RETURN count(r)", id=_short(first["id"]))
        assert edges == len(authors)


def test_fresh_works_get_the_same_graph_as_merged_ones(driver: Driver, settings: Settings,
                                                      tmp_path: Path) -> None:
    """Loaded fresh (edges CREATEd) or over stubs and old copies (edges MERGEd): one graph."""
    load_openalex(driver, settings.neo4j_database, WORKS_2022, _options(tmp_path))
    fresh = graph_snapshot(driver)
    delete_everything(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    records = _records(WORKS_2022)
    half = tmp_path / "half.jsonl"  # every other work first: their citations make stubs
    half.write_text("".join(json.dumps(r) + "\n" for r in records[1::2]))
    load_openalex(driver, settings.neo4j_database, half, _options(tmp_path))
    load_openalex(driver, settings.neo4j_database, WORKS_2022, _options(tmp_path))
    assert graph_snapshot(driver) == fresh
