"""OpenAlex works (2022 and current schema) as graph rows: pure, no I/O."""

from __future__ import annotations

from typing import Any

from loaders import fields as f
from loaders.graph_rows import GraphRows, Row, node_row
from loaders.sample import venue_id as named_venue_id
from loaders.text import clean_text

SOURCE = "openalex"


def work_rows(work_id: str, record: dict[str, Any]) -> GraphRows:
    """A work with its byline, institutions, venue, topics/concepts and citations."""
    rows = GraphRows()
    year = f.integer(record, "publication_year")
    ids = f.mapping(record, "ids")
    rows.works.append(node_row(
        work_id, title=clean_text(f.text(record, "title")) or clean_text(
            f.text(record, "display_name")),
        abstract=clean_text(f.abstract_from_inverted_index(record.get("abstract_inverted_index"))),
        year=year, publication_date=f.text(record, "publication_date"),
        type=f.text(record, "type"), doi=f.doi(record.get("doi")),
        cited_by_count=f.integer(record, "cited_by_count"), language=f.text(record, "language"),
        updated_date=f.text(record, "updated_date"), openalex_id=work_id,
        mag_id=f.source_number(ids.get("mag")), pmid=f.source_number(ids.get("pmid")),
        pmcid=f.source_number(ids.get("pmcid")), source=SOURCE, sources=[SOURCE]))
    _byline(work_id, year, f.items(record, "authorships"), rows)
    _venue(work_id, record, rows)
    _topics(work_id, record, rows)
    rows.cites += [{"work_id": work_id, "cited_id": cited}
                   for cited in dict.fromkeys(map(f.openalex_id, f.strings(record,
                                                                         "referenced_works")))
                   if cited and cited.startswith("W") and cited != work_id]
    return rows


def _byline(work_id: str, year: int | None, authorships: list[dict[str, Any]],
            rows: GraphRows) -> None:
    """AUTHORED edges in byline order (0-based, the placeholder author skipped), with the
    authors and their institutions as references, and AFFILIATED_WITH for the work's year."""
    for position, authorship in enumerate(authorships):
        author = f.mapping(authorship, "author")
        author_id = f.openalex_id(author.get("id"))
        if author_id is None or author_id == f.PLACEHOLDER_AUTHOR:
            continue
        rows.author_refs.append(node_row(
            author_id, name=f.text(author, "display_name") or f.text(authorship,
                                                                     "raw_author_name"),
            orcid=f.orcid(author.get("orcid")), openalex_id=author_id, source=SOURCE,
            identity="strong"))
        rows.authorships.append({"author_id": author_id, "work_id": work_id,
                                 "position": position,
                                 "raw_affiliation": _raw_affiliation(authorship)})
        for institution in f.items(authorship, "institutions"):
            if institution_id := institution_ref(institution, rows):
                rows.affiliations.append({"author_id": author_id,
                                          "institution_id": institution_id,
                                          "start_year": year, "end_year": year})


def _raw_affiliation(authorship: dict[str, Any]) -> str | None:
    """The byline's affiliation text as printed (2022: one string; current: a list)."""
    return f.text(authorship, "raw_affiliation_string") or (
        "; ".join(f.strings(authorship, "raw_affiliation_strings")) or None)


def institution_ref(institution: dict[str, Any], rows: GraphRows) -> str | None:
    """Add an institution seen inside another record; its id, or None when it has none."""
    institution_id = f.openalex_id(institution.get("id"))
    if institution_id is None:
        return None  # 2022 records list unmatched affiliation strings as id-less institutions
    lineage = [i for i in map(f.openalex_id, f.strings(institution, "lineage"))
               if i and i != institution_id]
    rows.institution_refs.append(node_row(
        institution_id, name=f.text(institution, "display_name"),
        ror=f.ror(institution.get("ror")), country=f.text(institution, "country_code"),
        type=f.text(institution, "type"), lineage=lineage or None, openalex_id=institution_id,
        source=SOURCE))
    return institution_id


def _venue(work_id: str, record: dict[str, Any], rows: GraphRows) -> None:
    """PUBLISHED_IN the primary location's source (current) or the host venue (2022)."""
    venue = f.mapping(f.mapping(record, "primary_location"), "source") or f.mapping(
        record, "host_venue")
    name = f.text(venue, "display_name")
    venue_id = f.openalex_id(venue.get("id")) or (named_venue_id(name) if name else None)
    if venue_id is None:
        return
    rows.venue_refs.append(venue_ref(venue_id, venue))
    rows.published_in.append({"work_id": work_id, "venue_id": venue_id})


def venue_ref(venue_id: str, venue: dict[str, Any]) -> Row:
    """A venue row from a source/host_venue object (or a source record)."""
    issn = f.strings(venue, "issn")
    return node_row(
        venue_id, name=f.text(venue, "display_name"), type=f.text(venue, "type"),
        issn_l=f.text(venue, "issn_l"), issn=issn or None,
        publisher=f.text(venue, "publisher") or f.text(venue, "host_organization_name"),
        openalex_id=venue_id if venue_id[0] in "SV" else None, source=SOURCE)


def _topics(work_id: str, record: dict[str, Any], rows: GraphRows) -> None:
    """ABOUT edges to OpenAlex topics (current) and concepts (both shapes), with scores."""
    topics = f.items(record, "topics")
    primary = f.mapping(record, "primary_topic")
    primary_id = f.openalex_id(primary.get("id"))
    if primary_id and all(f.openalex_id(t.get("id")) != primary_id for t in topics):
        topics = [primary, *topics]
    for topic in topics:
        _about(work_id, topic, "topic", rows, primary=f.openalex_id(topic.get("id")) == primary_id)
    for concept in f.items(record, "concepts"):
        _about(work_id, concept, "concept", rows, primary=None)


def _about(work_id: str, topic: dict[str, Any], kind: str, rows: GraphRows,
           primary: bool | None) -> None:
    """One ABOUT edge and its topic reference; entries without an id are skipped."""
    short = f.openalex_id(topic.get("id"))
    if short is None:
        return
    topic_id = f"openalex:{short}"
    rows.topic_refs.append(topic_row(topic_id, topic, kind))
    rows.about.append({"work_id": work_id, "topic_id": topic_id,
                       "score": f.number(topic, "score") or 0.0, "source": SOURCE,
                       "primary": primary})


def topic_row(topic_id: str, topic: dict[str, Any], kind: str) -> Row:
    """A topic row (an OpenAlex topic or concept)."""
    return node_row(topic_id, name=f.text(topic, "display_name"), kind=kind,
                    level=f.integer(topic, "level"),
                    field=f.text(f.mapping(topic, "field"), "display_name"),
                    updated_date=None, source=SOURCE)
