"""S2AG dataset records (papers, authors, citations, abstracts, publication-venues) as graph
rows, and a release diff's deleted records as removals: pure, no I/O.

Ids, after the arXiv loader's pattern of one prefix per source (issue 18 names the lookups):
works `s2:<corpusid>`, authors `s2:<authorId>`, venues `s2:<publication venue uuid>` (each
label has its own id constraint, so the one prefix cannot collide), fields of study
`s2:fos:<slug>`. Property names are the OpenAlex loader's where they mean the same thing
(doi, year, publication_date, type, cited_by_count, works_count, h_index, orcid, issn,
homepage_url, updated_date), so merging works across sources (issue 18, item 2) can compare
them directly."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from loaders import fields as f
from loaders.graph_rows import GraphRows, node_row
from loaders.precedence import REFERENCE_SOURCES, outranking
from loaders.text import clean_text

SOURCE = "s2ag"
# S2's own author ids are the source's identity (its disambiguation, not a name): verification
# reads this as "Stable record id from Semantic Scholar source".
RECORD_SOURCE = "Semantic Scholar"
# S2's publicationtypes -> the work types the OpenAlex loader stores; the first listed type
# that has one wins. MetaAnalysis counts as a review, as OpenAlex types them.
WORK_TYPES = {"Review": "review", "MetaAnalysis": "review", "JournalArticle": "article",
              "Conference": "article", "CaseReport": "article", "ClinicalTrial": "article",
              "Study": "article", "News": "article", "Editorial": "editorial",
              "LettersAndComments": "letter", "Dataset": "dataset", "Book": "book",
              "BookSection": "book-chapter"}
# externalids keys of a paper -> the work property keeping the id (DOI normalised apart).
PAPER_IDS = {"ArXiv": "arxiv_id", "MAG": "mag_id", "PubMed": "pmid", "PubMedCentral": "pmcid",
             "DBLP": "dblp_key", "ACL": "acl_id"}
SLUG = re.compile(r"[^a-z0-9]+")
# The sources whose abstract of a work S2's abstracts dataset leaves in place.
ABSTRACT_OUTRANKED_BY = outranking("abstract", SOURCE)


def work_id(corpus_id: int) -> str:
    """Our id of the S2 paper with this corpus id."""
    return f"s2:{corpus_id}"


def author_id(s2_author_id: str) -> str:
    """Our id of the S2 author with this authorId."""
    return f"s2:{s2_author_id}"


def corpus_id(record: dict[str, Any], key: str) -> int:
    """A corpus id field (an int in papers and abstracts, a digit string in citations)."""
    found = optional_corpus_id(record, key)
    if found is None:
        raise ValueError(f"record has no corpus id in {key!r}")
    return found


def optional_corpus_id(record: dict[str, Any], key: str) -> int | None:
    """A corpus id field, None when absent; ValueError for anything but a corpus id."""
    value = record.get(key)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)
                         and 0 <= value < 2**63):
        return value
    raise ValueError(f"field {key!r} must be a corpus id, got {value!r}")


def s2_author_key(record: dict[str, Any], key: str) -> str | None:
    """An S2 authorId (a digit string; an int is taken too); None when absent."""
    value = record.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or not value.strip().isdigit():
        raise ValueError(f"field {key!r} must be an S2 author id, got {value!r}")
    return value.strip()


def flag(record: dict[str, Any], key: str) -> bool | None:
    """A true/false field, None when absent; ValueError for anything else."""
    value = record.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"field {key!r} must be true or false, got {type(value).__name__}")


def paper_rows(record: dict[str, Any]) -> GraphRows:
    """A paper: the work, its byline (AUTHORED with positions), venue and fields of study."""
    cid = corpus_id(record, "corpusid")
    wid = work_id(cid)
    rows = GraphRows()
    rows.works.append(node_row(wid, **_paper_props(record, cid)))
    for position, entry in enumerate(f.items(record, "authors")):
        s2_id = s2_author_key(entry, "authorId")
        if s2_id is None:
            continue  # an unresolved byline name: no identity to hang it on, as OpenAlex's
        rows.author_refs.append(node_row(author_id(s2_id), name=f.text(entry, "name"),
                                         s2_id=s2_id, source=SOURCE, identity="strong",
                                         record_source=RECORD_SOURCE))
        rows.authorships.append({"author_id": author_id(s2_id), "work_id": wid,
                                 "position": position, "raw_affiliation": None})
    if venue_key := f.text(record, "publicationvenueid"):
        rows.venue_refs.append(node_row(f"s2:{venue_key}", name=f.text(record, "venue"),
                                        s2_venue_id=venue_key, source=SOURCE))
        rows.published_in.append({"work_id": wid, "venue_id": f"s2:{venue_key}"})
    _fields_of_study(wid, f.items(record, "s2fieldsofstudy"), rows)
    return rows


def paper_update_rows(record: dict[str, Any]) -> GraphRows:
    """A diff's updated paper: as a paper, and its S2 byline, topics and venue replaced (the
    edges the new record no longer has go; other sources' edges stay)."""
    rows = paper_rows(record)
    rows.work_edge_resets.append({
        "work_id": rows.works[0]["id"], "source": SOURCE,
        "author_ids": [r["author_id"] for r in rows.authorships],
        "topic_ids": [r["topic_id"] for r in rows.about],
        "venue_ids": [r["venue_id"] for r in rows.published_in]})
    return rows


