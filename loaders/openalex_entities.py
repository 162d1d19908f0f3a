"""OpenAlex author, institution, source and topic/concept records as graph rows: pure."""

from __future__ import annotations

from typing import Any

from loaders import fields as f
from loaders.graph_rows import GraphRows, node_row
from loaders.openalex_works import SOURCE, institution_ref, topic_row, venue_ref


def author_rows(author_id: str, record: dict[str, Any]) -> GraphRows | None:
    """An author record (ORCID, name, summary stats) and its affiliations; None for the
    placeholder author, which stands for 'unknown' and is never a person."""
    if author_id == f.PLACEHOLDER_AUTHOR:
        return None
    rows = GraphRows()
    stats = f.mapping(record, "summary_stats")
    rows.authors.append(node_row(
        author_id, name=f.text(record, "display_name"), orcid=f.orcid(record.get("orcid")),
        works_count=f.integer(record, "works_count"),
        cited_by_count=f.integer(record, "cited_by_count"),
        h_index=f.integer(stats, "h_index"), i10_index=f.integer(stats, "i10_index"),
        updated_date=f.text(record, "updated_date"), openalex_id=author_id, source=SOURCE,
        identity="strong"))
    for affiliation in f.items(record, "affiliations"):  # current shape: with years
        institution_id = institution_ref(f.mapping(affiliation, "institution"), rows)
        if institution_id:
            first, last = f.year_span(affiliation.get("years") or [])
            rows.affiliations.append({"author_id": author_id, "institution_id": institution_id,
                                      "start_year": first, "end_year": last})
    last_known = f.items(record, "last_known_institutions") or [
        i for i in [f.mapping(record, "last_known_institution")] if i]
    for institution in last_known:  # 2022/2023 shape: no years
        if institution_id := institution_ref(institution, rows):
            rows.affiliations.append({"author_id": author_id, "institution_id": institution_id,
                                      "start_year": None, "end_year": None})
    return rows


def institution_rows(institution_id: str, record: dict[str, Any]) -> GraphRows:
    """An institution record (ROR, country, type, lineage)."""
    rows = GraphRows()
    geo = f.mapping(record, "geo")
    lineage = [i for i in map(f.openalex_id, f.strings(record, "lineage"))
               if i and i != institution_id]
    rows.institutions.append(node_row(
        institution_id, name=f.text(record, "display_name"), ror=f.ror(record.get("ror")),
        country=f.text(record, "country_code") or f.text(geo, "country_code"),
        city=f.text(geo, "city"), type=f.text(record, "type"),
        homepage_url=f.text(record, "homepage_url"), lineage=lineage or None,
        works_count=f.integer(record, "works_count"),
        updated_date=f.text(record, "updated_date"), openalex_id=institution_id,
        source=SOURCE))
    return rows


def venue_rows(venue_id: str, record: dict[str, Any]) -> GraphRows:
    """A source (2023+) or venue (2022) record."""
    rows = GraphRows()
    row = venue_ref(venue_id, record)
    row["props"].update({k: v for k, v in {
        "updated_date": f.text(record, "updated_date"),
        "works_count": f.integer(record, "works_count"),
        "homepage_url": f.text(record, "homepage_url")}.items() if v is not None})
    rows.venues.append(row)
    return rows


def topic_rows(short_id: str, record: dict[str, Any]) -> GraphRows:
    """A topic (T…) or concept (C…) record."""
    rows = GraphRows()
    row = topic_row(f"openalex:{short_id}", record,
                    "topic" if short_id.startswith("T") else "concept")
    row["props"].update({k: v for k, v in {
        "updated_date": f.text(record, "updated_date"),
        "works_count": f.integer(record, "works_count"),
        "description": f.text(record, "description")}.items() if v is not None})
    rows.topics.append(row)
    return rows
