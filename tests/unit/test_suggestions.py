"""Collaborator fit, the pure part: topic similarity, proximity, ranking and reasons."""

from __future__ import annotations

from scoring.suggestions import (
    AuthorTopics,
    closest_candidates,
    collaboration_graph,
    proximity,
    suggest,
    topic_similarity,
)

CHAIN = [{"a": "a", "b": "b", "weight": 1.0}, {"a": "b", "b": "c", "weight": 1.0},
         {"a": "c", "b": "d", "weight": 1.0}]


def _author(author_id: str, **topics: int) -> AuthorTopics:
    return AuthorTopics(author_id, author_id.upper(), False,
                        {t: (f"topic {t}", n) for t, n in topics.items()})


def test_topic_similarity_is_the_cosine_of_works_per_topic() -> None:
    assert topic_similarity(_author("a", x=2).topics, _author("b", x=5).topics) == 1.0
    assert topic_similarity(_author("a", x=1).topics, _author("b", y=1).topics) == 0.0
    assert topic_similarity(_author("a").topics, _author("b", y=1).topics) == 0.0
    assert round(topic_similarity(_author("a", x=1, y=1).topics,
                                  _author("b", x=1).topics), 4) == 0.7071


def test_proximity_falls_with_distance_and_is_deterministic() -> None:
    graph = collaboration_graph(["a", "b", "c", "d"], CHAIN)
    ranks = proximity(graph, "a")
    assert ranks["b"] > ranks["c"] > ranks["d"] > 0
    assert ranks == proximity(collaboration_graph(["a", "b", "c", "d"], CHAIN), "a")
    assert closest_candidates(ranks, {"a", "b"}) == ["c", "d"]


def test_an_author_without_collaborations_has_no_candidates() -> None:
    ranks = proximity(collaboration_graph(["a"], []), "a")
    assert closest_candidates(ranks, {"a"}) == []


def test_suggestions_rank_by_fit_times_proximity_and_need_a_shared_topic() -> None:
    graph = collaboration_graph(["a", "b", "c", "d"], CHAIN)
    ranks = proximity(graph, "a")
    names = {"b": "B", "c": "C", "d": "D"}
    found = suggest(graph, _author("a", x=3), [_author("c", x=1, y=3), _author("d", x=2)],
                    ranks, names, limit=5)
    # d is farther but works only on x: its fit outweighs c's closeness
    assert [s.id for s in found] == ["d", "c"]
    assert found[0].path_length == 3 and found[1].path_length == 2
    assert found[1].common_collaborators == [("b", "B")]
    assert found[1].reasons[0] == "1 shared topic: topic x."
    assert suggest(graph, _author("a", z=1), [_author("c", x=1)], ranks, names, 5) == []