def _paper_props(record: dict[str, Any], cid: int) -> dict[str, Any]:
    """The work's properties: metadata, the source's counts and every external id."""
    ids = f.mapping(record, "externalids")
    types = f.strings(record, "publicationtypes")
    journal = f.mapping(record, "journal")
    props: dict[str, Any] = {
        "title": clean_text(f.text(record, "title")), "year": f.integer(record, "year"),
        "publication_date": f.text(record, "publicationdate"),
        "type": next((WORK_TYPES[t] for t in types if t in WORK_TYPES), None),
        "publication_types": types or None, "doi": f.doi(f.text(ids, "DOI")),
        "cited_by_count": f.integer(record, "citationcount"),
        "reference_count": f.integer(record, "referencecount"),
        "influential_citation_count": f.integer(record, "influentialcitationcount"),
        "is_open_access": flag(record, "isopenaccess"),
        "venue_name": f.text(record, "venue") or f.text(journal, "name"),
        "s2_url": f.text(record, "url"), "updated_date": f.text(record, "updated"),
        "s2_corpus_id": cid, "source": SOURCE, "sources": [SOURCE]}
    for key, name in PAPER_IDS.items():
        props[name] = _external_id(ids, key)
    return props


def _external_id(ids: dict[str, Any], key: str) -> str | None:
    """One external id as a string (S2 writes them as strings; a number is taken too)."""
    value = ids.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f.text(ids, key)


def _fields_of_study(wid: str, entries: list[dict[str, Any]], rows: GraphRows) -> None:
    """ABOUT each field of study once (S2's model and external sources may both list it)."""
    for category in dict.fromkeys(c for c in (f.text(e, "category") for e in entries) if c):
        topic_id = "s2:fos:" + SLUG.sub("-", category.lower()).strip("-")
        rows.topic_refs.append(node_row(topic_id, name=category, kind="field",
                                        source=SOURCE))
        rows.about.append({"work_id": wid, "topic_id": topic_id, "score": 1.0,
                           "source": SOURCE, "primary": None})


def author_rows(record: dict[str, Any]) -> GraphRows:
    """An author record: name, ORCID and DBLP names, counts, aliases, affiliations as given."""
    s2_id = s2_author_key(record, "authorid")
    if s2_id is None:
        raise ValueError("record has no S2 'authorid'")
    ids = f.mapping(record, "externalids")
    rows = GraphRows()
    rows.authors.append(node_row(
        author_id(s2_id), name=f.text(record, "name"), orcid=f.orcid(ids.get("ORCID")),
        dblp_names=_names(ids, "DBLP"), aliases=f.strings(record, "aliases") or None,
        affiliation_names=f.strings(record, "affiliations") or None,
        homepage_url=f.text(record, "homepage"), s2_url=f.text(record, "url"),
        works_count=f.integer(record, "papercount"),
        cited_by_count=f.integer(record, "citationcount"), h_index=f.integer(record, "hindex"),
        updated_date=f.text(record, "updated"), s2_id=s2_id, source=SOURCE,
        identity="strong", record_source=RECORD_SOURCE))
    return rows


