"""Topics: deterministic, stable between runs, named by their terms, and the sample's count."""

import numpy as np
import orjson

from loaders.sample import sample_path
from scoring.topics import (
    MAX_TOPICS,
    TOPIC_COUNT_THRESHOLD,
    TopicModel,
    about_edges,
    fit_topics,
    topic_count_for,
    topic_shares,
)


def _sample_works() -> list[dict]:
    lines = sample_path().read_text(encoding="utf-8").splitlines()
    works = [orjson.loads(line) for line in lines if '"kind": "work"' in line]
    return sorted(works, key=lambda w: w["id"])


def test_topic_counts_follow_the_corpus_size() -> None:
    assert topic_count_for(89) == 23
    assert topic_count_for(3) == 2
    assert topic_count_for(10_000_000) == MAX_TOPICS


def test_the_sample_gives_researcher0_a_topic_count_near_the_seed() -> None:
    works = _sample_works()
    texts = [w["title"] + " " + w["abstract"] for w in works]
    model = fit_topics(texts)
    assert model is not None
    rows, cols, scores = about_edges(topic_shares(model, texts))
    mine = {i for i, w in enumerate(works) if "researcher0" in w["authors"]}
    topics = {c for r, c, s in zip(rows, cols, scores, strict=True)
              if r in mine and s >= TOPIC_COUNT_THRESHOLD}
    assert 15 <= len(topics) <= 30  # the seed page shows 23
    assert "Drug discovery" in model.names  # the topic whose top terms are drug / protein


def test_fitting_twice_gives_the_same_topics_and_the_model_round_trips() -> None:
    texts = [w["title"] + " " + w["abstract"] for w in _sample_works()]
    first, second = fit_topics(texts), fit_topics(texts)
    assert first is not None and second is not None
    assert first.names == second.names
    assert np.array_equal(topic_shares(first, texts), topic_shares(second, texts))
    again = TopicModel.from_bytes(first.to_bytes())
    assert again.names == first.names and again.term_names == first.term_names
    assert np.allclose(topic_shares(again, texts[:5]), topic_shares(first, texts[:5]),
                       atol=1e-5)


def test_too_little_text_gives_no_model() -> None:
    assert fit_topics(["one", "two"]) is None


def test_a_model_stored_before_topic_names_reads_back_with_its_term_names() -> None:
    model = fit_topics([w["title"] + " " + w["abstract"] for w in _sample_works()])
    assert model is not None
    old = TopicModel(model.vocabulary, model.idf, model.components)  # no labels, as stored
    again = TopicModel.from_bytes(old.to_bytes())
    assert again.labels is None and again.names == model.term_names
    assert all(name.count(" / ") == 2 for name in again.names)
