"""Per-author signals from arrays: raw values and their fixed 0-1 normalisations.

Every normalisation is a fixed curve (not a rank in the population), so an author's signal
depends only on their own record and the graph around them: that is what lets an
incremental run rescore a few authors and agree with a full run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from scoring.citations import GraphImpact
from scoring.topics import TOPIC_COUNT_THRESHOLD

VOLUME_SCALE = 30.0  # works: 30 give 63 % of the volume part, 90 give 95 %
SPAN_FULL_YEARS = 15.0  # a 15-year publishing span is a full span
RECENCY_HALF_LIFE_YEARS = 4.0  # recency halves every 4 years since the last work
H_INDEX_SCALE = 15.0
CITATIONS_FULL = 10_000.0
NETWORK_SCALE = 0.1  # received trust (in seed units) giving 63 % of the network signal
COHERENCE_PRIOR_WORKS = 3.0  # coherence counts fully only over several works
FOLLOWERS_FULL = 1_000.0


@dataclass(frozen=True)
class AuthorAggregates:
    """Per-author counts over their works (arrays aligned with the author index)."""

    works: np.ndarray
    first_year: np.ndarray  # NaN when no work has a year
    last_year: np.ndarray
    active_years: np.ndarray
    busiest_year_works: np.ndarray
    mean_coauthors: np.ndarray
    citations: np.ndarray  # NaN when no work gives a citation count
    topic_count: np.ndarray
    coherence: np.ndarray
    topic_works: np.ndarray


def incidence(
    author_idx: np.ndarray, work_idx: np.ndarray, shape: tuple[int, int]
) -> sp.csr_matrix:
    """The author x work 0/1 matrix."""
    data = np.ones(len(author_idx))
    return sp.csr_matrix((data, (author_idx, work_idx)), shape=shape)


def aggregate(author_idx: np.ndarray, work_idx: np.ndarray, n_authors: int,
              work_year: np.ndarray, work_size: np.ndarray, work_citations: np.ndarray,
              work_topics: sp.csr_matrix) -> AuthorAggregates:
    """Counts, year range, bursts, co-author crowding, citations and topic spread per author."""
    works = np.bincount(author_idx, minlength=n_authors).astype(np.float64)
    years = work_year[work_idx]
    dated = ~np.isnan(years)
    first = np.full(n_authors, np.inf)
    last = np.full(n_authors, -np.inf)
    np.minimum.at(first, author_idx[dated], years[dated])
    np.maximum.at(last, author_idx[dated], years[dated])
    first[np.isinf(first)], last[np.isinf(last)] = np.nan, np.nan
    key = author_idx[dated].astype(np.int64) * 10_000 + years[dated].astype(np.int64)
    pairs, per_year = np.unique(key, return_counts=True)
    active = np.bincount(pairs // 10_000, minlength=n_authors)
    busiest = np.zeros(n_authors)
    np.maximum.at(busiest, pairs // 10_000, per_year)
    coauthors = np.bincount(author_idx, weights=np.maximum(work_size[work_idx] - 1, 0),
                            minlength=n_authors)
    cited = work_citations[work_idx]
    known = ~np.isnan(cited)
    citations = np.bincount(author_idx[known], weights=cited[known], minlength=n_authors)
    has_citations = np.bincount(author_idx[known], minlength=n_authors) > 0
    shape = (n_authors, work_topics.shape[0])
    count, coherence, topic_works = topic_spread(incidence(author_idx, work_idx, shape),
                                                 work_topics)
    return AuthorAggregates(
        works, first, last, active.astype(np.float64), busiest,
        np.divide(coauthors, works, out=np.zeros(n_authors), where=works > 0),
        np.where(has_citations, citations, np.nan), count, coherence, topic_works)


def topic_spread(
    authored: sp.csr_matrix, work_topics: sp.csr_matrix
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(topic count, coherence, works with topics) per author.

    Coherence is the mean cosine between each work's topic vector and the author's summed
    topic vector: 1 when every work is about the same thing, lower as works scatter.
    """
    strong = work_topics.copy()
    strong.data = (strong.data >= TOPIC_COUNT_THRESHOLD).astype(np.float64)
    strong.eliminate_zeros()
    count = np.asarray((authored @ strong).getnnz(axis=1)).ravel().astype(np.float64)
    has_topic = np.asarray(work_topics.getnnz(axis=1) > 0, dtype=np.float64)
    topic_works = authored @ has_topic
    unit = sp.csr_matrix(_normalise_rows(work_topics))
    centroid = sp.csr_matrix(authored @ work_topics)
    alignment = np.asarray(sp.csr_matrix(authored @ unit).multiply(centroid).sum(axis=1)).ravel()
    norms = np.sqrt(np.asarray(centroid.multiply(centroid).sum(axis=1)).ravel())
    denominator = norms * topic_works
    coherence = np.divide(alignment, denominator, out=np.zeros_like(alignment),
                          where=denominator > 0)
    return count, np.clip(coherence, 0.0, 1.0), topic_works


