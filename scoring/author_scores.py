"""From arrays about authors and works to each author's score, band and verification."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from scoring import anomaly, graph_features, integrity, signals
from scoring.graph_features import GraphFeatures
from scoring.signals import AuthorAggregates
from scoring.trust import TrustScore, combine_many
from scoring.verification import IDENTITY_VALUE, AuthorFacts, Verification, verify


@dataclass
class ScoringInput:
    """Everything one scoring pass reads, as arrays aligned with `authors` and `work_ids`."""

    authors: list[AuthorFacts]  # sorted by id; an author's index is its position
    work_ids: list[str]
    work_year: np.ndarray  # float, NaN = unknown
    work_size: np.ndarray  # all authors of the work, even those not in `authors`
    work_citations: np.ndarray  # float, NaN = not given by the source
    author_idx: np.ndarray  # authorships (author index, work index)
    work_idx: np.ndarray
    work_topics: sp.csr_matrix  # works x topics: ABOUT scores
    received_trust: np.ndarray  # per author, from propagation.received_trust
    reference_year: int
    # Incremental runs: every author's stored anomaly features in id order (NaN rows: none
    # stored) and where `authors` sit in it, so the forest is fitted on the same rows in the
    # same order as a full run would fit it. Full runs leave both empty.
    anomaly_population: np.ndarray | None = None
    population_positions: np.ndarray | None = None
    # Per author, what the whole graph's CITES say (None: no citations); per work, its
    # Retraction Watch notice (severity 3/2/1, 0 none) and the notice's year (NaN unknown).
    graph: GraphFeatures | None = None
    work_notice: np.ndarray | None = None
    work_notice_year: np.ndarray | None = None


@dataclass(frozen=True)
class AuthorResult:
    """One author's new score and verification, and what the next incremental run needs."""

    id: str
    score: TrustScore
    verification: Verification
    network_trust: float
    anomaly_features: list[float]
    graph_features: list[float]


def score_authors(data: ScoringInput) -> list[AuthorResult]:
    """Score every author of `data` (deterministic: same input, same output)."""
    n = len(data.authors)
    agg = signals.aggregate(data.author_idx, data.work_idx, n, data.work_year,
                            data.work_size, data.work_citations, data.work_topics)
    feats = anomaly.features(agg.busiest_year_works, agg.mean_coauthors, agg.works,
                             agg.active_years)
    isolation = anomaly.isolation_scores(_population(data, feats), feats)
    verifications = [verify(a, int(w)) for a, w in zip(data.authors, agg.works, strict=True)]
    citations, h_index, followers = _source_figures(data, agg)
    graph = data.graph or graph_features.empty(n)
    used_citations, used_h = signals.impact_inputs(citations, h_index, graph.impact)
    penalty, integrity_raw = integrity.penalty(_integrity_input(data, graph, isolation, feats))
    # Every normalisation at once (numpy), then plain Python floats per author.
    columns = {
        "publication": signals.publication(agg.works, agg.first_year, agg.last_year,
                                           data.reference_year),
        "impact": signals.impact(used_citations, used_h),
        "network": signals.network(data.received_trust),
        "topic_coherence": signals.topic_coherence(agg.coherence, agg.topic_works),
        "identity": np.array([IDENTITY_VALUE[v.level] for v in verifications]),
        "community": signals.community(followers),
        "integrity": penalty,
    }
    raw = _raw_columns(data, agg, citations, h_index, followers)
    raw["impact"] = _impact_raw(raw["impact"], graph, used_citations, used_h)
    raw["identity"] = [{"level": v.level} for v in verifications]
    raw["integrity"] = integrity_raw
    names = (*SIGNALS, "integrity")
    normalised = np.column_stack([np.asarray(columns[name], dtype=np.float64)
                                  for name in names]).reshape(n, len(names))
    scores = combine_many(names, normalised, raw)
    received, features = data.received_trust.tolist(), feats.tolist()
    vectors = graph.vectors().tolist()
    return [AuthorResult(author.id, scores[i], verifications[i], float(received[i]),
                         features[i], vectors[i]) for i, author in enumerate(data.authors)]


