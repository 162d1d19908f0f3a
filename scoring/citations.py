"""Impact from the graph: in-graph citations and h-index from CITES, with self-citations
(the citing work shares an author with the cited one) and citations by the cited author's
close collaborators counted apart and discounted. Sparse matrices, int32 indexes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

SELF_WEIGHT = 0.0  # a self-citation counts for nothing in the discounted figures
COLLABORATOR_WEIGHT = 0.5  # a citation by a close collaborator counts half
EDGE_CHUNK = 200_000  # citations examined at once (bounds the temporary matrices)


@dataclass(frozen=True)
class CitationEdges:
    """Citations between works of one work index (citing -> cited), each pair once."""

    citing: np.ndarray  # int32
    cited: np.ndarray  # int32
    self_citation: np.ndarray  # bool: the two works share an author


@dataclass(frozen=True)
class GraphImpact:
    """Per author, what the graph's CITES say about the impact of their works."""

    citations: np.ndarray  # citations of their works by works in the graph
    self_citations: np.ndarray  # of which from works sharing an author with the cited work
    collaborator_citations: np.ndarray  # of which (not self) from their close collaborators
    h_index: np.ndarray  # over all in-graph citations
    h_without_self: np.ndarray  # self-citations left out
    h_discounted: np.ndarray  # self 0, collaborators ½, others 1
    discounted: np.ndarray  # citations weighed so


def work_authors(author_idx: np.ndarray, work_idx: np.ndarray, n_works: int,
                 n_authors: int) -> sp.csr_matrix:
    """The works x authors 0/1 matrix."""
    data = np.ones(len(author_idx), dtype=np.float32)
    matrix = sp.csr_matrix((data, (work_idx.astype(np.int32), author_idx.astype(np.int32))),
                           shape=(n_works, n_authors))
    matrix.data[:] = 1.0
    return matrix


def citation_edges(citing: np.ndarray, cited: np.ndarray, by_work: sp.csr_matrix
                   ) -> CitationEdges:
    """Each citing -> cited pair once (a work citing itself dropped), with its self flag."""
    n = by_work.shape[0]
    keys = np.unique(citing.astype(np.int64) * max(n, 1) + cited.astype(np.int64))
    src, dst = (keys // max(n, 1)).astype(np.int32), (keys % max(n, 1)).astype(np.int32)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    shared = np.zeros(len(src), dtype=bool)
    for start in range(0, len(src), EDGE_CHUNK):
        part = slice(start, start + EDGE_CHUNK)
        both = by_work[src[part]].multiply(by_work[dst[part]])
        shared[part] = np.asarray(both.sum(axis=1)).ravel() > 0
    return CitationEdges(src, dst, shared)


def close_matrix(a: np.ndarray, b: np.ndarray, n_authors: int) -> sp.csr_matrix:
    """The symmetric authors x authors 0/1 matrix of close-collaborator pairs (a, b)."""
    rows = np.concatenate([a, b]).astype(np.int32)
    cols = np.concatenate([b, a]).astype(np.int32)
    matrix = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                           shape=(n_authors, n_authors))
    matrix.data[:] = 1.0
    return matrix


def graph_impact(author_idx: np.ndarray, work_idx: np.ndarray, by_work: sp.csr_matrix,
                 edges: CitationEdges, close: sp.csr_matrix) -> GraphImpact:
    """Counts and h-indexes per author over the authorships (author_idx, work_idx)."""
    n_works, n_authors = by_work.shape
    per_work = np.bincount(edges.cited, minlength=n_works).astype(np.float64)
    self_per_work = np.bincount(edges.cited[edges.self_citation],
                                minlength=n_works).astype(np.float64)
    collab = _collaborator_counts(by_work, edges, close)[author_idx, work_idx]
    all_c = per_work[work_idx]
    self_c = self_per_work[work_idx]
    collab_c = np.asarray(collab).ravel().astype(np.float64)
    independent = all_c - self_c - collab_c
    weighed = independent + COLLABORATOR_WEIGHT * collab_c + SELF_WEIGHT * self_c

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(author_idx, weights=values, minlength=n_authors)

    return GraphImpact(
        total(all_c), total(self_c), total(collab_c), h_index(author_idx, all_c, n_authors),
        h_index(author_idx, all_c - self_c, n_authors),
        h_index(author_idx, weighed, n_authors), total(weighed))


def _collaborator_counts(by_work: sp.csr_matrix, edges: CitationEdges,
                         close: sp.csr_matrix) -> sp.csr_matrix:
    """Authors x works: citations of the work (not self-citations) by a work one of whose
    authors is a close collaborator of that author of the cited work."""
    n_works, n_authors = by_work.shape
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    src, dst = edges.citing[~edges.self_citation], edges.cited[~edges.self_citation]
    for start in range(0, len(src), EDGE_CHUNK):
        part = slice(start, start + EDGE_CHUNK)
        reached = sp.csr_matrix(by_work[src[part]] @ close)  # citing authors' collaborators
        hit = sp.coo_matrix(reached.multiply(by_work[dst[part]]))
        rows.append(hit.col.astype(np.int32))  # the cited author
        cols.append(dst[part][hit.row])  # the cited work
    r = np.concatenate(rows) if rows else np.zeros(0, np.int32)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int32)
    return sp.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)),
                         shape=(n_authors, n_works))


def h_index(author_idx: np.ndarray, values: np.ndarray, n_authors: int) -> np.ndarray:
    """Per author, the largest h such that h of their works have a value of at least h."""
    order = np.lexsort((-values, author_idx))
    authors, sorted_values = author_idx[order], values[order]
    starts = np.searchsorted(authors, np.arange(n_authors))
    rank = np.arange(len(authors)) - starts[authors] + 1
    ok = sorted_values >= rank
    h = np.zeros(n_authors)
    np.maximum.at(h, authors[ok], rank[ok])
    return h