def _names(ids: dict[str, Any], key: str) -> list[str] | None:
    """A list-of-names external id (S2 gives DBLP as a list; one string is taken too)."""
    value = ids.get(key)
    return [value] if isinstance(value, str) else f.strings(ids, key) or None


def citation_rows(record: dict[str, Any]) -> GraphRows | None:
    """A citation as CITES with is_influential; None when the cited paper is unresolved."""
    citing = corpus_id(record, "citingcorpusid")
    cited = optional_corpus_id(record, "citedcorpusid")
    if cited is None or cited == citing:
        return None
    rows = GraphRows()
    rows.cites.append({"work_id": work_id(citing), "cited_id": work_id(cited),
                       "is_influential": flag(record, "isinfluential")})
    return rows


def abstract_rows(record: dict[str, Any]) -> GraphRows | None:
    """An abstract for the work of its corpus id; None when the record has no text."""
    cid = corpus_id(record, "corpusid")
    text = clean_text(f.text(record, "abstract"))
    if text is None:
        return None
    rows = GraphRows()
    rows.abstracts.append({"id": work_id(cid), "abstract": text, "source": SOURCE,
                           "outranked_by": ABSTRACT_OUTRANKED_BY})
    return rows


def venue_rows(record: dict[str, Any]) -> GraphRows:
    """A publication venue: name, type, ISSNs (the first is `issn`'s own), URLs, names."""
    key = f.text(record, "id")
    if key is None:
        raise ValueError("record has no publication venue 'id'")
    issns = [i for i in [f.text(record, "issn"), *f.strings(record, "alternate_issns")] if i]
    rows = GraphRows()
    rows.venues.append(node_row(
        f"s2:{key}", name=f.text(record, "name"), type=f.text(record, "type"),
        issn=list(dict.fromkeys(issns)) or None,
        alternate_names=f.strings(record, "alternate_names") or None,
        homepage_url=f.text(record, "url"),
        alternate_urls=f.strings(record, "alternate_urls") or None, s2_venue_id=key,
        source=SOURCE))
    return rows


UPSERTS: dict[str, Callable[[dict[str, Any]], GraphRows | None]] = {
    "papers": paper_rows, "authors": author_rows, "citations": citation_rows,
           "abstracts": abstract_rows, "publication-venues": venue_rows}


def delete_rows(dataset: str, record: dict[str, Any]) -> GraphRows | None:
    """A deleted record (its primary key) as the removal of what it made."""
    rows = GraphRows()
    if dataset == "citations":
        return _citation_delete(record)
    if dataset in ("papers", "abstracts"):
        kind = rows.work_deletes if dataset == "papers" else rows.abstract_deletes
        kind.append({"id": work_id(corpus_id(record, "corpusid")), "source": SOURCE})
    elif dataset == "authors":
        s2_id = s2_author_key(record, "authorid")
        if s2_id is None:
            raise ValueError("deleted author has no S2 'authorid'")
        rows.author_deletes.append({"id": author_id(s2_id)})
    else:
        if (key := f.text(record, "id")) is None:
            raise ValueError("deleted publication venue has no 'id'")
        rows.venue_deletes.append({"id": f"s2:{key}"})
    return rows


def _citation_delete(record: dict[str, Any]) -> GraphRows | None:
    """A deleted citation; None when it had no cited paper (no edge was made for it)."""
    if record.get("citingcorpusid") is None and record.get("citationid") is not None:
        # edges are keyed by their two papers; S2's citationid alone names neither
        raise ValueError("deleted citation has only a 'citationid': removing it needs "
                         "'citingcorpusid' and 'citedcorpusid'")
    citing = corpus_id(record, "citingcorpusid")
    cited = optional_corpus_id(record, "citedcorpusid")
    if cited is None:
        return None
    rows = GraphRows()
    rows.cites_deletes.append({"work_id": work_id(citing), "cited_id": work_id(cited),
                               "kept_by": sorted(REFERENCE_SOURCES - {SOURCE})})
    return rows