def _normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Rows scaled to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(inverse) @ matrix)


def publication(works: np.ndarray, first: np.ndarray, last: np.ndarray,
                reference_year: int) -> np.ndarray:
    """Volume (half), span (quarter) and recency (quarter) of the record, 0-1."""
    volume = 1.0 - np.exp(-works / VOLUME_SCALE)
    dated = ~np.isnan(last)
    last0, first0 = np.nan_to_num(last), np.nan_to_num(first)
    span = np.minimum(1.0, (last0 - first0 + 1.0) / SPAN_FULL_YEARS)
    recency = 0.5 ** (np.maximum(0.0, reference_year - last0) / RECENCY_HALF_LIFE_YEARS)
    # Undated works say nothing about span or recency: volume only.
    return np.where(dated, 0.5 * volume + 0.25 * span + 0.25 * recency, 0.5 * volume)


def impact(citations: np.ndarray, h_index: np.ndarray) -> np.ndarray:
    """Half h-index, half log-citations, 0-1 (NaN = not given); 0 when neither is given."""
    h_known, c_known = ~np.isnan(h_index), ~np.isnan(citations)
    h_part = np.where(h_known, 1.0 - np.exp(-np.nan_to_num(h_index) / H_INDEX_SCALE), 0.0)
    c_part = np.where(c_known, np.minimum(1.0, np.log1p(np.maximum(0, np.nan_to_num(citations)))
                                          / np.log1p(CITATIONS_FULL)), 0.0)
    h_part = np.where(~h_known & c_known, c_part, h_part)  # citations alone carry it all
    return 0.5 * h_part + 0.5 * c_part


def impact_inputs(source_citations: np.ndarray, source_h: np.ndarray,
                  graph: GraphImpact) -> tuple[np.ndarray, np.ndarray]:
    """(citations, h-index) the impact signal weighs. The source's figures (NaN: not given)
    are discounted by the share the graph's discounting takes off its own figures
    (self-citations 0, close collaborators' ½); where the source gives neither, the graph's
    discounted figures, when the graph holds any citation of the author's works."""
    in_graph = graph.citations > 0
    kept = np.divide(graph.discounted, graph.citations, out=np.ones_like(graph.citations),
                     where=in_graph)
    h_kept = np.divide(graph.h_discounted, graph.h_index, out=np.ones_like(graph.h_index),
                       where=graph.h_index > 0)
    c_known, h_known = ~np.isnan(source_citations), ~np.isnan(source_h)
    from_graph = ~c_known & ~h_known & in_graph
    citations = np.where(c_known, source_citations * kept,
                         np.where(in_graph, graph.discounted, np.nan))
    h_index = np.where(h_known, source_h * h_kept,
                       np.where(from_graph, graph.h_discounted, np.nan))
    return citations, h_index


def network(received: np.ndarray) -> np.ndarray:
    """Trust received over collaboration edges, 0-1 (a saturating curve)."""
    return 1.0 - np.exp(-np.maximum(0.0, received) / NETWORK_SCALE)


def topic_coherence(coherence: np.ndarray, topic_works: np.ndarray) -> np.ndarray:
    """Coherence shrunk towards 0 for authors with few works that have topics."""
    return coherence * topic_works / (topic_works + COHERENCE_PRIOR_WORKS)


def community(followers: np.ndarray) -> np.ndarray:
    """Followers on a log scale: 10 give 0.35, 100 give 0.67, 1000 or more give 1."""
    return np.minimum(1.0, np.log1p(np.maximum(0, followers)) / np.log1p(FOLLOWERS_FULL))
