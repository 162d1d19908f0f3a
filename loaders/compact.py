"""Shrinks a batch before it is written: duplicate references and affiliations go, and so do
references this load has already committed (a bounded memory of ids, so memory stays flat).
Only committed ones: a batch written beside another must not count on the other's nodes."""

from __future__ import annotations

from loaders.graph_rows import GraphRows, Row

REF_KINDS = ("venue_refs", "institution_refs", "topic_refs", "author_refs")
SEEN_LIMIT = 500_000  # ids remembered per kind; past this the memory starts afresh


class SeenIds:
    """Ids of references and affiliation spans this load has committed."""

    def __init__(self, limit: int = SEEN_LIMIT) -> None:
        self.limit = limit
        self.refs: dict[str, set[str]] = {kind: set() for kind in REF_KINDS}
        self.spans: dict[tuple[str, str], tuple[int | None, int | None]] = {}

    def compact(self, rows: GraphRows) -> None:
        """Drop rows that cannot change the graph given what this load already committed."""
        for kind in REF_KINDS:
            seen = self.refs[kind]
            fresh: dict[str, Row] = {}
            for row in getattr(rows, kind):
                if row["id"] not in seen:
                    fresh.setdefault(row["id"], row)  # the first reference wins, as before
            # Sorted, so concurrent writers lock shared nodes in one order: fewer deadlocks.
            setattr(rows, kind, sorted(fresh.values(), key=_by_id))
        rows.affiliations = self._new_spans(rows.affiliations)
        rows.authorships.sort(key=_by_author)
        rows.cites.sort(key=_by_cited)

    def remember(self, rows: GraphRows) -> None:
        """Note a committed (compacted) batch's references and affiliation spans."""
        for kind in REF_KINDS:
            seen = self.refs[kind]
            if len(seen) > self.limit:
                seen.clear()
            seen.update(row["id"] for row in getattr(rows, kind))
        if len(self.spans) > self.limit:
            self.spans.clear()
        for row in rows.affiliations:
            key = (row["author_id"], row["institution_id"])
            self.spans[key] = widen(self.spans.get(key), row["start_year"], row["end_year"])

    def _new_spans(self, affiliations: list[Row]) -> list[Row]:
        """One row per (author, institution) with its year span, only when it widens what
        was already committed; sorted by author, as the authorships."""
        merged: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        for row in affiliations:
            key = (row["author_id"], row["institution_id"])
            merged[key] = widen(merged.get(key), row["start_year"], row["end_year"])
        out = []
        for key, span in sorted(merged.items()):
            known = self.spans.get(key)
            if known is None or widen(known, *span) != known:
                out.append({"author_id": key[0], "institution_id": key[1],
                            "start_year": span[0], "end_year": span[1]})
        return out


def _by_id(row: Row) -> str:
    return str(row["id"])


def _by_author(row: Row) -> str:
    return str(row["author_id"])


def _by_cited(row: Row) -> str:
    return str(row["cited_id"])


def widen(span: tuple[int | None, int | None] | None, start: int | None,
           end: int | None) -> tuple[int | None, int | None]:
    """The smallest span covering `span` and [start, end] (None = no year known)."""
    if span is None:
        return start, end
    first = min((y for y in (span[0], start) if y is not None), default=None)
    last = max((y for y in (span[1], end) if y is not None), default=None)
    return first, last
