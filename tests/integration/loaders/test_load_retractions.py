"""`peergraph load retractions` (issue 19, item 2): Retraction Watch notices in the layout
Crossref publishes, Latin-1, matched to works by DOI and PubMed id; bad rows in the reject
file with file and line; a reload changes nothing; the work page and works list show it."""

from __future__ import annotations

import datetime as dt
from itertools import permutations
from pathlib import Path
from typing import Any

import orjson
from fastapi.testclient import TestClient
from loaders_helpers import FIXTURES
from neo4j import Driver

from core.db import delete_everything
from core.graph import Graph
from core.settings import Settings
from loaders.graph_rows import GraphRows, node_row, write_rows
from loaders.pipeline import LoadOptions
from loaders.retractions import load_retractions
from service.app import create_app

CSV = FIXTURES / "retractions" / "retraction_watch.csv"
WORKS = {"w-retracted-2021": {"doi": "10.5555/pg.retract.2021"},
         "w-retracted-2022": {"doi": "10.5555/pg.retract.2022"},
         "w-concern": {"pmid": "31234567"},
         "w-corrected": {"doi": "10.5555/pg.correct.2023"},
         "w-clean": {"doi": "10.5555/pg.clean"}}


def _graph(driver: Driver, settings: Settings) -> None:
    rows = GraphRows()
    rows.authors = [node_row("ana", name="Ana Gómez", source="test", identity="strong")]
    for work_id, ids in WORKS.items():
        rows.works.append(node_row(work_id, title=f"Title of {work_id}", year=2021,
                                   type="article", source="test", **ids))
        rows.authorships.append({"author_id": "ana", "work_id": work_id, "position": 0,
                                 "raw_affiliation": None})
    write_rows(Graph(driver, settings.neo4j_database), rows)


