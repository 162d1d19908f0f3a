"""Follow and unfollow against the real service: idempotent, counted on the profile, marked
for rescoring, and always as the token's own user."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from identity_helpers import User
from neo4j import Driver

from core.settings import Settings


def _changed_at(graph: Driver, settings: Settings, author: str) -> object:
    records, _, _ = graph.execute_query("MATCH (a:Author {id: $id}) RETURN a.changed_at AS c",
                                        id=author, database_=settings.neo4j_database)
    return records[0]["c"]


def test_follow_is_idempotent_counted_on_the_profile_and_marks_rescoring(
        client: TestClient, graph: Driver, settings: Settings,
        make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    before = _changed_at(graph, settings, "researcher0")
    first = client.put("/api/v1/authors/researcher0/follow", headers=ada.headers)
    again = client.put("/api/v1/authors/researcher0/follow", headers=ada.headers)
    assert first.status_code == again.status_code == 200
    assert again.json()["followers"] == 1 and again.json()["since"] == first.json()["since"]
    assert _changed_at(graph, settings, "researcher0") != before
    client.put("/api/v1/authors/researcher0/follow", headers=bob.headers)
    profile = client.get("/api/v1/authors/researcher0").json()
    assert profile["counts"]["followers"] == 2
    gone = client.delete("/api/v1/authors/researcher0/follow", headers=ada.headers)
    gone_again = client.delete("/api/v1/authors/researcher0/follow", headers=ada.headers)
    assert gone.json() == gone_again.json() == {"author_id": "researcher0", "following": False,
                                                "followers": 1, "since": None}
    assert client.get("/api/v1/authors/researcher0").json()["counts"]["followers"] == 1


def test_a_follow_is_always_the_token_owners_own(client: TestClient,
                                                 make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    client.put("/api/v1/authors/researcher0/follow", headers=ada.headers)
    client.put("/api/v1/authors/researcher2/follow", headers=ada.headers)
    # A user named in the body or query is ignored: the token says who acts.
    client.put("/api/v1/authors/researcher1/follow?user_id=" + ada.id, headers=bob.headers)
    mine = client.get("/api/v1/users/me/following", headers=ada.headers).json()["authors"]
    assert [a["id"] for a in mine] == ["researcher2", "researcher0"]
    theirs = client.get("/api/v1/users/me/following", headers=bob.headers).json()["authors"]
    assert [a["id"] for a in theirs] == ["researcher1"]
    # Bob unfollowing researcher0 does not touch Ada's follow.
    client.delete("/api/v1/authors/researcher0/follow", headers=bob.headers)
    assert client.get("/api/v1/authors/researcher0").json()["counts"]["followers"] == 1


def test_following_an_unknown_author_is_404(client: TestClient,
                                            make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    response = client.put("/api/v1/authors/nobody-here/follow", headers=ada.headers)
    assert response.status_code == 404 and "nobody-here" in response.json()["detail"]
