"""What the CITES of the whole graph say about each author: impact counted from the graph
(scoring/citations.py) and citation-stacking blocks (scoring/stacking.py)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from scoring import citations, stacking
from scoring.citations import GraphImpact
from scoring.stacking import Stacking

# The figures an incremental run compares with what the last run stored, to rescore the
# authors whose graph figures moved although nothing of theirs changed.
FEATURES = ("citations", "self_citations", "collaborator_citations", "h_index",
            "h_without_self", "h_discounted", "discounted", "stacking_size", "stacking_ratio")


@dataclass(frozen=True)
class GraphFeatures:
    """Per author (aligned with the author index of the pass)."""

    impact: GraphImpact
    stacking: Stacking

    def take(self, positions: np.ndarray) -> GraphFeatures:
        """The rows of the authors at `positions`, in that order."""
        i, s = self.impact, self.stacking
        return GraphFeatures(
            GraphImpact(*(getattr(i, f)[positions] for f in GraphImpact.__dataclass_fields__)),
            Stacking(*(getattr(s, f)[positions] for f in Stacking.__dataclass_fields__)))

    def vectors(self) -> np.ndarray:
        """(authors, len(FEATURES)): the figures, rounded as stored."""
        i, s = self.impact, self.stacking
        return np.round(np.column_stack([
            i.citations, i.self_citations, i.collaborator_citations, i.h_index,
            i.h_without_self, i.h_discounted, i.discounted, s.size, s.ratio]), 4)


def empty(n_authors: int) -> GraphFeatures:
    """No citations at all: every figure 0, nobody in a block."""
    zero = np.zeros(n_authors)
    return GraphFeatures(GraphImpact(*[zero] * 7),
                         Stacking(np.full(n_authors, -1), zero, zero, zero, zero))


def compute(author_idx: np.ndarray, work_idx: np.ndarray, n_authors: int,
            citing: np.ndarray, cited: np.ndarray, close: tuple[np.ndarray, np.ndarray],
            work_topics: sp.csr_matrix) -> GraphFeatures:
    """Graph impact and stacking for every author from the authorships and citations
    (work indexes into `work_topics`' rows) and the close-collaborator pairs."""
    by_work = citations.work_authors(author_idx, work_idx, work_topics.shape[0], n_authors)
    edges = citations.citation_edges(citing, cited, by_work)
    impact = citations.graph_impact(author_idx, work_idx, by_work, edges,
                                    citations.close_matrix(*close, n_authors))
    blocks = stacking.detect(stacking.author_citations(by_work, edges),
                             stacking.topic_output(by_work, work_topics))
    return GraphFeatures(impact, blocks)
