"""The integrity signal: retraction notices, citation stacking, an h-index resting on
self-citations and the unusual output the anomaly forest finds, as one 0-1 penalty per
author with a sentence a researcher can check for each part."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring import anomaly
from scoring.citations import GraphImpact
from scoring.stacking import EXCESS, Stacking

# Shares of the integrity weight (25 points): a retraction 10 points, an expression of
# concern 5, a correction 1; the anomaly forest up to 15 (the v1 penalty, unchanged).
NOTICE_SHARE = {3: 0.4, 2: 0.2, 1: 0.04}
ANOMALY_SHARE = 0.6
# A stacking block: 10 points at the threshold excess (3x), 20 at 30x or more (log scale).
STACKING_SHARE, STACKING_MAX_SHARE, STACKING_FULL_RATIO = 0.4, 0.8, 30.0
SELF_CITATION_SHARE = 0.08  # 2 points when the in-graph h-index rests on self-citations
# The flag: leaving self-citations out lowers the in-graph h-index by 2 or more and by at
# least a quarter.
SELF_H_DROP, SELF_H_SHARE = 2.0, 0.25
NOTICE_KEYS = {3: "retracted", 2: "expressions_of_concern", 1: "corrected"}
NAMED = 5  # works a notice reason names
NOTICE_WORDS = {3: ("work retracted", "works retracted"),
                2: ("work with an expression of concern", "works with an expression of concern"),
                1: ("work corrected", "works corrected")}


@dataclass(frozen=True)
class Notice:
    """A work's Retraction Watch notice, as an author's reasons name it."""

    work_id: str
    year: int | None


@dataclass(frozen=True)
class IntegrityInput:
    """What the signal weighs, per author (arrays aligned with the author index)."""

    notices: list[dict[int, list[Notice]]]  # severity -> the works' notices, per author
    stacking: Stacking
    impact: GraphImpact
    isolation: np.ndarray
    features: np.ndarray  # anomaly.features (log scale)


def author_notices(author_idx: np.ndarray, work_idx: np.ndarray, n_authors: int,
                   work_ids: list[str], severity: np.ndarray, year: np.ndarray
                   ) -> list[dict[int, list[Notice]]]:
    """Per author, their works' notices by severity (3 retraction, 2 expression of concern,
    1 correction)."""
    out: list[dict[int, list[Notice]]] = [{} for _ in range(n_authors)]
    hit = severity[work_idx] > 0
    found: dict[int, dict[int, list[Notice]]] = defaultdict(lambda: defaultdict(list))
    for a, w in zip(author_idx[hit].tolist(), work_idx[hit].tolist(), strict=True):
        y = year[w]
        found[a][int(severity[w])].append(Notice(work_ids[w], None if y != y else int(y)))
    for a, by_severity in found.items():
        out[a] = {s: sorted(notices, key=lambda n: n.work_id)
                  for s, notices in by_severity.items()}
    return out


def self_citation_flag(impact: GraphImpact) -> np.ndarray:
    """True where leaving self-citations out lowers the in-graph h-index markedly."""
    drop = impact.h_index - impact.h_without_self
    return (drop >= SELF_H_DROP) & (drop >= SELF_H_SHARE * impact.h_index)


def penalty(data: IntegrityInput) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """The 0-1 penalty of each author and its raw parts with their reasons."""
    notice_part = np.array([sum(NOTICE_SHARE[s] * len(ys) for s, ys in n.items())
                            for n in data.notices], dtype=np.float64).reshape(-1)
    stacked = data.stacking.block >= 0
    excess = np.log(np.maximum(data.stacking.ratio, EXCESS) / EXCESS) / np.log(
        STACKING_FULL_RATIO / EXCESS)
    stacking_part = np.where(stacked, STACKING_SHARE + (STACKING_MAX_SHARE - STACKING_SHARE)
                             * np.clip(excess, 0.0, 1.0), 0.0)
    flag = self_citation_flag(data.impact)
    anomaly_part = ANOMALY_SHARE * anomaly.penalty(data.isolation)
    total = notice_part + stacking_part + SELF_CITATION_SHARE * flag + anomaly_part
    return np.minimum(1.0, total), _raw(data, flag, anomaly_part)


def _raw(data: IntegrityInput, flag: np.ndarray, anomaly_part: np.ndarray
         ) -> list[dict[str, Any]]:
    """Per author, what the breakdown shows: the reasons, then the figures behind them."""
    st, impact = data.stacking, data.impact
    shown = np.round(np.expm1(data.features), 3).tolist()
    iso = np.round(data.isolation, 4).tolist()
    h, h_ns = impact.h_index.tolist(), impact.h_without_self.tolist()
    rows = []
    for i, notices in enumerate(data.notices):
        reasons = [_notice_reason(s, notices[s]) for s in (3, 2, 1) if s in notices]
        block = None
        if st.block[i] >= 0:
            block = {"size": int(st.size[i]), "excess_ratio": round(float(st.ratio[i]), 2),
                     "citations_among": round(float(st.observed[i]), 1),
                     "expected": round(float(st.expected[i]), 1)}
            reasons.append(_stacking_reason(block))
        if flag[i]:
            reasons.append(f"h-index {int(h[i])} from the citations in the graph, "
                           f"{int(h_ns[i])} without self-citations: it rests on them")
        features = dict(zip(anomaly.FEATURES, shown[i], strict=True))
        if anomaly_part[i] > 0:
            reasons.append(_anomaly_reason(features))
        rows.append({"reasons": reasons,
                     "notices": {name: [n.work_id for n in notices.get(s, [])]
                                 for s, name in NOTICE_KEYS.items()},
                     "citation_stacking": block, "h_index_rests_on_self_citations":
                         bool(flag[i]), "isolation_score": iso[i], **features})
    return rows


def _notice_reason(severity: int, notices: list[Notice]) -> str:
    """E.g. "2 works retracted (2023, 2024): W1, W2" (the works named up to NAMED)."""
    one, many = NOTICE_WORDS[severity]
    known = sorted({n.year for n in notices if n.year is not None})
    when = f" ({', '.join(str(y) for y in known)})" if known else ""
    ids = [n.work_id for n in notices[:NAMED]]
    more = f" and {len(notices) - NAMED} more" if len(notices) > NAMED else ""
    return f"{len(notices)} {one if len(notices) == 1 else many}{when}: {', '.join(ids)}{more}"


def _stacking_reason(block: dict[str, Any]) -> str:
    """The block's size and excess, with the counts behind the ratio."""
    return (f"In a group of {block['size']} authors who cite each other "
            f"{block['excess_ratio']:.1f} times as often as their topics predict "
            f"({block['citations_among']:.0f} citations among them, "
            f"{block['expected']:.0f} expected)")


def _anomaly_reason(features: dict[str, float]) -> str:
    """The three figures the anomaly forest found unusual."""
    return (f"Unusual output: {features['busiest_year_works']:.0f} works in the busiest "
            f"year, {features['mean_coauthors']:.1f} co-authors per work, "
            f"{features['works_per_active_year']:.1f} works per active year")
