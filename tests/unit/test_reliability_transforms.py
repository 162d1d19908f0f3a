"""Property tests: the loaders' pure transforms on arbitrary JSON.

Whatever a source file holds, a transform either returns rows Neo4j can store or raises
ValueError (the pipeline's "reject this record"); never another exception, which would stop
a whole load, and never a row whose property Neo4j would refuse, which would fail a batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import arxiv, openalex, sample
from loaders.graph_rows import KINDS, GraphRows
from loaders.pipeline import RECORD_ERRORS

INT64 = (-(2**63), 2**63 - 1)
# Integers at and past Neo4j's 64-bit edge as well as ordinary ones.
INTEGERS = st.integers() | st.sampled_from([2**63 - 1, 2**63, -(2**63) - 1, 10**30])
SCALARS = st.none() | st.booleans() | INTEGERS | st.floats() | st.text(max_size=20)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=20)
OPENALEX_IDS = st.sampled_from(["W1", "A2", "I3", "S4", "V5", "T6", "C7", "P8", "F9",
                                "https://openalex.org/W123", "A9999999999", "w12", "X", ""])


def _record(keys: list[str], ids: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Records with the source's own field names (any JSON in them) and a plausible id."""
    fields = st.fixed_dictionaries({"id": ids}, optional={k: JSON for k in keys})
    return st.one_of(fields, st.dictionaries(st.text(max_size=12), JSON, max_size=6))


def _nested(keys: list[str]) -> st.SearchStrategy[Any]:
    """Lists of objects with the given field names: byline entries, topics, locations."""
    entry = st.fixed_dictionaries({}, optional={k: JSON | OPENALEX_IDS for k in keys})
    return st.lists(entry, max_size=3) | JSON


OPENALEX_KEYS = ["title", "display_name", "publication_year", "publication_date", "type",
                 "doi", "cited_by_count", "language", "updated_date", "referenced_works",
                 "abstract_inverted_index", "primary_location", "host_venue", "primary_topic",
                 "orcid", "summary_stats", "works_count", "last_known_institution",
                 "last_known_institutions", "geo", "ror", "lineage", "country_code", "issn",
                 "issn_l", "level", "field", "description", "homepage_url"]
OPENALEX_RECORDS = st.builds(
    lambda base, authorships, topics, concepts, affiliations: {
        **base, "authorships": authorships, "topics": topics, "concepts": concepts,
        "affiliations": affiliations},
    _record(OPENALEX_KEYS, OPENALEX_IDS),
    _nested(["author", "institutions", "raw_author_name", "raw_affiliation_string",
             "raw_affiliation_strings"]),
    _nested(["id", "display_name", "score", "field", "level"]),
    _nested(["id", "display_name", "score", "level"]),
    _nested(["institution", "years"]),
)
ARXIV_RECORDS = _record(["title", "abstract", "versions", "doi", "journal-ref", "update_date",
                         "authors_parsed", "categories"],
                        st.text(min_size=1, max_size=20))
SAMPLE_RECORDS = _record(["kind", "name", "claimed", "record_source", "title", "title_derived",
                          "abstract", "year", "type", "venue", "authors"],
                         st.text(min_size=1, max_size=20)).map(
    lambda r: {**r, "kind": r.get("kind", "work")})
SAMPLE_SHAPED = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=20), "kind": st.sampled_from(["author", "work"]),
     "authors": st.lists(st.text(max_size=10), max_size=3)},
    optional={k: JSON for k in ["name", "claimed", "title", "year", "venue", "abstract"]})


def _storable(value: Any) -> bool:
    """A value Neo4j stores as a property: a scalar or a list of one scalar type."""
    if isinstance(value, bool | str):
        return True
    if isinstance(value, int):
        return INT64[0] <= value <= INT64[1]
    if isinstance(value, float):
        return True
    if isinstance(value, list):
        kinds = {type(v) for v in value}
        return len(kinds) <= 1 and all(_storable(v) and not isinstance(v, list) for v in value)
    return False


def _check(transform: Callable[[dict[str, Any]], GraphRows | None], record: dict[str, Any],
           storable: bool = True) -> None:
    """The property itself (strict: ValueError only; else what the pipeline rejects)."""
    rejected: tuple[type[Exception], ...] = (ValueError,) if storable else RECORD_ERRORS
    try:
        rows = transform(record)
    except rejected:
        return  # the pipeline sets the record aside in the reject file
    if rows is None or not storable:
        return
    for kind in KINDS:
        for row in getattr(rows, kind):
            bad = {k: v for k, v in {**row.get("props", {}), **row}.items()
                   if k != "props" and v is not None and not _storable(v)}
            assert not bad, f"{kind} row has properties Neo4j cannot store: {bad!r}"


PROFILE = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROFILE
@given(OPENALEX_RECORDS)
def test_openalex_transform_returns_storable_rows_or_value_error(record: dict[str, Any]) -> None:
    _check(openalex.transform, record)


@PROFILE
@given(ARXIV_RECORDS)
def test_arxiv_transform_returns_storable_rows_or_value_error(record: dict[str, Any]) -> None:
    _check(arxiv.transform, record)


@PROFILE
@given(SAMPLE_RECORDS | SAMPLE_SHAPED)
def test_sample_transform_returns_rows_or_value_error(record: dict[str, Any]) -> None:
    # Looser: the sample format passes values through untyped and may raise TypeError or
    # AttributeError (rejected all the same); it loads only the bundled, trusted sample, so
    # {"title": {...}} would fail its batch rather than be rejected (see RELIABILITY.md).
    _check(sample.transform, record, storable=False)


@pytest.mark.parametrize("name", ["C. Bal\\'azs", "\\", "\\c", "{}{}", "\\v{\\", "~~", "\u2028"])
def test_detex_never_raises(name: str) -> None:
    assert isinstance(arxiv.detex(name), str)
