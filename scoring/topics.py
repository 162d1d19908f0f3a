"""Topics from titles and abstracts: TF-IDF + NMF, named by their best phrase (topic_names)."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF, non_negative_factorization
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from scoring.topic_names import topic_names

RANDOM_STATE = 20240601
# One topic per four works (rounded up), never fewer than 2 nor more than 100 topics: a topic
# should gather a handful of works, and 100 names is already a long menu.
WORKS_PER_TOPIC = 4
MIN_TOPICS, MAX_TOPICS = 2, 100
# The model is fitted on at most this many works (an evenly spaced sample in id order),
# then every work is projected onto it: the topics of a million works need no million-row fit.
FIT_SAMPLE = 20_000
MAX_TERMS = 20_000
# A work is ABOUT a topic when the topic holds at least this share of the work's weight.
MIN_ABOUT_SHARE = 0.1
MAX_TOPICS_PER_WORK = 5
# An author's topic count: distinct topics over their works with ABOUT score >= this.
TOPIC_COUNT_THRESHOLD = 0.3
NAME_TERMS = 3
# Words of three letters or more; digits, LaTeX and URLs fragments are not topic material.
WORD_PATTERN = r"(?u)\b[^\W\d_][^\W\d_][^\W\d_]+\b"


@dataclass(frozen=True)
class TopicModel:
    """A fitted model: vocabulary, its idf weights, the topic x term matrix, topic names."""

    vocabulary: np.ndarray  # str, sorted
    idf: np.ndarray
    components: np.ndarray  # (topics, terms)
    labels: np.ndarray | None = None  # str, one per topic (topic_names); None: term names

    @property
    def term_names(self) -> list[str]:
        """Each topic's top terms, heaviest first ("bert / pre / language")."""
        tops = np.argsort(-self.components, axis=1, kind="stable")[:, :NAME_TERMS]
        return [" / ".join(self.vocabulary[row]) for row in tops]

    @property
    def names(self) -> list[str]:
        """Each topic's name: its phrase (topic_names), or its top terms in an older model."""
        return [str(n) for n in self.labels] if self.labels is not None else self.term_names

    def to_bytes(self) -> bytes:
        """A compact, pickle-free serialisation (numpy npz)."""
        buffer = io.BytesIO()
        arrays: dict[str, np.ndarray] = {
            "vocabulary": np.asarray(self.vocabulary, dtype=str), "idf": self.idf,
            "components": self.components.astype(np.float32)}
        if self.labels is not None:
            arrays["labels"] = np.asarray(self.labels, dtype=str)
        np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]  # numpy types **kwds as bool
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> TopicModel:
        """Read back what to_bytes wrote (models stored before names had no labels)."""
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            labels = arrays["labels"] if "labels" in arrays.files else None
            return cls(arrays["vocabulary"], arrays["idf"],
                       arrays["components"].astype(np.float64), labels)


def topic_count_for(n_works: int) -> int:
    """How many topics to fit for a corpus of n works."""
    return max(MIN_TOPICS, min(MAX_TOPICS, -(-n_works // WORKS_PER_TOPIC)))


def fit_topics(texts: list[str]) -> TopicModel | None:
    """Fit the model on (a sample of) the texts, in the given order; None if too few words."""
    step = max(1, -(-len(texts) // FIT_SAMPLE))
    sample = texts[::step]
    if len(sample) < MIN_TOPICS * 2:
        return None
    vectorizer = TfidfVectorizer(stop_words="english", token_pattern=WORD_PATTERN,
                                 min_df=2, max_df=0.5, max_features=MAX_TERMS,
                                 sublinear_tf=True, dtype=np.float64)
    try:
        matrix = vectorizer.fit_transform(sample)
    except ValueError:  # no term in two works: nothing to model
        return None
    k = min(topic_count_for(len(texts)), matrix.shape[0], matrix.shape[1])
    nmf = NMF(n_components=k, init="nndsvda", random_state=RANDOM_STATE, max_iter=400,
              tol=1e-4)
    with warnings.catch_warnings():
        # Stopping at max_iter is still deterministic; the warning would only be noise.
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = nmf.fit_transform(matrix)
    model = TopicModel(np.asarray(vectorizer.get_feature_names_out(), dtype=str),
                       vectorizer.idf_, nmf.components_)
    terms = CountVectorizer(vocabulary=model.vocabulary, token_pattern=WORD_PATTERN)
    labels = topic_names(sample, weights, model.components, terms, model.term_names)
    return TopicModel(model.vocabulary, model.idf, model.components, np.asarray(labels, dtype=str))


def vectorise(model: TopicModel, texts: list[str]) -> sp.csr_matrix:
    """TF-IDF rows of the texts in the model's vocabulary, as the fit computed them."""
    counts = CountVectorizer(vocabulary=model.vocabulary, token_pattern=WORD_PATTERN,
                             lowercase=True, dtype=np.float64).transform(texts)
    counts.data = 1.0 + np.log(counts.data)  # sublinear tf, as in the fit
    return normalize(sp.csr_matrix(counts @ sp.diags(model.idf)))


def topic_shares(model: TopicModel, texts: list[str]) -> np.ndarray:
    """Each text's share of each topic (rows sum to 1, or 0 for a text with no known term)."""
    k = model.components.shape[0]
    if not texts:
        return np.zeros((0, k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights, _, _ = non_negative_factorization(
            vectorise(model, texts), H=model.components, n_components=k, init="custom",
            update_H=False, solver="cd", max_iter=400, tol=1e-4, random_state=RANDOM_STATE)
    totals = weights.sum(axis=1, keepdims=True)
    return np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)


def about_edges(shares: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(work row, topic, score) for each work's strongest topics above MIN_ABOUT_SHARE."""
    if shares.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    top = np.argsort(-shares, axis=1, kind="stable")[:, :MAX_TOPICS_PER_WORK]
    rows = np.repeat(np.arange(shares.shape[0]), top.shape[1])
    cols = top.ravel()
    scores = shares[rows, cols]
    keep = scores >= MIN_ABOUT_SHARE
    return rows[keep], cols[keep], np.round(scores[keep], 4)