def _notices(driver: Driver) -> dict[str, dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (w:Work) RETURN w.id AS id, w {.retracted, .retraction_nature, "
        ".retraction_date, .retraction_reasons, .reinstated_date} AS notice")
    return {r["id"]: dict(r["notice"]) for r in records}


def test_notices_land_on_their_works_and_bad_rows_are_rejected(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    _graph(driver, settings)
    options = LoadOptions(state_dir=tmp_path, progress=False,
                          reject_file=tmp_path / "rejects.jsonl")
    summary = load_retractions(driver, settings.neo4j_database, CSV, options)
    assert summary.status == "completed"
    assert (summary.loaded, summary.rejected, summary.skipped) == (6, 2, 0)
    # the absent paper's notice and the reinstatement of another matched nothing
    assert summary.changed == {"retractions": 4}
    notices = _notices(driver)
    assert notices["w-retracted-2021"]["retracted"] is True
    assert notices["w-retracted-2021"]["retraction_date"].to_native() == dt.date(2023, 3, 14)
    assert notices["w-retracted-2022"]["retraction_reasons"] == [
        "Duplication of Image", "Concerns/Issues About Data"]
    assert notices["w-concern"]["retraction_nature"] == "Expression of concern"
    assert notices["w-concern"]["retracted"] is False
    assert notices["w-corrected"]["retraction_nature"] == "Correction"
    assert notices["w-clean"]["retraction_nature"] is None
    rejects = [orjson.loads(line) for line in (tmp_path / "rejects.jsonl").read_bytes()
               .splitlines()]
    assert [(r["file"], r["line"]) for r in rejects] == [(str(CSV), 7), (str(CSV), 8)]
    assert "date" in rejects[0]["reason"] and "DOI" in rejects[1]["reason"]
    again = load_retractions(driver, settings.neo4j_database, CSV,
                             LoadOptions(state_dir=tmp_path / "again", progress=False))
    assert again.changed.get("retractions", 0) == 0
    assert _notices(driver) == notices


def test_a_later_or_milder_notice_never_hides_a_retraction(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    _graph(driver, settings)
    text = CSV.read_bytes().decode("latin-1").split("\r\n")
    # A correction of the retracted 2021 paper, dated after its retraction: the retraction
    # stays what the work shows, whichever row loads first.
    correction = text[1].replace("40001", "40100", 1).replace(",Retraction,", ",Correction,")
    correction = correction.replace("3/14/2023", "5/1/2024")
    for name, body in (("after.csv", [text[0], text[1], correction]),
                       ("before.csv", [text[0], correction, text[1]])):
        path = tmp_path / name
        path.write_bytes("\r\n".join(body).encode("latin-1"))
        load_retractions(driver, settings.neo4j_database, path,
                         LoadOptions(state_dir=tmp_path / name, progress=False))
        notice = _notices(driver)["w-retracted-2021"]
        assert (notice["retracted"], notice["retraction_nature"]) == (True, "Retraction")


def test_a_reinstatement_voids_the_notices_before_it_whatever_the_order(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    text = CSV.read_bytes().decode("latin-1").split("\r\n")
    retraction = text[1]  # 40001: the 2021 paper, retracted on 3/14/2023
    reinstatement = next(line for line in text if line.startswith("40007,")).replace(
        "10.5555/pg.reinstated", "10.5555/pg.retract.2021")  # reinstated on 8/8/2023
    correction = retraction.replace("40001", "40100", 1).replace(",Retraction,", ",Correction,")
    correction = correction.replace("3/14/2023", "5/1/2024")  # after the reinstatement
    shown = {}
    for number, order in enumerate(permutations([retraction, reinstatement, correction])):
        delete_everything(driver, settings.neo4j_database)
        _graph(driver, settings)
        path = tmp_path / f"order-{number}.csv"
        path.write_bytes("\r\n".join([text[0], *order]).encode("latin-1"))
        load_retractions(driver, settings.neo4j_database, path,
                         LoadOptions(state_dir=tmp_path / str(number), progress=False))
        shown[number] = _notices(driver)["w-retracted-2021"]
    assert len({repr(n) for n in shown.values()}) == 1, shown
    notice = shown[0]
    assert notice["retracted"] is False and notice["retraction_nature"] == "Correction"
    assert notice["reinstated_date"].to_native() == dt.date(2023, 8, 8)
    # without the later correction the work shows no notice at all, only the reinstatement
    delete_everything(driver, settings.neo4j_database)
    _graph(driver, settings)
    path = tmp_path / "reinstated.csv"
    path.write_bytes("\r\n".join([text[0], retraction, reinstatement]).encode("latin-1"))
    summary = load_retractions(driver, settings.neo4j_database, path,
                               LoadOptions(state_dir=tmp_path / "reinstated", progress=False))
    assert summary.changed == {"retractions": 1}
    notice = _notices(driver)["w-retracted-2021"]
    assert (notice["retracted"], notice["retraction_nature"]) == (None, None)
    with TestClient(create_app(settings)) as client:
        work = client.get("/api/v1/works/w-retracted-2021").json()
        assert (work["retracted"], work["reinstated_date"]) == (None, "2023-08-08")
        page = client.get("/works/w-retracted-2021").text
        assert "Reinstated on 8 August 2023" in page and "Retracted on" not in page
        assert "Retracted 2023" not in client.get("/authors/ana").text
    again = load_retractions(driver, settings.neo4j_database, path,
                             LoadOptions(state_dir=tmp_path / "again", progress=False))
    assert again.changed.get("retractions", 0) == 0


def test_a_notice_whose_paper_id_was_corrected_leaves_the_work_it_no_longer_names(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    _graph(driver, settings)
    text = CSV.read_bytes().decode("latin-1").split("\r\n")
    retraction = text[1]  # 40001, naming the 2021 paper by DOI
    for step, (line, name) in enumerate((
            (retraction, "first"),
            # Retraction Watch corrects the record: it is about the clean paper
            (retraction.replace("10.5555/PG.Retract.2021", "10.5555/pg.clean"), "corrected"),
            # and then about a paper Peergraph does not hold
            (retraction.replace("10.5555/PG.Retract.2021", "10.5555/pg.absent"), "absent"))):
        path = tmp_path / f"{name}.csv"
        path.write_bytes("\r\n".join([text[0], line]).encode("latin-1"))
        summary = load_retractions(driver, settings.neo4j_database, path,
                                   LoadOptions(state_dir=tmp_path / name, progress=False))
        notices = _notices(driver)
        shown = {w for w, n in notices.items() if n["retraction_nature"] is not None}
        assert shown == [{"w-retracted-2021"}, {"w-clean"}, set()][step], (name, notices)
        assert summary.changed == {"retractions": [1, 2, 1][step]}
    records, _, _ = driver.execute_query("MATCH (n:RetractionNotice) RETURN count(n) AS n")
    assert records[0]["n"] == 0  # naming no work, the record is not kept


def test_the_work_page_and_the_works_list_show_the_notice(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    _graph(driver, settings)
    load_retractions(driver, settings.neo4j_database, CSV,
                     LoadOptions(state_dir=tmp_path, progress=False))
    with TestClient(create_app(settings)) as client:
        work = client.get("/api/v1/works/w-retracted-2021").json()
        assert (work["retracted"], work["retraction_date"]) == (True, "2023-03-14")
        assert work["retraction_reasons"][0] == "Falsification/Fabrication of Data"
        listed = {w["id"]: w for w in client.get("/api/v1/authors/ana/works").json()["items"]}
        assert listed["w-concern"]["retraction_nature"] == "Expression of concern"
        assert listed["w-clean"]["retraction_nature"] is None
        page = client.get("/works/w-retracted-2021").text
        assert "Retracted on 14 March 2023, as recorded by the Retraction Watch database." in page
        assert "Falsification/Fabrication of Data; Investigation by Journal/Publisher" in page
        profile = client.get("/authors/ana").text
        assert "Retracted 2023" in profile and "Expression of concern 2022" in profile
