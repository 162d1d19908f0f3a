"""Reads behind /api/v1/search: the Neo4j full-text indexes, with simple highlights."""

from __future__ import annotations

import html
import re
from collections import deque
from typing import Any

from neo4j.exceptions import ClientError

from core.errors import InvalidParameter
from core.graph import Graph
from core.values import present
from service.schemas.search import SearchHit, SearchResults

SEARCH_TYPES = ("author", "work")
_QUERY_FILES = {"author": "search/search_authors", "work": "search/search_works"}
_INDEXES = {"author": "author_names", "work": "work_text"}
# Hits counted (per type) and paged through, at most: past this a query is too broad to page.
MAX_COUNTED = 10_000
AUTHORS_PER_HIT = 5
# What Lucene reports for a query it cannot parse (Neo4j wraps it in ProcedureCallFailed).
# Neo4j passes only our fixed index name and $q, so such a failure is always about $q.
_LUCENE_FAILURES = ("org.apache.lucene", "IllegalArgumentException")
_TERM = re.compile(r"[\w]{2,}")
_OPERATORS = {"and", "or", "not", "to"}
SNIPPET_CHARS = 160


def search(graph: Graph, q: str, types: list[str], limit: int,
           offset: int = 0) -> SearchResults:
    """Hits of each type from its full-text index, merged best score first; one page of
    them from `offset`, and how many there are (each type counted up to MAX_COUNTED)."""
    terms = _terms(q)
    order = _page_order(graph, q, types, offset, limit)
    found: dict[str, deque[SearchHit]] = {}
    for kind in types:
        # only this page's hits of the type are read with their properties
        take = order[offset:].count(kind)
        rows = _run(graph, _QUERY_FILES[kind], q=q, skip=order[:offset].count(kind),
                    limit=take, max_authors=AUTHORS_PER_HIT) if take else []
        found[kind] = deque(_hit(kind, row, terms) for row in rows)
    page = [found[kind].popleft() for kind in order[offset:] if found[kind]]
    counts = [_run(graph, "search/count_hits", index=_INDEXES[kind], q=q,
                   cap=MAX_COUNTED)[0]["total"] for kind in types]
    return SearchResults(query=q, types=types, items=page,
                         total=sum(counts), total_is_lower_bound=MAX_COUNTED in counts,
                         offset=offset, limit=limit)


def _page_order(graph: Graph, q: str, types: list[str], offset: int,
                limit: int) -> list[str]:
    """The types of the merged hits up to the page's end, best score first (ties in the
    order of `types`), from the indexes' scores alone (one type: nothing to merge)."""
    if len(types) == 1:
        return types * (offset + limit)
    scored = [(row["score"], kind) for kind in types
              for row in _run(graph, "search/rank_hits", index=_INDEXES[kind], q=q,
                              limit=offset + limit)]
    scored.sort(key=lambda pair: pair[0], reverse=True)  # stable: ties keep the type order
    return [kind for _, kind in scored[:offset + limit]]


def _hit(kind: str, row: Any, terms: list[str]) -> SearchHit:
    """A search hit from one index row, its matching words highlighted."""
    props = present(row["props"])
    text = props.pop("abstract", None)
    highlight, where = _highlight(terms, row["label"], text)
    return SearchHit(type=kind, id=row["id"], label=row["label"], score=row["score"],
                     properties=props, highlight=highlight, highlight_in=where)


def _run(graph: Graph, name: str, **params: Any) -> list[Any]:
    """One index query's rows; a query Lucene cannot parse is the caller's 422, not our 500."""
    try:
        return graph.read(name, **params)
    except ClientError as exc:
        text = exc.message or ""
        if "ProcedureCallFailed" in (exc.code or "") and any(
                failure in text for failure in _LUCENE_FAILURES):
            reason = text.split("Caused by:", 1)[-1].split("\n", 1)[0].strip()
            reason = reason.split(": ", 1)[-1]
            message = (f"not a valid Lucene query ({reason}); quote special characters "
                       "such as ( ) [ ] : / with a backslash, or put the words in quotes")
            raise InvalidParameter(f"q: {message}", errors=[
                {"parameter": "q", "in": "query", "message": message}]) from exc
        raise


def _terms(q: str) -> list[str]:
    """The plain words of a query, without Lucene operators or field names."""
    words = [w for w in _TERM.findall(re.sub(r"\w+:", " ", q)) if w.lower() not in _OPERATORS]
    return list(dict.fromkeys(w.lower() for w in words))


def _highlight(terms: list[str], label: str | None,
               text: str | None) -> tuple[str | None, str | None]:
    """The label, or else a passage of the text, with matching words marked (HTML-escaped),
    and which of the two it is ("label", "text"; None when nothing matched)."""
    if not terms:
        return None, None
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")", re.IGNORECASE)
    if label and pattern.search(label):
        return _mark(pattern, label), "label"
    if text and (match := pattern.search(text)):
        start = max(0, match.start() - SNIPPET_CHARS // 2)
        passage = text[start:start + SNIPPET_CHARS]
        return ("…" if start else "") + _mark(pattern, passage), "text"
    return None, None


def _mark(pattern: re.Pattern[str], passage: str) -> str:
    """The passage HTML-escaped, each match wrapped in <mark>."""
    parts, last = [], 0
    for match in pattern.finditer(passage):
        parts += [html.escape(passage[last:match.start()]),
                  f"<mark>{html.escape(match.group(0))}</mark>"]
        last = match.end()
    return "".join([*parts, html.escape(passage[last:])])
