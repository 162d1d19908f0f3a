"""Which source's value a work keeps when several sources describe the same paper: the one
table (docs/GRAPH_MODEL.md, "One node per paper" quotes it). Pure, no I/O.

Each field lists its sources best first; a field not listed follows SOURCE_ORDER. A value
is never blank: a better source without the field leaves it to the next one. The table
decides by source only, never by load order, so a work's fields are the same whichever
source came first (loaders/work_identity.py applies it)."""

from __future__ import annotations

OPENALEX, S2AG, ARXIV = "openalex", "s2ag", "arxiv"
# The sources in their general order; the best source a work holds also names the node
# (its `id`) and is its `source`.
SOURCE_ORDER = (OPENALEX, S2AG, ARXIV)
# The sources whose work records list the work's references (its outgoing CITES); the edge
# does not say which of them made it, so it stays while one of them holds the work.
REFERENCE_SOURCES = frozenset({OPENALEX, S2AG})
FIELD_PRECEDENCE: dict[str, tuple[str, ...]] = {
    # curated metadata of the published version first, the preprint's last
    "title": (OPENALEX, S2AG, ARXIV),
    "year": (OPENALEX, S2AG, ARXIV),  # arXiv's is the year of v1, not of publication
    "publication_date": (OPENALEX, S2AG, ARXIV),
    "type": (OPENALEX, S2AG, ARXIV),  # arXiv calls everything a preprint
    "doi": (OPENALEX, S2AG, ARXIV),  # arXiv's is what the submitter typed
    "cited_by_count": (OPENALEX, S2AG),
    "language": (OPENALEX,),
    # the authors' own abstract first: OpenAlex rebuilds its from an inverted index
    "abstract": (ARXIV, S2AG, OPENALEX),
    # each source is the authority on its own id
    "arxiv_id": (ARXIV, S2AG, OPENALEX),
    "mag_id": (OPENALEX, S2AG),
    "pmid": (OPENALEX, S2AG),
    "pmcid": (OPENALEX, S2AG),
}


def ranking(field: str) -> tuple[str, ...]:
    """The sources of one field, best first; sources not listed come after, in SOURCE_ORDER."""
    listed = FIELD_PRECEDENCE.get(field, SOURCE_ORDER)
    return listed + tuple(s for s in SOURCE_ORDER if s not in listed)


def rank(field: str, source: str | None) -> int:
    """The place of a source for a field (0 best); an unknown source comes last."""
    order = ranking(field)
    return order.index(source) if source in order else len(order)


def outranking(field: str, source: str) -> list[str]:
    """The sources whose value of `field` a value from `source` must not replace."""
    order = ranking(field)
    return list(order[:order.index(source)]) if source in order else list(order)


def source_rank(source: str | None) -> int:
    """The place of a source in SOURCE_ORDER (0 best)."""
    return SOURCE_ORDER.index(source) if source in SOURCE_ORDER else len(SOURCE_ORDER)
