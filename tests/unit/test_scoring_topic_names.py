"""Computed topics are named by a phrase of their works: readable, distinct, deterministic."""

import numpy as np
import orjson
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from loaders.sample import sample_path
from scoring.topic_names import displayed, phrases, surface_phrases, topic_names
from scoring.topics import WORD_PATTERN, fit_topics


def _sample_texts() -> list[str]:
    lines = sample_path().read_text(encoding="utf-8").splitlines()
    works = sorted((orjson.loads(line) for line in lines if '"kind": "work"' in line),
                   key=lambda w: w["id"])
    return [w["title"] + " " + w["abstract"] for w in works]


@pytest.fixture(scope="module")
def sample_names() -> list[str]:
    model = fit_topics(_sample_texts())
    assert model is not None
    return model.names


def test_the_sample_topics_have_two_or_three_word_names(sample_names: list[str]) -> None:
    assert len(sample_names) == 23
    assert all(2 <= len(name.split()) <= 3 for name in sample_names), sample_names
    assert len(set(sample_names)) == len(sample_names)  # no two topics share a name
    assert all(name[0].isupper() and " / " not in name for name in sample_names)


def test_the_sample_topics_are_named_by_what_they_are_about(sample_names: list[str]) -> None:
    # Each with its topic's top terms (the names they replace, docs/SCORING.md).
    for name in ("Drug discovery",  # drug / protein / molecular
                 "Non-autoregressive translation",  # nat / autoregressive / translation
                 "Stock trend forecasting",  # stock / trend / forecasting
                 "Partial differential equations",  # equations / physics / pinn
                 "Knowledge graph embedding",  # graph / embedding / knowledge
                 "Speech recognition"):  # speech / text / recognition
        assert name in sample_names


def test_phrases_keep_within_sentences_and_skip_stop_words_and_tex() -> None:
    text = ("We propose $\\mathbf{FABind}$, a pocket prediction model. Language models "
            "learn the theory of mind; see https://example.org/a-b for 2 results")
    found = phrases(text)
    assert "pocket prediction" in found and "pocket prediction model" in found
    assert "theory of mind" in found
    assert not any("model language" in p or "fabind" in p or "mathbf" in p for p in found)
    assert not any(p.split()[0] in {"we", "a", "the"} or p.split()[-1] in {"a", "the", "of"}
                   for p in found)
    assert not any("example" in p or p.endswith(" 2") for p in found)
    assert "Language models" in list(surface_phrases(text))  # the case as written


def test_a_phrase_is_shown_as_most_works_write_it() -> None:
    texts = ["BERT Models are big.", "bert models again", "Some BERT Models here."]
    assert displayed("bert models", texts) == "BERT Models"
    assert displayed("graph neural networks", ["graph neural networks work"]) == (
        "Graph neural networks")


def test_names_are_the_same_every_time_and_fall_back_to_terms() -> None:
    texts = ["alpha beta gamma", "alpha beta delta", "omega psi chi", "omega psi phi"]
    weights = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    vocabulary = np.array(["alpha", "beta", "chi", "omega", "psi"])
    components = np.array([[1.0, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.1, 1.0, 1.0]])
    terms = CountVectorizer(vocabulary=vocabulary, token_pattern=WORD_PATTERN)
    names = topic_names(texts, weights, components, terms, ["t0", "t1"])
    assert names == ["Alpha beta", "Omega psi"]
    assert topic_names(texts, weights, components, terms, ["t0", "t1"]) == names
    lonely = ["one two", "three four", "five six", "seven eight"]  # no phrase in two works
    assert topic_names(lonely, weights, components, terms, ["t0", "t1"]) == ["t0", "t1"]
