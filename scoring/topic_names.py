"""Names for computed topics: each topic's most distinctive two- or three-word phrase
(docs/SCORING.md, "How computed topics are named")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

# Phrases never run across punctuation, TeX or a URL: "…models. Language…" is no phrase.
BREAKS = re.compile(r"\$[^$]*\$|\\\w+|https?://\S+|[.,;:!?()\[\]{}\"“”\u2018\u2019|/=<>+*~^]")
WORD = re.compile(r"[^\W_](?:[\w'-]*[^\W_])?")
MIN_WORDS, MAX_WORDS = 2, 3
# A work counts towards a topic's phrases with its share of the topic when the share is
# at least this (as for its ABOUT edges), so a work's small shares add no noise.
MIN_SHARE = 0.1
# Names are read from at most this many of the fitted works (evenly spaced): 50 a topic at
# 100 topics is plenty for a phrase, and counting phrases costs about 1 s per 1 000 works.
NAME_SAMPLE = 5_000
JOINING = frozenset({"of", "and", "for", "in", "on", "with", "to"})


def _inner_word(word: str) -> bool:
    """A phrase's middle word: any but a stop word other than a joining one ("theory of mind")."""
    return word in JOINING or word not in ENGLISH_STOP_WORDS


def _edge_word(word: str) -> bool:
    """A phrase may start and end with this word: no stop word, number or single letter."""
    return word not in ENGLISH_STOP_WORDS and sum(c.isalpha() for c in word) >= 2


def surface_phrases(text: str) -> Iterator[str]:
    """The text's two- and three-word phrases as written (case kept), in order."""
    for segment in BREAKS.split(text):
        words = WORD.findall(segment)
        lower = [w.lower() for w in words]
        for n in range(MIN_WORDS, MAX_WORDS + 1):
            for i in range(len(words) - n + 1):
                if (_edge_word(lower[i]) and _edge_word(lower[i + n - 1])
                        and all(_inner_word(w) for w in lower[i + 1:i + n - 1])):
                    yield " ".join(words[i:i + n])


def phrases(text: str) -> list[str]:
    """The text's phrases, lower-cased: the analyzer of the phrase counts."""
    return [p.lower() for p in surface_phrases(text)]


def _shares(weights: np.ndarray) -> sp.csr_matrix:
    """Each work's topic shares (rows sum to 1), the small ones dropped."""
    totals = weights.sum(axis=1, keepdims=True)
    shares = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    return sp.csr_matrix(np.where(shares >= MIN_SHARE, shares, 0.0))


def phrase_counts(texts: list[str]) -> tuple[np.ndarray, sp.csc_matrix]:
    """(phrases in two works or more, sorted; works x phrases, 1 where a work has it)."""
    vectorizer = CountVectorizer(analyzer=phrases, min_df=2, binary=True, dtype=np.float64)
    try:
        present = vectorizer.fit_transform(texts)
    except ValueError:  # no phrase in two works
        return np.zeros(0, dtype=str), sp.csc_matrix((len(texts), 0))
    return np.asarray(vectorizer.get_feature_names_out(), dtype=str), sp.csc_matrix(present)


def phrase_scores(present: sp.csc_matrix, weights: np.ndarray, components: np.ndarray,
                  phrase_terms: sp.csr_matrix) -> sp.csr_matrix:
    """Topics x phrases: how many of the topic's works have the phrase (each counted with
    its share of the topic) times how much the topic weighs the phrase's words (the sum of
    their weights in the topic's row of the model, that row scaled to a maximum of 1).
    "Propose a new" is in many works but its words weigh nothing; a phrase of the topic's
    top terms in one work is outweighed by one that many of its works use."""
    support = sp.csr_matrix(_shares(weights).T @ present)
    overall = np.asarray(support.sum(axis=0)).ravel()
    peaks = components.max(axis=1, keepdims=True)
    scaled = np.divide(components, peaks, out=np.zeros_like(components), where=peaks > 0)
    rows, cols, values = [], [], []
    for k in range(support.shape[0]):
        start, end = support.indptr[k], support.indptr[k + 1]
        phrase_cols = support.indices[start:end]
        relevance = phrase_terms[phrase_cols] @ scaled[k]
        rows += [k] * len(phrase_cols)
        cols += phrase_cols.tolist()
        purity = support.data[start:end] / overall[phrase_cols]
        values += (support.data[start:end] * relevance * np.sqrt(purity)).tolist()
    return sp.csr_matrix((values, (rows, cols)), shape=support.shape)


def _ranked(row: sp.csr_matrix, vocabulary: np.ndarray) -> list[int]:
    """A topic's phrase columns, best first; ties go to the alphabetically first phrase."""
    cols, scores = row.indices, row.data
    keep = scores > 0
    cols, scores = cols[keep], scores[keep]
    order = np.lexsort((vocabulary[cols], -scores))
    return [int(c) for c in cols[order]]


def choose(vocabulary: np.ndarray, scores: sp.csr_matrix) -> list[int | None]:
    """Each topic's best phrase (its column) not taken by another; the topics with the
    strongest best phrase choose first. None for a topic with no phrase left."""
    ranked = [_ranked(scores.getrow(k), vocabulary) for k in range(scores.shape[0])]
    best = [float(scores[k, r[0]]) if r else 0.0 for k, r in enumerate(ranked)]
    chosen: list[int | None] = [None] * len(ranked)
    taken: set[int] = set()
    for k in sorted(range(len(ranked)), key=lambda k: (-best[k], k)):
        free = next((c for c in ranked[k] if c not in taken), None)
        if free is not None:
            taken.add(free)
            chosen[k] = free
    return chosen


def displayed(phrase: str, texts: list[str]) -> str:
    """The phrase as the works (those that have it) most often write it ("Graph Neural
    Networks", "BERT models"), first letter capitalised; ties go to the first spelling."""
    forms = Counter(p for text in texts for p in surface_phrases(text) if p.lower() == phrase)
    form = min(forms, key=lambda f: (-forms[f], f)) if forms else phrase
    return form[:1].upper() + form[1:]


def topic_names(texts: list[str], weights: np.ndarray, components: np.ndarray,
                terms: CountVectorizer, term_names: list[str]) -> list[str]:
    """A name per topic: its phrase, or `term_names[k]` when it has none. `weights` are the
    texts' topic weights and `components` the topics' term weights from the fit; `terms`
    splits text into the model's terms."""
    step = max(1, -(-len(texts) // NAME_SAMPLE))
    texts, weights = texts[::step], weights[::step]
    vocabulary, present = phrase_counts(texts)
    phrase_terms = sp.csr_matrix(terms.transform(vocabulary.tolist()))
    phrase_terms.data[:] = 1.0  # a word's weight counts once per phrase
    chosen = choose(vocabulary, phrase_scores(present, weights, components, phrase_terms))
    return [term_names[k] if col is None else displayed(
                str(vocabulary[col]), [texts[i] for i in present.getcol(col).nonzero()[0]])
            for k, col in enumerate(chosen)]