def _source_figures(data: ScoringInput, agg: AuthorAggregates
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(citations, h-index, followers) per author as the sources and the platform give them."""
    citations = np.array([np.nan if a.cited_by_count is None else a.cited_by_count
                          for a in data.authors], dtype=np.float64)
    citations = np.where(np.isnan(citations), agg.citations, citations)  # own count first
    h_index = np.array([np.nan if a.h_index is None else a.h_index for a in data.authors],
                       dtype=np.float64)
    followers = np.array([a.followers for a in data.authors], dtype=np.float64)
    return citations, h_index, followers


def _integrity_input(data: ScoringInput, graph: GraphFeatures, isolation: np.ndarray,
                     feats: np.ndarray) -> integrity.IntegrityInput:
    """The integrity signal's inputs: notices per author, the graph's figures, the forest's."""
    n_works = len(data.work_ids)
    severity = (data.work_notice if data.work_notice is not None
                else np.zeros(n_works, dtype=np.int64))
    year = (data.work_notice_year if data.work_notice_year is not None
            else np.full(n_works, np.nan))
    notices = integrity.author_notices(data.author_idx, data.work_idx, len(data.authors),
                                       data.work_ids, severity, year)
    return integrity.IntegrityInput(notices, graph.stacking, graph.impact, isolation, feats)


def _impact_raw(source: list[dict[str, Any]], graph: GraphFeatures, citations: np.ndarray,
                h_index: np.ndarray) -> list[dict[str, Any]]:
    """The impact breakdown: the source's figures as the source gives them, the graph's
    counts, and the (discounted) figures the signal weighed."""
    g = graph.impact
    columns = [_ints(g.citations), _ints(g.self_citations), _ints(g.collaborator_citations),
               _ints(g.h_index), _ints(g.h_without_self), np.round(g.h_discounted, 2).tolist()]
    used_c = [None if v != v else round(v, 2) for v in citations.tolist()]
    used_h = [None if v != v else round(v, 2) for v in h_index.tolist()]
    return [{**row, "graph": dict(zip(GRAPH_IMPACT_FIELDS, values, strict=True)),
             "weighed": {"citations": used_c[i], "h_index": used_h[i]}}
            for i, (row, *values) in enumerate(zip(source, *columns, strict=True))]


GRAPH_IMPACT_FIELDS = ("citations", "self_citations", "collaborator_citations", "h_index",
                       "h_index_without_self_citations", "h_index_discounted")


def _population(data: ScoringInput, feats: np.ndarray) -> np.ndarray:
    """The rows the anomaly forest is fitted on: everyone, in id order, with fresh features."""
    if data.anomaly_population is None or data.population_positions is None:
        return feats
    population = data.anomaly_population.copy()
    population[data.population_positions] = feats
    return population[~np.isnan(population).any(axis=1)]


SIGNALS = ("publication", "impact", "network", "topic_coherence", "identity", "community")


def _raw_columns(data: ScoringInput, agg: AuthorAggregates, citations: np.ndarray,
                 h_index: np.ndarray, followers: np.ndarray) -> dict[str, list[dict[str, Any]]]:
    """Per signal, each author's raw values as the breakdown shows them."""
    works, first, last = agg.works.tolist(), _ints(agg.first_year), _ints(agg.last_year)
    cites, h = _ints(citations), _ints(h_index)
    coherence = np.round(agg.coherence, 4).tolist()
    topic_works, topics = agg.topic_works.tolist(), agg.topic_count.tolist()
    received = np.round(data.received_trust, 6).tolist()
    follow = followers.tolist()
    ref = data.reference_year
    n = len(data.authors)
    return {
        "publication": [{"works": int(works[i]), "first_year": first[i],
                         "last_year": last[i], "reference_year": ref} for i in range(n)],
        "impact": [{"citations": cites[i], "h_index": h[i]} for i in range(n)],
        "network": [{"received_trust": received[i]} for i in range(n)],
        "topic_coherence": [{"coherence": coherence[i], "works_with_topics": int(topic_works[i]),
                             "topics": int(topics[i])} for i in range(n)],
        "community": [{"followers": int(follow[i])} for i in range(n)],
    }


def _ints(values: np.ndarray) -> list[int | None]:
    """Whole numbers as ints, NaN as None."""
    return [None if v != v else int(v) for v in values.tolist()]
