"""ORCID claims against the real service and a local fake ORCID (its authorize page and token
endpoint): the authorize URL, the callback exchanging the code (the API's, and the pages'
one redirect URI that opens the author's page), and the iD that must match the record's."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import httpx
from fastapi.testclient import TestClient
from identity_fakes import FakeOrcid
from identity_helpers import User, page_csrf, sign_in_page
from neo4j import Driver

from core.settings import Settings

RECORD_ORCID = "0000-0002-1825-0097"


def _start(client: TestClient, user: User, author: str = "researcher0") -> tuple[str, str]:
    """Sign in on the pages (the callback comes to the claimant's browser) and start an ORCID
    claim; (claim id, state from the authorize URL)."""
    sign_in_page(client, user.secret)
    response = client.post(f"/api/v1/authors/{author}/claims", headers=user.headers,
                           json={"method": "orcid"})
    assert response.status_code == 201, response.text
    url = urlsplit(response.json()["authorize_url"])
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert url.path == "/oauth/authorize" and query["client_id"] == "APP-TEST"
    assert query["response_type"] == "code" and query["scope"] == "/authenticate"
    return response.json()["claim"]["id"], query["state"]


def _holders(graph: Driver, settings: Settings) -> list[str]:
    records, _, _ = graph.execute_query(
        "MATCH (u:User)-[:CLAIMED]->(:Author {id: 'researcher0'}) RETURN u.id AS id",
        database_=settings.neo4j_database)
    return [r["id"] for r in records]


def test_the_callback_with_the_records_orcid_verifies_the_claim(
        client: TestClient, graph: Driver, settings: Settings, fake_orcid: FakeOrcid,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    _, state = _start(client, ada)
    fake_orcid.codes["good-code"] = RECORD_ORCID
    response = client.get("/api/v1/claims/orcid/callback",
                          params={"code": "good-code", "state": state})
    assert response.status_code == 200, response.text
    assert response.json()["claim"]["status"] == "verified"
    assert response.json()["claim"]["level"] == "L2"
    assert _holders(graph, settings) == [ada.id]
    sent = fake_orcid.requests[-1]
    assert sent["client_secret"] == "orcid-app-secret"
    assert sent["grant_type"] == "authorization_code"
    # The state is single-use.
    fake_orcid.codes["second"] = RECORD_ORCID
    again = client.get("/api/v1/claims/orcid/callback", params={"code": "second",
                                                                "state": state})
    assert again.status_code == 404


def test_the_owners_orcid_sign_in_cannot_complete_someone_elses_claim(
        client: TestClient, graph: Driver, settings: Settings, fake_orcid: FakeOrcid,
        make_user: Callable[[str], User]) -> None:
    mallory, owner = make_user("mallory"), make_user("owner")
    _, state = _start(client, mallory)  # mallory sends the ORCID link to the record's owner
    fake_orcid.codes["owners-code"] = RECORD_ORCID
    for browser in (None, owner):  # the owner's browser: signed out, or signed in as owner
        client.cookies.clear()
        if browser is not None:
            sign_in_page(client, browser.secret)
        response = client.get("/api/v1/claims/orcid/callback",
                              params={"code": "owners-code", "state": state})
        assert response.status_code in (401, 404)
    assert _holders(graph, settings) == []


def test_a_different_orcid_id_fails_and_is_counted(
        client: TestClient, graph: Driver, settings: Settings, fake_orcid: FakeOrcid,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    claim_id, state = _start(client, ada)
    fake_orcid.codes["other-person"] = "0000-0001-5109-3700"
    response = client.get("/api/v1/claims/orcid/callback",
                          params={"code": "other-person", "state": state})
    assert response.status_code == 403 and "not the one on" in response.json()["detail"]
    assert _holders(graph, settings) == []
    claim = client.get(f"/api/v1/claims/{claim_id}", headers=ada.headers).json()
    assert claim["attempts"] == 1 and claim["status"] == "pending"
    refused = client.post(f"/api/v1/claims/{claim_id}/verify", headers=ada.headers,
                          json={"code": "never-issued"})
    assert refused.status_code == 422 and "ORCID refused" in refused.json()["detail"]


def test_the_callback_needs_a_known_state_and_a_live_token(
        client: TestClient, graph: Driver, settings: Settings, fake_orcid: FakeOrcid,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    assert client.get("/api/v1/claims/orcid/callback",
                      params={"code": "x", "state": "forged"}).status_code == 404
    _, state = _start(client, ada)
    client.delete(f"/api/v1/tokens/{ada.token_id}", headers=ada.headers)
    fake_orcid.codes["late"] = RECORD_ORCID
    response = client.get("/api/v1/claims/orcid/callback", params={"code": "late",
                                                                   "state": state})
    assert response.status_code == 401
    assert _holders(graph, settings) == []


def test_a_record_without_an_orcid_id_cannot_be_claimed_with_orcid(
        client: TestClient, make_user: Callable[[str], User]) -> None:
    response = client.post("/api/v1/authors/researcher1/claims",
                           headers=make_user("ada").headers, json={"method": "orcid"})
    assert response.status_code == 422 and "no ORCID iD" in response.json()["detail"]


def _back_from_orcid(authorize_url: str) -> str:
    """The person at the fake ORCID's sign-in page: where it sends their browser back."""
    answer = httpx.get(authorize_url, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    return str(answer.headers["location"])


def test_the_pages_callback_completes_the_claim_and_opens_the_authors_page(
        client: TestClient, graph: Driver, settings: Settings, fake_orcid: FakeOrcid,
        make_user: Callable[[str], User]) -> None:
    fake_orcid.reset()
    fake_orcid.next_orcid = RECORD_ORCID
    ada = make_user("ada")
    sign_in_page(client, ada.secret)
    started = client.post("/api/v1/authors/researcher0/claims", headers=ada.headers,
                          json={"method": "orcid"}).json()
    callback = _back_from_orcid(started["authorize_url"])
    assert urlsplit(callback).path == "/orcid/callback"  # the one redirect URI
    done = client.get(callback, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/authors/researcher0"
    assert _holders(graph, settings) == [ada.id]
    assert "This record is yours" in client.get("/authors/researcher0").text
    again = client.get(callback)  # the state is used up
    assert again.status_code == 422 and "not one we are waiting for" in again.text


def test_on_the_pages_a_failed_orcid_claim_says_what_to_do_next(
        client: TestClient, graph: Driver, settings: Settings, fake_orcid: FakeOrcid,
        make_user: Callable[[str], User]) -> None:
    fake_orcid.reset()
    fake_orcid.next_orcid = "0000-0001-5109-3700"  # not the record's iD
    ada, eve = make_user("ada"), make_user("eve")
    _, state = _start(client, ada)
    wrong = client.get(_back_from_orcid(f"{fake_orcid.url}/oauth/authorize?state={state}"
                                        "&redirect_uri=http://testserver/orcid/callback"))
    assert wrong.status_code == 403
    assert "you signed in with is not the one on this" in wrong.text
    assert 'href="/authors/researcher0"' in wrong.text and "/api/" not in wrong.text
    fake_orcid.deny = True
    _, state = _start(client, ada)
    denied = client.get(_back_from_orcid(f"{fake_orcid.url}/oauth/authorize?state={state}"
                                         "&redirect_uri=http://testserver/orcid/callback"))
    assert denied.status_code == 403 and "You chose not to share your ORCID iD" in denied.text
    fake_orcid.deny = False
    _, state = _start(client, ada)  # the link opened where eve is signed in
    client.cookies.clear()
    sign_in_page(client, eve.secret)
    elsewhere = client.get(_back_from_orcid(f"{fake_orcid.url}/oauth/authorize?state={state}"
                                            "&redirect_uri=http://testserver/orcid/callback"))
    assert elsewhere.status_code == 401 and "did not come back to the browser" in elsewhere.text
    assert _holders(graph, settings) == []


def test_a_page_sign_in_that_comes_back_to_the_api_callback_goes_on_to_the_pages(
        client: TestClient, fake_orcid: FakeOrcid) -> None:
    fake_orcid.reset()
    pressed = client.post("/signin/orcid", data={"csrf_token": page_csrf(client), "next": "/"},
                          follow_redirects=False)
    callback = urlsplit(_back_from_orcid(pressed.headers["location"]))
    old = client.get(f"/api/v1/claims/orcid/callback?{callback.query}", follow_redirects=False)
    assert old.status_code == 303
    assert old.headers["location"] == f"/orcid/callback?{callback.query}"
    signed_in = client.get(old.headers["location"], follow_redirects=False)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/welcome?next=/"
