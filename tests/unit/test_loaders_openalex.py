"""Pure OpenAlex transforms on real records (2022 and current shape), no database."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from loaders import fields
from loaders.openalex import discover, merged_ids_transform, transform

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"


def _first(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes().split(b"\n")[0])


def _api(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / "openalex-api" / f"{name}.json").read_text())


def test_abstract_is_rebuilt_from_the_inverted_index() -> None:
    abstract = fields.abstract_from_inverted_index(
        _api("W2741809807")["abstract_inverted_index"])
    assert abstract is not None
    assert abstract.startswith("Despite growing interest in Open Access (OA) to scholarly "
                               "literature, there is an unmet need for large-scale,")
    assert fields.abstract_from_inverted_index({"b": [1], "a": [0, 2]}) == "a b a"
    assert fields.abstract_from_inverted_index(None) is None


def test_a_2022_work_gives_byline_concepts_host_venue_and_citations() -> None:
    record = _first(FIXTURES / "openalex-works-2022.jsonl")
    rows = transform(record)
    assert rows is not None
    work = rows.works[0]
    assert work["id"] == "W2100301546" and work["props"]["doi"] == (
        "10.1227/00006123-199310000-00008")
    assert work["props"]["year"] == 1993 and work["props"]["updated_date"] == "2022-05-11"
    assert [a["author_id"] for a in rows.authorships][:2] == ["A1904937971", "A3134826004"]
    assert [a["position"] for a in rows.authorships] == list(range(len(rows.authorships)))
    assert rows.authorships[0]["raw_affiliation"].startswith("Department of Neurosurgery")
    assert not rows.affiliations  # 2022 id-less institutions are affiliation text only
    assert rows.published_in == [{"work_id": "W2100301546", "venue_id": "V111727011"}]
    assert rows.topic_refs[0]["id"] == "openalex:C71924100"
    assert rows.about[0] == {"work_id": "W2100301546", "topic_id": "openalex:C71924100",
                             "score": 0.8789538, "source": "openalex", "primary": None}
    assert len(rows.cites) == len(record["referenced_works"])


def test_a_current_work_gives_source_lineage_and_orcids() -> None:
    rows = transform(_api("W2741809807"))
    assert rows is not None
    assert rows.published_in == [{"work_id": "W2741809807", "venue_id": "S1983995261"}]
    priem = next(r for r in rows.author_refs if r["id"] == "A5023888391")
    assert priem["props"]["orcid"] == "0000-0001-6187-6610"
    assert priem["props"]["identity"] == "strong"
    institution = rows.institution_refs[0]
    assert institution["props"]["ror"] == "05ppvf150" and institution["props"]["country"] == "US"
    assert {"author_id": "A5048491430", "institution_id": "I4210166736",
            "start_year": 2018, "end_year": 2018} in rows.affiliations


def test_current_topics_and_primary_topic_become_about_edges() -> None:
    # The samples predate `topics`; this adds them in OpenAlex's documented shape.
    record = _api("W2741809807")
    topic = {"id": "https://openalex.org/T10102", "display_name": "Scientometrics",
             "score": 0.9991, "field": {"display_name": "Decision Sciences"}}
    record["topics"] = [topic, {**topic, "id": "https://openalex.org/T12345", "score": 0.5}]
    record["primary_topic"] = topic
    rows = transform(record)
    assert rows is not None
    topics = [a for a in rows.about if a["topic_id"].startswith("openalex:T")]
    assert topics == [
        {"work_id": "W2741809807", "topic_id": "openalex:T10102", "score": 0.9991,
         "source": "openalex", "primary": True},
        {"work_id": "W2741809807", "topic_id": "openalex:T12345", "score": 0.5,
         "source": "openalex", "primary": False}]
    ref = next(r for r in rows.topic_refs if r["id"] == "openalex:T10102")
    assert ref["props"] == {"name": "Scientometrics", "kind": "topic",
                            "field": "Decision Sciences", "source": "openalex"}


def test_the_placeholder_author_is_skipped_and_positions_stay_true() -> None:
    record = copy.deepcopy(_first(FIXTURES / "openalex-works-2022.jsonl"))
    record["authorships"][0]["author"]["id"] = "https://openalex.org/A9999999999"
    rows = transform(record)
    assert rows is not None
    assert "A9999999999" not in {a["author_id"] for a in rows.authorships}
    assert rows.authorships[0]["position"] == 1
    assert transform({"id": "https://openalex.org/A9999999999", "display_name": "?"}) is None


def test_entity_records() -> None:
    author = transform(_api("A5023888391"))
    assert author is not None
    props = author.authors[0]["props"]
    assert {k: props[k] for k in ("orcid", "h_index", "works_count", "identity")} == {
        "orcid": "0000-0001-6187-6610", "h_index": 16, "works_count": 53, "identity": "strong"}
    assert author.affiliations[0]["institution_id"] == "I4200000001"
    institution = transform(_api("I27837315"))
    assert institution is not None
    assert institution.institutions[0]["props"]["ror"] == "00jmfr291"
    source = transform(_api("S137773608"))
    assert source is not None and source.venues[0]["id"] == "S137773608"
    concept = transform(_api("C71924100"))
    assert concept is not None and concept.topics[0]["id"] == "openalex:C71924100"
    assert transform({"id": "https://openalex.org/P4310319965"}) is None  # publisher


@pytest.mark.parametrize("record, message", [
    ({"title": "no id"}, "'id'"),
    ({"id": "https://openalex.org/W1", "publication_year": "1993"}, "publication_year"),
    ({"id": "https://openalex.org/W1", "authorships": "x"}, "authorships"),
    ({"id": "https://openalex.org/W1", "abstract_inverted_index": {"a": "0"}}, "positions"),
])
def test_unusable_records_raise_a_clear_value_error(record: dict[str, Any],
                                                    message: str) -> None:
    with pytest.raises(ValueError, match=message):
        transform(record)


def test_merged_ids_rows_and_snapshot_discovery() -> None:
    rows = merged_ids_transform("authors")(
        {"merge_date": "2023-04-13", "id": "A3125154712", "merge_into_id": "A4317838346"})
    assert rows is not None and rows.author_merges == [
        {"old_id": "A3125154712", "new_id": "A4317838346", "merged_on": "2023-04-13"}]
    inputs = discover(FIXTURES / "openalex-snapshot-2023")
    folders = [i.path.relative_to(FIXTURES / "openalex-snapshot-2023").parts[0] for i in inputs]
    assert folders == ["institutions", "sources", "concepts", "authors", "works",
                       "merged_ids", "merged_ids"]
